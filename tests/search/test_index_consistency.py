"""The index follows the workflow: readers find exactly what they may read, never a moment early."""

import datetime

import pytest
import reversion
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone
from reversion.models import Version

from faq.models import Question
from publishing import registry
from publishing.models import Status
from publishing.workflow import (
    item_publish,
    item_recover_deleted,
    item_restore_version,
    item_start_draft,
    item_submit_for_review,
    item_withdraw,
    items_go_live,
)
from search.indexing import index_rebuild, kind_of, kinds
from search.models import SearchEntry
from search.selectors import SearchParams, search_run
from tests.factories import days_ago, make_editor, make_guide, make_publisher, make_question, make_topic
from tests.search.helpers import titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    """A member of the Editors group."""
    return make_editor("search-editor")


@pytest.fixture
def publisher():
    """A member of the Publishers group."""
    return make_publisher("search-publisher")


def found(query, now=None, **filters):
    data = QueryDict(mutable=True)
    data["q"] = query
    for key, value in filters.items():
        data.setlist(key, value)
    return titles(search_run(params=SearchParams.from_query_dict(data), now=now))


def entry_for(item):
    return SearchEntry.objects.filter(content_type=ContentType.objects.get_for_model(item), object_id=item.pk).first()


def draft_by(editor, title, body=""):
    return make_question(title, body=body, status=Status.DRAFT, updated_by=editor)


def test_a_published_item_is_indexed_and_found():
    make_question("Pension arrangements after the move", body="Your pension stays the same.")
    assert found("pension") == ["Pension arrangements after the move"]


@pytest.mark.parametrize("status", [Status.DRAFT, Status.IN_REVIEW, Status.WITHDRAWN])
def test_an_item_readers_cannot_see_is_not_indexed(status):
    item = make_question("Pension arrangements", status=status)
    assert entry_for(item) is None
    assert found("pension") == []


def test_publishing_through_the_workflow_adds_the_item(editor, publisher):
    item = draft_by(editor, "Pension arrangements")
    assert found("pension") == []
    item = item_submit_for_review(item=item, user=editor)
    assert found("pension") == []
    item_publish(item=item, user=publisher)
    assert found("pension") == ["Pension arrangements"]


def test_a_scheduled_item_is_stored_but_never_shown_before_its_time(editor, publisher):
    item = item_submit_for_review(item=draft_by(editor, "Pension arrangements"), user=editor)
    go_live = timezone.now() + datetime.timedelta(hours=2)
    item_publish(item=item, user=publisher, publish_at=go_live)
    assert entry_for(item).visible_from == go_live
    assert found("pension") == []
    assert found("pension", now=go_live - datetime.timedelta(seconds=1)) == []
    # Its time comes: readers see it with no re-indexing at all.
    assert found("pension", now=go_live) == ["Pension arrangements"]


def test_a_scheduled_item_appears_once_its_time_has_passed(editor, publisher):
    item = item_submit_for_review(item=draft_by(editor, "Pension arrangements"), user=editor)
    item_publish(item=item, user=publisher, publish_at=timezone.now() + datetime.timedelta(days=1))
    assert found("pension") == []
    # Time passes: the item goes live (its publish_at, and so its index row's visible_from, is now past).
    past = days_ago(1)
    Question.objects.filter(pk=item.pk).update(publish_at=past)
    SearchEntry.objects.filter(object_id=item.pk).update(visible_from=past)
    assert found("pension") == ["Pension arrangements"]
    # The go-live job that follows is harmless.
    items_go_live()
    assert found("pension") == ["Pension arrangements"]


def test_a_scheduled_item_is_absent_from_facet_counts_too(editor, publisher):
    make_question("Pension basics")
    item = item_submit_for_review(item=draft_by(editor, "Pension arrangements"), user=editor)
    item_publish(item=item, user=publisher, publish_at=timezone.now() + datetime.timedelta(days=1))
    outcome = search_run(params=SearchParams(q="pension"))
    assert outcome.total == 1
    assert {o.value: o.count for o in outcome.kind_options} == {"faq": 1}


def test_withdrawing_removes_the_item(publisher):
    item = make_question("Pension arrangements")
    item_withdraw(item=item, user=publisher, reason="Out of date.")
    assert entry_for(item) is None
    assert found("pension") == []


def test_editing_a_live_item_changes_nothing_until_the_draft_is_published(editor, publisher):
    live = make_question("Pension arrangements", body="Your pension stays the same.")
    draft = item_start_draft(live=live, user=editor)
    draft.title = "Pension and leave arrangements"
    draft.body = "Your annual leave stays the same."
    draft.updated_by = editor
    draft.save()
    assert entry_for(draft) is None
    assert found("annual leave") == []
    assert found("pension") == ["Pension arrangements"]

    item_publish(item=item_submit_for_review(item=draft, user=editor), user=publisher)
    assert found("annual leave") == ["Pension and leave arrangements"]
    assert SearchEntry.objects.count() == 1
    assert entry_for(live).title == "Pension and leave arrangements"


def test_deleting_removes_the_item():
    item = make_question("Pension arrangements")
    item.delete()
    assert SearchEntry.objects.count() == 0
    assert found("pension") == []


def test_a_recovered_item_comes_back_as_a_draft_and_is_found_only_once_published(editor, publisher):
    with reversion.create_revision():
        item = make_question("Pension arrangements")
    pk = item.pk
    item.delete()
    version = Version.objects.get_deleted(Question).get(object_id=str(pk))
    recovered = item_recover_deleted(version=version, user=editor)
    assert recovered.status == Status.DRAFT
    assert found("pension") == []
    item_publish(item=item_submit_for_review(item=recovered, user=editor), user=publisher)
    assert found("pension") == ["Pension arrangements"]


def test_restoring_an_old_version_makes_a_draft_and_readers_keep_the_live_words(editor):
    with reversion.create_revision():
        live = make_question("Pension arrangements", body="Old words about annual leave.")
    live.body = "New words about pensions."
    with reversion.create_revision():
        live.save()
    old = Version.objects.get_for_object(live).order_by("pk").first()
    item_restore_version(item=live, version=old, user=editor)
    assert found("annual leave") == []
    assert found("pensions") == ["Pension arrangements"]


def test_a_rolled_back_publication_never_reaches_the_index(editor, publisher):
    item = item_submit_for_review(item=draft_by(editor, "Pension arrangements"), user=editor)
    with pytest.raises(RuntimeError), transaction.atomic():
        item_publish(item=item, user=publisher)
        raise RuntimeError("the request failed after publishing")
    assert found("pension") == []


def test_changing_an_items_topics_updates_its_entry():
    hr, finance = make_topic("HR"), make_topic("Finance")
    item = make_question("Pension arrangements", topics=[hr])
    assert entry_for(item).topics == ["hr"]
    item.topics.add(finance)
    assert entry_for(item).topics == ["finance", "hr"]
    hr.faq_question_items.remove(item)
    assert entry_for(item).topics == ["finance"]
    item.topics.clear()
    assert entry_for(item).topics == []


def test_deleting_a_topic_takes_it_off_its_items_entries():
    hr = make_topic("HR")
    item = make_question("Pension arrangements", topics=[hr])
    hr.delete()
    assert entry_for(item).topics == []


def test_renaming_a_topics_slug_reaches_its_items_entries():
    hr = make_topic("HR")
    item = make_question("Pension arrangements", topics=[hr])
    hr.slug = "human-resources"
    hr.save()
    assert entry_for(item).topics == ["human-resources"]


def test_the_entry_carries_what_the_results_page_shows():
    hr = make_topic("HR")
    item = make_question(
        "Pension arrangements", summary="Pensions stay the same.", body="## Detail\n\nYour **pension** is safe.",
        topics=[hr], audience="customers",
    )  # fmt: skip
    entry = entry_for(item)
    assert entry.kind == "faq" and entry.kind_label == "FAQ"
    assert entry.url == item.get_absolute_url()
    assert entry.summary == "Pensions stay the same."
    assert entry.body_text == "Detail Your pension is safe."
    assert entry.audience == "customers" and entry.topics == ["hr"]
    assert entry.last_updated == item.last_updated


def test_rebuild_command_rebuilds_from_the_content_and_drops_stale_rows(capsys):
    make_question("Pension arrangements")
    make_guide("Pension guide", publish_at=timezone.now() + datetime.timedelta(days=3))
    make_question("A draft about pensions", status=Status.DRAFT)
    SearchEntry.objects.filter(title="Pension arrangements").update(title="Stale title")
    Question.objects.filter(title="Pension arrangements").update(title="Pension arrangements")
    call_command("rebuild_search_index")
    assert "2 item(s)" in capsys.readouterr().out
    items = SearchEntry.objects.filter(content_type__isnull=False)
    assert sorted(items.values_list("title", flat=True)) == ["Pension arrangements", "Pension guide"]
    # The scheduled guide is stored, not shown.
    assert found("pension") == ["Pension arrangements"]


def test_rebuild_gives_the_same_rows_as_keeping_in_step():
    hr = make_topic("HR")
    make_question("Pension arrangements", body="Words.", topics=[hr])
    make_guide("Moving to a shared service", body="More words.", audience="providers")
    fields = ["kind", "url", "title", "summary", "body_text", "extra_text", "audience", "topics", "visible_from"]
    items = SearchEntry.objects.filter(content_type__isnull=False)
    before = sorted(items.values_list(*fields))
    assert index_rebuild() == 2
    assert sorted(items.values_list(*fields)) == before


def test_every_registered_kind_is_offered_as_a_kind_filter_under_its_registered_label():
    labels = dict(kinds())
    for kind in registry.kinds():
        assert labels[kind_of(kind.model)] == kind.label
