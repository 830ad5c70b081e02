"""The real demo guides in content/guidance/ load, publish and list on the right audience pages."""

import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from guidance.models import Guide
from publishing.loaders import as_slug_list, read_source
from publishing.models import Audience

pytestmark = pytest.mark.django_db

SOURCES = {path.stem: read_source(path) for path in sorted((Path(settings.BASE_DIR) / "content/guidance").glob("*.md"))}
INTERNAL_LINK = re.compile(r'href="(/[^"#]*)')


@pytest.fixture
def demo_content(db):
    """The whole demo content loaded as `make run` loads it."""
    call_command("load_demo_content", stdout=io.StringIO())


def test_demo_guides_include_at_least_five_for_customers_five_for_providers_and_three_for_everyone():
    audiences = [source.meta["audience"] for source in SOURCES.values()]
    assert audiences.count("customers") >= 5
    assert audiences.count("providers") >= 5
    assert audiences.count("everyone") >= 3


def test_every_demo_guide_is_published_with_an_owner_topics_and_review_dates(demo_content):
    published = {guide.slug: guide for guide in Guide.objects.published().prefetch_related("topics")}
    assert set(published) == set(SOURCES)
    for slug, guide in published.items():
        assert guide.owner, slug
        assert guide.topics.exists(), slug
        assert guide.review_due and guide.last_reviewed, slug
        assert guide.main_topic_id, slug
        assert len(guide.summary) < 160, slug
        assert len(guide.headings) >= 3, f"{slug} has too few headings for a contents list"


@pytest.mark.parametrize("audience", [Audience.CUSTOMERS, Audience.PROVIDERS])
def test_each_audience_page_lists_its_demo_guides_and_those_for_everyone_only(client, demo_content, audience):
    html = client.get(f"/guidance/{audience}/").content.decode()
    for slug, source in SOURCES.items():
        listed = f'href="/guidance/{slug}/"' in html
        assert listed == (source.meta["audience"] in (audience, Audience.EVERYONE)), slug


def test_demo_guides_link_to_their_related_guides_questions_and_stages(demo_content):
    for slug, source in SOURCES.items():
        guide = Guide.objects.get(slug=slug, draft_of__isnull=True)
        assert {g.slug for g in guide.related.all()} == set(as_slug_list(source, "related")), slug
        assert {q.slug for q in guide.related_questions.all()} == set(as_slug_list(source, "related_questions")), slug
        assert {s.slug for s in guide.related_stages.all()} == set(as_slug_list(source, "related_stages")), slug


def test_stage_files_name_the_same_guides_as_the_guides_name_stages():
    # Guides own the guide-stage links; a stage file's related_guides must agree with them.
    stage_files = sorted((Path(settings.BASE_DIR) / "content/toolkit/stages").glob("*.md"))
    for path in stage_files:
        stage = read_source(path)
        named = set(as_slug_list(stage, "related_guides"))
        linking = {slug for slug, source in SOURCES.items() if stage.slug in as_slug_list(source, "related_stages")}
        assert named <= linking, f"{path.name}: guides {named - linking} do not list this stage"


def test_every_demo_guide_page_renders_and_its_links_lead_somewhere(client, demo_content):
    for slug in SOURCES:
        response = client.get(f"/guidance/{slug}/")
        assert response.status_code == 200, slug
        body = response.content.decode().split('<div class="app-prose">', 1)[1].split("</div>", 1)[0]
        for link in set(INTERNAL_LINK.findall(body)):
            assert client.get(link).status_code == 200, f"{slug} links to {link}"
