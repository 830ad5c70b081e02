"""The public change notes feeds list: first publications and major changes of items readers can see now."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from publishing.models import ChangeNote
from publishing.registry import kind_for

FEED_LENGTH = 20


@dataclass
class Entry:
    """One public change note, with the item it belongs to."""

    item: object
    note_id: int
    changed_at: object
    note: str
    base_url: str = ""

    @property
    def kind_label(self):
        return kind_for(type(self.item)).label


def change_entries(models, *, topic=None, limit=FEED_LENGTH, now=None):
    """The newest change notes of the given kinds' items that readers can see now (on a topic, if given),
    newest first. Two queries per kind, whatever the amount of content: the kind's newest notes among its
    readable items, then those notes' items. Minor changes have no note, so they never appear."""
    now = now or timezone.now()
    notes = []
    for model, content_type in ContentType.objects.get_for_models(*models).items():
        readable = model.objects.published(now)
        if topic is not None:
            readable = readable.filter(topics=topic)
        notes += [
            (note, model)
            for note in ChangeNote.objects.filter(
                content_type=content_type, object_id__in=readable.values("pk"), changed_at__lte=now
            ).order_by("-changed_at", "-id")[:limit]
        ]
    notes.sort(key=lambda pair: (pair[0].changed_at, pair[0].id), reverse=True)
    notes = notes[:limit]
    items = _items_of(notes, now)
    return [
        Entry(items[model, note.object_id], note.id, note.changed_at, note.note)
        for note, model in notes
        if (model, note.object_id) in items
    ]


def _items_of(notes, now):
    wanted = {}
    for note, model in notes:
        wanted.setdefault(model, set()).add(note.object_id)
    return {
        (model, item.pk): item
        for model, ids in wanted.items()
        for item in model.objects.published(now).filter(pk__in=ids).defer("body", "body_html", "headings")
    }
