"""Reads for the site-wide pages that span every content type."""

from functools import reduce
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from publishing.models import ChangeNote
from publishing.registry import content_models


def latest_updates(*, limit=5, now=None):
    """The newest public change notes (first publication or a major change) of items readers can see.

    Returns dicts of item, changed_at and note, newest first. Visibility is
    decided in SQL, so drafts, withdrawn and future-scheduled items never take
    a place: one query for the notes, then one per content type among them.
    """
    now = now or timezone.now()
    types = ContentType.objects.get_for_models(*content_models())
    readable = reduce(
        or_,
        (
            # A correlated EXISTS, not IN (every published id): PostgreSQL then walks the notes
            # newest first and stops at the limit, however much content there is.
            Q(content_type=content_type) & Q(Exists(model.objects.published(now).filter(pk=OuterRef("object_id"))))
            for model, content_type in types.items()
        ),
        Q(pk__in=[]),
    )
    notes = list(ChangeNote.objects.filter(readable, changed_at__lte=now).order_by("-changed_at", "-id")[:limit])
    wanted = {}
    for note in notes:
        wanted.setdefault(note.content_type_id, set()).add(note.object_id)
    items = {}
    for model, content_type in types.items():
        if content_type.pk in wanted:
            for item in model.objects.filter(pk__in=wanted[content_type.pk]).only("title", "slug").order_by():
                items[content_type.pk, item.pk] = item
    return [
        {"item": items[note.content_type_id, note.object_id], "changed_at": note.changed_at, "note": note.note}
        for note in notes
        if (note.content_type_id, note.object_id) in items
    ]
