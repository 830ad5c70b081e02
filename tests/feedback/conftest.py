import pytest
from django.core.cache import caches


@pytest.fixture(autouse=True)
def fresh_rate_counts():
    """Each test starts with no feedback counted against any client."""
    caches["default"].clear()
