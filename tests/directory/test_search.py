"""Readers find the directory's pages by name, abbreviation and former name, ahead of every other page,
on whichever database the suite runs (PostgreSQL in CI; `make test-directory-sqlite` for SQLite)."""

import pytest

from search.selectors import SearchParams, search_run

pytestmark = pytest.mark.django_db

FIRST = [
    ("HMRC", "/directory/organisations/hmrc/"),
    ("which cluster is DWP in", "/directory/organisations/dwp/"),
    ("Synergy", "/directory/clusters/synergy/"),
    ("SSCL", "/directory/providers/sscl/"),
    ("BEIS", "/directory/organisations/beis/"),
    ("DLUHC", "/directory/organisations/mhclg/"),
    ("NOMS", "/directory/organisations/hmpps/"),
    ("Matrix cluster", "/directory/clusters/matrix/"),
]


@pytest.mark.parametrize(("query", "url"), FIRST)
def test_the_directory_page_comes_first(demo_content, query, url):
    outcome = search_run(params=SearchParams(q=query))
    assert [result.entry.url for result in outcome.results[:1]] == [url], [r.entry.url for r in outcome.results[:5]]
