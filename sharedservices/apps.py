from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    default_site = "sharedservices.admin_site.PortalAdminSite"


class SharedServicesConfig(AppConfig):
    name = "sharedservices"
    verbose_name = "Shared Services Guidance"

    def ready(self):
        from sharedservices import audit, checks  # noqa: F401 - connect the sign-in audit receivers and checks
        from sharedservices.page_cache import connect_invalidation

        connect_invalidation()
