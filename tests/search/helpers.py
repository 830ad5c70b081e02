"""Content for the search tests, made through the models so the index receivers see every change."""

import datetime
import importlib
import itertools

import pytest
from django.apps import apps
from django.db import connection
from django.utils import timezone

from faq.models import Category, Question
from guidance.models import Guide
from publishing.models import Audience, Status, Topic

_numbers = itertools.count(1)

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="spelling suggestions use pg_trgm, which only PostgreSQL has"
)


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def _publication(status, publish_at, updated_days_ago):
    if status not in (Status.PUBLISHED, Status.WITHDRAWN):
        return {"status": status, "publish_at": publish_at}
    publish_at = publish_at or days_ago(max(updated_days_ago, 1) + 1)
    updated = min(publish_at, days_ago(updated_days_ago)) if publish_at <= timezone.now() else publish_at
    return {
        "status": status,
        "publish_at": publish_at,
        "first_published_at": publish_at,
        "last_major_change_at": updated,
    }


def make_topic(title, slug=None):
    return Topic.objects.get_or_create(slug=slug or title.lower().replace(" ", "-"), defaults={"title": title})[0]


def make_question(
    title,
    summary="A short answer.",
    body="",
    *,
    status=Status.PUBLISHED,
    publish_at=None,
    updated_days_ago=10,
    topics=(),
    audience=Audience.EVERYONE,
    **fields,
):
    """An FAQ answer, published ten days ago unless told otherwise."""
    number = next(_numbers)
    category = Category.objects.get_or_create(slug="search-tests", defaults={"title": "Search tests"})[0]
    question = Question.objects.create(
        title=title,
        slug=fields.pop("slug", f"search-question-{number}"),
        summary=summary,
        body=body,
        category=category,
        audience=audience,
        **_publication(status, publish_at, updated_days_ago),
        **fields,
    )
    if topics:
        question.topics.set(topics)
    return question


def make_guide(
    title,
    summary="A short guide.",
    body="",
    *,
    status=Status.PUBLISHED,
    publish_at=None,
    updated_days_ago=10,
    topics=(),
    audience=Audience.EVERYONE,
    **fields,
):
    """A guide, published ten days ago unless told otherwise."""
    number = next(_numbers)
    guide = Guide.objects.create(
        title=title,
        slug=fields.pop("slug", f"search-guide-{number}"),
        summary=summary,
        body=body,
        audience=audience,
        **_publication(status, publish_at, updated_days_ago),
        **fields,
    )
    if topics:
        guide.topics.set(topics)
    return guide


def titles(outcome):
    return [result.entry.title for result in outcome.results]


def ensure_default_synonyms():
    """The synonyms the migrations seed. A test database kept between runs (--reuse-db) may have been
    emptied by a transactional test, so tests that rely on them put them back first."""
    for name in ("0003_default_synonyms", "0005_dwp_synonym"):
        migration = importlib.import_module(f"search.migrations.{name}")
        (migration.add_defaults if hasattr(migration, "add_defaults") else migration.add)(apps, None)
