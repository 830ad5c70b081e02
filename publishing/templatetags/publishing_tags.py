from django import template
from django.contrib import admin
from django.template.defaultfilters import date
from django.urls import reverse
from django.utils.timezone import template_localtime

from publishing import dates
from publishing.registry import content_models
from sharedservices.govuk import render

register = template.Library()


@register.filter
def datetime_text(value):
    """27 November 2026, 2:50pm (UK time)."""
    return dates.datetime_text(value)


@register.filter
def date_text(value):
    """27 November 2026."""
    return dates.date_text(value)


@register.inclusion_tag("admin/publishing/dashboard.html", takes_context=True)
def workflow_dashboard(context):
    """Counts of items awaiting review, scheduled and overdue for review, per content type."""
    user = context["request"].user
    rows = []
    for model in content_models():
        opts = model._meta
        if not admin.site.is_registered(model) or not user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            continue
        items = model.objects
        rows.append(
            {
                "label": opts.verbose_name_plural.capitalize(),
                "url": reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
                "review": items.awaiting_review().count(),
                "scheduled": items.scheduled().count(),
                "overdue": items.review_overdue().count(),
                "due_soon": items.review_due_soon().count(),
            }
        )
    return {"rows": rows}


@register.simple_tag
def page_meta(item, show_review_dates=False):
    """A page's last update and owner (and, for guides, its review dates) as a GOV.UK summary list."""
    rows = [("Last updated", item.last_updated)] if item.last_updated else []
    rows.append(("Page owner", item.owner))
    if show_review_dates:
        rows += [("Last reviewed", item.last_reviewed)] if item.last_reviewed else []
        if item.review_is_overdue:
            # Never a review date in the past: say plainly that the page is being checked.
            rows.append(("Review", "The page owner is checking this page is still right"))
        elif item.review_due:
            rows.append(("Next review due", item.review_due))
    return render(
        "summary-list",
        {
            "classes": "govuk-summary-list--no-border app-meta",
            "rows": [{"key": {"text": key}, "value": {"text": _shown(value)}} for key, value in rows],
        },
    )


def _shown(value):
    """Dates as "21 September 2026" in the site's time zone, as the date filter shows them; anything else as text."""
    return date(template_localtime(value), "j F Y") if hasattr(value, "year") else str(value)
