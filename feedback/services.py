"""Saving what readers tell us. Everything typed is redacted (feedback.redaction) before it is stored."""

from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db import transaction

from feedback.models import Answer, Feedback
from feedback.pages import page_item
from feedback.redaction import redact

DETAILS_SALT = "feedback.details"
# A "No" answer can be followed by what went wrong for this long; after that the details arrive on their own.
DETAILS_WINDOW_SECONDS = 60 * 60


def _on_page(page):
    item = page_item(page)
    if item is None:
        return {"page": page}
    return {"page": page, "content_type": ContentType.objects.get_for_model(item), "object_id": item.pk}


def feedback_answer(*, page, useful):
    """Record a reader's answer to "Is this page useful?"."""
    return Feedback.objects.create(answer=Answer.USEFUL if useful else Answer.NOT_USEFUL, **_on_page(page))


def details_ref(feedback):
    """A signed reference to a "No" answer, so the details a reader sends next join it (no session needed)."""
    return signing.dumps(feedback.pk, salt=DETAILS_SALT)


def _answer_awaiting_details(ref, page):
    try:
        pk = signing.loads(ref, salt=DETAILS_SALT, max_age=DETAILS_WINDOW_SECONDS)
    except signing.BadSignature:
        return None
    return (
        Feedback.objects.select_for_update()
        .filter(pk=pk, page=page, answer=Answer.NOT_USEFUL, doing="", went_wrong="")
        .first()
    )


@transaction.atomic
def feedback_details(*, page, doing, went_wrong, ref=""):
    """Record what a reader was trying to do and what went wrong: added to their "No" answer when they have
    just given one (ref), otherwise a problem report of its own."""
    feedback = _answer_awaiting_details(ref, page) if ref else None
    if feedback is None:
        feedback = Feedback(answer=Answer.PROBLEM, **_on_page(page))
    feedback.doing = redact(doing)
    feedback.went_wrong = redact(went_wrong)
    feedback.save()
    return feedback
