"""The readiness self-assessment's pages through the test client: one question a page, errors, check your answers,
results, the answer code, and nothing kept on the server."""

import io
import re

import pytest
from django.core.cache import caches
from django.test import Client
from odf.opendocument import load
from odf.table import Table, TableCell, TableRow

from tests.pagecheck import assert_reader_page_structure
from tools.readiness import definition

ANSWERS = "/tools/readiness/answers/"
# Example A of test_readiness_scoring: 60 of 75, adequate scale has a gap.
EXAMPLE_A = "224544443454554"


@pytest.fixture
def assessment():
    """The self-assessment as the portal defines it."""
    return definition()


@pytest.fixture
def example_a(assessment):
    """Example A's answers as the form posts them."""
    return {question.key: digit for question, digit in zip(assessment.questions, EXAMPLE_A, strict=True)}


def post(data, path=ANSWERS):
    response = Client().post(path, data)
    assert response.status_code == 200, response.status_code
    return response, response.content.decode()


def heading(html):
    match = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    return " ".join(match.group(1).split())


def hidden_fields(html):
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', html))


def test_the_first_page_says_nothing_is_stored_and_starts_without_an_account(client):
    response = client.get("/tools/readiness/")
    html = response.content.decode()
    assert_reader_page_structure(html, title_prefix="Readiness self-assessment")
    assert "Nothing you enter is stored on our servers, and you do not need an account." in html
    assert 'action="/tools/readiness/answers/"' in html and 'value="start" name="go"' in html
    assert "noindex" not in html
    assert not response.cookies


def test_starting_asks_the_first_question_as_the_pages_heading_with_a_hint_for_each_answer(assessment):
    response, html = post({"go": "start"})
    assert_reader_page_structure(html)
    assert heading(html) == "How many employees would the shared service serve?"
    assert "Question 1 of 15" in html
    assert len(re.findall(r'type="radio"\s+name="employees"', html)) == 4
    assert "Below the minimum for good value." in html
    assert "Previous question" not in html
    assert hidden_fields(html) == {"question": "employees"}


def test_continuing_without_an_answer_shows_an_error_summary_linked_to_the_first_radio():
    response, html = post({"question": "employees", "go": "continue"})
    assert_reader_page_structure(html, title_prefix="Error: How many employees")
    summary = html[html.index("govuk-error-summary") : html.index("</div>", html.index("govuk-error-summary__list"))]
    assert '<a href="#id_employees_1">Select the answer that best describes where you are now</a>' in summary
    assert 'id="id_employees_1"' in html
    assert "govuk-error-message" in html


def test_each_answer_travels_to_the_next_page_in_the_form(assessment):
    _, html = post({"question": "employees", "employees": "2", "go": "continue"})
    assert heading(html) == assessment.questions[1].text
    assert hidden_fields(html) == {"employees": "2", "question": "growth"}
    _, html = post({"employees": "2", "question": "growth", "growth": "5", "go": "continue"})
    assert hidden_fields(html) == {"employees": "2", "growth": "5", "question": "cover"}


def test_previous_question_keeps_every_answer_and_shows_the_one_given(assessment):
    _, html = post({"employees": "2", "question": "growth", "growth": "5", "go": "back"})
    assert heading(html) == "How many employees would the shared service serve?"
    assert hidden_fields(html) == {"growth": "5", "question": "employees"}
    assert re.search(r'id="id_employees_2"\s+value="2"\s+(aria-describedby="[^"]+"\s+)?checked', html)


def test_after_the_last_question_you_check_your_answers_with_a_way_to_change_each(example_a):
    last = dict(example_a)
    smaller = last.pop("smaller")
    _, html = post({**last, "question": "smaller", "smaller": smaller, "go": "continue"})
    assert_reader_page_structure(html)
    assert heading(html) == "Check your answers"
    assert hidden_fields(html) == example_a
    assert html.count('name="go" value="change-') == 15
    assert 'Change<span class="govuk-visually-hidden"> your answer to: Are your senior sponsor' in html
    assert "20,000 to 49,999" in html


def test_changing_an_answer_from_the_check_page_returns_to_it(example_a):
    _, html = post({**example_a, "go": "change-pace"})
    assert heading(html) == "Are your senior sponsor and board committed to making decisions at pace?"
    assert hidden_fields(html)["checking"] == "1"
    assert "Back to check your answers" in html
    changed = {**example_a, "question": "pace", "checking": "1", "pace": "1", "go": "continue"}
    _, html = post(changed)
    assert heading(html) == "Check your answers"
    assert hidden_fields(html)["pace"] == "1"


def test_the_results_score_each_factor_say_what_to_do_next_and_link_to_help(example_a, assessment):
    response, html = post({**example_a, "go": "results"})
    assert_reader_page_structure(html, title_prefix="Your results")
    assert '<meta name="robots" content="noindex, nofollow">' in html
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "Adequate scale 14 out of 20 Gaps to close" in text
    assert "Effective governance and programme management 16 out of 20 In place" in text
    assert "Use of expert capabilities 16 out of 20 Partly in place" in text
    assert "Making good use of the supplier market 14 out of 15 In place" in text
    assert "You scored 14 out of 20. Your lowest score was 2." in text
    assert "All factors 60 out of 75 Gaps to close" in text
    assert assessment.overall["gaps"] in text
    assert "Is there a realistic route to serving 50,000 or more employees? You answered: started." in text
    assert 'href="/guidance/scale-and-viability/"' in html and 'href="/toolkit/strategy-and-business-case/"' in html
    assert 'Your answer code is <strong class="app-answer-code">2245 4444 3454 554</strong>.' in html
    assert 'formaction="/tools/readiness/download/"' in html and 'formaction="/tools/readiness/printable/"' in html


def test_the_answer_code_brings_the_answers_back_to_check(example_a):
    _, html = post({"go": "restore", "code": "2245 4444 3454 554"})
    assert heading(html) == "Check your answers"
    assert hidden_fields(html) == example_a


def test_a_wrong_answer_code_is_an_error_on_the_first_page():
    _, html = post({"go": "restore", "code": "12345"})
    assert_reader_page_structure(html, title_prefix="Error: Readiness self-assessment")
    assert '<a href="#id_code">Enter an answer code of 15 numbers, like 1111 1111 1111 111</a>' in html


def test_asking_for_results_with_answers_missing_asks_the_first_missing_question(example_a):
    del example_a["roles"]
    _, html = post({**example_a, "go": "results"})
    assert (
        heading(html)
        == "Does everyone involved understand the difference between the customer role and the provider role?"
    )


def test_a_made_up_answer_in_a_hidden_field_is_asked_again(example_a):
    _, html = post({**example_a, "cover": "7", "go": "results"})
    assert heading(html) == "Would the service have enough people to keep up cover and service levels?"


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"go": "change-nothing"},
        {"question": "nothing", "go": "continue"},
        {"question": "employees", "employees": "<script>", "go": "continue"},
        {"go": "restore", "code": "\x00" * 50},
        {"go": "restore", "code": "9" * 100_000},
        {"employees": ["1", "2"], "question": "growth", "growth": ["9", "3"], "go": "continue"},
    ],
)
def test_odd_or_hostile_posts_get_a_normal_page(data):
    response, html = post(data)
    assert "<script>" not in html
    assert_reader_page_structure(html)


def test_a_reopened_tab_goes_back_to_the_first_page():
    response = Client().get(ANSWERS)
    assert response.status_code == 302 and response["Location"] == "/tools/readiness/"


def test_the_printable_page_has_the_results_and_every_answer_without_forms(example_a):
    _, html = post(example_a, path="/tools/readiness/printable/")
    assert_reader_page_structure(html)
    assert "<form" not in html[html.index("<main") :]
    assert "Answer code: <strong" in html
    assert html.count("(scores ") == 15


def test_no_step_sets_a_cookie_or_may_be_kept_by_a_shared_cache(example_a, settings):
    settings.PAGE_CACHE_ENABLED = True
    caches["default"].clear()
    for data in ({"go": "start"}, {**example_a, "go": "results"}):
        response = Client().post(ANSWERS, data)
        assert not response.cookies
        assert "private" in response["Cache-Control"]
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert "X-Page-Cache" not in response
    response = Client().post("/tools/readiness/download/", example_a)
    assert not response.cookies and "private" in response["Cache-Control"]


@pytest.mark.django_db
def test_the_first_page_is_cached_like_every_reader_page(settings):
    settings.PAGE_CACHE_ENABLED = True
    caches["default"].clear()
    client = Client()
    first, second = client.get("/tools/readiness/"), client.get("/tools/readiness/")
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert "public" in second["Cache-Control"]


def sheet_rows(document, name):
    """[[shown cell values]] of the named sheet of an ODS document read by odfpy."""
    sheet = next(table for table in document.spreadsheet.getElementsByType(Table) if table.getAttribute("name") == name)
    return [[str(cell) for cell in row.getElementsByType(TableCell)] for row in sheet.getElementsByType(TableRow)]


def test_the_downloaded_spreadsheet_opens_with_odfpy_with_the_scores_filled_in_and_the_same_totals(example_a):
    response = Client().post("/tools/readiness/download/", example_a)
    assert response["Content-Type"] == "application/vnd.oasis.opendocument.spreadsheet"
    assert response["Content-Disposition"] == 'attachment; filename="readiness-self-assessment-results.ods"'
    document = load(io.BytesIO(response.content))
    names = [table.getAttribute("name") for table in document.spreadsheet.getElementsByType(Table)]
    assert names == ["Your results", "Instructions", "Self-assessment", "What your scores mean"]
    scored = {row[0]: row[1] for row in sheet_rows(document, "Self-assessment") if len(row) > 1}
    assert scored["Total for factor 1 (out of 20)"] == "14"
    assert scored["Lowest score for factor 1"] == "2"
    assert scored["Overall score (out of 75)"] == "60"
    assert scored["How many employees would the shared service serve?"] == "3"
    results = {row[0]: row[1:] for row in sheet_rows(document, "Your results") if row}
    assert results["Overall"][:4] == ["60", "75", "", "Gaps to close"]
    assert any("2245 4444 3454 554" in label for label in results)


def test_a_download_with_answers_missing_asks_the_missing_question_instead(example_a):
    del example_a["growth"]
    response = Client().post("/tools/readiness/download/", example_a)
    assert response["Content-Type"].startswith("text/html")
    assert heading(response.content.decode()) == "Is there a realistic route to serving 50,000 or more employees?"


def test_the_privacy_notice_says_the_tools_store_nothing(client):
    html = client.get("/privacy/").content.decode()
    assert "do not store what you enter" in html and "the tools set no cookies" in html
