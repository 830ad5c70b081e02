"""History, compare, restore and recover screens for every kind, shared by the content admin.

They replace django-reversion's own screens so that restoring or recovering goes
through the workflow (an old version comes back as a draft, never over what is live).
"""

import difflib

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from reversion.models import Version

from publishing import workflow
from publishing.models import Status

# Derived or bookkeeping fields a person comparing versions does not need to see.
NOT_COMPARED = {"body_html", "headings", "updated_at"}


class HistoryAdminMixin:
    """Needs: self.model, self.admin_site, self.get_object, the permission methods, self.admin_url."""

    def history_urls(self):
        name = f"{self.model._meta.app_label}_{self.model._meta.model_name}"
        view = self.admin_site.admin_view
        return [path("<path:object_id>/history/compare/", view(self.compare_view), name=f"{name}_compare")]

    def admin_context(self, request, title, **extra):
        """What every extra admin screen needs to render inside the admin layout."""
        return {**self.admin_site.each_context(request), "opts": self.model._meta, "title": title, **extra}

    def admin_url(self, view, *args):
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)

    def viewable_object(self, request, object_id, *, change=False):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404("No such item")
        allowed = (
            self.has_change_permission(request, obj) if change else self.has_view_or_change_permission(request, obj)
        )
        if not allowed:
            raise PermissionDenied
        return obj

    def versions_of(self, obj):
        return Version.objects.get_for_object(obj).select_related("revision", "revision__user")

    def history_view(self, request, object_id, extra_context=None):
        obj = self.viewable_object(request, object_id)
        rows = [
            {
                "version": version,
                "status": dict(Status.choices).get(version.field_dict.get("status"), "—"),
                "restore_url": self.admin_url("revision", obj.pk, version.pk),
            }
            for version in self.versions_of(obj)
        ]
        context = self.admin_context(
            request,
            f"History: {obj}",
            original=obj,
            object=obj,
            rows=rows,
            compare_url=self.admin_url("compare", obj.pk),
        )
        return TemplateResponse(request, self.object_history_template, context)

    def compare_view(self, request, object_id):
        obj = self.viewable_object(request, object_id)
        versions = self.versions_of(obj)
        try:
            older = versions.get(pk=int(request.GET.get("from", "")))
            newer = versions.get(pk=int(request.GET.get("to", "")))
        except (ValueError, Version.DoesNotExist):
            messages.error(request, "Choose two versions to compare.")
            return HttpResponseRedirect(self.admin_url("history", obj.pk))
        if older.revision.date_created > newer.revision.date_created:
            older, newer = newer, older
        differences = field_differences(self.model, older.field_dict, newer.field_dict)
        context = self.admin_context(
            request, f"Compare versions: {obj}", original=obj, older=older, newer=newer, differences=differences
        )
        return TemplateResponse(request, "admin/publishing/compare.html", context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Restore an old version as a new draft (replaces reversion's in-place revert)."""
        obj = self.viewable_object(request, object_id, change=True)
        version = get_object_or_404(self.versions_of(obj), pk=version_id)
        if request.method == "POST":
            draft = workflow.item_restore_version(item=obj, version=version, user=request.user)
            messages.success(
                request,
                "The old version is restored as a draft. Nothing was overwritten: "
                "the published page and every earlier version are unchanged.",
            )
            return HttpResponseRedirect(self.admin_url("change", draft.pk))
        latest = self.versions_of(obj).first()
        differences = field_differences(self.model, version.field_dict, latest.field_dict) if latest else []
        context = self.admin_context(
            request, f"Restore an old version: {obj}", original=obj, version=version, differences=differences
        )
        return TemplateResponse(request, "admin/publishing/restore.html", context)

    def recover_view(self, request, version_id, extra_context=None):
        """Recover a deleted item as a draft (replaces reversion's recover-as-it-was)."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        version = get_object_or_404(Version.objects.get_deleted(self.model), pk=version_id)
        if request.method == "POST":
            item = workflow.item_recover_deleted(version=version, user=request.user)
            messages.success(request, f"“{item}” is recovered as a draft. Send it for review to publish it again.")
            return HttpResponseRedirect(self.admin_url("change", item.pk))
        context = self.admin_context(request, f"Recover deleted item: {version.object_repr}", version=version)
        return TemplateResponse(request, "admin/publishing/recover.html", context)


def field_differences(model, old, new):
    """Field-by-field comparison of two stored versions, with a line diff for text."""
    rows = []
    for field in model._meta.get_fields():
        key = getattr(field, "attname", None)
        if key is None or (key not in old and key not in new) or key in NOT_COMPARED:
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
