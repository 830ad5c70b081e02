"""Workflow services: every change of an item's status goes through here.

Each service checks the rule it enforces, writes a revision and an audit event,
and tells listeners (search index, page cache) that readers' view changed.
"""

import logging
from dataclasses import dataclass

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from publishing.dates import date_text, datetime_text
from publishing.models import REVIEW_INTERVAL, ChangeNote, ChangeType, SlugRedirect, Status, WorkflowEvent
from publishing.registry import content_models
from publishing.signals import content_changed

audit = logging.getLogger("publishing.audit")

PUBLISH_PERMISSION = "publishing.publish_content"


class WorkflowError(ValidationError):
    """A workflow step that is not allowed now; the message says why, for the editor."""


def can_publish(user):
    return user.is_active and user.has_perm(PUBLISH_PERMISSION)


def is_own_change(item, user):
    """Whether this person changed the item's words since it was last published (then someone else must publish)."""
    return user.pk in (item.contributor_ids or [])


def add_contributor(item, user):
    if user is not None and user.pk not in (item.contributor_ids or []):
        item.contributor_ids = [*(item.contributor_ids or []), user.pk]


def _log(item, action, user, note=""):
    WorkflowEvent.objects.create(
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
        object_repr=str(item)[:200],
        action=action,
        user=user,
        note=note,
    )
    audit.info(
        "workflow action=%s model=%s id=%s user=%s note=%r",
        action,
        item._meta.label_lower,
        item.pk,
        getattr(user, "username", None),
        note,
    )


def _log_refusal(item, action, user):
    # A log line rather than a row: the refused action's transaction is rolled back.
    audit.warning(
        "permission refused action=%s model=%s id=%s user=%s",
        action,
        item._meta.label_lower,
        item.pk,
        getattr(user, "username", None),
    )


def _save_revision(item, user, comment):
    with reversion.create_revision():
        item.save()
        reversion.set_user(user)
        reversion.set_comment(comment)


def _require_major_change_note(item):
    if item.change_type == ChangeType.MAJOR and not item.change_note.strip():
        raise WorkflowError("A major change needs a public change note. Add one, or mark the change as minor.")


def item_save_edit(*, item, user, changed=True):
    """Save an editor's change to an item, returning what was saved and whether it became a new draft.

    Editing a live item never changes what readers see: the change becomes the live item's
    pending draft. A change to an item in review needs another review, so it goes back to draft.
    Whoever changes the words becomes a contributor, and no contributor may publish the item.
    """
    item.updated_by = user
    if changed:
        add_contributor(item, user)
    if item.pk is None:
        item.save()
        return item, False
    original = type(item).objects.get(pk=item.pk)
    if original.is_live:
        item.make_draft_of(original)
        item.contributor_ids = [user.pk] if changed else []
        item.save()
        return item, True
    item.version = original.version + 1
    if original.status == Status.IN_REVIEW and changed:
        item.status = Status.DRAFT
    item.save()
    return item, False


@dataclass(frozen=True)
class ActionChoice:
    """A workflow action that fits the item's state, and whether this person may take it now (if not, why)."""

    name: str
    label: str
    allowed: bool = True
    reason: str = ""


ACTION_LABELS = {
    "submit": "Send for review",
    "return": "Return to draft",
    "publish": "Publish",
    "reschedule": "Change the go-live time",
    "unschedule": "Unschedule",
    "confirm": "Confirm still accurate",
    "withdraw": "Withdraw",
}
ONLY_PUBLISHERS = "Only a publisher can do this."
OWN_CHANGE = "You changed this page since it was last published, so another publisher must review and publish it."


def action_choices(item, user):
    """Every action that fits the item's state now, in the order to offer them, each allowed or not (with why)."""
    publisher = can_publish(user)
    names = _actions_for_state(item)
    choices = []
    for name in names:
        allowed, reason = True, ""
        if name in PUBLISHER_ACTIONS and not publisher:
            allowed, reason = False, ONLY_PUBLISHERS
        elif name == "publish" and is_own_change(item, user) and not user.is_superuser:
            allowed, reason = False, OWN_CHANGE
        choices.append(ActionChoice(name, ACTION_LABELS[name], allowed, reason))
    return choices


PUBLISHER_ACTIONS = {"publish", "reschedule", "unschedule", "confirm", "withdraw"}


def _actions_for_state(item):
    if item.status == Status.DRAFT:
        return ["submit"]
    if item.status == Status.IN_REVIEW:
        return ["publish", "return"]
    if item.status == Status.PUBLISHED and item.is_original:
        return ["reschedule", "unschedule"] if item.is_scheduled else ["confirm", "withdraw"]
    return []


def available_actions(item, user):
    """The names of the workflow actions this person may take on this item now."""
    return [choice.name for choice in action_choices(item, user) if choice.allowed]


@transaction.atomic
def item_submit_for_review(*, item, user):
    if item.status != Status.DRAFT:
        raise WorkflowError(f"Only a draft can be sent for review; this item is {item.get_status_display().lower()}.")
    _require_major_change_note(item)
    item.status = Status.IN_REVIEW
    _save_revision(item, user, "Sent for review")
    _log(item, WorkflowEvent.Action.SUBMITTED, user)
    return item


@transaction.atomic
def item_return_to_draft(*, item, user, note=""):
    if item.status != Status.IN_REVIEW:
        raise WorkflowError("Only an item in review can be returned to draft.")
    item.status = Status.DRAFT
    _save_revision(item, user, f"Returned to draft. {note}".strip())
    _log(item, WorkflowEvent.Action.RETURNED, user, note)
    return item


def _check_second_pair_of_eyes(item, user, reason):
    if not can_publish(user):
        _log_refusal(item, "publish", user)
        raise PermissionDenied("Only a publisher can publish.")
    if is_own_change(item, user):
        if not user.is_superuser:
            raise WorkflowError(
                "You made the last change to this item, so another publisher must review and publish it."
            )
        if not reason.strip():
            raise WorkflowError("You made the last change. As a superuser you may publish it, but give a reason.")


def _record_publication(item, at, note):
    item_type = ContentType.objects.get_for_model(item)
    ChangeNote.objects.create(content_type=item_type, object_id=item.pk, changed_at=at, note=note)


def go_live_time(item, publish_at, now):
    """When publishing this item makes it live. A change to a scheduled page keeps the page's embargo unless
    the publisher chose another time; a change to a page readers already see goes live now."""
    live = item.draft_of if not item.is_original else None
    if live is not None and live.is_scheduled:
        return max(publish_at or live.publish_at, now)
    at = max(publish_at or now, now)
    if live is not None and at > now:
        raise WorkflowError(
            "Readers can already see this page, so a change to it goes live when it is published; it cannot be "
            "scheduled. Publish it now, or come back and publish it at the time you need."
        )
    return at


@transaction.atomic
def item_publish(*, item, user, publish_at=None, reason=""):
    """Publish an item in review now, or at publish_at (a new or still-scheduled page only).

    A draft of a live item replaces the live item's content; the live item keeps
    its id, address history and change history.
    """
    if item.status != Status.IN_REVIEW:
        raise WorkflowError("Send the item for review before publishing it.")
    _check_second_pair_of_eyes(item, user, reason)
    _require_major_change_note(item)
    now = timezone.now()
    at = go_live_time(item, publish_at, now)
    if is_own_change(item, user):
        _log(item, WorkflowEvent.Action.SELF_PUBLISHED, user, reason)

    live = _merge_into_live(item, user, at) if not item.is_original else _publish_in_place(item, user, at)
    action = WorkflowEvent.Action.SCHEDULED if at > now else WorkflowEvent.Action.PUBLISHED
    _log(live, action, user, f"Goes live {when(at)}" if at > now else "")
    if at <= now:
        transaction.on_commit(lambda: content_changed.send(sender=type(live), instance=live, action="published"))
    return live


def when(moment):
    """A date and time as editors read them everywhere: 27 November 2026, 2:50pm (UK time)."""
    return datetime_text(moment)


def _apply_change_type(item, at, first_publication):
    if first_publication:
        item.first_published_at = at
        item.last_major_change_at = at
        _record_publication(item, at, "First published.")
    elif item.change_type == ChangeType.MAJOR:
        item.last_major_change_at = at
        _record_publication(item, at, item.change_note.strip())
    item.change_type = ChangeType.MINOR
    item.change_note = ""
    if not item.review_due:
        item.review_due = item.default_review_due(at)


def _publish_in_place(item, user, at):
    first = item.first_published_at is None
    item.contributor_ids = []
    item.status = Status.PUBLISHED
    item.publish_at = at
    item.awaiting_go_live = at > timezone.now()
    item.withdrawn_at = None
    item.withdrawal_reason = ""
    item.version += 1
    _apply_change_type(item, at, first)
    _save_revision(item, user, "Scheduled" if item.awaiting_go_live else "Published")
    return item


def _merge_into_live(draft, user, at):
    live = type(draft).objects.select_for_update().get(pk=draft.draft_of_id)
    if live.slug != draft.slug:
        if type(draft).objects.filter(slug=draft.slug, draft_of__isnull=True).exclude(pk=live.pk).exists():
            raise WorkflowError(f"Another page already uses the address '{draft.slug}'. Change the slug first.")
        SlugRedirect.objects.update_or_create(
            content_type=ContentType.objects.get_for_model(live),
            old_slug=live.slug,
            defaults={"object_id": live.pk},
        )
        # A page may move back to an address it used before.
        SlugRedirect.objects.filter(content_type=ContentType.objects.get_for_model(live), old_slug=draft.slug).delete()
    for name in draft.content_field_names():
        setattr(live, name, getattr(draft, name))
    live.status = Status.PUBLISHED
    live.withdrawn_at = None
    live.withdrawal_reason = ""
    live.version += 1
    live.updated_by = draft.updated_by
    live.contributor_ids = []
    if live.is_scheduled:
        # Still embargoed: the page (and its first-publication note) moves to the chosen time.
        _move_go_live(live, at)
    else:
        _apply_change_type(live, at, live.first_published_at is None)
    if live.publish_at is None or live.publish_at > at:
        live.publish_at = at
    relations = {name: list(getattr(draft, name).all()) for name in draft.many_to_many_names()}
    _repoint_history(draft, live)
    draft.delete()
    _save_revision_with_relations(live, user, relations, "Published changes from a draft")
    return live


def _save_revision_with_relations(item, user, relations, comment):
    with reversion.create_revision():
        item.save()
        for name, values in relations.items():
            getattr(item, name).set(values)
        reversion.set_user(user)
        reversion.set_comment(comment)


def _repoint_history(draft, live):
    """The draft's saves become part of the live item's history, so none is lost. A revision that saved both
    rows (a bulk load, say) keeps the live row's version: one version per item and revision."""
    from reversion.models import Version

    versions = Version.objects.get_for_object(draft)
    versions.filter(revision_id__in=Version.objects.get_for_object(live).values("revision_id")).delete()
    versions.update(object_id=str(live.pk))


def _move_go_live(item, at):
    """A page that has not gone live yet goes live at `at` instead: its dates and first-publication note move too."""
    item.publish_at = at
    item.first_published_at = at
    item.last_major_change_at = at
    item.awaiting_go_live = at > timezone.now()
    item.change_type = ChangeType.MINOR
    item.change_note = ""
    ChangeNote.objects.filter(content_type=ContentType.objects.get_for_model(item), object_id=item.pk).update(
        changed_at=at
    )


def _require_publisher(item, user, action):
    if not can_publish(user):
        _log_refusal(item, action, user)
        raise PermissionDenied("Only a publisher can do that.")


@transaction.atomic
def item_withdraw(*, item, user, reason):
    """Take a page readers can see out of lists and search; its address shows the notice and reason."""
    _require_publisher(item, user, "withdraw")
    if item.is_scheduled:
        raise WorkflowError("This page has not gone live yet. Unschedule it instead: readers will never see it.")
    if item.status != Status.PUBLISHED or not item.is_original:
        raise WorkflowError("Only a published item can be withdrawn.")
    if not reason.strip():
        raise WorkflowError("Give the reason for withdrawing: readers who follow an old link will see it.")
    item.status = Status.WITHDRAWN
    item.withdrawn_at = timezone.now()
    item.withdrawal_reason = reason.strip()
    item.awaiting_go_live = False
    item.version += 1
    _save_revision(item, user, f"Withdrawn: {reason.strip()}")
    _log(item, WorkflowEvent.Action.WITHDRAWN, user, reason)
    transaction.on_commit(lambda: content_changed.send(sender=type(item), instance=item, action="withdrawn"))
    return item


def _require_scheduled(item):
    if not (item.is_original and item.is_scheduled):
        raise WorkflowError("Only a page that is scheduled and has not gone live yet can be unscheduled or moved.")


@transaction.atomic
def item_unschedule(*, item, user):
    """Cancel a scheduled page before it goes live: it goes back to draft, and readers never see its text."""
    _require_publisher(item, user, "unschedule")
    _require_scheduled(item)
    item.status = Status.DRAFT
    item.publish_at = None
    item.awaiting_go_live = False
    item.first_published_at = None
    item.last_major_change_at = None
    item.version += 1
    ChangeNote.objects.filter(content_type=ContentType.objects.get_for_model(item), object_id=item.pk).delete()
    _save_revision(item, user, "Unscheduled: back to draft")
    _log(item, WorkflowEvent.Action.UNSCHEDULED, user)
    return item


@transaction.atomic
def item_reschedule(*, item, user, publish_at):
    """Move a scheduled page's go-live time; a time that has passed (or none) puts it live now."""
    _require_publisher(item, user, "reschedule")
    _require_scheduled(item)
    now = timezone.now()
    at = max(publish_at or now, now)
    _move_go_live(item, at)
    item.version += 1
    _save_revision(item, user, f"Rescheduled to {when(at)}" if at > now else "Published (was scheduled)")
    _log(item, WorkflowEvent.Action.RESCHEDULED, user, f"Goes live {when(at)}" if at > now else "Published now")
    if at <= now:
        transaction.on_commit(lambda: content_changed.send(sender=type(item), instance=item, action="published"))
    return item


@transaction.atomic
def item_confirm_accurate(*, item, user, next_review=None):
    """A publisher confirms a published page is still right: it is marked reviewed today and due again later."""
    _require_publisher(item, user, "confirm")
    if not item.is_live or item.status != Status.PUBLISHED:
        raise WorkflowError("Only a published page can be confirmed as still accurate.")
    today = timezone.localdate()
    if next_review is not None and next_review <= today:
        raise WorkflowError("The next review date must be in the future.")
    item.last_reviewed = today
    item.review_due = next_review or today + REVIEW_INTERVAL
    # Not a change of words: the version stays, so no edit in progress is refused and no preview goes stale.
    with reversion.create_revision():
        item.save(update_fields=["last_reviewed", "review_due", "updated_at"])
        reversion.set_user(user)
        reversion.set_comment(f"Confirmed still accurate; next review due {date_text(item.review_due)}")
    _log(item, WorkflowEvent.Action.CONFIRMED, user, f"Next review due {date_text(item.review_due)}")
    return item


@transaction.atomic
def item_start_draft(*, live, user):
    """A draft copy of a live item, for editing without changing what readers see."""
    existing = type(live).objects.filter(draft_of=live).first()
    if existing:
        return existing
    draft = type(live).objects.get(pk=live.pk)
    relations = {name: list(getattr(live, name).all()) for name in live.many_to_many_names()}
    draft.make_draft_of(live)
    draft.updated_by = user
    draft.change_type = ChangeType.MINOR
    draft.change_note = ""
    _save_revision_with_relations(
        draft, user, relations, f"Draft started from the published page (version {live.version})"
    )
    return draft


@transaction.atomic
def item_restore_version(*, item, version, user):
    """Bring back an old version's content as a draft. Nothing current is overwritten:
    a live item gets a new draft, and a draft's present state stays in its history."""
    target = item_start_draft(live=item, user=user) if item.is_live else item
    fields = version.field_dict
    for name in target.content_field_names():
        if name in fields:
            setattr(target, name, fields[name])
    relations = {
        name: fields[name] for name in target.many_to_many_names() if name in fields and fields[name] is not None
    }
    target.status = Status.DRAFT
    target.updated_by = user
    add_contributor(target, user)
    target.version += 1
    stamp = timezone.localtime(version.revision.date_created)
    _save_revision_with_relations(target, user, relations, f"Restored the version saved on {stamp:%d %B %Y %H:%M}")
    _log(target, WorkflowEvent.Action.RESTORED, user, f"Version {version.pk}")
    return target


@transaction.atomic
def item_recover_deleted(*, version, user):
    """Recover a deleted item as a draft, so it is reviewed again before readers see it."""
    version.revert()
    model = version._model
    item = model.objects.get(pk=version.object_id)
    if item.draft_of_id and not model.objects.filter(pk=item.draft_of_id).exists():
        item.draft_of = None
    item.status = Status.DRAFT
    item.publish_at = None
    item.awaiting_go_live = False
    item.updated_by = user
    item.contributor_ids = [user.pk]
    item.version += 1
    _save_revision(item, user, "Recovered after deletion, as a draft")
    _log(item, WorkflowEvent.Action.RECOVERED, user)
    return item


def items_go_live(*, now=None):
    """Do the follow-up work for scheduled items that have come due. Idempotent."""
    done = []
    for model in content_models():
        for item in model.objects.due_for_go_live(now):
            model.objects.filter(pk=item.pk).update(awaiting_go_live=False)
            content_changed.send(sender=model, instance=item, action="published")
            done.append(item)
    return done
