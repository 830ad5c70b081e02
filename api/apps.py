from django.apps import AppConfig


class ApiConfig(AppConfig):
    """A read-only JSON API over published content, for other services to reuse the guidance."""

    name = "api"
    verbose_name = "Content API"
