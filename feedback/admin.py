from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator

from feedback.models import Feedback
from feedback.pages import page_address
from feedback.selectors import feedback_csv, pages_summary, weekly_counts


class KindOfPageFilter(admin.RelatedOnlyFieldListFilter):
    title = "kind of page"


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["received_at", "answer", "page_link", "content_type", "what_went_wrong", "dealt_with"]
    list_filter = ["answer", "dealt_with", ("content_type", KindOfPageFilter), "received_at"]
    list_editable = ["dealt_with"]
    list_select_related = ["content_type"]
    search_fields = ["page", "doing", "went_wrong"]
    readonly_fields = ["answer", "page", "content_type", "received_at", "doing", "went_wrong", "dealt_with_at"]
    fields = [*readonly_fields, "dealt_with"]
    actions = ["mark_dealt_with", "mark_not_dealt_with", "export_csv"]
    list_per_page = 50
    show_full_result_count = False
    change_list_template = "admin/feedback/feedback/change_list.html"

    def has_add_permission(self, request):
        # Feedback comes from readers only.
        return False

    @admin.display(description="page", ordering="page")
    def page_link(self, feedback):
        return format_html('<a href="{}">{}</a>', page_address(feedback.page), feedback.page)

    @admin.display(description="what went wrong")
    def what_went_wrong(self, feedback):
        return Truncator(feedback.went_wrong or feedback.doing).chars(80)

    def save_model(self, request, obj, form, change):
        if "dealt_with" in form.changed_data:
            obj.dealt_with_at = timezone.now() if obj.dealt_with else None
        super().save_model(request, obj, form, change)

    @admin.action(description="Mark as dealt with", permissions=["change"])
    def mark_dealt_with(self, request, queryset):
        updated = queryset.update(dealt_with=True, dealt_with_at=timezone.now())
        self.message_user(request, f"{updated} marked as dealt with.")

    @admin.action(description="Mark as not dealt with", permissions=["change"])
    def mark_not_dealt_with(self, request, queryset):
        updated = queryset.update(dealt_with=False, dealt_with_at=None)
        self.message_user(request, f"{updated} marked as not dealt with.")

    @admin.action(description="Export selected as CSV", permissions=["view"])
    def export_csv(self, request, queryset):
        return csv_response(queryset.order_by("-received_at", "-id"), "feedback-selected")

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("summary/", view(self.summary_view), name="feedback_feedback_summary"),
            path("export.csv", view(self.export_view), name="feedback_feedback_export"),
            *super().get_urls(),
        ]

    def filtered(self, request):
        """The feedback the change list shows for this request's filters and search."""
        try:
            return self.get_changelist_instance(request).get_queryset(request)
        except IncorrectLookupParameters:
            return Feedback.objects.all()

    def export_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        return csv_response(self.filtered(request), "feedback")

    def summary_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        feedback = self.filtered(request)
        context = {
            **self.admin_site.each_context(request),
            "title": "Feedback summary",
            "opts": self.model._meta,
            "weeks": weekly_counts(feedback),
            "pages": pages_summary(feedback),
            "query": request.GET.urlencode(),
        }
        return TemplateResponse(request, "admin/feedback/feedback/summary.html", context)


def csv_response(queryset, name):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}-{timezone.localdate():%Y-%m-%d}.csv"'
    feedback_csv(queryset, response)
    return response
