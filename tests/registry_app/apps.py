from django.apps import AppConfig


class RegistryAppConfig(AppConfig):
    """A test-only app holding a content model that is not registered as a kind until a test does so."""

    name = "tests.registry_app"
    label = "notes"
