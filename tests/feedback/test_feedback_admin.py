"""Editors see feedback per page and per kind, with yes and no counts over time, mark it dealt with,
export it as CSV, and find the pages with most "No" answers on the admin home page."""

import csv
import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from feedback.models import Answer, Feedback
from feedback.selectors import safe_cell
from tests.factories import make_editor, make_feedback, make_guide
from tests.publishing.test_admin_editing import signed_in

pytestmark = pytest.mark.django_db


def test_the_admin_home_lists_the_pages_with_most_open_no_answers():
    for _ in range(3):
        make_feedback("/guidance/joining/", Answer.NOT_USEFUL)
    make_feedback("/faq/", Answer.NOT_USEFUL)
    make_feedback("/toolkit/", Answer.NOT_USEFUL, dealt_with=True)
    make_feedback("/about/", Answer.USEFUL)
    html = signed_in(make_editor()).get(reverse("admin:index")).content.decode()
    start = html.index('id="feedback-dashboard"')
    dashboard = html[start : html.index("</table>", start)]
    assert dashboard.index("/guidance/joining/") < dashboard.index("/faq/")
    assert "/toolkit/" not in dashboard and "/about/" not in dashboard
    assert "What needs you" in html


def test_editors_filter_feedback_by_answer_and_by_kind_of_page():
    guide = make_guide("Joining a cluster")
    guide_type = ContentType.objects.get_for_model(guide)
    make_feedback(guide.get_absolute_url(), Answer.PROBLEM, went_wrong="Broken link", content_type=guide_type)
    make_feedback("/faq/", Answer.USEFUL)
    client = signed_in(make_editor())
    url = reverse("admin:feedback_feedback_changelist")
    problems = client.get(url, {"answer__exact": "problem"}).content.decode()
    assert "Broken link" in problems and 'href="/faq/"' not in problems
    guides = client.get(url, {"content_type__id__exact": guide_type.pk}).content.decode()
    assert guide.get_absolute_url() in guides and 'href="/faq/"' not in guides


def test_marking_feedback_dealt_with_takes_it_off_the_dashboard():
    item = make_feedback("/faq/", Answer.NOT_USEFUL)
    client = signed_in(make_editor())
    client.post(
        reverse("admin:feedback_feedback_changelist"),
        {"action": "mark_dealt_with", "_selected_action": [item.pk]},
    )
    item.refresh_from_db()
    assert item.dealt_with and item.dealt_with_at is not None
    assert "No page has an open “No” answer" in client.get(reverse("admin:index")).content.decode()


def test_the_summary_counts_yes_and_no_week_by_week_and_page_by_page():
    make_feedback("/faq/", Answer.USEFUL)
    make_feedback("/faq/", Answer.NOT_USEFUL)
    make_feedback("/faq/", Answer.NOT_USEFUL, days_ago=8)
    make_feedback("/toolkit/", Answer.USEFUL, days_ago=8)
    response = signed_in(make_editor()).get(reverse("admin:feedback_feedback_summary"))
    weeks = response.context["weeks"]
    assert sum(week["not_useful"] for week in weeks) == 2 and sum(week["useful"] for week in weeks) == 2
    assert len(weeks) == 12
    pages = {row["page"]: (row["useful"], row["not_useful"]) for row in response.context["pages"]}
    assert pages == {"/faq/": (1, 2), "/toolkit/": (1, 0)}


def test_the_summary_follows_the_lists_filters():
    make_feedback("/faq/", Answer.NOT_USEFUL)
    make_feedback("/toolkit/", Answer.NOT_USEFUL)
    response = signed_in(make_editor()).get(reverse("admin:feedback_feedback_summary"), {"page": "/faq/"})
    assert [row["page"] for row in response.context["pages"]] == ["/faq/"]


def test_the_export_is_csv_of_the_filtered_list_with_formulas_defused():
    make_feedback("/faq/", Answer.PROBLEM, went_wrong='=HYPERLINK("http://bad.example")')
    make_feedback("/toolkit/", Answer.USEFUL)
    response = signed_in(make_editor()).get(reverse("admin:feedback_feedback_export"), {"answer__exact": "problem"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["received", "answer", "page"]
    assert len(rows) == 2 and rows[1][1] == "Problem reported" and rows[1][2] == "/faq/"
    assert rows[1][5] == '\'=HYPERLINK("http://bad.example")'


def test_nobody_can_add_feedback_in_the_admin():
    client = signed_in(make_editor())
    assert client.get(reverse("admin:feedback_feedback_add")).status_code == 403


def test_formula_cells_are_quoted_and_ordinary_text_is_not():
    assert [safe_cell(v) for v in ["+44", "-1", "@x", "plain", "3"]] == ["'+44", "'-1", "'@x", "plain", "3"]


def test_people_outside_the_editors_see_no_feedback():
    from django.contrib.auth.models import User

    outsider = User.objects.create_user("outsider", password="x" * 20, is_staff=True)
    assert signed_in(outsider).get(reverse("admin:feedback_feedback_changelist")).status_code == 403
    assert Feedback.objects.count() == 0
