"""The search relevance set (bench/relevance/queries.yaml) and the metrics bench/search_eval.py reports.

Fast: no database, except one small search to check how the results page is read.
`make search-eval` runs the queries themselves.
"""

import re
from collections import Counter

import pytest
import yaml
from django.contrib.contenttypes.models import ContentType
from django.urls import Resolver404, resolve

from bench.search_eval import (
    CONTENT_DIR,
    QUERY_FILE,
    Query,
    RelevanceSetError,
    demo_titles,
    distinct_paths,
    exact_title_queries,
    front_matter,
    hit_rank,
    load_relevance_set,
    mean_reciprocal_rank,
    normalise,
    recall_at,
    result_links,
    runnable,
    scores,
    write_section,
    zero_result_rate,
)
from search.models import BestBet
from tests.factories import make_guide, make_question

CLASSES = ["question", "one-word", "two-word", "acronym", "misspelling", "navigational", "paraphrase", "fallback"]
# Reader pages with no slug that a query may expect: sections and landing pages, indexed or not.
LANDING_PAGES = {
    "home", "about", "accessibility", "privacy", "faq:index", "guidance:index", "guidance:audience",
    "toolkit:index", "toolkit:templates", "toolkit:examples", "topics:index",
    "tools:index", "tools:readiness", "tools:savings", "benchmarks:index",
    "directory:overview", "directory:which-cluster", "directory:timeline",
}  # fmt: skip
# Pages built from one demo-content file: the URL name, and the folder of files whose slugs it serves.
CONTENT_PAGES = {
    "faq:detail": "faq/questions",
    "guidance:detail": "guidance",
    "toolkit:stage": "toolkit/stages",
    "toolkit:example": "toolkit/examples",
    "toolkit:template": "toolkit/templates",
    "topics:detail": "topics",
    "directory:cluster": "directory/clusters",
    "directory:organisation": "directory/organisations",
    "directory:provider": "directory/providers",
}


@pytest.fixture(scope="module")
def raw_classes():
    """The query file as YAML, read without the harness's loader."""
    return yaml.safe_load(QUERY_FILE.read_text(encoding="utf-8"))["classes"]


@pytest.fixture(scope="module")
def relevance_set():
    """(class descriptions, queries) as the harness loads them."""
    return load_relevance_set()


def content_slugs(folder):
    return {
        str(front_matter(path).get("slug") or path.stem)
        for path in (CONTENT_DIR / folder).glob("*.md")
        if front_matter(path).get("title")
    }


# The query file


def test_every_class_has_its_fair_share_of_queries_and_there_are_at_least_150(raw_classes):
    counts = {name: len(body["queries"]) for name, body in raw_classes.items()}
    assert sorted(counts) == sorted(CLASSES)
    total = sum(counts.values())
    assert total >= 150
    for name, count in counts.items():
        assert count >= total / len(CLASSES) * 0.75, f"{name} has only {count} of {total} queries"


def test_every_query_has_words_and_every_expected_value_is_a_site_path(raw_classes):
    for name, body in raw_classes.items():
        assert body["description"].strip(), name
        for item in body["queries"]:
            assert set(item) <= {"q", "expect", "pending"}, item
            assert normalise(item["q"]), item
            assert item["expect"], item
            for path in item["expect"]:
                assert re.fullmatch(r"/([a-z0-9][a-z0-9-]*/)*", path), f"{item['q']!r}: {path!r}"


def test_no_query_appears_twice(raw_classes):
    queries = [normalise(item["q"]) for body in raw_classes.values() for item in body["queries"]]
    assert [query for query, count in Counter(queries).items() if count > 1] == []


def test_the_harness_loads_every_query_with_its_class(raw_classes, relevance_set):
    descriptions, queries = relevance_set
    assert list(descriptions) == list(raw_classes)
    assert len(queries) == sum(len(body["queries"]) for body in raw_classes.values())
    assert Counter(q.query_class for q in queries) == {name: len(b["queries"]) for name, b in raw_classes.items()}


def test_every_expected_page_is_a_demo_content_page_or_a_landing_page(relevance_set):
    _, queries = relevance_set
    slugs = {name: content_slugs(folder) for name, folder in CONTENT_PAGES.items()}
    unknown = []
    for query in queries:
        if query.pending:
            continue
        for path in query.expected:
            try:
                match = resolve(path)
            except Resolver404:
                unknown.append((query.text, path))
                continue
            if match.view_name in CONTENT_PAGES:
                if match.kwargs["slug"] not in slugs[match.view_name]:
                    unknown.append((query.text, path))
            elif match.view_name not in LANDING_PAGES:
                unknown.append((query.text, path))
    assert unknown == []


def test_fewer_than_a_fifth_of_queries_are_a_page_title(relevance_set):
    _, queries = relevance_set
    titles = demo_titles()
    assert len(titles) > 50
    assert len(exact_title_queries(queries, titles)) < len(queries) / 5


def test_exact_title_match_ignores_case_and_punctuation_only():
    queries = [
        Query("what are shared services", "question", ("/faq/what-are-shared-services/",)),
        Query("What are shared servises", "misspelling", ("/faq/what-are-shared-services/",)),
        Query("shared services", "two-word", ("/faq/what-are-shared-services/",)),
    ]
    matched = exact_title_queries(queries, {"What are shared services?", "Design"})
    assert [q.text for q in matched] == ["what are shared services"]


# Loading refuses a malformed file with a message that says where


def write_set(tmp_path, queries):
    path = tmp_path / "queries.yaml"
    path.write_text(yaml.safe_dump({"classes": {"question": {"description": "Questions.", "queries": queries}}}))
    return path


def test_a_duplicate_query_is_refused_naming_both(tmp_path):
    path = write_set(
        tmp_path, [{"q": "Will I lose my job?", "expect": ["/faq/a/"]}, {"q": "will i lose my job", "expect": ["/b/"]}]
    )
    with pytest.raises(RelevanceSetError, match="query 2 .*the same query as in class 'question', query 1"):
        load_relevance_set(path)


@pytest.mark.parametrize("bad", ["/faq/a", "faq/a/", "https://example.gov.uk/faq/a/", "/faq/A/", "/faq/a/?q=1"])
def test_an_expected_value_that_is_not_a_site_path_is_refused(tmp_path, bad):
    with pytest.raises(RelevanceSetError, match="is not a site path"):
        load_relevance_set(write_set(tmp_path, [{"q": "savings", "expect": [bad]}]))


def test_a_query_without_expected_pages_or_with_an_unknown_key_is_refused(tmp_path):
    with pytest.raises(RelevanceSetError, match="'expect' must be a list"):
        load_relevance_set(write_set(tmp_path, [{"q": "savings", "expect": []}]))
    with pytest.raises(RelevanceSetError, match="unknown key"):
        load_relevance_set(write_set(tmp_path, [{"q": "savings", "expect": ["/faq/a/"], "expected": ["/b/"]}]))


def test_a_class_without_queries_is_refused(tmp_path):
    with pytest.raises(RelevanceSetError, match="Class 'question' needs a non-empty 'queries' list"):
        load_relevance_set(write_set(tmp_path, []))


# Pending queries


def test_a_pending_query_waits_until_one_of_its_pages_exists():
    pending = Query("exit the shared service", "question", ("/guidance/leaving/", "/faq/leaving/"), pending=True)
    ordinary = Query("savings", "one-word", ("/faq/how-much-can-be-saved/",))
    assert not runnable(pending, existing_paths={"/faq/how-much-can-be-saved/"})
    assert runnable(pending, existing_paths={"/faq/leaving/"})
    assert runnable(ordinary, existing_paths=set())


# Metrics, on examples worked by hand


def test_result_links_become_distinct_paths_in_order():
    hrefs = ["/faq/a/", "/guidance/b/?page=2", "/faq/a/", "/toolkit/c/#templates", "https://example.gov.uk/d/"]
    assert distinct_paths(hrefs) == ["/faq/a/", "/guidance/b/", "/toolkit/c/", "/d/"]


def test_hit_rank_is_the_position_of_the_first_expected_page_within_the_top_ten():
    paths = [f"/p{n}/" for n in range(1, 13)]
    assert hit_rank(paths, {"/p3/"}) == 3
    assert hit_rank(paths, {"/p7/", "/p2/"}) == 2
    assert hit_rank(paths, {"/p11/"}) is None
    assert hit_rank([], {"/p1/"}) is None


def test_mean_reciprocal_rank():
    # (1/1 + 1/2 + 0 + 1/4) / 4
    assert mean_reciprocal_rank([1, 2, None, 4]) == pytest.approx(0.4375)
    assert mean_reciprocal_rank([11, 1]) == pytest.approx(0.5)
    assert mean_reciprocal_rank([]) == 0.0


def test_recall_at_three():
    assert recall_at([1, 2, 3, 4, None]) == pytest.approx(0.6)
    assert recall_at([None, 10]) == 0.0


def test_zero_result_rate():
    assert zero_result_rate([0, 5, 0, 10]) == pytest.approx(0.5)
    assert zero_result_rate([1, 1]) == 0.0


def test_scores_of_a_class():
    observations = [
        {"rank": 1, "paths": ["/a/", "/b/"]},
        {"rank": 3, "paths": ["/c/", "/d/", "/a/"]},
        {"rank": None, "paths": []},
        {"rank": 5, "paths": ["/1/", "/2/", "/3/", "/4/", "/a/"]},
    ]
    result = scores(observations)
    assert result.count == 4
    # (1 + 1/3 + 0 + 1/5) / 4
    assert result.mrr == pytest.approx(23 / 60)
    assert result.recall == pytest.approx(0.5)
    assert result.zero == pytest.approx(0.25)


# Reading the results page


@pytest.mark.django_db
def test_result_links_are_read_from_the_page_in_the_order_a_reader_sees_them_best_bets_first(client):
    answer = make_question("Will people lose their jobs?", body="Redundancy is not the aim of sharing.")
    guide = make_guide("Careers in shared services", body="Jobs and careers in a shared service centre.")
    BestBet.objects.create(queries="jobs", content_type=ContentType.objects.get_for_model(answer), object_id=answer.pk)
    links = result_links(client.get("/search/", {"q": "jobs"}).content)
    assert links[0] == (answer.get_absolute_url(), "Will people lose their jobs?")
    assert sorted(links[1:]) == sorted(
        [(answer.get_absolute_url(), "Will people lose their jobs?"), (guide.get_absolute_url(), guide.title)]
    )
    assert distinct_paths(href for href, _ in links) == [answer.get_absolute_url(), guide.get_absolute_url()]


# Writing bench/RESULTS.md


def test_writing_results_replaces_only_its_own_subsection(tmp_path):
    results = tmp_path / "RESULTS.md"
    results.write_text("# Benchmark results\n\n## Search\n\nLatency.\n\n## Reader pages\n\nPages.\n")
    descriptions = {"question": "Questions."}
    write_section(results, descriptions, "Before the ranking work (27 November 2026)", ["Before: 0.51."])
    write_section(results, descriptions, "After", ["After: 0.60."])
    write_section(results, descriptions, "After", ["After: 0.70."])
    text = results.read_text()
    assert text.startswith("# Benchmark results\n\n## Search\n\nLatency.\n\n## Search relevance\n")
    assert text.endswith("## Reader pages\n\nPages.\n")
    assert text.count("## Search relevance\n") == 1
    assert "### Before the ranking work (27 November 2026)\n\nBefore: 0.51." in text
    assert "### After\n\nAfter: 0.70." in text
    assert "0.60" not in text
    assert text.index("### Before") < text.index("### After")
