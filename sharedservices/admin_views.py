"""The portal's own admin pages: signing in, and setting up two-factor sign-in."""

from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth.views import LoginView
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django_otp import login as otp_login

from sharedservices import two_factor
from sharedservices.audit import log_two_factor_set_up
from sharedservices.sign_in_forms import TwoFactorSetUpForm

CODE_REFUSED = "That code did not work. Wait for the app to show a new code, then enter it."


class PortalLoginView(LoginView):
    def form_valid(self, form):
        if form.needs_two_factor_set_up:
            two_factor.set_up_begin(self.request, form.get_user(), self.get_success_url())
            return HttpResponseRedirect(reverse("admin:two_factor_set_up"))
        return super().form_valid(form)


def two_factor_set_up(request, site):
    """Set up an authenticator app: by choice once signed in, or before signing in for someone who must use one."""
    signing_in = not site.has_permission(request)
    user, next_url = two_factor.set_up_pending(request) if signing_in else (request.user, None)
    if user is None:
        return redirect("admin:login")
    context = {**site.each_context(request), "title": "Set up two-factor sign-in", "signing_in": signing_in}
    if two_factor.has_two_factor_device(user):
        return TemplateResponse(request, "admin/two_factor_set_up.html", {**context, "already_set_up": True})
    device = two_factor.set_up_device_for(user)
    form = TwoFactorSetUpForm(request.POST or None)
    if form.is_valid():
        confirmed = two_factor.set_up_confirm(device, form.cleaned_data["code"])
        if confirmed is not None:
            return _set_up_finished(request, user, confirmed, next_url, signing_in=signing_in)
        form.add_error("code", CODE_REFUSED)
    context |= {
        "form": form,
        "required": two_factor.two_factor_required_for(user),
        "qr_code": mark_safe(two_factor.qr_code_svg(device)),  # noqa: S308 - made by segno from our own link
        "key": two_factor.key_for_typing(device),
        "account": user.get_username(),
    }
    return TemplateResponse(request, "admin/two_factor_set_up.html", context)


def _set_up_finished(request, user, device, next_url, *, signing_in):
    if signing_in:
        user.otp_device = device  # django-otp marks the new session verified as it signs the person in
        auth_login(request, user)
        two_factor.set_up_end(request)
    else:
        otp_login(request, device)
    log_two_factor_set_up(request, user)
    messages.success(
        request, "Two-factor sign-in is set up. Each time you sign in, enter a code from your authenticator app."
    )
    safe = next_url and url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure())
    return redirect(next_url if safe else "admin:index")
