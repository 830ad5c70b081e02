"""/sitemap.xml lists every published, non-withdrawn reader page with its last change, by the sitemap
protocol's rules, and becomes an index of sections past the protocol's size limit; /robots.txt points at it.
Neither ever names a draft, scheduled, withdrawn or admin page."""

from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from publishing.models import Status
from tests.factories import make_guide, make_guides, make_question
from tests.feeds.sitemap_rules import locations, sitemap_problems

pytestmark = pytest.mark.django_db


def test_the_sitemap_follows_the_protocol_and_lists_every_published_page(client, hidden_and_live):
    topic, live, _ = hidden_and_live
    response = client.get("/sitemap.xml")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/xml")
    assert sitemap_problems(response.content, "testserver") == []
    listed = {urlsplit(url).path for url in locations(response.content)}
    expected = {item.get_absolute_url() for item in live} | {topic.get_absolute_url(), "/", "/faq/", "/privacy/"}
    assert expected <= listed
    assert {"/guidance/providers/", "/guidance/customers/", "/toolkit/templates/"} <= listed


def test_the_sitemap_never_lists_a_hidden_item_or_a_page_not_for_crawlers(client, hidden_and_live):
    _, _, hidden = hidden_and_live
    listed = {urlsplit(url).path for url in locations(client.get("/sitemap.xml").content)}
    assert not listed & {item.get_absolute_url() for item in hidden}
    assert not [path for path in listed if path.startswith(("/admin", "/preview", "/search", "/feedback", "/api"))]


def test_each_item_carries_the_date_of_its_last_major_change(client):
    guide = make_guide("Joining a cluster", updated_days_ago=3)
    document = client.get("/sitemap.xml").content.decode()
    entry = document[document.index(guide.get_absolute_url()) :]
    assert entry.split("</url>")[0].endswith(f"<lastmod>{guide.last_updated.date().isoformat()}</lastmod>")


def test_past_the_size_limit_the_sitemap_becomes_an_index_of_valid_sections(client, settings):
    settings.SITEMAP_URL_LIMIT = 5
    make_guides(7)
    make_question("Withdrawn?", status=Status.WITHDRAWN)
    index = client.get("/sitemap.xml")
    assert b"<sitemapindex" in index.content
    assert sitemap_problems(index.content, "testserver") == []
    listed = []
    for section in locations(index.content):
        page = client.get(section.removeprefix("http://testserver"))
        assert page.status_code == 200, section
        assert sitemap_problems(page.content, "testserver") == []
        assert len(locations(page.content)) <= 5
        listed += locations(page.content)
    guides = [url for url in listed if "/guidance/bulk-guide-" in url]
    assert len(guides) == 7 == len(set(guides))
    assert not [url for url in listed if "withdrawn" in url.lower()]


def test_an_unknown_sitemap_section_is_a_404(client):
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_robots_txt_points_at_the_sitemap_and_names_no_admin_or_hidden_page(client, hidden_and_live):
    response = client.get("/robots.txt", secure=True)
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/plain")
    assert "User-agent: *" in text and "Sitemap: https://testserver/sitemap.xml" in text.splitlines()
    assert "admin" not in text
    assert not [item.slug for item in hidden_and_live[2] if item.slug in text]


def test_the_sitemap_runs_the_same_queries_however_many_items_it_lists(client):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/sitemap.xml").status_code == 200
        return len(captured)

    make_guides(10)
    few = queries()
    make_guides(500)
    assert queries() == few
