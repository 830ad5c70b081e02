"""Small hand-written factories for guides and the items they link to."""

import datetime
import itertools

from django.utils import timezone

from faq.models import Category, Question
from guidance.models import Guide
from publishing.markdown import render_markdown
from publishing.models import Audience, ChangeNote, Status, Topic
from toolkit.models import Stage

_numbers = itertools.count(1)


def _next():
    return next(_numbers)


def published_fields(*, days_ago=30):
    at = timezone.now() - datetime.timedelta(days=days_ago)
    return {"status": Status.PUBLISHED, "publish_at": at, "first_published_at": at, "last_major_change_at": at}


def _with_publication(values, fields, published):
    """Published (a month ago) by default; a published or withdrawn status gets publication dates."""
    status = fields.get("status", Status.PUBLISHED if published else Status.DRAFT)
    if status in (Status.PUBLISHED, Status.WITHDRAWN):
        values.update(published_fields())
    values["status"] = status
    values.update(fields)
    return values


def make_topic(title=None, **fields):
    number = _next()
    title = title or f"Topic {number}"
    fields.setdefault("slug", f"topic-{number}")
    return Topic.objects.create(title=title, **fields)


def make_guide(title=None, *, audience=Audience.EVERYONE, published=True, topics=(), **fields):
    """A guide; published (a month ago) unless published=False or a status is given."""
    number = _next()
    values = {
        "title": title or f"Guide {number}",
        "slug": f"guide-{number}",
        "summary": f"Summary of guide {number}.",
        "body": "Some words.",
        "audience": audience,
    }
    _with_publication(values, fields, published)
    guide = Guide.objects.create(**values)
    if topics:
        guide.topics.set(topics)
    return guide


def make_guides(count, *, audience=Audience.EVERYONE, topics=(), body="Some words.", **fields):
    """Many published guides in a few queries, each with topics and a change note."""
    body_html, headings = render_markdown(body)
    numbers = [_next() for _ in range(count)]
    guides = Guide.objects.bulk_create(
        Guide(
            title=f"Bulk guide {number}",
            slug=f"bulk-guide-{number}",
            summary=f"Summary of bulk guide {number}.",
            body=body,
            body_html=body_html,
            headings=headings,
            audience=audience,
            position=position,
            **{**published_fields(), **fields},
        )
        for position, number in enumerate(numbers)
    )
    Through = Guide.topics.through
    Through.objects.bulk_create(Through(guide=g, topic=t) for g in guides for t in topics)
    ChangeNote.objects.bulk_create(
        ChangeNote(item=g, changed_at=g.first_published_at, note="First published.") for g in guides
    )
    return guides


def make_category(**fields):
    number = _next()
    fields.setdefault("title", f"Category {number}")
    fields.setdefault("slug", f"category-{number}")
    return Category.objects.create(**fields)


def make_question(title=None, *, category=None, published=True, topics=(), **fields):
    number = _next()
    values = {
        "title": title or f"Question {number}?",
        "slug": f"question-{number}",
        "summary": f"Answer {number}.",
        "body": "An answer.",
        "category": category or make_category(),
    }
    _with_publication(values, fields, published)
    question = Question.objects.create(**values)
    if topics:
        question.topics.set(topics)
    return question


def make_stage(title=None, *, published=True, topics=(), **fields):
    number = _next()
    values = {
        "title": title or f"Stage {number}",
        "slug": f"stage-{number}",
        "summary": f"Stage {number} summary.",
        "purpose": "Why it matters.",
        "position": number,
    }
    _with_publication(values, fields, published)
    stage = Stage.objects.create(**values)
    if topics:
        stage.topics.set(topics)
    return stage


def add_change_note(item, note, *, days_ago=1):
    return ChangeNote.objects.create(
        item=item, changed_at=timezone.now() - datetime.timedelta(days=days_ago), note=note
    )
