import pytest

from tests.guidance.stub_toolkit_urls import use_toolkit_urls


@pytest.fixture
def toolkit_urls(settings):
    """Toolkit item addresses resolve: the real ones once the toolkit has them, stand-ins until then."""
    use_toolkit_urls(settings)
