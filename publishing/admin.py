"""Admin for every published content type: one base class, one workflow."""

import difflib
import logging

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import format_html
from reversion.admin import VersionAdmin
from reversion.models import Version

from publishing import workflow
from publishing.models import Status, Topic, WorkflowEvent
from publishing.preview import preview_url

audit = logging.getLogger("publishing.audit")


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


class PublishedContentForm(forms.ModelForm):
    """Refuses a save when someone else saved the item after this form was opened."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.fields["seen_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        instance = self.instance
        if instance.pk:
            # Inside the admin's transaction: lock the row so two saves cannot both pass.
            current = type(instance).objects.select_for_update().filter(pk=instance.pk).first()
            seen = cleaned.get("seen_version")
            if current is not None and seen is not None and current.version != seen:
                who = current.updated_by.get_username() if current.updated_by else "someone else"
                when = timezone.localtime(current.updated_at).strftime("%d %B %Y at %H:%M")
                raise ValidationError(
                    f"{who} changed this item on {when}, since you opened it. Your changes have NOT been saved. "
                    "Copy anything you want to keep from the form below, then reload the page to see their "
                    "version and make your changes again.",
                    code="stale",
                )
            if current is not None and current.is_live:
                draft = type(instance).objects.filter(draft_of=current).first()
                if draft is not None:
                    raise ValidationError(
                        format_html(
                            'There is already a draft of this page. <a href="{}">Edit that draft</a> instead, '
                            "so that no change is lost.",
                            reverse(
                                f"admin:{instance._meta.app_label}_{instance._meta.model_name}_change", args=[draft.pk]
                            ),
                        ),
                        code="draft_exists",
                    )
        return cleaned


class PublishedContentListForm(forms.ModelForm):
    """The editable columns of a change list. A change to a live item there makes a draft, like the full form."""

    def clean(self):
        cleaned = super().clean()
        live = self.instance
        if self.has_changed() and live.is_live and type(live).objects.filter(draft_of=live).exists():
            raise ValidationError("This item already has a draft. Make the change in the draft instead.")
        return cleaned


class PublishActionForm(forms.Form):
    publish_at = forms.DateTimeField(
        required=False,
        label="Publish at (optional)",
        help_text="Leave empty to publish now. Format: 2026-12-01 09:00.",
        input_formats=["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
    )
    reason = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Reason (only when a superuser publishes their own change)",
    )


class WithdrawActionForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Public reason for withdrawing",
        help_text="Readers who follow an old link see this, with the date.",
    )


class NoteActionForm(forms.Form):
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}), label="Note for the editor")


WORKFLOW_ACTIONS = {
    "submit": ("Send for review", None),
    "return": ("Return to draft", NoteActionForm),
    "publish": ("Publish", PublishActionForm),
    "withdraw": ("Withdraw", WithdrawActionForm),
}


class PublishedContentAdmin(VersionAdmin):
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
            ("Review", {"fields": ["review_due", "last_reviewed"]}),
            ("This change", {"fields": ["change_type", "change_note"]}),
        ]

    @admin.display(description="Status", ordering="status")
    def status_label(self, obj):
        if obj.draft_of_id:
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
            queryset = queryset.filter(draft_of__isnull=True)
        return queryset, may_have_duplicates

    # Saving ---------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        if change:
            original = type(obj).objects.get(pk=obj.pk)
            if original.is_live:
                # Readers keep seeing the published page; the edit becomes its draft.
                obj.make_draft_of(original)
                request._draft_created = obj
            else:
                obj.version = original.version + 1
                if original.status == Status.IN_REVIEW:
                    # A change after review started needs another review.
                    obj.status = Status.DRAFT
        obj.save()

    def response_change(self, request, obj):
        draft = getattr(request, "_draft_created", None)
        if draft is not None:
            self.message_user(
                request,
                "Your changes are saved as a draft of the published page. Readers still see the published "
                "version until the draft is reviewed and published.",
                messages.SUCCESS,
            )
            return HttpResponseRedirect(self._change_url(draft))
        return super().response_change(request, obj)

    def _change_url(self, obj):
        opts = obj._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])

    # Change form context ------------------------------------------------------

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        extra = extra_context or {}
        if obj is not None:
            extra.update(self._workflow_context(request, obj))
        return super().change_view(request, object_id, form_url, extra)

    def _workflow_context(self, request, obj):
        actions = []
        can_publish = workflow.can_publish(request.user)
        if obj.status == Status.DRAFT:
            actions.append("submit")
        if obj.status == Status.IN_REVIEW:
            actions.append("return")
            if can_publish:
                actions.append("publish")
        if obj.status == Status.PUBLISHED and not obj.draft_of_id and can_publish:
            actions.append("withdraw")
        pending = type(obj).objects.filter(draft_of=obj).first() if obj.is_live else None
        return {
            "workflow_item": obj,
            "workflow_actions": [(name, WORKFLOW_ACTIONS[name][0]) for name in actions],
            "preview_link": request.build_absolute_uri(preview_url(obj)),
            "pending_draft": pending,
            "pending_draft_url": self._change_url(pending) if pending else None,
            "live_item_url": self._change_url(obj.draft_of) if obj.draft_of_id else None,
            "reader_url": obj.get_absolute_url() if obj.is_live else None,
            "own_change": workflow.is_own_change(obj, request.user),
        }

    # Extra admin URLs -----------------------------------------------------------

    def get_urls(self):
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}"
        extra = [
            path(
                "<path:object_id>/workflow/<str:action>/",
                self.admin_site.admin_view(self.workflow_view),
                name=f"{name}_workflow",
            ),
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name=f"{name}_compare",
            ),
        ]
        return extra + super().get_urls()

    def workflow_view(self, request, object_id, action):
        obj = self.get_object(request, unquote(object_id))
        if obj is None or action not in WORKFLOW_ACTIONS:
            raise Http404("No such item or action")
        if not self.has_change_permission(request, obj):
            audit.warning("permission refused user=%s action=%s object=%s", request.user, action, obj.pk)
            raise PermissionDenied
        label, form_class = WORKFLOW_ACTIONS[action]
        form = form_class(request.POST if request.method == "POST" else None) if form_class else None
        if request.method == "POST" and (form is None or form.is_valid()):
            data = form.cleaned_data if form else {}
            try:
                with transaction.atomic():
                    result = self._run_action(request, obj, action, data)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            except PermissionDenied as error:
                audit.warning("permission refused user=%s action=%s object=%s", request.user, action, obj.pk)
                messages.error(request, str(error) or "You do not have permission to do that.")
            else:
                messages.success(request, self._action_message(action, result))
                return HttpResponseRedirect(self._change_url(result))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": obj,
            "title": f"{label}: {obj}",
            "action_label": label,
            "form": form,
            "own_change": workflow.is_own_change(obj, request.user),
        }
        return TemplateResponse(request, "admin/publishing/workflow_action.html", context)

    def _run_action(self, request, obj, action, data):
        user = request.user
        if action == "submit":
            return workflow.item_submit_for_review(item=obj, user=user)
        if action == "return":
            return workflow.item_return_to_draft(item=obj, user=user, note=data.get("note", ""))
        if action == "publish":
            at = data.get("publish_at")
            return workflow.item_publish(item=obj, user=user, publish_at=at, reason=data.get("reason", ""))
        return workflow.item_withdraw(item=obj, user=user, reason=data["reason"])

    def _action_message(self, action, item):
        if action == "publish" and item.is_scheduled:
            return f"Scheduled: “{item}” goes live on {timezone.localtime(item.publish_at):%d %B %Y at %H:%M}."
        return {
            "submit": f"“{item}” is now waiting for a publisher to review it.",
            "return": f"“{item}” is back in draft.",
            "publish": f"Published: readers can now see “{item}”.",
            "withdraw": f"Withdrawn: “{item}” has left lists and search; its address shows the notice.",
        }[action]

    # History, compare, restore and recover -------------------------------------

    def _versions(self, obj):
        return Version.objects.get_for_object(obj).select_related("revision", "revision__user")

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404("No such item")
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        opts = self.model._meta
        rows = [
            {
                "version": version,
                "status": dict(Status.choices).get(version.field_dict.get("status"), "—"),
                "restore_url": reverse(f"admin:{opts.app_label}_{opts.model_name}_revision", args=[obj.pk, version.pk]),
            }
            for version in self._versions(obj)
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": opts,
            "original": obj,
            "object": obj,
            "title": f"History: {obj}",
            "rows": rows,
            "compare_url": reverse(f"admin:{opts.app_label}_{opts.model_name}_compare", args=[obj.pk]),
        }
        return TemplateResponse(request, self.object_history_template, context)

    def compare_view(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404("No such item")
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        versions = self._versions(obj)
        try:
            older = versions.get(pk=int(request.GET.get("from", "")))
            newer = versions.get(pk=int(request.GET.get("to", "")))
        except (ValueError, Version.DoesNotExist):
            messages.error(request, "Choose two versions to compare.")
            return HttpResponseRedirect(
                reverse(f"admin:{self.model._meta.app_label}_{self.model._meta.model_name}_history", args=[obj.pk])
            )
        if older.revision.date_created > newer.revision.date_created:
            older, newer = newer, older
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": obj,
            "title": f"Compare versions: {obj}",
            "older": older,
            "newer": newer,
            "differences": field_differences(self.model, older.field_dict, newer.field_dict),
        }
        return TemplateResponse(request, "admin/publishing/compare.html", context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Restore an old version as a new draft (replaces reversion's in-place revert)."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404("No such item")
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        version = get_object_or_404(self._versions(obj), pk=version_id)
        if request.method == "POST":
            draft = workflow.item_restore_version(item=obj, version=version, user=request.user)
            messages.success(
                request,
                "The old version is restored as a draft. Nothing was overwritten: "
                "the published page and every earlier version are unchanged.",
            )
            return HttpResponseRedirect(self._change_url(draft))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": obj,
            "title": f"Restore an old version: {obj}",
            "version": version,
            "differences": field_differences(
                self.model, version.field_dict, Version.objects.get_for_object(obj).first().field_dict
            )
            if Version.objects.get_for_object(obj).exists()
            else [],
        }
        return TemplateResponse(request, "admin/publishing/restore.html", context)

    def recover_view(self, request, version_id, extra_context=None):
        """Recover a deleted item as a draft (replaces reversion's recover-as-it-was)."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        version = get_object_or_404(Version.objects.get_deleted(self.model), pk=version_id)
        if request.method == "POST":
            item = workflow.item_recover_deleted(version=version, user=request.user)
            messages.success(request, f"“{item}” is recovered as a draft. Send it for review to publish it again.")
            return HttpResponseRedirect(self._change_url(item))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Recover deleted item: {version.object_repr}",
            "version": version,
        }
        return TemplateResponse(request, "admin/publishing/recover.html", context)


def field_differences(model, old, new):
    """Field-by-field comparison of two stored versions, with a line diff for text."""
    rows = []
    for field in model._meta.get_fields():
        key = getattr(field, "attname", None)
        if key is None or (key not in old and key not in new) or key in {"body_html", "headings", "updated_at"}:
            continue
        before, after = old.get(key), new.get(key)
        if before == after:
            continue
        label = str(getattr(field, "verbose_name", key)).capitalize()
        diff = None
        if isinstance(before, str) and isinstance(after, str) and ("\n" in before or "\n" in after or len(after) > 80):
            diff = list(
                difflib.unified_diff(before.splitlines(), after.splitlines(), "older", "newer", lineterm="", n=1)
            )[2:]
        rows.append({"label": label, "before": before, "after": after, "diff": diff})
    return rows


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(WorkflowEvent)
class WorkflowEventAdmin(admin.ModelAdmin):
    list_display = ["at", "action", "object_repr", "user", "note"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr", "note", "user__username"]
    list_select_related = ["user"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def parse_admin_datetime(value):
    return parse_datetime(value) if value else None
