"""The Editors and Publishers groups and what each may do.

Editors write and change content and send it for review. Publishers can also
publish, schedule, withdraw and delete. What each group may do with each model
comes from the content-kind registry. Synced after every migrate, so kinds
added later are covered without another data migration.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

from publishing.registry import permission_grants

EDITORS = "Editors"
PUBLISHERS = "Publishers"


def sync_groups(sender=None, **kwargs):
    # Runs after each app's migrations: an app's permissions exist only once
    # its own post_migrate has run, and adding a permission twice is harmless.
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    publishers, _ = Group.objects.get_or_create(name=PUBLISHERS)
    editor_codenames, publisher_codenames = [], []
    for model, editor_actions, publisher_actions in permission_grants():
        content_type = ContentType.objects.get_for_model(model)
        name = model._meta.model_name
        editor_codenames += [(content_type, f"{action}_{name}") for action in editor_actions]
        publisher_codenames += [(content_type, f"{action}_{name}") for action in publisher_actions]

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
