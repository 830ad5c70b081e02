"""The benchmark pages are cached like every reader page and refreshed when a return is published; the demo
returns are sample data only, load from content files and export back to the same files."""

import pytest
from django.core.management import call_command
from django.test import Client

from benchmarks.models import BenchmarkReturn, FiguresStatus
from publishing.loaders import ContentError, content_export, content_load
from publishing.models import Status
from publishing.workflow import item_publish, item_submit_for_review
from tests.factories import make_benchmark_return, make_editor, make_publisher

pytestmark = pytest.mark.django_db


def test_a_benchmark_page_is_served_from_the_cache_the_second_time(page_cache_on):
    make_benchmark_return(sample_name="Example department A")
    client = Client()
    for url in ("/benchmarks/?measure=hr-ratio", "/benchmarks/benchmarks.csv?measure=hr-ratio"):
        first, second = client.get(url), client.get(url)
        assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit"), url
        assert first.content == second.content


def test_publishing_a_return_refreshes_the_cached_pages(page_cache_on, django_capture_on_commit_callbacks):
    editor, publisher = make_editor(), make_publisher()
    client = Client()
    client.get("/benchmarks/")
    draft = make_benchmark_return(sample_name="Example department Z", status=Status.DRAFT, updated_by=editor)
    with django_capture_on_commit_callbacks(execute=True):
        item_submit_for_review(item=draft, user=editor)
        item_publish(item=draft, user=publisher)
    response = client.get("/benchmarks/")
    assert response["X-Page-Cache"] == "miss" and "Example department Z" in response.content.decode()


def test_a_post_to_the_benchmarks_is_refused_and_never_cached(page_cache_on):
    response = Client().post("/benchmarks/", {"measure": "hr-ratio"})
    assert response.status_code == 405 and "X-Page-Cache" not in response


def test_the_demo_returns_are_sample_data_only_and_say_so():
    call_command("load_demo_content", verbosity=0)
    returns = list(BenchmarkReturn.objects.published())
    assert len(returns) == 15
    assert {item.figures_status for item in returns} == {FiguresStatus.SAMPLE}
    assert all(item.organisation_id is None and item.sample_name.startswith("Example department") for item in returns)
    assert all("invented" in item.summary and "invented" in item.body for item in returns)
    assert {item.cluster.slug for item in returns} == {"matrix", "synergy", "unity"}
    assert any(item.procurement_cost is None for item in returns)


def test_the_returns_export_and_load_back_to_the_same_files(tmp_path):
    call_command("load_demo_content", verbosity=0)
    first, second = tmp_path / "first", tmp_path / "second"
    content_export(root=first)
    BenchmarkReturn.objects.all().delete()
    content_load(root=first)
    content_export(root=second)
    for path in sorted((first / "benchmarks").glob("*.md")):
        assert (second / "benchmarks" / path.name).read_bytes() == path.read_bytes(), path.name
    assert len(list((first / "benchmarks").glob("*.md"))) == 15


GOOD_FILE = """---
title: 'Example department Q: 2022 to 2023'
summary: Sample figures, invented for demonstration.
sample_name: Example department Q
financial_year: 2022
figures_status: sample-data
running_costs: '1000000'
organisation_spend: '2000000'
employees_served: 770
hr_staff: '10'
hr_cost: '20000'
---
Invented for demonstration.
"""


def load_one(tmp_path, **changes):
    text = GOOD_FILE
    for key, value in changes.items():
        text = "\n".join(f"{key}: {value}" if line.startswith(f"{key}:") else line for line in text.splitlines())
    (tmp_path / "benchmarks").mkdir()
    (tmp_path / "benchmarks" / "example-department-q.md").write_text(text + "\n")
    return content_load(root=tmp_path)


def test_a_good_return_file_loads(tmp_path):
    load_one(tmp_path)
    item = BenchmarkReturn.objects.get()
    assert item.hr_staff == 10 and item.it_cost is None and item.is_published_now


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"figures_status": "management-information"}, "must be marked sample data"),
        ({"running_costs": "'-4'"}, "'running_costs' must be 0 or more"),
        ({"running_costs": "'10'"}, "add up to more than the running costs"),
        ({"running_costs": "lots"}, "'running_costs' must be a number"),
        ({"financial_year": "1850"}, "must be a year from 2000"),
        ({"sample_name": "''"}, "Choose the organisation, or give a sample name"),
    ],
)
def test_a_bad_return_file_stops_the_load_naming_the_problem(tmp_path, changes, problem):
    with pytest.raises(ContentError, match=problem):
        load_one(tmp_path, **changes)
    assert not BenchmarkReturn.objects.exists()


def test_a_filter_the_page_cannot_use_never_shares_a_cached_page_with_one_it_can(page_cache_on):
    make_benchmark_return(sample_name="Example department 2022", year=2022)
    make_benchmark_return(sample_name="Example department 2021", year=2021)
    client = Client()
    assert "Example department 2021" not in client.get("/benchmarks/?year=2022").content.decode()
    for query in ("?year=20221", "?year=2022x"):
        assert "Example department 2021" in client.get(f"/benchmarks/{query}").content.decode(), query
