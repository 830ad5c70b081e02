"""The admin's sign-in form and the form that confirms a newly set-up authenticator app."""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError

from sharedservices import two_factor

SIGN_IN_REFUSED = "The username, password or code is not right. Check them and try again."


class CodeField(forms.CharField):
    def __init__(self, **kwargs):
        widget = forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "size": 8})
        super().__init__(label="Code from your authenticator app", max_length=20, widget=widget, **kwargs)


class PortalAuthenticationForm(AdminAuthenticationForm):
    """Username and password, then a code for anyone who has set up an authenticator app.

    A wrong or missing code is refused like a wrong password (the same message, counted towards the lock-out and
    logged), so the page never tells anyone that the password was right.
    """

    error_messages = {**AdminAuthenticationForm.error_messages, "invalid_login": SIGN_IN_REFUSED}
    code = CodeField(
        required=False,
        help_text="Only if you have set up two-factor sign-in: the 6-digit code the app shows now.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.needs_two_factor_set_up = False

    def clean_username(self):
        # Django skips its own length check on sign-in, and the lock-out table holds 255 characters:
        # a name no account can have is an ordinary failed sign-in, before anything is recorded.
        username = self.cleaned_data.get("username")
        if username is not None and len(username) > self.fields["username"].max_length:
            raise self.get_invalid_login_error()
        return username

    def clean(self):
        super().clean()
        user = self.get_user()
        if user is None:
            return self.cleaned_data
        if two_factor.has_two_factor_device(user):
            device = two_factor.device_accepting(user, self.cleaned_data.get("code"))
            if device is None:
                self._refuse_wrong_code(user)
            user.otp_device = device  # django-otp marks the session verified when the person is signed in
        elif two_factor.two_factor_required_for(user):
            self.needs_two_factor_set_up = True
        return self.cleaned_data

    def _refuse_wrong_code(self, user):
        # The signal a wrong password sends: django-axes counts it and the audit log records it.
        user_login_failed.send(
            sender=__name__, credentials={"username": user.get_username()}, request=self.request, reason="wrong_code"
        )
        raise self.get_invalid_login_error()


class TwoFactorSetUpForm(forms.Form):
    code = CodeField(help_text="The 6-digit code the app shows for Shared Services Guidance.")

    def clean_code(self):
        code = two_factor.normalised_code(self.cleaned_data["code"])
        if len(code) != 6 or not code.isdigit():
            raise ValidationError("Enter the 6-digit code your authenticator app shows, for example 123456.")
        return code
