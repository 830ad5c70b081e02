"""Loading guides from content/guidance/*.md, and exporting them back to the same format."""

import datetime
import textwrap

import pytest

from faq.models import Question
from guidance.loaders import GuideLoader
from guidance.models import Guide
from publishing.loaders import ContentError, content_export, content_load, read_source
from publishing.models import Audience, Status, Topic
from tests.factories import make_stage
from toolkit.models import Stage

pytestmark = pytest.mark.django_db

GUIDE = """\
---
title: Agreeing the service
summary: "Agree early what the service includes."
audience: customers
topics:
  - governance
  - hr
owner: "Customer engagement"
position: 3
review_due: 2027-01-29
last_reviewed: 2026-09-14
related:
  - retained-functions
related_questions:
  - will-we-lose-control
related_stages: {stages}
---
Intro.

## Agree the service offering early

Words.
"""


def write(root, relative, text):
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def content_root(tmp_path):
    """A small content folder: two topics, one FAQ answer and two guides that link to each other."""
    write(tmp_path, "topics/governance.md", "---\ntitle: Governance\nposition: 4\n---\n")
    write(tmp_path, "topics/hr.md", "---\ntitle: HR\nposition: 1\n---\n")
    write(tmp_path, "faq/categories/basics.md", "---\ntitle: Basics\nposition: 1\n---\n")
    write(
        tmp_path,
        "faq/questions/will-we-lose-control.md",
        "---\ntitle: Will we lose control?\nsummary: No.\ncategory: basics\n---\nNo.\n",
    )
    write(tmp_path, "guidance/agreeing-the-service.md", GUIDE.format(stages="[]"))
    write(
        tmp_path,
        "guidance/retained-functions.md",
        "---\ntitle: Retained functions\nsummary: Keep some people.\naudience: customers\n---\nWords.\n",
    )
    return tmp_path


def test_loader_creates_a_published_guide_with_every_field(content_root):
    content_load(root=content_root)
    guide = Guide.objects.get(slug="agreeing-the-service")
    assert guide.title == "Agreeing the service"
    assert guide.summary == "Agree early what the service includes."
    assert guide.audience == Audience.CUSTOMERS
    assert guide.owner == "Customer engagement"
    assert guide.position == 3
    assert guide.review_due == datetime.date(2027, 1, 29)
    assert guide.last_reviewed == datetime.date(2026, 9, 14)
    assert guide.status == Status.PUBLISHED and guide.first_published_at is not None
    assert guide.headings == [{"id": "agree-the-service-offering-early", "text": "Agree the service offering early"}]
    assert sorted(t.slug for t in guide.topics.all()) == ["governance", "hr"]
    assert [g.slug for g in guide.related.all()] == ["retained-functions"]
    assert [q.slug for q in guide.related_questions.all()] == ["will-we-lose-control"]
    assert [n.note for n in guide.change_notes.all()] == ["First published."]


def test_first_listed_topic_is_the_main_topic(content_root):
    content_load(root=content_root)
    assert Guide.objects.get(slug="agreeing-the-service").main_topic.slug == "governance"
    assert Guide.objects.get(slug="retained-functions").main_topic is None


def test_loader_links_existing_toolkit_stages(content_root):
    design = make_stage("Design", slug="design")
    write(content_root, "guidance/agreeing-the-service.md", GUIDE.format(stages="[design]"))
    content_load(root=content_root)
    assert list(Guide.objects.get(slug="agreeing-the-service").related_stages.all()) == [design]


def test_reloading_a_changed_guide_file_replaces_its_links(content_root):
    make_stage("Operation", slug="operation")
    design = make_stage("Design", slug="design")
    write(content_root, "guidance/agreeing-the-service.md", GUIDE.format(stages="[operation]"))
    content_load(root=content_root)
    write(content_root, "guidance/agreeing-the-service.md", GUIDE.format(stages="[design]"))
    report = content_load(root=content_root)
    assert [path.name for path in report.updated] == ["agreeing-the-service.md"]
    assert list(Guide.objects.get(slug="agreeing-the-service").related_stages.all()) == [design]


def test_reloading_never_overwrites_a_guide_an_editor_changed(content_root):
    content_load(root=content_root)
    Guide.objects.filter(slug="agreeing-the-service").update(title="Editor's title", version=5)
    write(content_root, "guidance/agreeing-the-service.md", GUIDE.format(stages="[]").replace("Words.", "New words."))
    content_load(root=content_root)
    assert Guide.objects.get(slug="agreeing-the-service").title == "Editor's title"


def test_reloading_unchanged_files_changes_nothing(content_root):
    content_load(root=content_root)
    report = content_load(root=content_root)
    assert report.created == [] and report.updated == []


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (("audience: customers\n", ""), "'audience' is required"),
        (("position: 3", "position: third"), "'position' must be a whole number"),
        (("position: 3", "position: -1"), "'position' must be a whole number"),
        (("  - retained-functions", "  - no-such-guide"), "'related' names unknown guide no-such-guide"),
        (("  - will-we-lose-control", "  - no-such-question"), "unknown question no-such-question"),
        (("  - governance\n", "  - no-such-topic\n"), "unknown topic no-such-topic"),
    ],
)
def test_a_bad_guide_file_stops_the_load_naming_the_file_and_the_problem(content_root, change, problem):
    path = write(content_root, "guidance/agreeing-the-service.md", GUIDE.format(stages="[]").replace(*change))
    with pytest.raises(ContentError) as error:
        content_load(root=content_root)
    assert error.value.path == path
    assert problem in error.value.problem
    assert not Guide.objects.exists()


def test_a_guide_may_not_take_the_address_of_an_audience_page(content_root):
    write(content_root, "guidance/providers.md", "---\ntitle: P\nsummary: S.\naudience: providers\n---\nW.\n")
    with pytest.raises(ContentError, match="address of a guidance page"):
        content_load(root=content_root)


def test_a_guide_naming_an_unknown_stage_is_refused(content_root):
    source = read_source(write(content_root, "guidance/x.md", GUIDE.format(stages="[no-such-stage]")))
    known = {Topic: {"governance", "hr"}, Guide: {"retained-functions"}, Question: {"will-we-lose-control"}}
    with pytest.raises(ContentError, match="unknown toolkit stage no-such-stage"):
        GuideLoader().validate(source, {**known, Stage: {"design"}})


def test_export_writes_every_field_so_a_fresh_load_gives_the_same_guide(content_root, tmp_path_factory):
    design = make_stage("Design", slug="design")
    write(content_root, "guidance/agreeing-the-service.md", GUIDE.format(stages="[design]"))
    content_load(root=content_root)
    before = Guide.objects.get(slug="agreeing-the-service")
    exported = tmp_path_factory.mktemp("export")
    content_export(root=exported)
    meta = read_source(exported / "guidance/agreeing-the-service.md").meta
    assert meta["audience"] == "customers"
    assert meta["topics"] == ["governance", "hr"]
    assert meta["position"] == 3
    assert meta["related"] == ["retained-functions"]
    assert meta["related_questions"] == ["will-we-lose-control"]
    assert meta["related_stages"] == ["design"]
    assert meta["last_reviewed"] == "2026-09-14" and meta["review_due"] == "2027-01-29"

    Guide.objects.all().delete()
    content_load(root=exported)
    after = Guide.objects.get(slug="agreeing-the-service")
    for name in ("title", "summary", "body", "audience", "owner", "position", "review_due", "last_reviewed"):
        assert getattr(after, name) == getattr(before, name), name
    assert after.main_topic.slug == "governance"
    assert after.first_published_at == before.first_published_at
    assert list(after.related_stages.all()) == [design]
    assert [g.slug for g in after.related.all()] == ["retained-functions"]
