import pytest


@pytest.fixture
def html_of():
    """Return a helper that fetches a page and returns its decoded HTML, asserting a status."""

    def fetch(client, url, status=200):
        response = client.get(url)
        assert response.status_code == status, f"{url} returned {response.status_code}"
        return response.content.decode()

    return fetch
