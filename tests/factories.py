"""Small hand-written factories for the content the tests need."""

import datetime
import itertools

from django.contrib.auth.models import Group, User
from django.utils import timezone

from faq.models import Category, Question
from publishing.groups import EDITORS, PUBLISHERS, sync_groups
from publishing.models import Status

_sequence = itertools.count(1)


def make_user(username, *groups, superuser=False):
    sync_groups()
    user = User.objects.create_user(
        username=username, password="correct-horse-battery-staple", is_staff=True, is_superuser=superuser
    )
    user.groups.set(Group.objects.filter(name__in=groups))
    return user


def make_editor(username="editor"):
    return make_user(username, EDITORS)


def make_publisher(username="publisher"):
    return make_user(username, PUBLISHERS)


def make_category(**fields):
    n = next(_sequence)
    defaults = {"title": f"Category {n}", "slug": f"category-{n}", "position": n}
    return Category.objects.create(**{**defaults, **fields})


def make_question(status=Status.PUBLISHED, publish_at=None, category=None, **fields):
    n = next(_sequence)
    now = timezone.now()
    if status in (Status.PUBLISHED, Status.WITHDRAWN) and publish_at is None:
        publish_at = now - datetime.timedelta(days=1)
    defaults = {
        "title": f"Question number {n}?",
        "slug": f"question-{n}",
        "summary": f"Short answer {n}.",
        "body": f"## Detail\n\nThe full answer {n}.",
        "category": category or make_category(),
        "status": status,
        "publish_at": publish_at,
        "first_published_at": publish_at,
        "last_major_change_at": publish_at,
    }
    return Question.objects.create(**{**defaults, **fields})
