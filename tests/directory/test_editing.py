"""Recording a membership change: an edit in the admin, checked, reviewed and versioned like any page."""

import pytest
from django.test import Client
from django.urls import reverse

from directory.models import Cluster
from publishing.models import Status
from publishing.workflow import item_publish, item_submit_for_review
from tests.factories import DIRECTORY_SOURCE, make_cluster, make_editor, make_organisation, make_publisher

pytestmark = pytest.mark.django_db


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def change_url(item):
    return reverse("admin:directory_cluster_change", args=[item.pk])


def form_data(cluster, memberships):
    return {
        "title": cluster.title, "slug": cluster.slug, "summary": cluster.summary, "body": cluster.body,
        "as_of": "2026-11-27", "memberships": memberships,
        "platform": "name: Cloud platform\ndate: 2024-10\nsources: [1]", "suppliers": "", "targets": "",
        "progress": "stage: Live\ndate: '2025'\nsources: [1]",
        "audience": "everyone", "owner": cluster.owner, "history_period": "",
        "sources-1-title": DIRECTORY_SOURCE["title"], "sources-1-publisher": DIRECTORY_SOURCE["publisher"],
        "sources-1-date": DIRECTORY_SOURCE["date"], "sources-1-url": DIRECTORY_SOURCE["url"],
        "review_due": "", "last_reviewed": "", "change_type": "major",
        "change_note": "Recorded a membership change.", "seen_version": cluster.version,
    }  # fmt: skip


def test_a_membership_change_is_a_draft_until_a_second_person_publishes_it():
    old = make_organisation("Old Department", abbreviation="OD")
    make_organisation("New Department", abbreviation="ND")
    cluster = make_cluster("Unity", members=[old])
    editor, publisher = make_editor(), make_publisher()
    change = (
        "- organisation: od\n  lead: true\n  from: 2024-10\n  to: 2025-02\n  sources: [1]\n"
        "- organisation: nd\n  lead: true\n  from: 2025-02\n  sources: [1]\n"
    )
    response = signed_in(editor).post(change_url(cluster), form_data(cluster, change))
    assert response.status_code == 302, response.content.decode()[:3000]
    draft = Cluster.objects.get(draft_of=cluster)
    assert [m["organisation"] for m in draft.current_members()] == ["nd"]
    # Readers still see the published membership.
    before = Client().get("/directory/which-cluster/?organisation=nd").content.decode()
    assert "We have no record of ND in a cluster" in before
    item_submit_for_review(item=draft, user=editor)
    item_publish(item=Cluster.objects.get(pk=draft.pk), user=publisher)
    html = Client().get("/directory/clusters/unity/").content.decode()
    assert "Former members" in html and "October 2024 to February 2025" in html
    assert "ND is in the" in Client().get("/directory/which-cluster/?organisation=nd").content.decode()
    assert (
        "We have no record of OD in a cluster"
        in Client().get("/directory/which-cluster/?organisation=od").content.decode()
    )


@pytest.mark.parametrize(
    ("memberships", "message"),
    [
        ("- organisation: od\n  from: 2024-10\n  sources: [3]", "there is no source 3; the page lists 1 source(s)."),
        ("- organisation: od\n  from: October 2024\n  sources: [1]", "the date must be a year, a month or a day"),
        ("- organisation: nobody\n  from: 2024-10\n  sources: [1]", "There is no organisation with the address"),
        ("- organisation: od\n  from: 2024-10", "cite at least one of the page&#x27;s sources"),
        ("- organisation: od\n  from: 2025\n  to: 2024\n  sources: [1]", "&#x27;to&#x27; is before &#x27;from&#x27;"),
        ("- organisation: od\n from: [", "This could not be read"),
        ("organisation: od", "Give a list: start each entry with"),
    ],
)
def test_a_wrong_membership_is_refused_with_a_message_saying_what_to_fix(memberships, message):
    cluster = make_cluster(
        "Unity", members=[make_organisation("Old Department", abbreviation="OD")], status=Status.DRAFT
    )
    response = signed_in(make_editor()).post(change_url(cluster), form_data(cluster, memberships))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Cluster.objects.get(pk=cluster.pk).memberships == cluster.memberships
