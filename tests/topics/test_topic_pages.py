"""Topic pages: the list of topics, and everything published on one topic grouped by kind."""

import datetime

import pytest
from django.utils import timezone

from publishing.models import Status
from tests.factories import make_guide, make_question, make_stage, make_topic
from tests.pagecheck import assert_reader_page_structure

pytestmark = pytest.mark.django_db


@pytest.fixture
def governance():
    """The Governance topic."""
    return make_topic("Governance", slug="governance", summary="How shared services are agreed and managed.")


def section(html, heading):
    return html.split(f">{heading}</h2>", 1)[1].split("</section>", 1)[0]


def test_topic_list_links_every_topic_with_its_summary(client, html_of, governance):
    make_topic("HR", slug="hr")
    html = html_of(client, "/topics/")
    assert_reader_page_structure(html, title_prefix="Topics")
    assert 'href="/topics/governance/">Governance</a>' in html
    assert 'href="/topics/hr/">HR</a>' in html
    assert "How shared services are agreed and managed." in html


def test_topic_page_is_a_well_formed_reader_page(client, html_of, governance):
    html = html_of(client, "/topics/governance/")
    assert_reader_page_structure(html, title_prefix="Governance")
    assert 'href="/topics/">Topics</a>' in html


def test_topic_page_groups_guides_and_faq_answers_on_the_topic_by_kind(client, html_of, governance):
    guide = make_guide("Agreeing the service", topics=[governance])
    question = make_question("Will we lose control?", topics=[governance])
    html = html_of(client, "/topics/governance/")
    assert f'href="{guide.get_absolute_url()}">Agreeing the service</a>' in section(html, "Guidance")
    assert f'href="{question.get_absolute_url()}">Will we lose control?</a>' in section(
        html, "Frequently asked questions"
    )
    assert "Will we lose control?" not in section(html, "Guidance")
    assert html.index(">Guidance</h2>") < html.index(">Frequently asked questions</h2>")


def test_topic_page_lists_toolkit_stages_too(client, html_of, governance):
    stage = make_stage("Design", topics=[governance])
    html = html_of(client, "/topics/governance/")
    assert f'href="{stage.get_absolute_url()}">Design</a>' in section(html, "Toolkit stages")


def test_topic_page_shows_item_summaries(client, html_of, governance):
    make_guide(topics=[governance], summary="Agree the service early.")
    assert "Agree the service early." in html_of(client, "/topics/governance/")


def test_topic_page_leaves_out_items_on_other_topics(client, html_of, governance):
    make_guide("About HR only", topics=[make_topic("HR")])
    assert "About HR only" not in html_of(client, "/topics/governance/")


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Status.DRAFT},
        {"status": Status.IN_REVIEW},
        {"status": Status.WITHDRAWN},
        {"status": Status.PUBLISHED, "publish_at": timezone.now() + datetime.timedelta(days=1)},
    ],
    ids=["draft", "in review", "withdrawn", "scheduled"],
)
def test_topic_page_leaves_out_what_readers_cannot_see(client, html_of, governance, fields):
    make_guide("Hidden guide", topics=[governance], **fields)
    make_question("Hidden question?", topics=[governance], **fields)
    html = html_of(client, "/topics/governance/")
    assert "Hidden guide" not in html
    assert "Hidden question?" not in html


def test_topic_with_nothing_published_says_so(client, html_of, governance):
    assert "Nothing is published on this topic yet." in html_of(client, "/topics/governance/")


def test_unknown_topic_is_not_found(client):
    assert client.get("/topics/no-such-topic/").status_code == 404
