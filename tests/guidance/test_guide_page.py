"""A guide's own page: what it shows, and which addresses lead to it."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from guidance.models import Guide
from publishing import workflow
from publishing.models import Audience, ChangeType, SlugRedirect, Status
from publishing.preview import preview_link_create, preview_url
from tests.factories import make_guide, make_question, make_stage, make_topic
from tests.pagecheck import assert_reader_page_structure

pytestmark = pytest.mark.django_db

THREE_HEADINGS = "Intro.\n\n## Why it matters\n\nText.\n\n## What to do\n\nText.\n\n## Next steps\n\nText.\n"
TWO_HEADINGS = "Intro.\n\n## Why it matters\n\nText.\n\n## What to do\n\nText.\n"


def test_guide_page_shows_title_summary_body_owner_and_dates(client, html_of):
    guide = make_guide(
        "Scale and viability",
        summary="A centre needs 20,000 customer employees.",
        body="Scale matters.",
        owner="Provider support",
        last_reviewed=datetime.date(2026, 9, 21),
        review_due=datetime.date(2027, 2, 12),
    )
    html = html_of(client, guide.get_absolute_url())
    assert_reader_page_structure(html, title_prefix="Scale and viability")
    assert '<h1 class="govuk-heading-xl">Scale and viability</h1>' in html
    assert '<p class="app-lead">A centre needs 20,000 customer employees.</p>' in html
    assert "Scale matters." in html
    assert "Provider support" in html
    assert summary_list(html) == {
        "Last updated": f"{timezone.localtime(guide.last_updated):%-d %B %Y}",
        "Page owner": "Provider support",
        "Last reviewed": "21 September 2026",
        "Next review due": "12 February 2027",
    }


def summary_list(html):
    """{key: value} of the page's summary list, with whitespace collapsed."""
    rows = re.findall(
        r'<dt class="govuk-summary-list__key">(.*?)</dt>\s*<dd class="govuk-summary-list__value">(.*?)</dd>', html, re.S
    )
    return {" ".join(key.split()): " ".join(value.split()) for key, value in rows}


def test_guide_summary_is_the_meta_description(client, html_of):
    guide = make_guide(summary="Plain summary.")
    assert '<meta name="description" content="Plain summary.">' in html_of(client, guide.get_absolute_url())


def test_contents_list_is_built_from_headings_when_there_are_three(client, html_of):
    guide = make_guide(body=THREE_HEADINGS)
    html = html_of(client, guide.get_absolute_url())
    assert "On this page" in html
    for anchor, text in [
        ("why-it-matters", "Why it matters"),
        ("what-to-do", "What to do"),
        ("next-steps", "Next steps"),
    ]:
        assert f'<a class="govuk-link" href="#{anchor}">{text}</a>' in html
        assert f'id="{anchor}"' in html


def test_contents_list_is_left_out_with_only_two_headings(client, html_of):
    guide = make_guide(body=TWO_HEADINGS)
    assert "On this page" not in html_of(client, guide.get_absolute_url())


def test_guide_page_shows_topics_and_published_related_items_only(client, html_of):
    topic = make_topic("Governance")
    guide = make_guide(topics=[topic])
    live_guide, draft_guide = make_guide("Live related guide"), make_guide("Draft related guide", status=Status.DRAFT)
    live_question = make_question("Will we lose control?")
    withdrawn_question = make_question("Withdrawn question?", status=Status.WITHDRAWN)
    live_stage, draft_stage = make_stage("Design"), make_stage("Unfinished stage", status=Status.DRAFT)
    guide.related.set([live_guide, draft_guide])
    guide.related_questions.set([live_question, withdrawn_question])
    guide.related_stages.set([live_stage, draft_stage])
    html = html_of(client, guide.get_absolute_url())
    assert f'href="{topic.get_absolute_url()}">Governance</a>' in html
    assert f'href="{live_guide.get_absolute_url()}">Live related guide</a>' in html
    assert f'href="{live_question.get_absolute_url()}">Will we lose control?</a>' in html
    assert f'href="{live_stage.get_absolute_url()}">Design</a>' in html
    for hidden in ("Draft related guide", "Withdrawn question?", "Unfinished stage"):
        assert hidden not in html


def test_related_guides_are_one_way(client, html_of):
    guide, other = make_guide("This guide"), make_guide("Other guide")
    guide.related.add(other)
    assert "This guide" not in html_of(client, other.get_absolute_url()).split("<main", 1)[1].split("</h1>", 1)[1]


def test_faq_answers_and_stages_know_their_related_guides():
    guide, question, stage = make_guide(), make_question(), make_stage()
    guide.related_questions.add(question)
    guide.related_stages.add(stage)
    assert list(question.related_guides.published()) == [guide]
    assert list(stage.related_guides.published()) == [guide]


@pytest.mark.parametrize(
    ("audience", "crumb"),
    [(Audience.CUSTOMERS, "Guidance for customers"), (Audience.PROVIDERS, "Guidance for providers")],
)
def test_breadcrumbs_lead_back_to_the_audience_page(client, html_of, audience, crumb):
    html = html_of(client, make_guide(audience=audience).get_absolute_url())
    breadcrumbs = html.split('class="govuk-breadcrumbs"', 1)[1].split("</nav>", 1)[0]
    assert 'href="/">Home</a>' in breadcrumbs
    assert 'href="/guidance/">Guidance</a>' in breadcrumbs
    assert f'href="/guidance/{audience}/">{crumb}</a>' in breadcrumbs


def test_breadcrumbs_for_a_guide_for_everyone_end_at_guidance(client, html_of):
    html = html_of(client, make_guide(audience=Audience.EVERYONE).get_absolute_url())
    breadcrumbs = html.split('class="govuk-breadcrumbs"', 1)[1].split("</nav>", 1)[0]
    assert 'href="/guidance/">Guidance</a>' in breadcrumbs
    assert "/guidance/customers/" not in breadcrumbs and "/guidance/providers/" not in breadcrumbs


def test_guide_page_has_the_print_stylesheet(client, html_of):
    assert 'media="print"' in html_of(client, make_guide().get_absolute_url())


@pytest.fixture
def editor_and_publisher():
    """An editor who writes changes and a second person, a superuser, who publishes them."""
    users = get_user_model().objects
    return users.create_user("editor", password="x" * 12), users.create_superuser("publisher", password="x" * 12)


def _publish_change(live, *, editor, publisher, change_type, note=""):
    draft = workflow.item_start_draft(live=live, user=editor)
    draft.body += "\n\nMore words."
    draft.change_type, draft.change_note = change_type, note
    draft.save()
    workflow.item_submit_for_review(item=draft, user=editor)
    return workflow.item_publish(item=draft, user=publisher)


def test_change_history_shows_first_publication_and_major_changes_only(client, html_of, editor_and_publisher):
    editor, publisher = editor_and_publisher
    guide = make_guide(status=Status.DRAFT, updated_by=editor)
    workflow.item_submit_for_review(item=guide, user=editor)
    guide = workflow.item_publish(item=guide, user=publisher)
    _publish_change(guide, editor=editor, publisher=publisher, change_type=ChangeType.MINOR, note="Fixed a typo.")
    _publish_change(
        Guide.objects.get(pk=guide.pk),
        editor=editor,
        publisher=publisher,
        change_type=ChangeType.MAJOR,
        note="Added the 50,000 figure.",
    )
    html = html_of(client, guide.get_absolute_url())
    history = html.split('id="full-history"', 1)[1].split("</details>", 1)[0]
    assert "First published." in history
    assert "Added the 50,000 figure." in history
    assert "Fixed a typo." not in html
    assert f"{timezone.localdate():%-d %B %Y}</strong>: Added the 50,000 figure." in history


def test_draft_guide_page_is_not_found(client):
    guide = make_guide(status=Status.DRAFT)
    assert client.get(guide.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("status", [Status.DRAFT, Status.IN_REVIEW])
def test_unpublished_guide_page_is_not_found(client, status):
    guide = make_guide(status=status)
    assert client.get(guide.get_absolute_url()).status_code == 404


def test_future_scheduled_guide_page_is_not_found(client):
    guide = make_guide(status=Status.PUBLISHED, publish_at=timezone.now() + datetime.timedelta(days=1))
    assert client.get(guide.get_absolute_url()).status_code == 404


def test_unknown_guide_is_not_found(client):
    assert client.get("/guidance/no-such-guide/").status_code == 404


def test_withdrawn_guide_page_shows_the_withdrawal_notice(client, html_of):
    guide = make_guide(
        "Old advice",
        status=Status.WITHDRAWN,
        withdrawn_at=timezone.now(),
        withdrawal_reason="Replaced by new guidance.",
    )
    html = html_of(client, guide.get_absolute_url())
    assert "This page was withdrawn on" in html
    assert "Replaced by new guidance." in html
    assert '<meta name="robots" content="noindex, nofollow">' in html


def test_old_slug_redirects_permanently_to_the_current_address(client):
    guide = make_guide(slug="new-address")
    SlugRedirect.objects.create(
        content_type=ContentType.objects.get_for_model(Guide), old_slug="old-address", object_id=guide.pk
    )
    response = client.get("/guidance/old-address/")
    assert response.status_code == 301
    assert response["Location"] == "/guidance/new-address/"


def test_old_slug_of_a_draft_guide_is_not_found(client):
    guide = make_guide(slug="new-address", status=Status.DRAFT)
    SlugRedirect.objects.create(
        content_type=ContentType.objects.get_for_model(Guide), old_slug="old-address", object_id=guide.pk
    )
    assert client.get("/guidance/old-address/").status_code == 404


def test_preview_of_a_draft_guide_uses_the_guide_page(client, html_of):
    guide = make_guide("Work in progress", status=Status.DRAFT, audience=Audience.PROVIDERS)
    html = html_of(client, preview_url(preview_link_create(item=guide, user=None)))
    assert "Preview – not published." in html
    assert '<h1 class="govuk-heading-xl">Work in progress</h1>' in html
    assert 'href="/guidance/providers/">Guidance for providers</a>' in html
