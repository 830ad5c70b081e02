"""The API lists, shows and searches published items of every registered kind, and never shows a draft, an
item in review, a scheduled or withdrawn item, an editor's name, or anything else the reader pages do not."""

import pytest
from django.utils import timezone

from publishing.models import Audience, Status
from publishing.registry import kinds
from tests.factories import make_change_note, make_guide, make_question, make_topic, make_user

pytestmark = pytest.mark.django_db


def get_json(client, url, status=200, **params):
    response = client.get(url, params)
    assert response.status_code == status, (url, response.content[:300])
    assert response["Content-Type"] == "application/json"
    return response.json()


def all_titles(client, url="/api/v1/items/", **params):
    titles, page = [], 1
    while page:
        body = get_json(client, url, page=page, **params)
        titles += [item["title"] for item in body["results"]]
        page = page + 1 if body["next"] else 0
    return titles


def test_the_list_has_every_published_item_and_no_hidden_one(client, hidden_and_live):
    _, live, hidden = hidden_and_live
    assert sorted(all_titles(client)) == sorted(item.title for item in live)


def test_a_hidden_item_has_no_detail_and_a_published_one_has_its_full_text(client, hidden_and_live):
    _, (guide, _), hidden = hidden_and_live
    for item in hidden:
        kind = "faq" if item._meta.model_name == "question" else "guidance"
        assert get_json(client, f"/api/v1/items/{kind}/{item.slug}/", status=404)["detail"]
    detail = get_json(client, f"/api/v1/items/guidance/{guide.slug}/")
    assert detail["title"] == guide.title and detail["kind"] == "guidance"
    assert detail["topics"] == [{"slug": "hr", "title": "Human resources"}]
    assert detail["change_history"] == [
        {"date": detail["change_history"][0]["date"], "note": "First published: Live guide"}
    ]


def test_detail_gives_the_markdown_the_rendered_html_the_sources_and_the_history_flag(client):
    guide = make_guide(
        "Early centres",
        body="## In 2008\n\nSix centres ran [services](#source-1).",
        history_period="2005 to 2010",
        sources=[
            {"title": "Report", "publisher": "National Audit Office", "date": "2008", "url": "https://example.org/r"}
        ],
    )
    detail = get_json(client, f"/api/v1/items/guidance/{guide.slug}/")
    assert detail["body_markdown"] == guide.body
    assert '<h2 id="in-2008">' in detail["body_html"] or "<h2" in detail["body_html"]
    assert detail["sources"] == [
        {
            "number": 1,
            "title": "Report",
            "publisher": "National Audit Office",
            "date": "2008",
            "url": "https://example.org/r",
        }
    ]
    assert detail["is_history"] is True and detail["history_period"] == "2005 to 2010"


def test_no_answer_names_an_editor(client):
    editor = make_user("jo.bloggs.editor")
    editor.email, editor.first_name = "jo.bloggs@example.gov.uk", "Josephine"
    editor.save()
    guide = make_guide("Joining a cluster", updated_by=editor, owner="Shared Services Team")
    make_change_note(guide, "First published.")
    answers = [
        client.get(url).content.decode()
        for url in ("/api/v1/items/", f"/api/v1/items/guidance/{guide.slug}/", "/api/v1/search/?q=cluster")
    ]
    assert all("Shared Services Team" in text for text in answers[:2])
    assert not [text for text in answers if "bloggs" in text or "Josephine" in text or "updated_by" in text]


def test_search_finds_only_published_items(client, hidden_and_live):
    body = get_json(client, "/api/v1/search/", q="guide")
    assert [result["title"] for result in body["results"]] == ["Live guide"]
    assert body["results"][0]["api_url"].endswith("/api/v1/items/guidance/" + hidden_and_live[1][0].slug + "/")


def test_every_registered_kind_is_offered_and_filters_the_list(client):
    offered = [kind["slug"] for kind in get_json(client, "/api/v1/kinds/")]
    assert offered == [kind.slug for kind in kinds()]
    make_guide("A guide")
    make_question("A question?")
    assert all_titles(client, kind="faq") == ["A question?"]


def test_the_list_filters_by_topic_audience_and_update_time(client):
    hr, finance = make_topic("HR"), make_topic("Finance")
    make_guide("For providers", audience=Audience.PROVIDERS, topics=[hr], updated_days_ago=30)
    make_guide("For customers", audience=Audience.CUSTOMERS, topics=[finance], updated_days_ago=2)
    make_guide("For everyone", topics=[hr], updated_days_ago=2)
    assert sorted(all_titles(client, topic="hr")) == ["For everyone", "For providers"]
    assert sorted(all_titles(client, audience="providers")) == ["For everyone", "For providers"]
    assert all_titles(client, audience="everyone") == ["For everyone"]
    since = (timezone.now() - timezone.timedelta(days=7)).isoformat()
    assert sorted(all_titles(client, updated_since=since)) == ["For customers", "For everyone"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"kind": "recipes"}, "kind"),
        ({"topic": "no-such-topic"}, "Unknown topic 'no-such-topic'"),
        ({"audience": "martians"}, "audience"),
        ({"updated_since": "last tuesday"}, "updated_since"),
        ({"page": "0"}, "page"),
        ({"page": "two"}, "page"),
    ],
)
def test_a_bad_filter_is_a_400_that_names_it(client, params, message):
    body = get_json(client, "/api/v1/items/", status=400, **params)
    assert message in body["detail"]


def test_pages_link_to_each_other_and_a_page_past_the_last_is_a_404(client):
    for n in range(25):
        make_question(f"Question {n:02}?")
    first = get_json(client, "/api/v1/items/", kind="faq")
    assert first["count"] == 25 and len(first["results"]) == 20 and first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/items/?kind=faq&page=2"
    second = get_json(client, "/api/v1/items/", kind="faq", page=2)
    assert len(second["results"]) == 5 and second["next"] is None
    assert get_json(client, "/api/v1/items/", status=404, page=3, kind="faq")["detail"]


def test_the_api_only_reads(client):
    for url in ("/api/v1/items/", "/api/v1/kinds/"):
        assert client.post(url).status_code == 405
        assert client.delete(url).status_code == 405


def test_a_withdrawn_item_disappears_from_the_api_at_once(client):
    question = make_question("Soon withdrawn?")
    assert all_titles(client) == ["Soon withdrawn?"]
    question.status = Status.WITHDRAWN
    question.save()
    assert all_titles(client) == []
