"""The admin site: sign-in with a code from an authenticator app, required for publishers in production."""

from django.contrib.admin import AdminSite
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.views.decorators.cache import never_cache

from sharedservices import admin_views, two_factor
from sharedservices.sign_in_forms import PortalAuthenticationForm

# The admin's sections for third-party apps, named for what they hold rather than the package.
PLAIN_MODEL_NAMES = {
    ("axes", "accessattempt"): "Failed sign-ins",
    ("axes", "accesslog"): "Sign-ins",
    ("axes", "accessfailurelog"): "Failed sign-in log",
    ("otp_totp", "totpdevice"): "Authenticator apps",
}


class PortalAdminSite(AdminSite):
    site_header = "Shared Services Guidance: editing"
    site_title = "Shared Services Guidance editing"
    index_title = "Content"
    login_form = PortalAuthenticationForm
    login_template = "admin/portal_login.html"

    def has_permission(self, request):
        if not super().has_permission(request):
            return False
        return not two_factor.two_factor_required_for(request.user) or request.user.is_verified()

    def get_urls(self):
        # Not wrapped in admin_view: someone part-way through signing in must reach it to set up their app.
        set_up = never_cache(self.two_factor_set_up_view)
        return [path("two-factor/", set_up, name="two_factor_set_up"), *super().get_urls()]

    def two_factor_set_up_view(self, request):
        return admin_views.two_factor_set_up(request, self)

    def login(self, request, extra_context=None):
        """Django's admin sign-in, with a view that sends someone who must set up an app to do so first."""
        if request.method == "GET" and self.has_permission(request):
            return HttpResponseRedirect(reverse("admin:index", current_app=self.name))
        context = {
            **self.each_context(request),
            "title": "Sign in",
            "app_path": request.get_full_path(),
            "username": request.user.get_username(),
        }
        if REDIRECT_FIELD_NAME not in request.GET and REDIRECT_FIELD_NAME not in request.POST:
            context[REDIRECT_FIELD_NAME] = reverse("admin:index", current_app=self.name)
        request.current_app = self.name
        view = admin_views.PortalLoginView.as_view(
            extra_context={**context, **(extra_context or {})},
            authentication_form=self.login_form,
            template_name=self.login_template,
        )
        return view(request)

    def get_app_list(self, request, app_label=None):
        app_list = super().get_app_list(request, app_label)
        for app in app_list:
            for model in app["models"]:
                model["name"] = PLAIN_MODEL_NAMES.get((app["app_label"], model["object_name"].lower()), model["name"])
            app["models"].sort(key=lambda model: model["name"])
        return app_list
