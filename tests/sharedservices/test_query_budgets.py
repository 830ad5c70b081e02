"""Every reader page, feed and API endpoint runs a small, fixed number of SQL queries, the same with 10 items as
with 10,000."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.models import Organisation
from faq.models import Question
from guidance.models import Guide
from publishing.models import ChangeNote, Status
from publishing.registry import content_models
from tests.factories import (
    make_category,
    make_cluster,
    make_guides,
    make_organisation,
    make_organisations,
    make_provider,
    make_questions,
    make_stage,
    make_template_file,
    make_topic,
    member,
    publication,
)
from toolkit.models import Template

pytestmark = pytest.mark.django_db

# Most a page may run, whatever the amount of content.
BUDGET = 12
# Most HTML a page may send, in bytes, however many items there are (a page of 50 FAQ answers is about 40 KB).
HTML_BUDGET = 80_000


def add_items(count, topic, category, stage, file, start):
    """count published questions, guides and templates (a third each) on one topic, in bulk."""
    third = count // 3
    questions = make_questions(third, category=category, topics=[topic], body="## Heading\n\nWords.")
    make_guides(third, topics=[topic])
    templates = Template.objects.bulk_create(
        Template(title=f"Template {n}", slug=f"template-{n}", summary="A template.", stage=stage, **publication())
        for n in range(start, start + count - 2 * third)
    )
    Template.files.through.objects.bulk_create(Template.files.through(template=t, templatefile=file) for t in templates)
    Template.topics.through.objects.bulk_create(Template.topics.through(template=t, topic=topic) for t in templates)
    ChangeNote.objects.bulk_create(
        ChangeNote(item=q, changed_at=q.first_published_at, note="First published.") for q in questions
    )


def page_urls(topic, stage):
    question = Question.objects.published().order_by("pk").first()
    template = Template.objects.published().order_by("pk").first()
    guide = Guide.objects.published().order_by("pk").first()
    return [
        "/",
        "/faq/",
        question.get_absolute_url(),
        "/guidance/",
        "/guidance/providers/",
        "/guidance/customers/",
        guide.get_absolute_url(),
        "/toolkit/",
        stage.get_absolute_url(),
        "/toolkit/templates/",
        "/toolkit/templates/?format=odt",
        template.get_absolute_url(),
        "/topics/",
        topic.get_absolute_url(),
        # Feeds of major changes, and the read-only API's list, detail and search endpoints.
        "/feeds/updates.atom",
        f"/feeds/topics/{topic.slug}.atom",
        "/feeds/kinds/faq.atom",
        "/api/v1/items/",
        "/api/v1/items/?kind=template",
        f"/api/v1/items/?topic={topic.slug}&audience=providers",
        f"/api/v1/items/faq/{question.slug}/",
        "/api/v1/search/?q=template",
        "/api/v1/kinds/",
        "/api/v1/topics/",
        "/tools/",
        "/tools/readiness/",
        "/tools/savings/",
    ]


def query_counts(client, urls, sizes=None):
    counts = {}
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[url] = len(queries)
        if sizes is not None:
            sizes[url] = len(response.content)
    return counts


def test_query_counts_do_not_grow_from_ten_items_to_ten_thousand(client, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    topic = make_topic("Finance")
    category = make_category("Benefits")
    stage = make_stage(position=1)
    make_stage(position=2)
    file = make_template_file("odt")
    add_items(10, topic, category, stage, file, start=0)
    urls = page_urls(topic, stage)
    small = query_counts(client, urls)
    add_items(9_990, topic, category, stage, file, start=10)
    sizes = {}
    large = query_counts(client, urls, sizes)
    # The home page's latest updates fetch their items with one query per kind of content that
    # appears among them: bounded by the number of kinds, never by the number of items.
    kinds = len(content_models())
    grown = {url: large[url] - small[url] for url in urls if large[url] - small[url] > (kinds if url == "/" else 0)}
    assert grown == {}
    assert max(large.values()) <= BUDGET, large
    # Long lists are paged or cut short, so no page's HTML grows with the content either.
    assert {url: size for url, size in sizes.items() if size > HTML_BUDGET} == {}
    assert Question.objects.filter(status=Status.PUBLISHED).count() > 3000


def test_the_tools_read_nothing_from_the_database_even_their_steps_that_are_never_cached(client):
    answers = dict.fromkeys(("employees", "growth", "cover", "payback", "offering", "agreements", "roles", "pace",
                             "experience", "transition", "retained", "implementation", "buying-power", "existing",
                             "smaller"), "3")  # fmt: skip
    figures = {"hr": "1,250,000", "employees": "18,000"}
    steps = [
        ("/tools/readiness/answers/", {"go": "start"}),
        ("/tools/readiness/answers/", {**answers, "go": "results"}),
        ("/tools/readiness/download/", answers),
        ("/tools/savings/estimate/", figures),
        ("/tools/savings/download/", {**figures, "format": "ods"}),
    ]
    for path, data in steps:
        with CaptureQueriesContext(connection) as queries:
            response = client.post(path, data)
        assert response.status_code == 200, path
        assert len(queries) == 0, (path, [q["sql"] for q in queries])


def grow_directory(count, cluster, provider):
    """count more published organisations, every one a member of the cluster and a customer of the provider."""
    organisations = make_organisations(count)
    cluster.memberships += [member(organisation) for organisation in organisations]
    cluster.save()
    provider.customers += [{"organisation": o.slug, "from": "2013", "sources": [1]} for o in organisations]
    provider.save()
    return organisations


def test_directory_query_counts_are_the_same_with_ten_organisations_and_a_thousand(client):
    lead = make_organisation("Lead Department", abbreviation="LD")
    cluster = make_cluster("Unity", members=[lead])
    make_cluster("Matrix", members=[make_organisation("Other Department", abbreviation="OTD")])
    provider = make_provider("Shared Services Connected Ltd", customers=[lead])
    make_provider("Old centre", ended={"date": "2013", "sources": [1]})
    agency = make_organisation(
        "An Agency", abbreviation="AA", parent=lead, parent_cited={"date": "2017", "sources": [1]}
    )
    closed = make_organisation("Old Ministry", abbreviation="OM", closed={"date": "2023-02", "sources": [1]})
    closed.successors.set([lead])
    grow_directory(6, cluster, provider)
    urls = [
        "/directory/",
        "/directory/clusters/unity/",
        "/directory/organisations/ld/",
        "/directory/organisations/aa/",
        "/directory/providers/shared-services-connected-ltd/",
        "/directory/timeline/",
        "/directory/which-cluster/",
        "/directory/which-cluster/?organisation=ld",
        f"/directory/which-cluster/?organisation={agency.slug}",
        f"/directory/which-cluster/?organisation={closed.slug}",
        "/directory/directory.csv",
        "/directory/directory.json",
        "/feeds/kinds/cluster.atom",
        "/api/v1/items/?kind=organisation",
    ]
    assert Organisation.objects.published().count() == 10
    small = query_counts(client, urls)
    grow_directory(990, cluster, provider)
    assert Organisation.objects.published().count() == 1_000
    large = query_counts(client, urls)
    assert {url: (small[url], large[url]) for url in urls if large[url] != small[url]} == {}
    assert max(large.values()) <= BUDGET, large
