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
    "toolkit:index", "toolkit:templates", "toolkit:examples", "tools:index", "tools:readiness", "tools:savings",
    "benchmarks:index",
]  # fmt: skip
READINESS_ANSWERS = dict.fromkeys(("employees", "growth", "cover", "payback", "offering", "agreements", "roles", "pace",
                                   "experience", "transition", "retained", "implementation", "buying-power", "existing",
                                   "smaller"), "3")  # fmt: skip
SAVINGS_FIGURES = {"hr": "1,250,000", "finance": "2,000,000", "procurement": "", "other": "", "employees": "18,000"}


def form_pages():
    """Every kind of page a step of a reader's form answers with (they take POST): (address, form data)."""
    answers = "/tools/readiness/answers/"
    return [
        (answers, {"go": "start"}),
        (answers, {"question": "employees", "go": "continue"}),
        (answers, {**READINESS_ANSWERS, "go": "check"}),
        (answers, {**READINESS_ANSWERS, "go": "results"}),
        (answers, {"go": "restore", "code": "123"}),
        ("/tools/readiness/printable/", READINESS_ANSWERS),
        ("/tools/savings/estimate/", SAVINGS_FIGURES),
        ("/tools/savings/estimate/", {**SAVINGS_FIGURES, "hr": "x", "employees": "-1"}),
    ]


def reader_pages():
    """Every kind of reader page: lists, one item of each kind, a topic, search, the feedback steps and a 404."""
    urls = [reverse(name) for name in LIST_PAGES]
    for model in content_models():
        item = model.objects.published().first()
        assert item is not None, f"the demo content has no published {model._meta.verbose_name}"
        urls.append(item.get_absolute_url())
    urls.append(Topic.objects.first().get_absolute_url())
    # The benchmarks with a comparator's reference line, and a page with a figure that was not recorded.
    benchmarks = reverse("benchmarks:index")
    urls += [f"{benchmarks}?measure=hr-ratio&year=2022", f"{benchmarks}?measure=cost-per-employee&cluster=synergy"]
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
    requests = [(url, None) for url in reader_pages()] + form_pages()
    for n, (url, data) in enumerate(requests):
        response = client.get(url) if data is None else client.post(url, data)
        assert response.status_code in (200, 404), url
        path = tmp_path / f"page{n}.html"
        path.write_bytes(response.content)
        files[str(path)] = url if data is None else f"POST {url} {data.get('go', '')}"
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
