"""Content as files: export → load into an empty database → export again loses nothing and gives the same bytes.

The rich database below sets every field of every model the loaders carry to something other than its
default, compares the database field by field after the round trip, and compares the two exports byte for
byte. What is deliberately not carried (history, the workflow log, who made a change, version counters and
the times rows were saved) is listed in LEFT_OUT, as in the README.
"""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import FileField
from django.utils import timezone
from reversion.models import Revision

from benchmarks.models import BenchmarkReturn
from directory.models import Cluster, Milestone, Organisation, Provider
from faq.models import Category, Question
from guidance.models import Guide
from publishing import registry
from publishing.loaders import ContentError, content_export, content_load, read_source, write_source
from publishing.models import (
    Audience,
    ChangeNote,
    ChangeType,
    LoadedContent,
    SlugRedirect,
    Status,
    Topic,
    WorkflowEvent,
)
from publishing.workflow import item_publish, item_start_draft, item_submit_for_review, item_withdraw
from search.models import BestBet, PhraseSynonym, SearchEntry, Synonym
from tests.factories import make_editor, make_publisher
from tests.factories import make_template_file as make_file
from tests.search.helpers import ensure_default_synonyms
from toolkit.models import Example, Provenance, Stage, Template, TemplateFile

pytestmark = pytest.mark.django_db

CONTENT = Path(settings.BASE_DIR) / "content"
NOW = timezone.now().replace(microsecond=0)
NAO = {
    "title": "Government shared services",
    "publisher": "National Audit Office",
    "date": "2022-11",
    "url": "https://www.nao.org.uk/reports/government-shared-services/",
}

# Not carried by the files, as the README says: who changed an item, its version counter, when rows were
# saved, and a template file's stored name (files are stored under generated names).
LEFT_OUT = {"id", "version", "created_at", "updated_at", "updated_by", "file"}


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Keep stored template files in a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


def days(count):
    return NOW + datetime.timedelta(days=count)


def every_field(slug, **fields):
    """The fields every published item shares, each set to something other than its default."""
    return {
        "title": f"Title of {slug}",
        "slug": slug,
        "summary": f"Summary of {slug}.",
        "search_keywords": f"words for {slug}\nanother way to ask",
        "body": f"## About {slug}\r\n\r\nWritten in a browser, with its line ends.",
        "audience": Audience.PROVIDERS,
        "owner": "Finance shared services team",
        "history_period": "2005 to 2010",
        "sources": [NAO],
        "review_due": datetime.date(2027, 3, 1),
        "last_reviewed": datetime.date(2026, 10, 1),
        "status": Status.PUBLISHED,
        "publish_at": days(-40),
        "first_published_at": days(-40),
        "last_major_change_at": days(-10),
        **fields,
    }


def with_topics(item, *topics):
    item.topics.set(topics)
    return item


def note(item, at, text):
    ChangeNote.objects.create(
        content_type=ContentType.objects.get_for_model(item), object_id=item.pk, changed_at=at, note=text
    )


def make_topics_and_categories():
    hr = Topic.objects.create(title="HR", slug="hr", summary="People services.", position=2)
    finance = Topic.objects.create(title="Finance", slug="finance", summary="Money services.", position=1)
    category = Category.objects.create(title="Jobs", slug="jobs", summary="Questions about jobs.", position=4)
    return hr, finance, category


def make_questions(hr, finance, category, editor, publisher):
    """A renamed page with a pending draft in review, a withdrawn page, a scheduled page and a draft."""
    moved = Question.objects.create(category=category, position=3, featured=True, **every_field("old-address"))
    with_topics(moved, hr, finance)
    note(moved, days(-40), "First published.")
    note(moved, days(-10), "Added the figures for 2009.")
    renaming = item_start_draft(live=moved, user=editor)
    renaming.slug = "current-address"
    renaming.save()
    item_submit_for_review(item=renaming, user=editor)
    moved = item_publish(item=renaming, user=publisher)

    draft = item_start_draft(live=moved, user=editor)
    draft.title, draft.slug, draft.body = "A better title", "newer-address", "Rewritten.\n"
    draft.change_type, draft.change_note = ChangeType.MAJOR, "Rewrote the answer."
    draft.save()
    draft.topics.set([hr])
    item_submit_for_review(item=draft, user=editor)

    withdrawn = Question.objects.create(category=category, **every_field("withdrawn-page"))
    item_withdraw(item=withdrawn, user=publisher, reason="Replaced by the guide on scale.")
    moved.related.set([withdrawn])

    fields = every_field(
        "scheduled-page", status=Status.DRAFT, publish_at=None, first_published_at=None, last_major_change_at=None
    )
    scheduled = Question.objects.create(category=category, **fields, updated_by=editor)
    item_submit_for_review(item=scheduled, user=editor)
    item_publish(item=scheduled, user=publisher, publish_at=days(5))

    Question.objects.create(category=category, **every_field("never-published", status=Status.DRAFT, publish_at=None))
    return moved


def make_guides(hr, finance, question, stage):
    main_second = Guide.objects.create(position=2, main_topic=hr, **every_field("guide-with-main-topic"))
    with_topics(main_second, finance, hr)
    no_main = Guide.objects.create(**every_field("guide-without-main-topic", audience=Audience.CUSTOMERS))
    with_topics(no_main, hr, finance)
    main_second.related.set([no_main])
    main_second.related_questions.set([question])
    main_second.related_stages.set([stage])
    # A guide whose main topic is not among its topics: the admin forbids it, the files still carry it.
    odd = Guide.objects.create(main_topic=finance, **every_field("guide-with-an-untagged-main-topic"))
    with_topics(odd, hr)


def make_toolkit(finance, question, editor):
    stage = Stage.objects.create(
        position=2,
        purpose="Why the stage matters.\nIn two lines.",
        activities="Map the processes\nAgree the scope",
        outputs="- A bulleted output\n\n- With a blank line between",
        decision="Is the design agreed?",
        checklist="The sponsor agrees\r\nStaff know",
        **every_field("design"),
    )
    with_topics(stage, finance)
    stage.related_questions.set([question])
    Example.objects.create(stage=stage, organisation="A department", **every_field("worked-example"))
    template = Template.objects.create(
        stage=stage, provenance=Provenance.CO_DEVELOPED, file_version="2.1", **every_field("savings-model")
    )
    spreadsheet = make_file("xlsx", "Savings model")
    template.files.set([make_file("odt", "Savings model"), spreadsheet])
    # A pending draft with a new document beside the live page's spreadsheet.
    draft = item_start_draft(live=template, user=editor)
    draft.file_version = "2.2"
    draft.save()
    draft.files.set([make_file("odt", "Savings model, revised"), spreadsheet])
    return stage


def make_search_settings(question):
    ensure_default_synonyms()
    Synonym.objects.create(terms="SSC, shared service centre", note="An editor's own group, like a default.")
    Synonym.objects.create(terms="estates, property,\r\nbuildings", note="Written over two lines in the admin.")
    Synonym.objects.filter(terms__startswith="TUPE").delete()
    Synonym.objects.filter(terms__startswith="HR,").update(note="An editor's better note.")
    Synonym.objects.filter(terms__startswith="ERP,").update(terms="ERP, enterprise resource planning, ERP system")
    page = ContentType.objects.get_for_model(Question)
    BestBet.objects.create(
        queries="will i lose my job\nredundancy", content_type=page, object_id=question.pk, description="Jobs."
    )
    BestBet.objects.create(
        queries="all templates", url="/toolkit/templates/", title="Every template", description="Browse them all."
    )
    BestBet.objects.create(queries="old campaign", url="https://example.gov.uk/", title="Old campaign", active=False)


@pytest.fixture
def rich_database():
    """Every model the files carry, each field set to something other than its default."""
    editor, publisher = make_editor(), make_publisher()
    hr, finance, category = make_topics_and_categories()
    question = make_questions(hr, finance, category, editor, publisher)
    stage = make_toolkit(finance, question, editor)
    make_guides(hr, finance, question, stage)
    make_search_settings(question)


def natural_key(value):
    """How a row is named in the comparison: by slug, or a template file by its content."""
    if isinstance(value, TemplateFile):
        return (value.format, value.sha256, value.size, value.text, value.original_name)
    if isinstance(value, ContentType):
        return value.model_class()._meta.label
    return getattr(value, "slug", value)


def field_values(row):
    values = {}
    for field in row._meta.concrete_fields:
        if field.name not in LEFT_OUT and not isinstance(field, FileField):
            value = getattr(row, field.name)
            values[field.name] = natural_key(value) if field.is_relation and value is not None else value
    for field in row._meta.many_to_many:
        values[field.name] = sorted(natural_key(related) for related in getattr(row, field.name).all())
    return values


def item_name(content_type, object_id):
    item = content_type.model_class().objects.filter(pk=object_id).first()
    return (content_type.model_class()._meta.label, item.original.slug if item else None)


def snapshot():
    """Everything the files carry, field by field, named so that two databases can be compared."""
    items = {}
    for model in registry.content_models():
        for item in model.objects.all():
            role = "live" if item.is_original else "pending draft"
            items[(model._meta.label, item.original.slug, role)] = field_values(item)
    return {
        "items": items,
        "topics": sorted(tuple(field_values(topic).items()) for topic in Topic.objects.all()),
        "categories": sorted(tuple(field_values(category).items()) for category in Category.objects.all()),
        "change notes": sorted(
            (*item_name(n.content_type, n.object_id), n.changed_at, n.note) for n in ChangeNote.objects.all()
        ),
        "old addresses": sorted(
            (*item_name(r.content_type, r.object_id), r.old_slug) for r in SlugRedirect.objects.all()
        ),
        "search index": sorted(
            tuple(value for name, value in field_values(entry).items() if name not in ("object_id", "indexed_at"))
            for entry in SearchEntry.objects.filter(page_name="")
        ),
        "landing pages": sorted(SearchEntry.objects.exclude(page_name="").values_list("page_name", "title")),
        "synonyms": sorted((synonym.terms, synonym.note) for synonym in Synonym.objects.all()),
        "phrase synonyms": sorted((p.phrases, p.means, p.note) for p in PhraseSynonym.objects.all()),
        "best bets": sorted(
            (bet.queries, item_name(bet.content_type, bet.object_id) if bet.content_type else None)
            + (bet.url, bet.title, bet.description, bet.active)
            for bet in BestBet.objects.all()
        ),
    }


def empty_the_database():
    """As a new database is: no content, and the synonyms its migrations create."""
    for model in (BestBet, Synonym, Template, Example, Question, Guide, Stage, Category, TemplateFile, Topic,
                  BenchmarkReturn, Cluster, Provider, Organisation, Milestone):  # fmt: skip
        model.objects.all().delete()
    for model in (ChangeNote, SlugRedirect, LoadedContent, WorkflowEvent, Revision):
        model.objects.all().delete()
    ensure_default_synonyms()


def files_in(folder):
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def test_export_load_into_an_empty_database_and_export_again_loses_nothing_and_gives_the_same_bytes(
    rich_database, tmp_path
):
    before = snapshot()
    content_export(root=tmp_path / "first")
    empty_the_database()
    content_load(root=tmp_path / "first")
    after = snapshot()
    for part in before:
        assert after[part] == before[part], part
    content_export(root=tmp_path / "second")
    first, second = files_in(tmp_path / "first"), files_in(tmp_path / "second")
    assert sorted(second) == sorted(first)
    for path in first:
        assert second[path] == first[path], path


def test_the_export_carries_drafts_old_addresses_and_search_settings_a_reader_can_rely_on(
    rich_database, tmp_path, client
):
    content_export(root=tmp_path)
    draft = read_source(tmp_path / "faq/questions/drafts/current-address.md")
    assert draft.slug == "newer-address" and draft.meta["status"] == Status.IN_REVIEW
    assert draft.meta["change_note"] == "Rewrote the answer."
    assert read_source(tmp_path / "faq/questions/current-address.md").meta["old_slugs"] == ["old-address"]
    assert (tmp_path / "toolkit/templates/files/savings-model-2.1.odt").is_file()
    assert (tmp_path / "toolkit/templates/drafts/files/savings-model-2.2.odt").is_file()
    empty_the_database()
    content_load(root=tmp_path)
    assert client.get("/faq/old-address/").headers["Location"] == "/faq/current-address/"
    live = Question.objects.get(slug="current-address", draft_of__isnull=True)
    assert Question.objects.get(draft_of=live).status == Status.IN_REVIEW
    best_bets = client.get("/search/?q=will+i+lose+my+job").content.decode().split('class="app-best-bets"')[1]
    assert 'href="/faq/current-address/"' in best_bets.split("</section>")[0]


def test_default_synonyms_are_not_duplicated_when_an_export_loads_into_a_new_database(tmp_path):
    ensure_default_synonyms()
    defaults = Synonym.objects.count()
    Synonym.objects.create(terms="estates, property", note="An editor's group.")
    content_export(root=tmp_path)
    empty_the_database()
    content_load(root=tmp_path)
    assert Synonym.objects.count() == defaults + 1
    assert Synonym.objects.filter(terms="estates, property").count() == 1


def test_into_a_database_with_content_loading_adds_missing_search_settings_and_keeps_the_editors(
    rich_database, tmp_path
):
    content_export(root=tmp_path)
    Synonym.objects.filter(terms="SSC, shared service centre").update(note="Changed by an editor since.")
    Synonym.objects.filter(terms__startswith="estates").delete()
    BestBet.objects.filter(url="/toolkit/templates/").update(description="Changed by an editor since.")
    Synonym.objects.create(terms="vetting, security clearance", note="Added by an editor since.")
    content_load(root=tmp_path)
    assert Synonym.objects.get(terms="SSC, shared service centre").note == "Changed by an editor since."
    assert Synonym.objects.filter(terms__startswith="estates").count() == 1
    assert Synonym.objects.filter(terms="vetting, security clearance").exists()
    assert BestBet.objects.get(url="/toolkit/templates/").description == "Changed by an editor since."
    assert BestBet.objects.count() == 3


def test_loading_an_export_back_into_its_own_database_changes_nothing(rich_database, tmp_path):
    content_export(root=tmp_path / "first")
    empty_the_database()
    content_load(root=tmp_path / "first")
    before = snapshot()
    report = content_load(root=tmp_path / "first")
    assert report.created == [] and report.updated == []
    assert snapshot() == before


def test_a_reload_does_not_bring_back_a_pending_draft_an_editor_has_since_published(rich_database, tmp_path):
    content_export(root=tmp_path)
    empty_the_database()
    content_load(root=tmp_path)
    draft = Question.objects.get(draft_of__isnull=False)
    item_publish(item=draft, user=make_publisher("second-publisher"))
    report = content_load(root=tmp_path)
    assert not Question.objects.filter(draft_of__isnull=False).exists()
    assert tmp_path / "faq/questions/drafts/current-address.md" in report.kept_editor_changes
    assert Question.objects.get(slug="newer-address").title == "A better title"
    assert not Question.objects.filter(slug="current-address").exists(), "the renamed page is not loaded again"


@pytest.fixture
def exported(rich_database, tmp_path):
    """The rich database exported, then emptied, ready for a test to break one file."""
    content_export(root=tmp_path)
    empty_the_database()
    return tmp_path


def replace_in(path, old, new):
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


@pytest.mark.parametrize(
    ("relative", "change", "problem"),
    [
        (
            "search/best-bets.yaml",
            ("slug: current-address", "slug: no-such-page"),
            "'page' names question 'no-such-page', which does not exist",
        ),
        ("search/best-bets.yaml", ("kind: faq.question", "kind: faq.category"), "is not a kind of page"),
        ("search/best-bets.yaml", ("url: /toolkit/templates/", "url: javascript:alert(1)"), "'url' must be"),
        ("search/synonyms.yaml", ("terms: SSC, shared service centre", "terms: SSC"), "at least two words"),
        (
            "faq/questions/withdrawn-page.md",
            ("status: withdrawn", "status: withdrawn\nold_slugs:\n- old-address"),
            "the old address 'old-address' already leads to the page 'current-address'",
        ),
        ("faq/questions/drafts/current-address.md", ("status: review", "status: published"), "'status' must be"),
    ],
)
def test_a_malformed_file_stops_the_load_naming_it_and_loads_nothing(exported, relative, change, problem):
    path = exported / relative
    replace_in(path, *change)
    with pytest.raises(ContentError) as error:
        content_load(root=exported)
    assert error.value.path == path
    assert problem in error.value.problem
    if relative.startswith("search/"):
        assert error.value.problem.startswith(("best bet ", "synonym ")), "names the entry"
    assert not Question.objects.exists() and not Topic.objects.exists()


@pytest.mark.parametrize(
    ("live_page", "problem"),
    [
        ("no-such-page", "there is no question 'no-such-page' for this to be the draft of"),
        ("never-published", "'never-published' is not published, so it cannot have a pending draft"),
    ],
)
def test_a_draft_without_a_live_page_stops_the_load_naming_it_and_loads_nothing(exported, live_page, problem):
    drafts = exported / "faq/questions/drafts"
    path = drafts / f"{live_page}.md"
    (drafts / "current-address.md").rename(path)
    with pytest.raises(ContentError) as error:
        content_load(root=exported)
    assert error.value.path == path
    assert problem in error.value.problem
    assert not Question.objects.exists()


@pytest.mark.parametrize(
    "body",
    ["", "One line", "Ends with a line end\n", "\nStarts with a blank line", "Windows\r\nline ends\r\n", "---\nrule"],
)
def test_a_body_is_read_back_exactly_as_it_was_written(tmp_path, body):
    path = tmp_path / "item.md"
    meta = {"title": "Text over\r\nlines", "purpose": "  indented\nand trailing  \n", "list": ["a: b", "- c"]}
    write_source(path, dict(meta), body)
    source = read_source(path)
    assert source.body == body
    assert source.meta == meta


def test_the_demo_content_exports_and_loads_back_to_the_same_bytes(tmp_path):
    content_load(root=CONTENT)
    content_export(root=tmp_path / "first")
    empty_the_database()
    content_load(root=tmp_path / "first")
    content_export(root=tmp_path / "second")
    assert files_in(tmp_path / "second") == files_in(tmp_path / "first")
