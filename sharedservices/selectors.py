"""Reads for the site-wide pages that span every content type."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import IntegerField, Q, Value
from django.utils import timezone

from publishing.models import ChangeNote
from publishing.registry import content_models


def latest_updates(*, limit=5, now=None, batch=20, most_batches=10):
    """The newest public change notes (first publication or a major change) of items readers can see.

    Returns dicts of item, changed_at and note, newest first. Drafts, withdrawn
    and future-scheduled items never take a place. Notes are read newest first
    in batches, and each batch's items are looked up with one query per kind of
    content among them, so the cost does not depend on how much content there
    is. (Filtering the notes by "item is readable" in SQL made PostgreSQL hash
    every published id of every kind on each request.)
    """
    now = now or timezone.now()
    kinds = {
        content_type.pk: model for model, content_type in ContentType.objects.get_for_models(*content_models()).items()
    }
    notes = ChangeNote.objects.filter(content_type_id__in=kinds, changed_at__lte=now).order_by("-changed_at", "-id")
    updates = []
    for _ in range(most_batches):
        notes_batch = list(notes[:batch])
        readable = readable_items(notes_batch, kinds, now)
        updates += [
            {"item": readable[note.content_type_id, note.object_id], "changed_at": note.changed_at, "note": note.note}
            for note in notes_batch
            if (note.content_type_id, note.object_id) in readable
        ]
        if len(updates) >= limit or len(notes_batch) < batch:
            break
        last = notes_batch[-1]
        notes = notes.filter(Q(changed_at__lt=last.changed_at) | Q(changed_at=last.changed_at, id__lt=last.id))
    return updates[:limit]


LISTED = ("id", "title", "slug")


def readable_items(notes, kinds, now):
    """{(content type id, object id): item} for the notes' items that readers can see now, in one query."""
    wanted = {}
    for note in notes:
        wanted.setdefault(note.content_type_id, set()).add(note.object_id)
    if not wanted:
        return {}
    parts = [
        kinds[content_type_id]
        .objects.published(now)
        .filter(pk__in=ids)
        .annotate(kind=Value(content_type_id, output_field=IntegerField()))
        .values_list("kind", *LISTED)
        .order_by()
        for content_type_id, ids in wanted.items()
    ]
    rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return {
        (content_type_id, values[0]): kinds[content_type_id].from_db(rows.db, LISTED, values)
        for content_type_id, *values in rows
    }


def template_text(template_name):
    """The words of a page's main content, rendered from its template, for the search index."""
    from django.template.loader import render_to_string

    from search.indexing import html_to_text

    rendered = render_to_string(template_name)
    start, end = rendered.find("<main"), rendered.rfind("</main>")
    return html_to_text(rendered[start:end] if 0 <= start < end else rendered)
