"""What each tool page shows. Nothing here reads the database or keeps what a reader enters.

The self-assessment's answers travel in the reader's own form: each page posts them back in hidden
fields with the answer it asks for, so the server holds nothing between pages. readiness_step()
reads one posted form and says which page comes next, as (template, context).
"""

from dataclasses import dataclass
from types import SimpleNamespace

from django.utils import timezone

from tools import catalogue, downloads
from tools.chart import bar_chart
from tools.forms import AnswerCodeForm, AnswerForm, SavingsForm, error_summary_items
from tools.readiness import answer_code, answers_from, definition, first_unanswered, score
from tools.savings import ASSUMPTIONS, SERVICES, SOURCES, estimate

READINESS_START = "tools/readiness_start.html"
READINESS_QUESTION = "tools/readiness_question.html"
READINESS_CHECK = "tools/readiness_check.html"
READINESS_RESULTS = "tools/readiness_results.html"
READINESS_PRINTABLE = "tools/readiness_printable.html"
SAVINGS_FORM = "tools/savings_form.html"
SAVINGS_RESULTS = "tools/savings_results.html"


@dataclass(frozen=True)
class Download:
    filename: str
    content_type: str
    content: bytes


def today_text():
    return f"{timezone.localdate():%-d %B %Y}"


def tools_index_page():
    return {"tools": catalogue.TOOLS}


# The readiness self-assessment ---------------------------------------------------------------------------------


def carried(answers, leave_out=None):
    """(name, value) of the hidden fields that carry the answers to the next page."""
    return [(key, answer.value) for key, answer in answers.items() if key != leave_out]


def readiness_start_page(code_form=None):
    assessment = definition()
    code_form = code_form or AnswerCodeForm(assessment)
    return READINESS_START, {
        "assessment": assessment,
        "item": readiness_sources(),
        "code_form": code_form,
        "error_items": error_summary_items(code_form) if code_form.is_bound else [],
    }


def question_page(assessment, question, answers, *, checking=False, form=None):
    if form is None:
        given = answers.get(question.key)
        form = AnswerForm(question, initial={question.key: given.value} if given else None)
    return READINESS_QUESTION, {
        "assessment": assessment,
        "question": question,
        "factor": assessment.factor_of(question),
        "form": form,
        "error_items": error_summary_items(form) if form.is_bound else [],
        "answers": carried(answers, leave_out=question.key),
        "checking": checking,
        "has_previous": checking or assessment.neighbour(question, -1) is not None,
    }


def check_page(assessment, answers):
    missing = first_unanswered(answers, assessment)
    if missing is not None:
        return question_page(assessment, missing, answers)
    factors = [
        (factor, [(question, answers[question.key]) for question in factor.questions]) for factor in assessment.factors
    ]
    return READINESS_CHECK, {"assessment": assessment, "factors": factors, "answers": carried(answers)}


def readiness_sources():
    """The self-assessment cites one source: the guidance its factors and thresholds come from."""
    return SimpleNamespace(source_list=SOURCES[:1])


def results_context(assessment, answers):
    return {
        "assessment": assessment,
        "item": readiness_sources(),
        "result": score(answers, assessment),
        "code": answer_code(answers, assessment),
        "answers": carried(answers),
        "given": [(question, answers[question.key]) for question in assessment.questions],
        "answered_on": today_text(),
    }


def results_page(assessment, answers, template=READINESS_RESULTS):
    missing = first_unanswered(answers, assessment)
    if missing is not None:
        return question_page(assessment, missing, answers)
    return template, results_context(assessment, answers)


def answered_page(assessment, current, answers, data):
    """After a question is answered: the next question, or the check page once every answer is in."""
    form = AnswerForm(current, data)
    checking = data.get("checking") == "1"
    if not form.is_valid():
        return question_page(assessment, current, answers, checking=checking, form=form)
    answers[current.key] = form.answer()
    following = None if checking else assessment.neighbour(current, 1)
    if following is not None:
        return question_page(assessment, following, answers)
    return check_page(assessment, answers)


def previous_page(assessment, current, answers, data):
    if data.get("checking") == "1":
        return check_page(assessment, answers)
    previous = assessment.neighbour(current, -1)
    return question_page(assessment, previous, answers) if previous else readiness_start_page()


def restored_page(assessment, data):
    form = AnswerCodeForm(assessment, data)
    if not form.is_valid():
        return readiness_start_page(form)
    return check_page(assessment, form.cleaned_data["code"])


def readiness_step(data):
    """The page that follows a posted self-assessment form: the button pressed (`go`) and the answers say which."""
    assessment = definition()
    answers = answers_from(data, assessment)
    go = data.get("go", "")
    if go == "restore":
        return restored_page(assessment, data)
    changing = assessment.question(go.removeprefix("change-")) if go.startswith("change-") else None
    if changing is not None:
        return question_page(assessment, changing, answers, checking=True)
    current = assessment.question(data.get("question", ""))
    if current is not None:
        if go == "back":
            return previous_page(assessment, current, answers, data)
        return answered_page(assessment, current, answers, data)
    if go == "results":
        return results_page(assessment, answers)
    if go == "check":
        return check_page(assessment, answers)
    return question_page(assessment, first_unanswered(answers, assessment) or assessment.questions[0], answers)


def readiness_printable(data):
    assessment = definition()
    return results_page(assessment, answers_from(data, assessment), template=READINESS_PRINTABLE)


def readiness_file(data):
    """The answered spreadsheet, or (template, context) of the question still to answer."""
    assessment = definition()
    answers = answers_from(data, assessment)
    missing = first_unanswered(answers, assessment)
    if missing is not None:
        return question_page(assessment, missing, answers)
    context = results_context(assessment, answers)
    content = downloads.readiness_ods(
        assessment, answers, context["result"], code=context["code"], answered_on=context["answered_on"]
    )
    return Download(downloads.READINESS_FILE, downloads.ODS_TYPE, content)


# The savings estimator -----------------------------------------------------------------------------------------


def savings_sources():
    return SimpleNamespace(source_list=SOURCES)


def savings_form_page(form=None):
    form = form or SavingsForm()
    return SAVINGS_FORM, {
        "form": form,
        "error_items": error_summary_items(form) if form.is_bound else [],
        "item": savings_sources(),
    }


def figures_to_carry(form):
    """The reader's figures as hidden fields, written the way the form reads them back."""
    values = [(key, "" if value is None else f"{value:,}") for key, value in form.costs().items()]
    return [*values, ("employees", f"{form.cleaned_data['employees']:,}")]


def savings_results_context(form):
    result = estimate(costs=form.costs(), employees=form.cleaned_data["employees"])
    chart = bar_chart(
        "Estimated saving a year at each published rate",
        [(scenario.rate.name, scenario.saving, f"£{scenario.saving:,}") for scenario in result.scenarios],
    )
    return {
        "result": result,
        "chart": chart,
        "figures": figures_to_carry(form),
        "assumptions": ASSUMPTIONS,
        "item": savings_sources(),
        "made_on": today_text(),
    }


def savings_step(data):
    """The results for the posted figures, the form again with its errors, or the form filled in to change."""
    if data.get("go") == "change":
        return savings_form_page(SavingsForm(initial={key: data.get(key, "") for key in changeable_fields()}))
    form = SavingsForm(data)
    if not form.is_valid():
        return savings_form_page(form)
    return SAVINGS_RESULTS, savings_results_context(form)


def savings_file(data, file_format):
    """The estimate as a CSV or ODS file, or (template, context) of the form with its errors."""
    form = SavingsForm(data)
    if not form.is_valid():
        return savings_form_page(form)
    result = estimate(costs=form.costs(), employees=form.cleaned_data["employees"])
    if file_format == "csv":
        content = downloads.savings_csv(result, made_on=today_text())
        return Download(f"{downloads.SAVINGS_FILE}.csv", downloads.CSV_TYPE, content)
    content = downloads.savings_ods(result, made_on=today_text())
    return Download(f"{downloads.SAVINGS_FILE}.ods", downloads.ODS_TYPE, content)


def changeable_fields():
    return [service.key for service in SERVICES] + ["employees"]
