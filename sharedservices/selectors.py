"""Reads for the site-wide pages that span every content type."""

import datetime
from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.db import connections, router
from django.db.models import IntegerField, Value
from django.utils import timezone

from publishing.models import ChangeNote
from publishing.registry import content_models
from sharedservices.prepared import prepared_cursor


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
    updates, before = [], None
    for _ in range(most_batches):
        notes_batch = recent_notes(list(kinds), now, batch, before)
        readable = readable_items(notes_batch, kinds, now)
        updates += [
            {"item": readable[note.content_type_id, note.object_id], "changed_at": note.changed_at, "note": note.note}
            for note in notes_batch
            if (note.content_type_id, note.object_id) in readable
        ]
        if len(updates) >= limit or len(notes_batch) < batch:
            break
        before = notes_batch[-1]
    return updates[:limit]


class Note(NamedTuple):
    id: int
    content_type_id: int
    object_id: int
    changed_at: datetime.datetime
    note: str


# The newest notes of these kinds by now (newest first, from changenote_recent_idx), after `before` when there is
# one. In SQL, and prepared on PostgreSQL (its shape is the same on every request, but for the next batches'):
# building it with the ORM and planning it took several times as long as running it.
RECENT_NOTES = (
    "SELECT id, content_type_id, object_id, changed_at, note FROM publishing_changenote "
    "WHERE content_type_id IN ({kinds}) AND changed_at <= %s {before}ORDER BY changed_at DESC, id DESC LIMIT %s"
)
BEFORE_NOTE = "AND (changed_at < %s OR (changed_at = %s AND id < %s)) "


def recent_notes(kinds, now, batch, before=None):
    """[Note] of up to `batch` of the newest change notes of these content types by now, older than `before`."""
    sql = RECENT_NOTES.format(kinds=", ".join(["%s"] * len(kinds)), before=BEFORE_NOTE if before else "")
    params = [*kinds, now, *((before.changed_at, before.changed_at, before.id) if before else ()), batch]
    connection = connections[router.db_for_read(ChangeNote)]
    with prepared_cursor(connection) as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    # SQLite keeps times in UTC without their zone, which the ORM would have put back.
    return [Note(*row[:3], aware_utc(row[3]), row[4]) for row in rows]


def aware_utc(moment):
    return timezone.make_aware(moment, datetime.UTC) if timezone.is_naive(moment) else moment


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
