from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PublishingConfig(AppConfig):
    name = "publishing"
    verbose_name = "Publishing"
    # Demo content loaders, run in this order before those of later apps.
    content_loaders = ["publishing.content.TopicLoader"]

    def ready(self):
        from publishing import groups

        # Runs after every migrate (and after test flushes), so permissions for
        # content types added by later apps are always granted to the groups.
        post_migrate.connect(groups.sync_groups, dispatch_uid="publishing.sync_groups")
