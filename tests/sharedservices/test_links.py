"""Item addresses built without a reverse() per link are exactly the addresses reverse() gives."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from sharedservices.links import slug_url


@pytest.mark.parametrize(
    ("name", "slugs"),
    [
        ("faq:detail", ["how-much-can-we-save"]),
        ("guidance:detail", ["a_guide-2"]),
        ("toolkit:stage", ["vision"]),
        ("toolkit:template", ["sla-template"]),
        ("toolkit:download", ["sla-template", "odt"]),
        ("topics:detail", ["hr"]),
        ("topics:kind", ["hr", "faq"]),
        ("faq:index", []),
        ("about", []),
    ],
)
def test_slug_url_is_the_address_reverse_gives(name, slugs):
    assert slug_url(name, *slugs) == reverse(name, args=slugs)
    assert slug_url(name, *slugs) == reverse(name, args=slugs)  # and again, from what the first call kept


def test_slug_url_follows_the_script_prefix_the_site_is_served_under():
    try:
        set_script_prefix("/guidance-portal/")
        assert (
            slug_url("faq:detail", "savings")
            == "/guidance-portal/faq/savings/"
            == reverse("faq:detail", args=["savings"])
        )
    finally:
        set_script_prefix("/")
    assert slug_url("faq:detail", "savings") == "/faq/savings/"


@pytest.mark.parametrize("slug", ["has space", "slash/in", "", "é"])
def test_slug_url_refuses_what_is_not_a_slug_as_reverse_does(slug):
    with pytest.raises(NoReverseMatch):
        slug_url("faq:detail", slug)


def test_slug_url_of_a_name_no_route_has_fails_as_reverse_does():
    with pytest.raises(NoReverseMatch):
        slug_url("no-such-page")
