from django import template
from django.urls import reverse

from feedback.forms import HONEYPOT
from feedback.pages import page_address
from feedback.selectors import pages_needing_attention

register = template.Library()


@register.inclusion_tag("feedback/partials/prompt.html", takes_context=True)
def feedback_prompt(context):
    """ "Is this page useful?" for the page being shown: the same for every reader, so cached pages can carry it.
    Nothing on pages rendered without a request (the error pages)."""
    request = context.get("request")
    return {"page": request.path_info if request is not None else "", "honeypot": HONEYPOT}


@register.inclusion_tag("admin/feedback/most_not_useful.html", takes_context=True)
def feedback_dashboard(context):
    """The pages with the most open "No" answers, for the admin's "What needs you"."""
    user = context["request"].user
    if not user.has_perm("feedback.view_feedback"):
        return {"hidden": True}
    return {
        "pages": pages_needing_attention(),
        "changelist_url": reverse("admin:feedback_feedback_changelist"),
        "summary_url": reverse("admin:feedback_feedback_summary"),
    }


@register.filter
def page_url(path):
    """A reader page's address from its path within the site, with the prefix the site is served under."""
    return page_address(path)
