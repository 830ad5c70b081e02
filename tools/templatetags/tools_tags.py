"""The tools' template tags: where the tools are offered, and the pieces of their pages that GOV.UK
Frontend's macros draw from lists (the answers to check, the table of scores)."""

from django import template
from django.utils.html import format_html

from sharedservices.govuk import render
from tools.catalogue import tools_for

register = template.Library()

RATING_TAG_CLASSES = {"gaps": "govuk-tag--red", "partly": "govuk-tag--yellow", "ready": "govuk-tag--green"}


@register.inclusion_tag("tools/partials/tools_offered.html")
def tools_offered(*, stage=None, audience=None, heading_level=2):
    """The tools that serve a toolkit stage or an audience, as a short list of links; nothing if none do."""
    return {"tools": tools_for(stage=stage, audience=audience), "heading_level": heading_level}


@register.filter
def thousands(number):
    """12,500 and 1,250,000.50: figures as the tools show them, grouped in thousands with commas."""
    return f"{number:,}"


@register.filter
def rating_tag_classes(rating):
    return RATING_TAG_CLASSES.get(rating.key, "govuk-tag--grey")


@register.simple_tag
def answers_to_check(rows):
    """A summary list of (question, answer) pairs, each answer with a button that changes it.

    The answers travel in the page's form, so "Change" is a button in that form rather than the
    link the summary list's own actions would be.
    """
    items = [
        {
            "key": {"text": question.text},
            "value": {
                "html": format_html(
                    '<span class="app-answer"><span class="app-answer__text">{}</span>'
                    '<button type="submit" class="app-change-answer" name="go" value="change-{}">'
                    'Change<span class="govuk-visually-hidden"> your answer to: {}</span></button></span>',
                    answer.label,
                    question.key,
                    question.text,
                )
            },
        }
        for question, answer in rows
    ]
    return render("summary-list", {"rows": items, "classes": "app-answers"})


def table(caption, head, rows):
    """GOV.UK's table, compact enough for a 320px-wide screen."""
    return render(
        "table",
        {"caption": caption, "captionClasses": "govuk-table__caption--m", "head": head, "rows": rows,
         "classes": "app-tool-table"},
    )  # fmt: skip


@register.simple_tag
def factor_scores_table(result, caption):
    """GOV.UK's table of each factor's score and rating, and the overall score."""
    rows = [
        [
            {"text": factor.factor.name},
            {"text": f"{factor.total} out of {factor.factor.maximum}"},
            {"html": render("tag", {"text": factor.rating.label, "classes": rating_tag_classes(factor.rating)})},
        ]
        for factor in result.factors
    ]
    rows.append(
        [
            {"text": "All factors"},
            {"text": f"{result.total} out of {result.maximum}"},
            {"html": render("tag", {"text": result.rating.label, "classes": rating_tag_classes(result.rating)})},
        ]
    )
    return table(caption, [{"text": "Factor"}, {"text": "Score"}, {"text": "Rating"}], rows)


@register.simple_tag
def savings_table(result, caption):
    """GOV.UK's table of the saving, and the cost after it, at each published rate."""
    rows = [
        [
            {"text": scenario.rate.name},
            {"text": f"£{scenario.saving:,}", "format": "numeric"},
            {"text": f"£{scenario.cost_after:,}", "format": "numeric"},
        ]
        for scenario in result.scenarios
    ]
    head = [
        {"text": "Rate"},
        {"text": "Saving a year", "format": "numeric"},
        {"text": "Cost a year after sharing", "format": "numeric"},
    ]
    return table(caption, head, rows)


@register.simple_tag
def costs_table(result, caption):
    rows = [
        [{"text": service.name}, {"text": f"£{cost:,}", "format": "numeric"}] for service, cost in result.entered_costs
    ]
    rows.append([{"text": "Total (your baseline)"}, {"text": f"£{result.baseline_pounds:,}", "format": "numeric"}])
    return table(caption, [{"text": "Service"}, {"text": "Cost a year now", "format": "numeric"}], rows)
