import datetime

import pytest
from django.utils import timezone

from publishing.models import Status
from tests.factories import make_change_note, make_guide, make_question, make_topic


@pytest.fixture
def hidden_and_live(db):
    """One published guide and one published question on a topic, each with a change note, beside a draft,
    an item in review, a scheduled item and a withdrawn item on the same topic, each with a change note too.
    Returns (topic, published items, hidden items)."""
    topic = make_topic("Human resources", slug="hr")
    live = [make_guide("Live guide", topics=[topic]), make_question("Live question?", topics=[topic])]
    hidden = [
        make_guide("Draft guide", status=Status.DRAFT, topics=[topic]),
        make_guide("Guide in review", status=Status.IN_REVIEW, topics=[topic]),
        make_guide("Scheduled guide", publish_at=timezone.now() + datetime.timedelta(days=3), topics=[topic]),
        make_question("Withdrawn question?", status=Status.WITHDRAWN, topics=[topic]),
    ]
    for item in live + hidden:
        make_change_note(item, f"First published: {item.title}", days_ago=2)
    return topic, live, hidden
