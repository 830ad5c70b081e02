from django import template
from django.contrib import admin
from django.urls import reverse

from publishing import dates
from publishing.registry import content_models

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
