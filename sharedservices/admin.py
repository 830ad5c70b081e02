"""Sign-in records in the admin: publishers read them, only superusers act on them (through django-axes)."""

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.conf import settings as axes_settings
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin

from sharedservices.admin_site import PLAIN_MODEL_NAMES


class SignInRecordAdmin:
    """Publishers get the view permission only (see SharedServicesConfig.ready); actions are for superusers."""

    def get_actions(self, request):
        # django-axes' clean-up action asks for no permission of its own, and it deletes records.
        return super().get_actions(request) if request.user.is_superuser else {}

    def changelist_view(self, request, extra_context=None):
        title = PLAIN_MODEL_NAMES[("axes", self.model._meta.model_name)]
        return super().changelist_view(request, {"title": title, **(extra_context or {})})


class FailedSignInAdmin(SignInRecordAdmin, AccessAttemptAdmin):
    pass


class SignInAdmin(SignInRecordAdmin, AccessLogAdmin):
    pass


class FailedSignInLogAdmin(SignInRecordAdmin, AccessFailureLogAdmin):
    pass


for model, model_admin in [
    (AccessAttempt, FailedSignInAdmin),
    (AccessLog, SignInAdmin),
    (AccessFailureLog, FailedSignInLogAdmin),
]:
    if admin.site.is_registered(model):
        admin.site.unregister(model)
        # django-axes fills the separate failure log only when asked to; an always-empty list would mislead.
        if model is not AccessFailureLog or axes_settings.AXES_ENABLE_ACCESS_FAILURE_LOG:
            admin.site.register(model, model_admin)
