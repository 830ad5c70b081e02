"""Personal data a reader types by mistake is taken out before feedback is saved.

Feedback is about pages, not people: an email address, a phone number or a National
Insurance number in it is replaced by a marker saying what was removed.
"""

import re

EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# Two letters, six digits and a final letter A to D, with or without spaces: AB 12 34 56 C.
NATIONAL_INSURANCE = re.compile(r"\b[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b", re.IGNORECASE)
# A number starting with 0 or + (as UK and international phone numbers do), written with the spaces, dots,
# dashes and brackets people use; a phone number if it has 10 to 15 digits. Years, dates and amounts start
# otherwise or have fewer digits.
NUMBER_LIKE = re.compile(r"(?<![\w+])(?:\+\s?\d|\(?0)[\d\s().-]{7,}\d(?!\w)")
PHONE_DIGITS = range(10, 16)

EMAIL_REMOVED = "[email address removed]"
NATIONAL_INSURANCE_REMOVED = "[National Insurance number removed]"
PHONE_REMOVED = "[phone number removed]"


def _phone_or_text(match):
    digits = sum(character.isdigit() for character in match.group(0))
    return PHONE_REMOVED if digits in PHONE_DIGITS else match.group(0)


def redact(text):
    """The text with email addresses, National Insurance numbers and phone numbers replaced by markers."""
    text = EMAIL.sub(EMAIL_REMOVED, text or "")
    text = NATIONAL_INSURANCE.sub(NATIONAL_INSURANCE_REMOVED, text)
    return NUMBER_LIKE.sub(_phone_or_text, text)
