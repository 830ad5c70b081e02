from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PublishingConfig(AppConfig):
    name = "publishing"
    verbose_name = "Publishing"

    def ready(self):
        from publishing import groups
        from publishing.loaders import TopicLoader
        from publishing.models import ChangeNote, SlugRedirect, Topic, WorkflowEvent
        from publishing.registry import register_supporting

        # Editors may use topics; only publishers change the list. Topics load before any content that names them.
        register_supporting(Topic, editor_actions=["view"], loaders=[TopicLoader])
        # Written by the workflow, never edited directly, but readers see them (change history, old addresses).
        register_supporting(ChangeNote, editor_actions=[], publisher_actions=[])
        register_supporting(SlugRedirect, editor_actions=[], publisher_actions=[])
        # The workflow log: publishers read it (the admin lets nobody change it); readers never see it.
        register_supporting(WorkflowEvent, editor_actions=[], publisher_actions=["view"], cached=False)
        # Runs after every migrate (and after test flushes), so permissions for
        # content types added by later apps are always granted to the groups.
        post_migrate.connect(groups.sync_groups, dispatch_uid="publishing.sync_groups")
