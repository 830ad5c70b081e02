"""The admin site: sign-in with optional two-factor codes, required for publishers in production."""

from django.conf import settings
from django.contrib.admin import AdminSite
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django_otp import devices_for_user
from django_otp.admin import OTPAdminAuthenticationForm
from django_otp.models import Device

from publishing.groups import PUBLISHERS


def two_factor_required_for(user):
    """Publishers and superusers must use a one-time code when OTP_REQUIRED is on (production default)."""
    if not settings.OTP_REQUIRED or not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name=PUBLISHERS).exists()


def has_two_factor_device(user):
    return any(True for _ in devices_for_user(user, confirmed=True))


class PortalAuthenticationForm(OTPAdminAuthenticationForm):
    """Password, then a one-time code for anyone who has enrolled a device."""

    def clean_username(self):
        # Django skips its own length check on sign-in, and the lock-out table holds 255 characters:
        # a name no account can have is an ordinary failed sign-in, before anything is recorded.
        username = self.cleaned_data.get("username")
        if username is not None and len(username) > self.fields["username"].max_length:
            raise self.get_invalid_login_error()
        return username

    def clean(self):
        self.cleaned_data = AdminAuthenticationForm.clean(self)
        user = self.get_user()
        if user is None:
            return self.cleaned_data
        if has_two_factor_device(user):
            self.clean_otp(user)
        elif two_factor_required_for(user):
            raise ValidationError(
                "Your account must sign in with a two-factor code, and no authenticator app is set up for it. "
                "Ask an administrator to run: manage.py enrol_totp " + user.get_username(),
                code="two_factor_not_enrolled",
            )
        return self.cleaned_data

    def _chosen_device(self, user):
        # Staff have one authenticator app each, so nobody has to pick it from a list.
        device = super()._chosen_device(user)
        if device is None:
            devices = list(devices_for_user(user, confirmed=True))
            if len(devices) == 1:
                device = Device.from_persistent_id(devices[0].persistent_id, for_verify=True)
        return device


class PortalAdminSite(AdminSite):
    site_header = "Shared Services Guidance: editing"
    site_title = "Shared Services Guidance editing"
    index_title = "Content"
    login_form = PortalAuthenticationForm
    login_template = "admin/portal_login.html"

    def has_permission(self, request):
        if not super().has_permission(request):
            return False
        return not two_factor_required_for(request.user) or request.user.is_verified()
