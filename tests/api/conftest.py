import pytest
from django.core.cache import caches

from tests.feeds.conftest import hidden_and_live  # noqa: F401 - the same published and hidden items


@pytest.fixture(autouse=True)
def fresh_rate_counts():
    """Each test starts with no request counted against any client."""
    caches["default"].clear()
