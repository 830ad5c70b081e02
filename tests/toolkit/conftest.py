import shutil
from pathlib import Path

import pytest

from publishing.loaders import content_load

CONTENT = Path(__file__).resolve().parents[2] / "content"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Keep stored template files in a temporary folder, so tests leave nothing behind."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def toolkit_content(tmp_path):
    """A copy of the real topics, FAQ and toolkit demo content, safe to change in a test."""
    root = tmp_path / "content"
    for part in ("topics", "faq", "toolkit"):
        shutil.copytree(CONTENT / part, root / part)
    return root


@pytest.fixture
def demo_toolkit(db, toolkit_content):
    """The real toolkit demo content, loaded into the test database."""
    content_load(root=toolkit_content)
    return toolkit_content
