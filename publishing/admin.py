"""Admin for every published content type: one base class, one workflow.

The admin decides no workflow rule: what an edit becomes, which actions a person may
take now and every status change are publishing.workflow's.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from reversion.admin import VersionAdmin

from publishing import workflow
from publishing.admin_forms import (
    NoteActionForm,
    PublishActionForm,
    PublishedContentForm,
    PublishedContentListForm,
    WithdrawActionForm,
)
from publishing.admin_history import HistoryAdminMixin
from publishing.models import PublishedContent, Topic, WorkflowEvent
from publishing.preview import preview_url
from publishing.registry import kinds


class WorkflowQueueFilter(admin.SimpleListFilter):
    title = "needs attention"
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [("review", "Awaiting review"), ("scheduled", "Scheduled"), ("overdue", "Review overdue")]

    def queryset(self, request, queryset):
        match self.value():
            case "review":
                return queryset.awaiting_review()
            case "scheduled":
                return queryset.scheduled()
            case "overdue":
                return queryset.review_overdue()
        return queryset


WORKFLOW_ACTIONS = {
    "submit": ("Send for review", None),
    "return": ("Return to draft", NoteActionForm),
    "publish": ("Publish", PublishActionForm),
    "withdraw": ("Withdraw", WithdrawActionForm),
}

ACTION_MESSAGES = {
    "submit": "“{item}” is now waiting for a publisher to review it.",
    "return": "“{item}” is back in draft.",
    "publish": "Published: readers can now see “{item}”.",
    "withdraw": "Withdrawn: “{item}” has left lists and search; its address shows the notice.",
}


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


class PublishedContentAdmin(OriginalChoicesMixin, HistoryAdminMixin, VersionAdmin):
    form = PublishedContentForm
    change_form_template = "admin/publishing/change_form.html"
    object_history_template = "admin/publishing/object_history.html"
    list_display = ["title", "status_label", "audience", "owner", "review_due", "updated_at", "updated_by"]
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
            return f"Scheduled for {timezone.localtime(obj.publish_at):%d %b %Y %H:%M}"
        return obj.get_status_display()

    def get_changelist_form(self, request, **kwargs):
        return super().get_changelist_form(request, form=PublishedContentListForm, **kwargs)

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if request.path.endswith("/autocomplete/"):
            # Links from other items point at the live page, never at a pending draft of it.
            queryset = queryset.originals()
        return queryset, may_have_duplicates

    def save_model(self, request, obj, form, change):
        saved, became_draft = workflow.item_save_edit(item=obj, user=request.user)
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

    def workflow_context(self, request, obj):
        pending = type(obj).objects.filter(draft_of=obj).first() if obj.is_live else None
        actions = workflow.available_actions(obj, request.user)
        return {
            "workflow_item": obj,
            "workflow_actions": [(name, WORKFLOW_ACTIONS[name][0]) for name in actions],
            "preview_link": request.build_absolute_uri(preview_url(obj)),
            "pending_draft": pending,
            "pending_draft_url": self.admin_url("change", pending.pk) if pending else None,
            "live_item_url": None if obj.is_original else self.admin_url("change", obj.original_id),
            "reader_url": obj.get_absolute_url() if obj.is_live else None,
            "own_change": workflow.is_own_change(obj, request.user),
        }

    def get_urls(self):
        name = f"{self.model._meta.app_label}_{self.model._meta.model_name}"
        workflow_url = path(
            "<path:object_id>/workflow/<str:action>/",
            self.admin_site.admin_view(self.workflow_view),
            name=f"{name}_workflow",
        )
        return [workflow_url, *self.history_urls(), *super().get_urls()]

    def workflow_view(self, request, object_id, action):
        if action not in WORKFLOW_ACTIONS:
            raise Http404("No such action")
        obj = self.viewable_object(request, object_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        label, form_class = WORKFLOW_ACTIONS[action]
        form = form_class(request.POST if request.method == "POST" else None) if form_class else None
        if request.method == "POST" and (form is None or form.is_valid()):
            done = self.run_action(request, obj, action, form.cleaned_data if form else {})
            if done is not None:
                messages.success(request, self.action_message(action, done))
                return HttpResponseRedirect(self.admin_url("change", done.pk))
        context = self.admin_context(
            request,
            f"{label}: {obj}",
            original=obj,
            action_label=label,
            form=form,
            own_change=workflow.is_own_change(obj, request.user),
        )
        return TemplateResponse(request, "admin/publishing/workflow_action.html", context)

    def run_action(self, request, obj, action, data):
        """Carry out the action through the workflow; on a refusal say why and return None.
        (The workflow logs refusals itself.)"""
        user = request.user
        services = {
            "submit": lambda: workflow.item_submit_for_review(item=obj, user=user),
            "return": lambda: workflow.item_return_to_draft(item=obj, user=user, note=data.get("note", "")),
            "publish": lambda: workflow.item_publish(
                item=obj, user=user, publish_at=data.get("publish_at"), reason=data.get("reason", "")
            ),
            "withdraw": lambda: workflow.item_withdraw(item=obj, user=user, reason=data.get("reason", "")),
        }
        try:
            with transaction.atomic():
                return services[action]()
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except PermissionDenied as error:
            messages.error(request, str(error) or "You do not have permission to do that.")
        return None

    def action_message(self, action, item):
        if action == "publish" and item.is_scheduled:
            return f"Scheduled: “{item}” goes live on {timezone.localtime(item.publish_at):%d %B %Y at %H:%M}."
        return ACTION_MESSAGES[action].format(item=item)


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
