"""The Editors and Publishers groups and what each may do.

Editors write and change content and send it for review. Publishers can also
publish, schedule, withdraw and delete. Synced after every migrate, so content
types added later are covered without another data migration.
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

EDITORS = "Editors"
PUBLISHERS = "Publishers"


def content_app_models():
    """Models of the apps that hold content (their AppConfig sets content_app = True)."""
    return [
        model
        for config in apps.get_app_configs()
        if getattr(config, "content_app", False)
        for model in config.get_models()
    ]


def sync_groups(sender=None, **kwargs):
    # Runs after each app's migrations: an app's permissions exist only once
    # its own post_migrate has run, and adding a permission twice is harmless.
    from publishing.models import Topic

    editors, _ = Group.objects.get_or_create(name=EDITORS)
    publishers, _ = Group.objects.get_or_create(name=PUBLISHERS)
    editor_codenames, publisher_codenames = [], []
    for model in content_app_models():
        content_type = ContentType.objects.get_for_model(model)
        name = model._meta.model_name
        editor_codenames += [(content_type, f"{action}_{name}") for action in ("add", "change", "view")]
        publisher_codenames += [(content_type, f"{action}_{name}") for action in ("add", "change", "view", "delete")]
    topic_type = ContentType.objects.get_for_model(Topic)
    editor_codenames.append((topic_type, "view_topic"))
    publisher_codenames += [(topic_type, f"{action}_topic") for action in ("add", "change", "view", "delete")]

    def permissions(pairs):
        found = []
        for content_type, codename in pairs:
            permission = Permission.objects.filter(content_type=content_type, codename=codename).first()
            if permission:
                found.append(permission)
        return found

    editors.permissions.add(*permissions(editor_codenames))
    publishers.permissions.add(*permissions(publisher_codenames))
    publish = Permission.objects.filter(content_type__app_label="publishing", codename="publish_content").first()
    if publish:
        publishers.permissions.add(publish)
