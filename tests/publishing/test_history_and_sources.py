"""History mode and cited sources: any item can say what period it describes and what its facts rest on."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from faq.models import Question
from publishing.loaders import ContentError, content_export, content_load, read_source
from publishing.models import Status
from publishing.sources import clean_sources, date_text
from search.indexing import index_rebuild
from search.models import SearchEntry
from tests.factories import make_editor, make_question

pytestmark = pytest.mark.django_db

NAO = {
    "title": "Government shared services",
    "publisher": "National Audit Office",
    "date": "2022-11",
    "url": "https://www.nao.org.uk/reports/government-shared-services/",
}
PAC = {
    "title": "Progress in improving government shared services",
    "publisher": "Public Accounts Committee",
    "date": "2023-05-12",
    "url": "https://publications.parliament.uk/pa/cm5803/cmselect/cmpubacc/734/report.html",
}


def test_a_source_date_is_shown_as_precisely_as_the_source_gives_it():
    assert date_text("2022") == "2022"
    assert date_text("2022-11") == "November 2022"
    assert date_text("2023-05-12") == "12 May 2023"


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ({**NAO, "title": ""}, "give both its title and who published it"),
        ({**NAO, "date": "Nov 2022"}, "a year, a month or a day"),
        ({**NAO, "date": "2022-13"}, "a year, a month or a day"),
        ({**NAO, "url": "javascript:alert(1)"}, "must start with https://"),
        ({**NAO, "url": ""}, "give the source's web address"),
    ],
)
def test_a_bad_source_is_refused_saying_which_and_why(entry, problem):
    with pytest.raises(ValidationError, match=problem) as error:
        clean_sources([PAC, entry])
    assert "Source 2" in error.value.messages[0]


def test_a_history_page_shows_the_period_banner_linking_to_where_things_stand_now(client):
    question = make_question(title="Which centres ran in 2008?", history_period="2005 to 2010")
    html = client.get(question.get_absolute_url()).content.decode()
    assert "This page describes the position from 2005 to 2010" in html
    assert 'href="/guidance/shared-services-today/"' in html


def test_a_current_page_shows_no_history_banner(client):
    question = make_question(title="What are shared services?")
    assert "describes the position from" not in client.get(question.get_absolute_url()).content.decode()


def test_sources_are_listed_in_order_with_anchors_the_body_can_cite(client):
    question = make_question(body="Costs rose ([NAO, 2022](#source-1)).", sources=[NAO, PAC])
    html = client.get(question.get_absolute_url()).content.decode()
    assert 'href="#source-1"' in html
    first, second = html.index('id="source-1"'), html.index('id="source-2"')
    assert first < second
    assert "National Audit Office" in html[first:second] and "November 2022" in html[first:second]
    assert 'href="https://www.nao.org.uk/reports/government-shared-services/"' in html
    assert "12 May 2023" in html[second:]


def test_search_results_label_history_pages_and_find_pages_by_the_sources_they_cite(client):
    make_question(title="The centres of 2008", history_period="2005 to 2010", sources=[NAO])
    index_rebuild()
    html = client.get("/search/?q=national+audit+office").content.decode()
    assert "The centres of 2008" in html
    assert "History: 2005 to 2010" in html
    assert SearchEntry.objects.get(page_name="").history_period == "2005 to 2010"


def form_data(item, **changes):
    data = {
        "title": item.title,
        "slug": item.slug,
        "summary": item.summary,
        "body": item.body,
        "category": item.category_id,
        "position": item.position,
        "audience": item.audience,
        "owner": item.owner,
        "history_period": item.history_period,
        "review_due": "",
        "last_reviewed": "",
        "change_type": "minor",
        "change_note": "",
        "seen_version": item.version,
    }
    data.update(changes)
    return data


def sources_data(*entries):
    return {f"sources-{n}-{field}": value for n, entry in enumerate(entries, start=1) for field, value in entry.items()}


def test_editors_set_the_period_and_sources_in_the_admin_with_help_text():
    client = Client()
    client.force_login(make_editor())
    item = make_question(status=Status.DRAFT, publish_at=None)
    url = reverse("admin:faq_question_change", args=[item.pk])
    page = client.get(url).content.decode()
    assert "the period it describes" in page and "#source-1" in page
    response = client.post(url, form_data(item, history_period="2005 to 2010", **sources_data(NAO, PAC)))
    assert response.status_code == 302
    saved = Question.objects.get(pk=item.pk)
    assert saved.history_period == "2005 to 2010"
    assert saved.sources == [NAO, PAC]


def test_a_bad_source_in_the_admin_is_refused_and_the_item_keeps_its_sources():
    client = Client()
    client.force_login(make_editor())
    item = make_question(status=Status.DRAFT, publish_at=None, sources=[NAO])
    url = reverse("admin:faq_question_change", args=[item.pk])
    response = client.post(url, form_data(item, **sources_data(NAO, {**PAC, "url": "not a link"})))
    assert response.status_code == 200
    assert "Source 2: the web address must start with https://" in response.content.decode()
    assert Question.objects.get(pk=item.pk).sources == [NAO]


def test_history_and_sources_round_trip_through_export_and_load(tmp_path):
    make_question(title="The centres of 2008", slug="centres", history_period="2005 to 2010", sources=[NAO, PAC])
    exported = tmp_path / "export"
    content_export(root=exported)
    meta = read_source(exported / "faq/questions/centres.md").meta
    assert meta["history"] == {"period": "2005 to 2010"}
    assert meta["sources"] == [NAO, PAC]
    Question.objects.all().delete()
    content_load(root=exported)
    loaded = Question.objects.get(slug="centres")
    assert loaded.history_period == "2005 to 2010" and loaded.sources == [NAO, PAC]


def test_a_content_file_with_a_bad_source_stops_the_load_naming_the_file(tmp_path):
    make_question(title="Anything", slug="anything")
    content_export(root=tmp_path)
    path = tmp_path / "faq/questions/anything.md"
    text = path.read_text().replace("status: published", "status: published\nsources:\n- title: T\n  publisher: P")
    path.write_text(text)
    with pytest.raises(ContentError, match="give the source's web address") as error:
        content_load(root=tmp_path)
    assert error.value.path == path
