"""The readiness self-assessment as spreadsheet sheets, made from its one definition (tools/readiness.yaml).

The same sheets are the downloadable template's source (written to content/toolkit/template-sources/
by `manage.py write_readiness_template`) and, with a reader's scores filled in, the file the online
tool offers to download. Each sheet is a dict of name, widths and rows, as template sources hold them:
a cell is text, a number, None or a formula starting with "=".
"""

import json

from tools.readiness import GAP_SCORE

TEMPLATE_SOURCE = "content/toolkit/template-sources/readiness-self-assessment.sheets.yaml"
ASSESSMENT_SHEET = "Self-assessment"
MEANING_SHEET = "What your scores mean"
RESULTS_SHEET = "Your results"
SCORE_COLUMN = "B"


def lower_first(text):
    return text[:1].lower() + text[1:]


def spoken_list(items):
    """ "a, b, c, and d", as the guidance lists the factors."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + ", and " + items[-1]


def how_to_score(question):
    """For a question with its own answers, the score each answer counts for, in words."""
    parts = [f"{lower_first(answer.label)} scores {answer.score}" for answer in question.answers]
    said = spoken_list(parts)
    return f"{said[:1].upper()}{said[1:]}."


def instructions_sheet(assessment):
    count, total = len(assessment.factors), assessment.maximum
    names = spoken_list(lower_first(factor.name) for factor in assessment.factors)
    scale = [
        [f"Score {answer.value}, {lower_first(answer.label)}: {lower_first(answer.hint)}"]
        for answer in assessment.scale
    ]
    return {
        "name": "Instructions",
        "widths": [110],
        "rows": [
            [assessment.title],
            [],
            [f"What this is for: to {lower_first(assessment.summary)}"],
            [f"The {count} factors are {names}."],
            ["1. On the Self-assessment sheet, give each question a score in column B."],
            [f"2. Unless a question says otherwise, score it from 1 to {len(assessment.scale)}:"],
            *scale,
            ["3. Note the evidence for each score in column C."],
            [f"4. Treat any score of {GAP_SCORE} or less as a gap, and record an action and an owner in column D."],
            [f"5. The sheet totals each factor, shows its lowest score and gives an overall score out of {total}."],
            [f"6. The {MEANING_SHEET} sheet explains how each factor is rated and what to do next."],
            ["7. Score as a group, not alone, and score again before you leave the strategy and business case stage."],
            [],
            ["You can also answer these questions online with the readiness self-assessment on this website."],
            ["It asks the same questions and scores them in the same way."],
        ],
    }


def assessment_rows(assessment, answers):
    """The Self-assessment sheet's rows, and the rows of each factor's total and lowest score (1-based)."""
    top = len(assessment.scale)
    rows = [
        [assessment.title],
        [f"Score each question from 1 to {top} unless it says otherwise. Totals calculate themselves."],
        [],
        ["Question", f"Score (1 to {top})", "Evidence", "Action and owner", "What to think about"],
    ]
    totals = []
    for factor in assessment.factors:
        rows.append([f"{factor.number}. {factor.name}"])
        first = len(rows) + 1
        for question in factor.questions:
            answer = answers.get(question.key)
            hint = f"{question.hint} {how_to_score(question)}" if question.own_answers else question.hint
            rows.append([question.text, answer.score if answer else None, None, None, hint])
        cells = f"{SCORE_COLUMN}{first}:{SCORE_COLUMN}{len(rows)}"
        # By number, not name: every repeat of a factor's name is more words for search to match the file on.
        rows.append([f"Total for factor {factor.number} (out of {factor.maximum})", f"=SUM({cells})"])
        rows.append([f"Lowest score for factor {factor.number}", f"=MIN({cells})"])
        totals.append(len(rows) - 1)
        rows.append([])
    overall = "+".join(f"{SCORE_COLUMN}{row}" for row in totals)
    rows.append([f"Overall score (out of {assessment.maximum})", f"={overall}"])
    rows.append(
        [f"Any question scored {GAP_SCORE} or less is a gap: record an action and an owner before you move on."]
    )
    return rows, totals


def assessment_sheet(assessment, answers=None):
    rows, _ = assessment_rows(assessment, answers or {})
    return {"name": ASSESSMENT_SHEET, "widths": [70, 16, 40, 40, 70], "rows": rows}


def meaning_sheet(assessment):
    """How factors are rated, and what to do next for each factor at each rating: one row a factor."""
    ratings = [[f"{rating.label}: {lower_first(rating.meaning)}"] for rating in assessment.ratings]
    advice = [[f"{factor.number}. {factor.name}", *(factor.advice[r.key] for r in assessment.ratings)]
              for factor in assessment.factors]  # fmt: skip
    overall = [f"All {len(assessment.factors)} factors", *(assessment.overall[r.key] for r in assessment.ratings)]
    return {
        "name": MEANING_SHEET,
        "widths": [40, 60, 60, 60],
        "rows": [
            [MEANING_SHEET],
            [],
            ["Each factor is rated by its lowest score, so that one weak answer is never hidden by a total."],
            *ratings,
            ["Overall, you take the lowest rating of any factor."],
            [],
            ["What to do next", *(f"If {lower_first(rating.label)}" for rating in assessment.ratings)],
            *advice,
            overall,
        ],
    }


def template_sheets(assessment):
    """The downloadable template: instructions, the questions to score, and what the scores mean."""
    return [instructions_sheet(assessment), assessment_sheet(assessment), meaning_sheet(assessment)]


def results_sheet(assessment, answers, result, *, code, answered_on):
    question_rows = [[q.text, answers[q.key].label, answers[q.key].score] for q in assessment.questions]
    factor_rows = [
        [f.factor.name, f.total, f.factor.maximum, f.lowest, f.rating.label, f.advice] for f in result.factors
    ]
    return {
        "name": RESULTS_SHEET,
        "widths": [70, 22, 10, 14, 18, 90],
        "rows": [
            [f"{assessment.title}: your results"],
            [f"Answered online on {answered_on}."],
            [f"Your answer code is {code}. Enter it on the readiness self-assessment page to see these answers again."],
            [],
            ["Question", "Your answer", "Score"],
            *question_rows,
            [],
            ["Factor", "Score", "Out of", "Lowest score", "Rating", "What to do next"],
            *factor_rows,
            ["Overall", result.total, result.maximum, None, result.rating.label, result.advice],
            [],
            [
                "This sheet records your results when you downloaded them. Changing a score on the Self-assessment "
                "sheet updates its totals, not this sheet."
            ],
        ],
    }


def answered_sheets(assessment, answers, result, *, code, answered_on):
    """The template with the reader's scores filled in, their results first."""
    return [
        results_sheet(assessment, answers, result, code=code, answered_on=answered_on),
        instructions_sheet(assessment),
        assessment_sheet(assessment, answers),
        meaning_sheet(assessment),
    ]


# The template source file ------------------------------------------------------------------------------------

SOURCE_HEADER = """\
# Generated from tools/readiness.yaml, the one definition of the readiness self-assessment's questions
# and scoring, which the online tool at /tools/readiness/ reads too. Do not edit this file: change the
# definition and run `.venv/bin/python manage.py write_readiness_template`.
"""


def _cell(value):
    if value is None:
        return "null"
    if isinstance(value, int):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def template_source(assessment):
    """The template's sheets as the YAML text toolkit/files/sources.py reads, one row a line."""
    lines = [SOURCE_HEADER.rstrip("\n"), "sheets:"]
    for sheet in template_sheets(assessment):
        lines += [f"  - name: {_cell(sheet['name'])}", f"    widths: [{', '.join(map(str, sheet['widths']))}]"]
        lines.append("    rows:")
        lines += [f"      - [{', '.join(_cell(value) for value in row)}]" for row in sheet["rows"]]
        lines.append("")
    return "\n".join(lines)
