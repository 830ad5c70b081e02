"""Personal data typed by mistake is replaced before feedback is saved; ordinary numbers and words are kept."""

import pytest

from feedback.redaction import EMAIL_REMOVED, NATIONAL_INSURANCE_REMOVED, PHONE_REMOVED, redact


@pytest.mark.parametrize(
    "typed",
    ["jo.bloggs@example.gov.uk", "first+tag@dept.example.org", "o'neill@example.com"],
)
def test_email_addresses_are_removed(typed):
    assert redact(f"Contact me at {typed} please") == f"Contact me at {EMAIL_REMOVED} please"


@pytest.mark.parametrize("typed", ["QQ123456C", "qq 12 34 56 c", "AB 123456 D"])
def test_national_insurance_numbers_are_removed(typed):
    assert redact(f"My number is {typed}.") == f"My number is {NATIONAL_INSURANCE_REMOVED}."


@pytest.mark.parametrize(
    "typed", ["020 7946 0000", "07700 900123", "+44 7700 900123", "(0161) 496-0000", "+44 (0)20 7946 0000"]
)
def test_phone_numbers_are_removed(typed):
    assert redact(f"Call {typed} today") == f"Call {PHONE_REMOVED} today"


@pytest.mark.parametrize(
    "kept",
    [
        "In 2008, six departments ran shared service centres.",
        "It saved £50,000,000 between 2005 and 2010.",
        "Stage 3 of 6, on 26 November 2026 (2026-11-26).",
        "The 20,000 and 50,000 thresholds.",
    ],
)
def test_dates_amounts_and_ordinary_text_are_kept(kept):
    assert redact(kept) == kept


def test_several_kinds_in_one_answer_are_all_removed():
    text = "I am QQ123456C, on 07700 900123 or a@b.co"
    assert redact(text) == f"I am {NATIONAL_INSURANCE_REMOVED}, on {PHONE_REMOVED} or {EMAIL_REMOVED}"
