"""The self-assessment's scoring, proved against examples worked out by hand from tools/readiness.yaml."""

import pytest

from tools.readiness import (
    CodeError,
    DefinitionError,
    answer_code,
    answers_from,
    answers_from_code,
    definition,
    parse_definition,
    score,
)


@pytest.fixture
def assessment():
    """The self-assessment as the portal defines it."""
    return definition()


# Example A, worked by hand. Answer positions in question order:
#   adequate scale:   employees "20,000 to 49,999" (position 2, scores 3), growth 2, cover 4, payback 5
#                     -> total 3 + 2 + 4 + 5 = 14 of 20, lowest 2 -> gaps to close; the gap is "growth"
#   governance:       4, 4, 4, 4 -> 16 of 20, lowest 4 -> in place
#   expertise:        3, 4, 5, 4 -> 16 of 20, lowest 3 -> partly in place
#   supplier market:  5, 5, 4    -> 14 of 15, lowest 4 -> in place
#   overall:          14 + 16 + 16 + 14 = 60 of 75, rated by the worst factor -> gaps to close
EXAMPLE_A_CODE = "2245 4444 3454 554"


def example_a(assessment):
    positions = "224544443454554"
    return {
        question.key: question.answer(digit) for question, digit in zip(assessment.questions, positions, strict=True)
    }


def test_the_self_assessment_has_the_seeds_four_factors_and_fifteen_questions_out_of_seventy_five(assessment):
    assert [factor.name for factor in assessment.factors] == [
        "Adequate scale",
        "Effective governance and programme management",
        "Use of expert capabilities",
        "Making good use of the supplier market",
    ]
    assert len(assessment.questions) == 15
    assert [factor.maximum for factor in assessment.factors] == [20, 20, 20, 15]
    assert assessment.maximum == 75


def test_the_scale_question_scores_the_20000_and_50000_employee_thresholds(assessment):
    employees = assessment.question("employees")
    assert [(answer.label, answer.score) for answer in employees.answers] == [
        ("Fewer than 20,000", 1),
        ("20,000 to 49,999", 3),
        ("50,000 or more", 5),
        ("Not known yet", 1),
    ]


def test_example_a_scores_each_factor_and_rates_it_by_its_lowest_score(assessment):
    result = score(example_a(assessment), assessment)
    assert [(f.factor.key, f.total, f.lowest, f.rating.key) for f in result.factors] == [
        ("scale", 14, 2, "gaps"),
        ("governance", 16, 4, "ready"),
        ("expertise", 16, 3, "partly"),
        ("suppliers", 14, 4, "ready"),
    ]
    assert (result.total, result.maximum, result.rating.key) == (60, 75, "gaps")
    assert result.advice == assessment.overall["gaps"]


def test_only_answers_scored_one_or_two_are_listed_as_gaps(assessment):
    result = score(example_a(assessment), assessment)
    scale = result.factors[0]
    assert [(question.key, answer.label) for question, answer in scale.gaps] == [("growth", "Started")]
    assert all(not factor.gaps for factor in result.factors[1:])
    assert scale.advice == assessment.factors[0].advice["gaps"]


def test_the_scale_answer_says_what_it_means_for_the_thresholds(assessment):
    result = score(example_a(assessment), assessment)
    assert result.factors[0].notes == (
        "20,000 to 49,999 employees meets the minimum for good value. Returns are better at 50,000 or more.",
    )


def test_every_answer_fully_in_place_is_seventy_five_and_ready(assessment):
    answers = {question.key: max(question.answers, key=lambda a: a.score) for question in assessment.questions}
    result = score(answers, assessment)
    assert (result.total, result.rating.label) == (75, "In place")
    assert {factor.rating.key for factor in result.factors} == {"ready"}


def test_not_knowing_the_number_of_employees_counts_as_a_gap(assessment):
    answers = {question.key: question.answers[4] if not question.own_answers else question.answers[3]
               for question in assessment.questions}  # fmt: skip
    result = score(answers, assessment)
    scale = result.factors[0]
    assert (scale.total, scale.lowest, scale.rating.key) == (1 + 5 + 5 + 5, 1, "gaps")
    assert scale.notes[0].startswith("Find out how many employees the service would serve.")


def test_a_missing_answer_cannot_be_scored(assessment):
    answers = example_a(assessment)
    del answers["pace"]
    with pytest.raises(ValueError, match="pace"):
        score(answers, assessment)


def test_the_answer_code_is_each_answers_position_in_question_order(assessment):
    assert answer_code(example_a(assessment), assessment) == EXAMPLE_A_CODE
    assert answers_from_code(EXAMPLE_A_CODE, assessment) == example_a(assessment)
    assert answers_from_code(" 2245-4444 3454554 ", assessment) == example_a(assessment)


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("", "Enter your answer code"),
        ("2245 4444 3454", "Enter an answer code of 15 numbers"),
        ("2245 4444 3454 5545", "Enter an answer code of 15 numbers"),
        ("22a5 4444 3454 554", "Enter an answer code of 15 numbers"),
        ("5245 4444 3454 554", "exactly as it was given to you"),  # the scale question has 4 answers
        ("2245 4444 3454 550", "exactly as it was given to you"),
        ("２２４５ ４４４４ ３４５４ ５５４", "exactly as it was given to you"),  # full-width digits
    ],
)
def test_a_code_that_does_not_fit_the_questions_is_refused_with_a_message(assessment, code, message):
    with pytest.raises(CodeError, match=message):
        answers_from_code(code, assessment)


def test_answers_that_are_not_one_of_a_questions_answers_are_left_out(assessment):
    answers = answers_from({"employees": "4", "growth": "9", "cover": "<b>", "payback": "", "pace": "3"}, assessment)
    assert {key: answer.label for key, answer in answers.items()} == {"employees": "Not known yet", "pace": "Partly"}


MINIMAL = """
title: T
summary: S.
scale: [{label: Not at all, hint: h}, {label: Fully, hint: h}]
ratings:
  - {key: low, label: Low, lowest: [1, 2], meaning: m}
  - {key: high, label: High, lowest: [3, 4, 5], meaning: m}
overall: {low: a, high: b}
factors:
  - key: f
    name: F
    why: w
    questions: [{key: q, question: 'Q?', hint: h}]
    advice: {low: a, high: b}
"""


def test_a_minimal_definition_reads():
    assessment = parse_definition(MINIMAL)
    assert [answer.score for answer in assessment.questions[0].answers] == [1, 2]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("lowest: [3, 4, 5]", "lowest: [4, 5]"), "each lowest score from 1 to 5"),
        (("advice: {low: a, high: b}", "advice: {low: a}"), "give advice for each rating"),
        (("{key: q,", "{key: go,"), "must be lower-case words joined by hyphens, not a form name"),
        (("factors:", "factors: ["), "not valid YAML"),
        (("questions: [{key: q, question: 'Q?', hint: h}]", "questions: []"), "at least one question"),
        (("questions: [{key: q, question: 'Q?', hint: h}]", "questions: [{key: q, hint: h}]"), "'question' must be"),
        (
            ("'Q?', hint: h}]", "'Q?', hint: h, answers: [{label: A, hint: h, score: 9}, {label: B, hint: h}]}]"),
            "'score' must be a whole number from 1 to 5",
        ),
    ],
)  # fmt: skip
def test_a_malformed_definition_is_refused_saying_where(change, message):
    old, new = change
    with pytest.raises(DefinitionError, match=message):
        parse_definition(MINIMAL.replace(old, new))
