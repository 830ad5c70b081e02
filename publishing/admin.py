"""Admin for every published content type: one base class, one workflow.

The admin decides no workflow rule: what an edit becomes, which actions a person may
take now and every status change are publishing.workflow's.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.db import models
from django.http import HttpResponseRedirect
from reversion.admin import VersionAdmin

from publishing import workflow
from publishing.admin_forms import (
    NormalisedTextField,
    PublishedContentForm,
    PublishedContentListForm,
    words_changed,
)
from publishing.admin_history import HistoryAdminMixin
from publishing.admin_workflow import WorkflowAdminMixin
from publishing.dates import datetime_text
from publishing.models import PublishedContent, Topic, WorkflowEvent
from publishing.registry import kinds


class WorkflowQueueFilter(admin.SimpleListFilter):
    title = "needs attention"
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [
            ("review", "Awaiting review"),
            ("scheduled", "Scheduled"),
            ("soon", "Review due soon"),
            ("overdue", "Review overdue"),
        ]

    def queryset(self, request, queryset):
        match self.value():
            case "review":
                return queryset.awaiting_review()
            case "scheduled":
                return queryset.scheduled()
            case "soon":
                return queryset.review_due_soon()
            case "overdue":
                return queryset.review_overdue()
        return queryset


class OriginalChoicesMixin:
    """Relation fields offer only the items themselves, never someone's pending draft copy of one."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if issubclass(db_field.related_model, PublishedContent):
            kwargs["queryset"] = db_field.related_model.objects.originals()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if issubclass(db_field.related_model, PublishedContent):
            kwargs["queryset"] = db_field.related_model.objects.originals()
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class PublishedContentAdmin(OriginalChoicesMixin, WorkflowAdminMixin, HistoryAdminMixin, VersionAdmin):
    form = PublishedContentForm
    change_form_template = "admin/publishing/change_form.html"
    object_history_template = "admin/publishing/object_history.html"
    list_display = ["title", "status_label", "audience", "owner", "review_due", "last_changed", "updated_by"]
    list_filter = [WorkflowQueueFilter, "status", "audience", "topics", "owner"]
    list_select_related = ["updated_by"]
    # Most recently changed first, read from an index: a change list stays fast however many items there are.
    ordering = ["-updated_at", "-id"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["topics"]
    show_full_result_count = False
    list_per_page = 50
    content_fields = ["title", "slug", "summary", "body"]
    describe_fields = ["audience", "topics", "owner"]

    def get_fieldsets(self, request, obj=None):
        return [
            (None, {"fields": ["seen_version"]}),
            ("Content", {"fields": self.content_fields}),
            ("How readers find it", {"fields": ["search_keywords"]}),
            ("Who it is for and who owns it", {"fields": self.describe_fields}),
            ("When it was true and where it comes from", {"fields": ["history_period", "sources"]}),
            ("Review", {"fields": ["review_due", "last_reviewed"]}),
            ("This change", {"fields": ["change_type", "change_note"]}),
        ]

    @admin.display(description="Status", ordering="status")
    def status_label(self, obj):
        if not obj.is_original:
            return f"{obj.get_status_display()} (change to a published page)"
        if obj.is_scheduled:
            return f"Scheduled for {datetime_text(obj.publish_at)}"
        return obj.get_status_display()

    @admin.display(description="Last changed", ordering="updated_at")
    def last_changed(self, obj):
        return datetime_text(obj.updated_at)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.TextField) and db_field.editable and not db_field.choices:
            kwargs.setdefault("form_class", NormalisedTextField)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_changelist_form(self, request, **kwargs):
        return super().get_changelist_form(request, form=PublishedContentListForm, **kwargs)

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if request.path.endswith("/autocomplete/"):
            # Links from other items point at the live page, never at a pending draft of it.
            queryset = queryset.originals()
        return queryset, may_have_duplicates

    def construct_change_message(self, request, form, formsets, add=False):
        """The history's "what happened": the fields a person changed, never the form's own bookkeeping."""
        message = super().construct_change_message(request, form, formsets, add)
        hidden = {"seen_version"}
        for entry in message:
            if "changed" in entry:
                entry["changed"]["fields"] = [name for name in entry["changed"]["fields"] if name not in hidden]
        return [entry for entry in message if "changed" not in entry or entry["changed"]["fields"]]

    def save_model(self, request, obj, form, change):
        saved, became_draft = workflow.item_save_edit(item=obj, user=request.user, changed=words_changed(form))
        if became_draft:
            request._draft_created = saved

    def response_change(self, request, obj):
        draft = getattr(request, "_draft_created", None)
        if draft is not None:
            self.message_user(
                request,
                "Your changes are saved as a draft of the published page. Readers still see the published "
                "version until the draft is reviewed and published.",
                messages.SUCCESS,
            )
            return HttpResponseRedirect(self.admin_url("change", draft.pk))
        return super().response_change(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        extra = {**(extra_context or {}), **(self.workflow_context(request, obj) if obj is not None else {})}
        return super().change_view(request, object_id, form_url, extra)

    def get_urls(self):
        return [*self.workflow_urls(), *self.history_urls(), *super().get_urls()]


class ReadOnlyAdminMixin:
    """A record nobody edits here: written only by the system (the workflow log, the search index)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(WorkflowEvent)
class WorkflowEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    class KindFilter(admin.SimpleListFilter):
        """Only kinds of content go through the workflow; every other content type would bury them."""

        title = "kind of content"
        parameter_name = "kind"

        def lookups(self, request, model_admin):
            return [(kind.model._meta.label_lower, kind.label) for kind in kinds()]

        def queryset(self, request, queryset):
            if self.value() not in dict(self.lookup_choices):
                return queryset
            app_label, model_name = self.value().split(".")
            return queryset.filter(content_type__app_label=app_label, content_type__model=model_name)

    list_display = ["at", "action", "object_repr", "user", "note"]
    list_filter = ["action", KindFilter]
    search_fields = ["object_repr", "note", "user__username"]
    list_select_related = ["user"]
    date_hierarchy = "at"
