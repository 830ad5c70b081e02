"""Fixtures for the search tests. They run on PostgreSQL and on SQLite alike."""

import pytest

from search.models import Synonym


@pytest.fixture
def no_synonyms(db):
    """An empty synonym list, so a test sees only the synonyms it adds."""
    Synonym.objects.all().delete()


@pytest.fixture
def search(client):
    """GET /search/ with the given parameters; returns (response, outcome)."""

    def run(q=None, status=200, **params):
        data = {key.rstrip("_"): value for key, value in params.items()}
        if q is not None:
            data["q"] = q
        response = client.get("/search/", data)
        assert response.status_code == status, response.status_code
        return response, response.context["outcome"] if response.context else None

    return run
