"""The guidance index routes readers to their audience page; audience pages list the right guides."""

import re

import pytest
from django.urls import reverse

from publishing.models import Audience
from tests.factories import make_guide, make_topic
from tests.pagecheck import assert_reader_page_structure

pytestmark = pytest.mark.django_db


def test_guidance_index_asks_whether_you_provide_or_use_shared_services(client, html_of):
    html = html_of(client, reverse("guidance:index"))
    assert_reader_page_structure(html, title_prefix="Guidance")
    assert "Do you provide shared services, or use them?" in html
    assert 'href="/guidance/customers/">Guidance for customers</a>' in html
    assert 'href="/guidance/providers/">Guidance for providers</a>' in html


def test_guidance_index_lists_guides_for_everyone_but_not_audience_guides(client, html_of):
    make_guide("For all of us", audience=Audience.EVERYONE)
    make_guide("Only for providers", audience=Audience.PROVIDERS)
    html = html_of(client, reverse("guidance:index"))
    assert "For all of us" in html
    assert "Only for providers" not in html


def test_audience_pages_have_their_own_addresses():
    assert reverse("guidance:audience", args=[Audience.PROVIDERS]) == "/guidance/providers/"
    assert reverse("guidance:audience", args=[Audience.CUSTOMERS]) == "/guidance/customers/"


@pytest.mark.parametrize(
    ("path", "title"),
    [("/guidance/providers/", "Guidance for providers"), ("/guidance/customers/", "Guidance for customers")],
)
def test_audience_page_is_a_well_formed_reader_page(client, html_of, path, title):
    html = html_of(client, path)
    assert_reader_page_structure(html, title_prefix=title)
    assert f'<h1 class="govuk-heading-xl">{title}</h1>' in html


def test_provider_guide_never_lists_under_customers(client, html_of):
    make_guide("Running a centre", audience=Audience.PROVIDERS)
    assert "Running a centre" in html_of(client, "/guidance/providers/")
    assert "Running a centre" not in html_of(client, "/guidance/customers/")


def test_customer_guide_never_lists_under_providers(client, html_of):
    make_guide("Choosing a provider", audience=Audience.CUSTOMERS)
    assert "Choosing a provider" in html_of(client, "/guidance/customers/")
    assert "Choosing a provider" not in html_of(client, "/guidance/providers/")


def test_guide_for_everyone_lists_on_both_audience_pages(client, html_of):
    make_guide("What sharing means", audience=Audience.EVERYONE)
    assert "What sharing means" in html_of(client, "/guidance/customers/")
    assert "What sharing means" in html_of(client, "/guidance/providers/")


def test_audience_page_shows_each_guide_with_its_link_and_summary(client, html_of):
    guide = make_guide("Retained functions", audience=Audience.CUSTOMERS, summary="Keep some people in house.")
    html = html_of(client, "/guidance/customers/")
    assert f'href="{guide.get_absolute_url()}">Retained functions</a>' in html
    assert "Keep some people in house." in html


def test_audience_page_groups_guides_under_their_main_topic(client, html_of):
    hr, finance = make_topic("HR"), make_topic("Finance")
    make_guide("Pay and records", audience=Audience.CUSTOMERS, topics=[hr, finance], main_topic=hr)
    make_guide("Paying invoices", audience=Audience.CUSTOMERS, topics=[hr, finance], main_topic=finance)
    html = html_of(client, "/guidance/customers/")
    sections = dict(
        re.findall(r'<h2 class="govuk-heading-l" id="topic-[\w-]+">([^<]+)</h2>(.*?)</section>', html, re.S)
    )
    assert "Pay and records" in sections["HR"] and "Paying invoices" not in sections["HR"]
    assert "Paying invoices" in sections["Finance"] and "Pay and records" not in sections["Finance"]


def test_guide_without_a_main_topic_lists_under_its_first_topic_only_once(client, html_of):
    hr, finance = make_topic("HR", position=1), make_topic("Finance", position=2)
    make_guide("Both topics", audience=Audience.CUSTOMERS, topics=[finance, hr])
    html = html_of(client, "/guidance/customers/")
    assert html.count("Both topics") == 1
    assert html.index(">HR</h2>") < html.index("Both topics")
    assert ">Finance</h2>" not in html


def test_guides_without_topics_come_last_under_other_guidance(client, html_of):
    topic = make_topic("HR")
    make_guide("No topic", audience=Audience.CUSTOMERS, position=1)
    make_guide("Has a topic", audience=Audience.CUSTOMERS, position=2, topics=[topic])
    html = html_of(client, "/guidance/customers/")
    assert html.index("Has a topic") < html.index("Other guidance") < html.index("No topic")


def test_audience_page_lists_most_useful_first_by_editor_position(client, html_of):
    topic = make_topic("Governance")
    make_guide("Third", audience=Audience.PROVIDERS, position=3, topics=[topic])
    make_guide("First", audience=Audience.PROVIDERS, position=1, topics=[topic])
    make_guide("Second", audience=Audience.EVERYONE, position=2, topics=[topic])
    html = html_of(client, "/guidance/providers/")
    assert html.index(">First<") < html.index(">Second<") < html.index(">Third<")


def test_topic_groups_come_in_the_order_of_their_most_useful_guide(client, html_of):
    hr, finance = make_topic("HR", position=1), make_topic("Finance", position=2)
    make_guide("Finance guide", audience=Audience.CUSTOMERS, position=1, topics=[finance])
    make_guide("HR guide", audience=Audience.CUSTOMERS, position=2, topics=[hr])
    html = html_of(client, "/guidance/customers/")
    assert html.index(">Finance</h2>") < html.index(">HR</h2>")


def test_on_a_tie_the_audience_guide_comes_before_the_guide_for_everyone(client, html_of):
    topic = make_topic("HR")
    make_guide("A for everyone", audience=Audience.EVERYONE, position=1, topics=[topic])
    make_guide("B for customers", audience=Audience.CUSTOMERS, position=1, topics=[topic])
    html = html_of(client, "/guidance/customers/")
    assert html.index("B for customers") < html.index("A for everyone")


def test_audience_page_links_to_the_other_audience(client, html_of):
    assert 'href="/guidance/providers/">Read the guidance for providers</a>' in html_of(client, "/guidance/customers/")
    assert 'href="/guidance/customers/">Read the guidance for customers</a>' in html_of(client, "/guidance/providers/")


def test_empty_audience_page_says_so(client, html_of):
    assert "There is no published guidance for providers yet." in html_of(client, "/guidance/providers/")


def test_there_is_no_audience_page_for_everyone(client):
    assert client.get("/guidance/everyone/").status_code == 404
