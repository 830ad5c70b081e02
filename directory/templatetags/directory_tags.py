"""The directory's facts as GOV.UK components (rendered by the official macros): tables and summary lists
whose cells hold a fact, its dates and its citations."""

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html

from sharedservices.govuk import render

register = template.Library()


@register.simple_tag
def cite(fact, own=False):
    """A fact's sources: numbered links to the page's own list, or, for another item's fact, its sources' links."""
    return render_to_string("directory/partials/cite.html", {"fact": fact, "own": own})


def name_html(row):
    name = render_to_string("directory/partials/member_link.html", {"member": row})
    if row.entry.get("lead"):
        return format_html("{} {}", name, render("tag", {"text": "Lead", "classes": "govuk-tag--blue"}))
    return name


def _row(row, own):
    if row.entry.get("what"):
        first, when = {"text": row.entry["what"]}, f"{row.entry.get('target', '')} (stated {row.date})"
    else:
        first, when = {"html": name_html(row)}, row.when
    return [first, {"text": when}, {"text": row.details}, {"html": cite(row, own)}]


@register.simple_tag
def facts_table(rows, caption, first_heading, when_heading, own=False):
    """A table of dated facts: who or what, when, details and sources."""
    head = [{"text": text} for text in (first_heading, when_heading, "Details", "Sources")]
    return render(
        "table",
        {
            "caption": caption,
            "captionClasses": "govuk-table__caption--m",
            "firstCellIsHeader": True,
            "head": head,
            "rows": [_row(row, own) for row in rows],
            "classes": "app-facts-table",
        },
    )


def _value(fact, text, own):
    if fact is None:
        return {"text": "Not recorded"}
    return {"html": format_html("{}{}", text, cite(fact, own))}


@register.simple_tag
def cluster_glance(card, own=False, brief=False, member=None):
    """A cluster's lead, platform and status (and, in an answer, the organisation's own membership)."""
    platform, progress, lead = card.platform, card.progress, card.lead
    rows = []
    if member is not None:
        lead_text = "Lead department. " if member.entry.get("lead") else ""
        note = f". {member.entry['note']}" if member.entry.get("note") else ""
        rows.append(("Member", _value(member, f"{lead_text}{member.when}{note}", own)))
    lead_name = render_to_string("directory/partials/member_link.html", {"member": lead}) if lead else ""
    rows.append(("Lead department", _value(lead, format_html("{}, {}", lead_name, lead.when_in_sentence), own)
                 if lead else {"text": "Not recorded"}))  # fmt: skip
    if platform:
        note = "" if brief else f". {platform.entry.get('note', '')}".rstrip(". ")
        rows.append(("Platform", _value(platform, f"{platform.entry['name']}, {platform.date}{note}", own)))
    if progress:
        detail = "" if brief else f". {progress.entry.get('detail', '')}".rstrip(". ")
        rows.append(("Status", _value(progress, f"{progress.entry['stage']}, as of {progress.date}{detail}", own)))
    return summary_list(rows, "govuk-summary-list--no-border" if brief else "")


@register.simple_tag
def provider_glance(started, ended):
    rows = [
        ("Started", _value(started, f"{started.date}. {started.entry.get('note', '')}".strip(), True)
         if started else {"text": "Not recorded"}),
        ("What became of it", _value(ended, f"Ended {ended.date}. {ended.entry.get('note', '')}".strip(), True)
         if ended else {"text": "Still running, as far as its sources show"}),
    ]  # fmt: skip
    return summary_list(rows)


def summary_list(rows, classes=""):
    return render(
        "summary-list",
        {"rows": [{"key": {"text": key}, "value": value} for key, value in rows], "classes": classes},
    )
