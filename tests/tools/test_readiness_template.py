"""One source for both: the downloadable template and the online self-assessment ask the same questions and
score them the same way, because the template's source is generated from the tool's definition."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from toolkit.files.formulas import Formula
from toolkit.files.generation import generate
from toolkit.files.sources import SheetValues, parse_sheets
from tools.readiness import definition, score
from tools.readiness_sheets import ASSESSMENT_SHEET, MEANING_SHEET, TEMPLATE_SOURCE, template_source

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def assessment():
    """The self-assessment as the portal defines it."""
    return definition()


@pytest.fixture
def template_sheets():
    """The template's sheets, read from the committed source the way the toolkit reads it."""
    return {sheet.name: sheet for sheet in parse_sheets((ROOT / TEMPLATE_SOURCE).read_text(encoding="utf-8"))}


def test_the_committed_template_source_is_the_one_the_definition_generates(assessment):
    assert (ROOT / TEMPLATE_SOURCE).read_text(encoding="utf-8") == template_source(assessment)


def test_the_check_command_fails_when_the_template_source_has_drifted(tmp_path, settings):
    settings.BASE_DIR = tmp_path
    (tmp_path / TEMPLATE_SOURCE).parent.mkdir(parents=True)
    (tmp_path / TEMPLATE_SOURCE).write_text("sheets: []\n", encoding="utf-8")
    with pytest.raises(CommandError, match="out of date"):
        call_command("write_readiness_template", "--check")
    call_command("write_readiness_template")
    call_command("write_readiness_template", "--check")


def question_rows(sheet):
    """{question text: row number} of the rows with a score cell to fill in."""
    return {row[0]: number for number, row in enumerate(sheet.rows, start=1) if len(row) == 5 and row[1] is None}


def test_the_template_asks_every_question_in_the_same_order(assessment, template_sheets):
    assert list(question_rows(template_sheets[ASSESSMENT_SHEET])) == [q.text for q in assessment.questions]


def test_the_templates_formulas_give_the_tools_totals_and_lowest_scores_for_the_same_answers(
    assessment, template_sheets
):
    # Example A of test_readiness_scoring: scored 14/2, 16/4, 16/3 and 14/4 by the tool, 60 overall.
    positions = "224544443454554"
    answers = {q.key: q.answer(digit) for q, digit in zip(assessment.questions, positions, strict=True)}
    sheet = template_sheets[ASSESSMENT_SHEET]
    rows = question_rows(sheet)
    for question in assessment.questions:
        sheet.rows[rows[question.text] - 1][1] = answers[question.key].score
    values = SheetValues(sheet)
    formulas = {
        row[0]: values(2, number)
        for number, row in enumerate(sheet.rows, start=1)
        if any(isinstance(cell, Formula) for cell in row)
    }
    result = score(answers, assessment)
    for factor in result.factors:
        number = factor.factor.number
        assert formulas[f"Total for factor {number} (out of {factor.factor.maximum})"] == factor.total
        assert formulas[f"Lowest score for factor {number}"] == factor.lowest
    assert formulas["Overall score (out of 75)"] == result.total == 60


def test_the_template_explains_every_rating_and_what_to_do_next_as_the_tool_does(assessment, template_sheets):
    rows = {row[0]: row[1:] for row in template_sheets[MEANING_SHEET].rows if row}
    ratings = assessment.ratings
    assert rows["What to do next"] == [f"If {rating.label[:1].lower()}{rating.label[1:]}" for rating in ratings]
    for factor in assessment.factors:
        assert rows[f"{factor.number}. {factor.name}"] == [factor.advice[rating.key] for rating in ratings]
    assert rows["All 4 factors"] == [assessment.overall[rating.key] for rating in ratings]
    assert all(any(label.startswith(f"{rating.label}: ") for label in rows) for rating in ratings)


def test_the_templates_instructions_give_the_tools_answer_scale(assessment, template_sheets):
    cells = [row[0] for row in template_sheets["Instructions"].rows if row]
    for answer in assessment.scale:
        label = answer.label[:1].lower() + answer.label[1:]
        assert any(cell.startswith(f"Score {answer.value}, {label}: ") for cell in cells)


def test_the_template_still_makes_working_ods_and_xlsx_files():
    text = (ROOT / TEMPLATE_SOURCE).read_text(encoding="utf-8")
    for file_format in ("ods", "xlsx"):
        assert len(generate("sheets", text, file_format, "Readiness self-assessment")) > 5000
