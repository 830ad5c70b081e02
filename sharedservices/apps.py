from axes.apps import AppConfig as AxesConfig
from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPConfig


class PortalAdminConfig(AdminConfig):
    default_site = "sharedservices.admin_site.PortalAdminSite"


# Third-party apps renamed for the admin's home page, which shows an app's name as its section heading.
class SignInRecordsConfig(AxesConfig):
    verbose_name = "Sign-in records"


class TwoFactorDevicesConfig(TOTPConfig):
    verbose_name = "Two-factor devices"


class SharedServicesConfig(AppConfig):
    name = "sharedservices"
    verbose_name = "Shared Services Guidance"

    def ready(self):
        from axes.models import AccessAttempt, AccessFailureLog, AccessLog

        from publishing.registry import register_supporting
        from sharedservices import audit, checks  # noqa: F401 - connect the sign-in audit receivers and checks
        from sharedservices.page_cache import connect_invalidation

        connect_invalidation()
        # Publishers read the sign-in records to see who signed in and who failed; editors do not see them.
        for record in (AccessAttempt, AccessLog, AccessFailureLog):
            register_supporting(record, editor_actions=[], publisher_actions=["view"], cached=False)
