"""The workflow screens of the content admin: the change page's panel, one page per action, preview links.

Which actions a person may take, and every status change, are publishing.workflow's decisions;
these screens show them and say why an action is not open to someone.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path

from publishing import workflow
from publishing.admin_forms import (
    ConfirmActionForm,
    NoteActionForm,
    PublishActionForm,
    RescheduleActionForm,
    WithdrawActionForm,
)
from publishing.dates import date_text, datetime_text
from publishing.models import PreviewLink, WorkflowEvent
from publishing.preview import preview_link_create, preview_link_revoke, preview_url
from publishing.views import render_preview

ACTION_FORMS = {
    "return": NoteActionForm,
    "publish": PublishActionForm,
    "reschedule": RescheduleActionForm,
    "confirm": ConfirmActionForm,
    "withdraw": WithdrawActionForm,
}


def run_service(action, item, user, form):
    """Carry out one workflow action through its service, with what the person entered."""
    data = form.cleaned_data if form is not None else {}
    match action:
        case "submit":
            return workflow.item_submit_for_review(item=item, user=user)
        case "return":
            return workflow.item_return_to_draft(item=item, user=user, note=data.get("note", ""))
        case "publish":
            return workflow.item_publish(
                item=item, user=user, publish_at=form.go_live_at(), reason=data.get("reason", "")
            )
        case "reschedule":
            return workflow.item_reschedule(item=item, user=user, publish_at=data["publish_at"])
        case "unschedule":
            return workflow.item_unschedule(item=item, user=user)
        case "confirm":
            return workflow.item_confirm_accurate(item=item, user=user, next_review=data.get("next_review"))
        case "withdraw":
            return workflow.item_withdraw(item=item, user=user, reason=data.get("reason", ""))
    raise ValueError(action)


def done_message(action, item):
    if item.is_scheduled and action in ("publish", "reschedule"):
        return f"Scheduled: “{item}” goes live on {datetime_text(item.publish_at)}."
    return {
        "submit": f"“{item}” is now waiting for a publisher to review it.",
        "return": f"“{item}” is back in draft.",
        "publish": f"Published: readers can now see “{item}”.",
        "reschedule": f"Published: readers can now see “{item}”.",
        "unschedule": f"Unscheduled: “{item}” is a draft again. Readers never saw it.",
        "confirm": f"Confirmed: “{item}” is marked as reviewed today; next review due {date_text(item.review_due)}.",
        "withdraw": f"Withdrawn: “{item}” has left lists and search; its address shows the notice.",
    }[action]


def status_text(item):
    """The status box's one sentence: what readers see of this item now."""
    if not item.is_original:
        return "A change to a published page. Readers see the published version until this change is published."
    if item.is_scheduled:
        return f"Scheduled: readers will see it from {datetime_text(item.publish_at)}. Until then they see nothing."
    if item.status == "published":
        return "Published: readers can see it."
    if item.status == "withdrawn":
        return f"Withdrawn on {date_text(item.withdrawn_at)}: its address shows the notice, and lists do not show it."
    if item.status == "review":
        return "Waiting for a publisher to review it. Readers cannot see it."
    return "Draft: readers cannot see it."


class WorkflowAdminMixin:
    """Needs what HistoryAdminMixin gives: admin_url, admin_context, viewable_object."""

    def workflow_urls(self):
        name = f"{self.model._meta.app_label}_{self.model._meta.model_name}"
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/workflow/<str:action>/", view(self.workflow_view), name=f"{name}_workflow"),
            path("<path:object_id>/preview-links/", view(self.preview_links_view), name=f"{name}_preview_links"),
            path("<path:object_id>/preview/", view(self.preview_view), name=f"{name}_preview"),
        ]

    def workflow_context(self, request, obj):
        pending = type(obj).objects.filter(draft_of=obj).first() if obj.is_live else None
        returned = WorkflowEvent.objects.filter(
            content_type__app_label=obj._meta.app_label,
            content_type__model=obj._meta.model_name,
            object_id=obj.pk,
            action=WorkflowEvent.Action.RETURNED,
        ).first()
        return {
            "workflow_item": obj,
            "status_text": status_text(obj),
            "action_choices": workflow.action_choices(obj, request.user),
            "pending_draft": pending,
            "pending_draft_url": self.admin_url("change", pending.pk) if pending else None,
            "live_item_url": None if obj.is_original else self.admin_url("change", obj.original_id),
            "reader_url": obj.get_absolute_url() if obj.is_live else None,
            "admin_preview_url": self.admin_url("preview", obj.pk),
            "return_note": returned if obj.status == "draft" else None,
            "preview_links": [
                {
                    "link": link,
                    "url": request.build_absolute_uri(preview_url(link)),
                    "current": link.version == obj.version,
                }
                for link in PreviewLink.objects.for_item(obj).in_force().select_related("created_by")
            ],
            "preview_links_url": self.admin_url("preview_links", obj.pk),
        }

    def workflow_view(self, request, object_id, action):
        if action not in workflow.ACTION_LABELS:
            raise Http404("No such action")
        obj = self.viewable_object(request, object_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        choice = next((c for c in workflow.action_choices(obj, request.user) if c.name == action), None)
        form_class = ACTION_FORMS.get(action)
        form = None
        if choice is not None and choice.allowed and form_class is not None:
            extra = (
                {"item": obj, "own_change": workflow.is_own_change(obj, request.user)} if action == "publish" else {}
            )
            form = form_class(request.POST if request.method == "POST" else None, **extra)
        if request.method == "POST" and choice is not None and choice.allowed and (form is None or form.is_valid()):
            done = self.run_action(request, obj, action, form)
            if done is not None:
                messages.success(request, done_message(action, done))
                return HttpResponseRedirect(self.admin_url("change", done.pk))
        context = self.admin_context(
            request, f"{choice.label if choice else 'Not available'}: {obj}", original=obj, choice=choice, form=form
        )
        status = 200 if choice is not None and choice.allowed else 403
        return TemplateResponse(request, "admin/publishing/workflow_action.html", context, status=status)

    def run_action(self, request, obj, action, form):
        """Carry out the action through the workflow; on a refusal say why and return None.
        (The workflow logs refusals itself.)"""
        try:
            with transaction.atomic():
                return run_service(action, obj, request.user, form)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except PermissionDenied as error:
            messages.error(request, str(error) or "You do not have permission to do that.")
        return None

    def preview_links_view(self, request, object_id):
        """Make a preview link for the item's current version, or cancel one (POST only)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self.viewable_object(request, object_id, change=True)
        if "revoke" in request.POST:
            link = get_object_or_404(PreviewLink.objects.for_item(obj), pk=request.POST.get("revoke"))
            preview_link_revoke(link=link, user=request.user)
            messages.success(
                request, "The preview link is cancelled. Anyone who follows it is told to ask for a new one."
            )
        else:
            link = preview_link_create(item=obj, user=request.user)
            url = request.build_absolute_uri(preview_url(link))
            messages.success(request, f"New preview link, working for 7 days: {url}")
        return HttpResponseRedirect(self.admin_url("change", obj.pk))

    def preview_view(self, request, object_id):
        """The item as readers will see it, for signed-in editors (what "View on site" opens for a draft)."""
        return render_preview(request, self.viewable_object(request, object_id))

    def get_view_on_site_url(self, obj=None):
        if obj is None or not obj.pk:
            return None
        return obj.get_absolute_url() if obj.is_live and not obj.is_scheduled else self.admin_url("preview", obj.pk)
