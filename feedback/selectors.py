"""What editors see of readers' feedback: counts over time, pages by "No" answers, and the CSV export."""

import csv
import datetime

from django.utils import timezone

from feedback.models import Answer, Feedback

WEEKS_SHOWN = 12
DASHBOARD_PAGES = 5
SUMMARY_PAGES = 50
# A spreadsheet runs a cell that starts with one of these as a formula: such text is exported with a quote first.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_COLUMNS = [
    "received",
    "answer",
    "page",
    "kind of page",
    "what they were trying to do",
    "what went wrong",
    "dealt with",
]


def weekly_counts(feedback, *, weeks=WEEKS_SHOWN, today=None):
    """Yes, no and problem counts for each of the last `weeks` weeks (Monday to Sunday), newest first:
    one query per week, however much feedback there is."""
    today = today or timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    rows = []
    for back in range(weeks):
        start = monday - datetime.timedelta(weeks=back)
        begins, ends = (
            timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
            for day in (start, start + datetime.timedelta(weeks=1))
        )
        counts = feedback.filter(received_at__gte=begins, received_at__lt=ends).counts()
        rows.append({"week_of": start, **counts, "answered": counts[Answer.USEFUL] + counts[Answer.NOT_USEFUL]})
    return rows


def pages_needing_attention(*, limit=DASHBOARD_PAGES):
    """The pages with the most "No" answers not yet dealt with, most first."""
    return [row for row in Feedback.objects.open().by_page()[:limit] if row["not_useful"]]


def pages_summary(feedback, *, limit=SUMMARY_PAGES):
    return list(feedback.by_page()[:limit])


def safe_cell(value):
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def feedback_csv(feedback, out):
    """Write the feedback as CSV rows to `out` (a file or an HttpResponse)."""
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for row in feedback.select_related("content_type").iterator(chunk_size=500):
        kind = row.content_type.name if row.content_type else ""
        received = timezone.localtime(row.received_at).strftime("%Y-%m-%d %H:%M")
        values = [received, row.get_answer_display(), row.page, kind, row.doing, row.went_wrong]
        writer.writerow([safe_cell(value) for value in values] + ["yes" if row.dealt_with else "no"])
