"""The tools' forms: one question of the self-assessment, an answer code, and the savings estimator's figures.

Fields are rendered by crispy-forms-gds; the error summary above them is rendered by GOV.UK
Frontend's own macro from error_summary_items(), which links each message to the field it is about
(for radios, the first radio: crispy-forms-gds's own summary links to an id no radio has).
"""

import re
from decimal import Decimal

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from tools.readiness import CodeError, answers_from_code
from tools.savings import MAX_COST, MAX_EMPLOYEES, SERVICES

# Longer than any real figure: anything past it is not a number a reader meant.
MAX_FIGURE_LENGTH = 40
MONEY = re.compile(r"£?(\d+|\d{1,3}(?:,\d{3})+)(\.\d{1,2})?")
WHOLE_NUMBER = re.compile(r"\d+|\d{1,3}(?:,\d{3})+")
MINUS_SIGNS = ("-", "\u2212")


class FigureField(forms.CharField):
    """Text a tool reads itself (a sum of money, a count, an answer code), so every message about it is the tool's
    own: Django's generic ones ("Null characters are not allowed") would not say what to enter instead."""

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)
        self.validators = []


class ToolForm(forms.Form):
    """A form whose fields crispy-forms-gds renders without a <form> tag (the page writes it, with the answers)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        # The tools' forms change nothing on the server (see reader_form_step): no token, so readers get no cookie.
        self.helper.disable_csrf = True
        self.helper.label_size = Size.SMALL


def error_summary_items(form):
    """{text, href} for GOV.UK's error summary: one per message, linked to the input it is about."""
    items = []
    for name, errors in form.errors.items():
        bound = form[name]
        target = f"id_{bound.html_name}_1" if isinstance(bound.field.widget, forms.RadioSelect) else bound.auto_id
        items += [{"text": str(error), "href": f"#{target}"} for error in errors]
    return items


class AnswerForm(ToolForm):
    """One question of the readiness self-assessment, as radios with a hint for each answer."""

    def __init__(self, question, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.question = question
        self.fields[question.key] = forms.ChoiceField(
            label=question.text,
            help_text=question.hint,
            choices=[Choice(answer.value, answer.label, hint=answer.hint) for answer in question.answers],
            widget=forms.RadioSelect,
            error_messages={
                "required": "Select the answer that best describes where you are now",
                "invalid_choice": "Select one of the answers",
            },
        )
        self.helper.layout = Layout(Field.radios(question.key, legend_size=Size.LARGE, legend_tag="h1"))

    def answer(self):
        return self.question.answer(self.cleaned_data[self.question.key])


class AnswerCodeForm(ToolForm):
    """The answer code a reader kept, to see their answers again."""

    code = FigureField(
        label="Answer code",
        help_text="The numbers shown with your results and in the spreadsheet you downloaded.",
    )

    def __init__(self, assessment, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.assessment = assessment
        self.helper.layout = Layout(Field.text("code", field_width=20, autocomplete="off", spellcheck="false"))

    def clean_code(self):
        try:
            return answers_from_code(self.cleaned_data["code"], self.assessment)
        except CodeError as error:
            raise forms.ValidationError(str(error)) from None


def figure_text(value):
    """What the reader typed, without spaces (thousands may be grouped with them)."""
    return re.sub(r"\s", "", value or "")


def parse_cost(value, name):
    """Whole pounds and pence, with or without £ and commas; None when left blank."""
    text = figure_text(value)
    if not text:
        return None
    if text.startswith(MINUS_SIGNS):
        raise forms.ValidationError(f"The annual cost of {name} must be £0 or more")
    match = MONEY.fullmatch(text) if len(text) <= MAX_FIGURE_LENGTH else None
    if match is None:
        raise forms.ValidationError(f"Enter the annual cost of {name} as a number of pounds, like 1,250,000")
    amount = Decimal(match.group(1).replace(",", "") + (match.group(2) or ""))
    if amount > MAX_COST:
        raise forms.ValidationError(f"The annual cost of {name} must be £10 billion or less")
    return amount


def parse_employees(value):
    text = figure_text(value)
    if not text:
        raise forms.ValidationError("Enter the number of employees these services support")
    if text.startswith(MINUS_SIGNS):
        raise forms.ValidationError("The number of employees must be 1 or more")
    if len(text) > MAX_FIGURE_LENGTH or not WHOLE_NUMBER.fullmatch(text):
        raise forms.ValidationError("Enter the number of employees as a whole number, like 25,000")
    number = int(text.replace(",", ""))
    if number < 1:
        raise forms.ValidationError("The number of employees must be 1 or more")
    if number > MAX_EMPLOYEES:
        raise forms.ValidationError(f"The number of employees must be {MAX_EMPLOYEES:,} or fewer")
    return number


class SavingsForm(ToolForm):
    """What an organisation spends a year on each corporate service now, and how many employees they support."""

    employees = FigureField(
        label="How many employees do these services support?",
        help_text=(
            "Count your organisation's employees. If you plan to share with other organisations, count theirs too."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        costs = {}
        for service in SERVICES:
            costs[service.key] = FigureField(
                label=f"{service.name}, in pounds a year",
                help_text=f"{service.hint} Leave it blank if you would not share it.",
            )
        self.fields = {**costs, "employees": self.fields["employees"]}
        self.helper.layout = Layout(
            *(Field.text(service.key, field_width=10, inputmode="decimal") for service in SERVICES),
            Field.text("employees", field_width=10, inputmode="numeric"),
        )

    def clean(self):
        cleaned = super().clean()
        for service in SERVICES:
            if service.key in cleaned:
                try:
                    cleaned[service.key] = parse_cost(cleaned[service.key], lower_name(service))
                except forms.ValidationError as error:
                    self.add_error(service.key, error)
        if "employees" in cleaned:
            try:
                cleaned["employees"] = parse_employees(cleaned["employees"])
            except forms.ValidationError as error:
                self.add_error("employees", error)
        costs = [cleaned.get(service.key) for service in SERVICES]
        if not self.errors and not any(costs):
            self.add_error(SERVICES[0].key, "Enter the annual cost of at least one service")
        return cleaned

    def costs(self):
        return {service.key: self.cleaned_data.get(service.key) for service in SERVICES}


def lower_name(service):
    """How a sentence names the service: "human resources (HR)", "finance"."""
    return service.name[:1].lower() + service.name[1:]
