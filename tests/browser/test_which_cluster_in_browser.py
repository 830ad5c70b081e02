"""The question page in a real browser: without JavaScript the select answers for every organisation; with it,
GOV.UK's accessible autocomplete finds each by what readers type (its abbreviation or a former name)."""

import pytest
from django.core.management import call_command

from directory.models import Organisation

pytestmark = pytest.mark.django_db(transaction=True)

ANSWERS = (" is in the ", " is part of ", " no longer exists", "We have no record of ")


def answer_text(tab):
    return tab.locator(".app-answer").first.inner_text()


def test_every_organisation_is_answered_with_the_select_and_no_javascript(new_context):
    call_command("load_demo_content", verbosity=0)
    tab = new_context(java_script_enabled=False).new_page()
    organisations = list(Organisation.objects.published().order_by("title"))
    for organisation in organisations:
        tab.goto("/directory/which-cluster/")
        tab.select_option("#organisation", label=organisation.name_with_abbreviation)
        tab.get_by_role("button", name="Find its cluster").click()
        assert f"organisation={organisation.slug}" in tab.url
        assert any(phrase in answer_text(tab) for phrase in ANSWERS), organisation.slug


def test_every_organisation_is_found_by_typing_in_the_autocomplete(page, axe):
    call_command("load_demo_content", verbosity=0)
    for organisation in Organisation.objects.published().order_by("title"):
        page.goto("/directory/which-cluster/")
        field = page.locator("input#organisation")
        field.fill(organisation.abbreviation or organisation.title)
        page.locator(".autocomplete__option", has_text=organisation.name_with_abbreviation).first.click()
        page.get_by_role("button", name="Find its cluster").click()
        assert f"organisation={organisation.slug}" in page.url, organisation.slug
        assert any(phrase in answer_text(page) for phrase in ANSWERS), organisation.slug
    assert axe(page) == []
    assert page.console_errors == []


@pytest.mark.parametrize(
    ("typed", "slug", "said"), [("NOMS", "hmpps", "HMPPS is part of MoJ"), ("DLUHC", "mhclg", "MHCLG is in the")]
)
def test_typing_a_former_name_answers_for_the_organisation_it_became(page, typed, slug, said):
    call_command("load_demo_content", verbosity=0)
    page.goto("/directory/which-cluster/")
    page.locator("input#organisation").fill(typed)
    page.locator(".autocomplete__option", has_text=f"({typed}), now").first.click()
    page.get_by_role("button", name="Find its cluster").click()
    assert f"organisation={slug}" in page.url
    assert said in answer_text(page)
    # The answer page keeps the choice in the field, so the reader can change it.
    assert page.locator("input#organisation").input_value() != ""
