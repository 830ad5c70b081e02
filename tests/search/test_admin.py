"""Editors keep synonyms and best bets in the admin; the index itself is read-only there."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from publishing.models import Status
from search.models import BestBet, SearchEntry, Synonym
from tests.factories import make_editor, make_question, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_signed_in():
    """A client signed in as a superuser."""
    client = Client()
    client.force_login(make_user("search-admin", superuser=True))
    return client


def test_editors_may_keep_synonyms_and_best_bets():
    editor = make_editor("synonym-editor")
    assert editor.has_perm("search.add_synonym") and editor.has_perm("search.change_synonym")
    assert editor.has_perm("search.add_bestbet") and editor.has_perm("search.change_bestbet")


def test_synonym_list_and_form(admin_client_signed_in):
    assert admin_client_signed_in.get("/admin/search/synonym/").status_code == 200
    response = admin_client_signed_in.post("/admin/search/synonym/add/", {"terms": "HR, human resources", "note": ""})
    assert response.status_code == 302
    assert Synonym.objects.filter(terms="HR, human resources").exists()


def test_a_synonym_needs_two_terms(admin_client_signed_in):
    response = admin_client_signed_in.post("/admin/search/synonym/add/", {"terms": "HR", "note": ""})
    assert response.status_code == 200
    assert "Give at least two words or phrases" in response.content.decode()


def test_a_best_bet_is_chosen_from_the_published_pages(admin_client_signed_in):
    item = make_question("Will people lose their jobs?")
    make_question("A draft", status=Status.DRAFT)
    content_type = ContentType.objects.get_for_model(item)
    form = admin_client_signed_in.get("/admin/search/bestbet/add/").content.decode()
    assert "FAQ: Will people lose their jobs?" in form
    assert "A draft" not in form
    response = admin_client_signed_in.post(
        "/admin/search/bestbet/add/",
        {"queries": "lose my job\nredundancy", "page": f"{content_type.pk}:{item.pk}", "active": "on"},
    )
    assert response.status_code == 302
    bet = BestBet.objects.get()
    assert (bet.content_type, bet.object_id) == (content_type, item.pk)
    assert bet.query_list() == ["lose my job", "redundancy"]
    listing = admin_client_signed_in.get("/admin/search/bestbet/").content.decode()
    assert f'<a href="{item.get_absolute_url()}">Will people lose their jobs?</a>' in listing


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"queries": "jobs"}, "Choose a page, or give both an address and its link text."),
        ({"queries": "jobs", "url": "/toolkit/"}, "Choose a page, or give both an address and its link text."),
        ({"queries": "jobs", "url": "javascript:alert(1)", "title": "x"}, "starting with /"),
        ({"queries": "jobs", "url": "//evil.example", "title": "x"}, "starting with /"),
        ({"queries": "  \n ", "url": "/toolkit/", "title": "Toolkit"}, "This field is required"),
    ],
)
def test_a_best_bet_must_point_somewhere_safe(admin_client_signed_in, data, message):
    response = admin_client_signed_in.post("/admin/search/bestbet/add/", {**data, "active": "on"})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not BestBet.objects.exists()


def test_a_best_bet_can_be_a_page_given_by_address(admin_client_signed_in):
    response = admin_client_signed_in.post(
        "/admin/search/bestbet/add/",
        {"queries": "templates", "url": "/toolkit/templates/", "title": "All templates", "active": "on"},
    )
    assert response.status_code == 302
    assert BestBet.objects.get().content_type is None


def test_the_index_is_read_only_in_the_admin(admin_client_signed_in):
    make_question("Pension arrangements")
    entry = SearchEntry.objects.get()
    assert admin_client_signed_in.get("/admin/search/searchentry/").status_code == 200
    assert admin_client_signed_in.get("/admin/search/searchentry/add/").status_code == 403
    response = admin_client_signed_in.post(f"/admin/search/searchentry/{entry.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert SearchEntry.objects.filter(pk=entry.pk).exists()
