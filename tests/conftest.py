import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import transaction


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


@pytest.fixture(scope="module")
def demo_content(django_db_setup, django_db_blocker):
    """The demo content, with the default search synonyms, loaded once for the module and removed afterwards."""
    from tests.search.helpers import ensure_default_synonyms

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        ensure_default_synonyms()
        call_command("load_demo_content", verbosity=0)
        yield
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)
