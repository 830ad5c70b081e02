"""load_demo_content and export_content: idempotent, never overwrite an editor, all or nothing, lossless."""

import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from faq.models import Category, Question
from publishing.models import ChangeNote, Status, Topic
from publishing.workflow import item_start_draft
from tests.factories import make_editor

pytestmark = pytest.mark.django_db

CONTENT = Path(settings.BASE_DIR) / "content"


def load(path=CONTENT):
    call_command("load_demo_content", path=str(path))


@pytest.fixture
def small_content(tmp_path):
    """A copy of the topics and FAQ demo content that a test may change."""
    root = tmp_path / "content"
    shutil.copytree(CONTENT / "topics", root / "topics")
    shutil.copytree(CONTENT / "faq", root / "faq")
    return root


def test_loading_twice_creates_nothing_the_second_time(small_content, capsys):
    load(small_content)
    counts = (Question.objects.count(), Category.objects.count(), Topic.objects.count())
    versions = dict(Question.objects.values_list("slug", "version"))
    load(small_content)
    assert (Question.objects.count(), Category.objects.count(), Topic.objects.count()) == counts
    assert dict(Question.objects.values_list("slug", "version")) == versions
    assert "0 created, 0 updated" in capsys.readouterr().out


def test_a_changed_file_updates_an_item_nobody_has_edited(small_content):
    load(small_content)
    path = small_content / "faq/questions/will-we-lose-control.md"
    path.write_text(path.read_text().replace("title:", "title: Updated -", 1))
    load(small_content)
    assert Question.objects.get(slug="will-we-lose-control").title.startswith("Updated -")


def test_reload_never_overwrites_an_item_an_editor_changed(small_content):
    load(small_content)
    item = Question.objects.get(slug="will-we-lose-control")
    item.body = "An editor's careful rewrite."
    item.version += 1
    item.save()
    path = small_content / "faq/questions/will-we-lose-control.md"
    path.write_text(path.read_text() + "\nA change in the file.\n")
    load(small_content)
    assert Question.objects.get(pk=item.pk).body == "An editor's careful rewrite."


def test_reload_never_touches_an_item_created_in_the_admin(small_content):
    load(small_content)
    item = Question.objects.get(slug="will-we-lose-control")
    item_start_draft(live=item, user=make_editor())
    Question.objects.filter(pk=item.pk).update(version=99)
    load(small_content)
    assert Question.objects.get(pk=item.pk).version == 99
    assert Question.objects.filter(draft_of=item).count() == 1


@pytest.mark.parametrize(
    ("file_text", "problem"),
    [
        ("no front matter at all\n", "must start with front matter"),
        ("---\ntitle: [unclosed\n---\nBody\n", "not valid YAML"),
        ("---\ntitle: Broken?\nsummary: No end\n", "not closed"),
        ("---\ntitle: A question?\nsummary: An answer.\ncategory: no-such-category\n---\nBody\n", "unknown category"),
        ("---\nsummary: An answer.\ncategory: more-help\n---\nBody\n", "'title' is required"),
        (
            "---\ntitle: A question?\nsummary: An answer.\ncategory: more-help\ntopics: [hr, no-such-topic]\n---\nB\n",
            "topic",
        ),
        ("---\ntitle: A question?\nsummary: An answer.\ncategory: more-help\nreview_due: soon\n---\nB\n", "date"),
        ("---\ntitle: A question?\nsummary: An answer.\ncategory: more-help\naudience: aliens\n---\nB\n", "audience"),
        (
            "---\ntitle: A question?\nsummary: An answer.\ncategory: more-help\nslug: will-we-lose-control\n---\nB\n",
            "duplicate slug",
        ),
    ],
)
def test_malformed_file_stops_the_load_naming_the_file_and_loads_nothing(small_content, file_text, problem):
    bad = small_content / "faq/questions/zz-bad-file.md"
    bad.write_text(file_text)
    with pytest.raises(CommandError) as error:
        load(small_content)
    assert "zz-bad-file.md" in str(error.value)
    assert problem in str(error.value)
    assert Question.objects.count() == 0 and Topic.objects.count() == 0


def question_snapshot():
    return {
        q.slug: (
            q.title,
            q.summary,
            q.body,
            q.audience,
            q.owner,
            q.status,
            q.category.slug,
            q.position,
            q.featured,
            q.review_due,
            q.publish_at,
            q.first_published_at,
            q.last_major_change_at,
            sorted(t.slug for t in q.topics.all()),
            sorted(r.slug for r in q.related.all()),
            [(n.changed_at, n.note) for n in q.change_notes.order_by("changed_at")],
        )
        for q in Question.objects.select_related("category").prefetch_related("topics", "related")
    }


def test_export_then_load_into_an_empty_database_loses_nothing(small_content, tmp_path):
    load(small_content)
    Question.objects.filter(slug="will-we-lose-control").update(status=Status.WITHDRAWN, withdrawal_reason="Replaced.")
    before = question_snapshot()
    exported = tmp_path / "exported"
    call_command("export_content", str(exported))
    assert (exported / "faq/questions/will-we-lose-control.md").exists()
    Question.objects.all().delete()
    Category.objects.all().delete()
    Topic.objects.all().delete()
    ChangeNote.objects.all().delete()
    load(exported)
    assert question_snapshot() == before
    assert Question.objects.get(slug="will-we-lose-control").withdrawal_reason == "Replaced."
