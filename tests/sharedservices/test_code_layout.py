"""The code keeps the shape the README describes: layers that import downwards only, visibility decided in
one place, and functions short enough to read at once."""

import ast
import re
from pathlib import Path

import pytest

from publishing import registry

ROOT = Path(__file__).resolve().parents[2]
APPLICATION_APPS = [
    "sharedservices", "publishing", "faq", "guidance", "toolkit", "directory", "search", "topics",
    "feedback", "feeds", "api", "tools",
]  # fmt: skip
LONGEST_FUNCTION = 40


def content_apps():
    return sorted({kind.model._meta.app_label for kind in registry.kinds()})


def application_modules(app):
    return [path for path in (ROOT / app).rglob("*.py") if "migrations" not in path.parts]


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module


def imports_of(app, forbidden):
    return sorted(
        f"{path.relative_to(ROOT)} imports {module}"
        for path in application_modules(app)
        for module in imported_modules(path)
        if module.split(".")[0] in forbidden
    )


def test_registered_kinds_come_from_the_content_apps():
    assert content_apps() == ["benchmarks", "directory", "faq", "guidance", "toolkit"]


def test_publishing_imports_no_app_above_it():
    assert imports_of("publishing", {"search", "topics", "feedback", "feeds", "api", *content_apps()}) == []


@pytest.mark.parametrize("app", ["feedback", "feeds", "api"])
def test_the_cross_kind_apps_read_the_registry_and_import_no_content_app(app):
    assert imports_of(app, set(content_apps())) == []


@pytest.mark.parametrize("app", ["directory", "faq", "guidance", "toolkit"])
def test_a_content_app_imports_no_other_content_app(app):
    others = set(content_apps()) - {app}
    assert imports_of(app, others) == []


def test_the_tools_use_the_toolkits_file_writers_but_no_content_apps_models_or_pages():
    """The tools hold no content: they may write files with toolkit.files, and read nothing of the content apps."""
    writers = ("toolkit.files.opendocument", "toolkit.files.sources")
    found = [line for line in imports_of("tools", set(content_apps())) if not line.endswith(writers)]
    assert found == []


# Filters and comparisons that decide what readers see: only publishing's QuerySet and model may spell them out.
VISIBILITY_RULE = re.compile(
    r"\b(draft_of|status|publish_at)__\w+\s*="  # filter(draft_of__isnull=True), publish_at__lte=…
    r"|\b(draft_of|status|publish_at)\s*=\s*(Status\.|None|\"published|\"withdrawn)"  # filter(status=Status.…)
    r"|\.(status|draft_of_id|draft_of)\s*(==|!=|\bis\b|\bin\b)"  # item.status == …
)


@pytest.mark.parametrize("app", [app for app in APPLICATION_APPS if app != "publishing"])
def test_no_code_outside_publishing_decides_visibility_itself(app):
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in application_modules(app)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if VISIBILITY_RULE.search(line)
    ]
    assert found == []


def test_the_visibility_rule_check_catches_what_it_is_meant_to():
    caught = [
        "Question.objects.filter(draft_of__isnull=True)",
        "items.filter(status=Status.PUBLISHED)",
        "if template.status != Status.PUBLISHED:",
        "entries.filter(publish_at__lte=now)",
    ]
    allowed = ['"visible_from": item.publish_at,', "return JsonResponse(data, status=503)", "item.is_published_now"]
    assert all(VISIBILITY_RULE.search(line) for line in caught)
    assert not any(VISIBILITY_RULE.search(line) for line in allowed)


def test_no_application_function_is_longer_than_forty_lines():
    long_functions = [
        f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for app in APPLICATION_APPS
        for path in application_modules(app)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > LONGEST_FUNCTION
    ]
    assert long_functions == []
