"""Every kind of reader page is valid HTML according to the Nu Html Checker (vnu.jar)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from publishing.models import Topic
from publishing.registry import content_models

ROOT = Path(__file__).resolve().parents[2]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIST_PAGES = [
    "home", "about", "accessibility", "privacy", "faq:index", "topics:index", "guidance:index",
    "toolkit:index", "toolkit:templates", "toolkit:examples",
]  # fmt: skip


def reader_pages():
    """Every kind of reader page: lists, one item of each kind, a topic, search, the feedback steps and a 404."""
    urls = [reverse(name) for name in LIST_PAGES]
    for model in content_models():
        item = model.objects.published().first()
        assert item is not None, f"the demo content has no published {model._meta.verbose_name}"
        urls.append(item.get_absolute_url())
    urls.append(Topic.objects.first().get_absolute_url())
    search = reverse("search:index")
    urls += [f"{search}?q=savings", f"{search}?q=zzzzunfindable", search]
    # The feedback steps a reader without JavaScript sees as pages of their own.
    urls += ["/feedback/report/?page=/faq/", "/feedback/thanks/?page=/faq/"]
    urls += ["/no-such-page/", "/admin/login/"]
    return urls


@pytest.mark.django_db
@pytest.mark.skipif(shutil.which("java") is None, reason="needs Java for vnu.jar")
def test_every_reader_page_is_valid_html(client, tmp_path):
    call_command("load_demo_content")
    files = {}
    for n, url in enumerate(reader_pages()):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        path = tmp_path / f"page{n}.html"
        path.write_bytes(response.content)
        files[str(path)] = url
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--exit-zero-always", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [
        f"{files.get(m.get('url', '').removeprefix('file:'), m.get('url'))}: {m['message']}"
        for m in messages
        if m["type"] == "error"
    ]
    assert errors == []
