from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    default_site = "sharedservices.admin_site.PortalAdminSite"


class SharedServicesConfig(AppConfig):
    name = "sharedservices"
    verbose_name = "Shared Services Guidance"

    def ready(self):
        from sharedservices import audit  # noqa: F401 - connects the sign-in audit receivers
        from sharedservices.page_cache import connect_invalidation

        connect_invalidation()
