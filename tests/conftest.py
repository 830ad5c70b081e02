import pytest
from django.core.cache import caches


@pytest.fixture
def html_of():
    """Return a helper that fetches a page and returns its decoded HTML, asserting a status."""

    def fetch(client, url, status=200):
        response = client.get(url)
        assert response.status_code == status, f"{url} returned {response.status_code}"
        return response.content.decode()

    return fetch


@pytest.fixture
def page_cache_on(settings):
    """The page cache turned on with empty caches (it is off for the rest of the suite)."""
    settings.PAGE_CACHE_ENABLED = True
    for alias in ("default", "generation"):
        caches[alias].clear()
    yield
    for alias in ("default", "generation"):
        caches[alias].clear()
