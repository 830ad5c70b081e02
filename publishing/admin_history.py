"""History, compare, restore and recover screens for every kind, shared by the content admin.

They replace django-reversion's own screens so that restoring or recovering goes
through the workflow (an old version comes back as a draft, never over what is live).
"""

import datetime
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
from publishing.dates import date_text, datetime_text
from publishing.models import Status


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


# Context kept around each change in a long text, in words.
CONTEXT_WORDS = 8


def field_differences(model, old, new):
    """What a person would see change between two stored versions: the fields they edit, by their names,
    with related items by name and long texts as words removed and added in context. Nothing internal."""
    rows = []
    for field in compared_fields(model):
        key = field.name if field.many_to_many else field.attname
        before, after = old.get(key), new.get(key)
        if normalised(before) == normalised(after):
            continue
        row = {"label": str(field.verbose_name).capitalize()}
        if isinstance(before, str) and isinstance(after, str) and max(len(before), len(after)) > 80:
            row["words"] = word_changes(before, after)
        else:
            row["before"], row["after"] = shown(field, before), shown(field, after)
        rows.append(row)
    return rows


def compared_fields(model):
    hidden = model.WORKFLOW_FIELDS - {"status"}
    return [
        field
        for field in [*model._meta.concrete_fields, *model._meta.many_to_many]
        if field.name not in hidden and (field.editable or field.name == "status")
    ]


def normalised(value):
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, list):
        return sorted(value, key=str)
    return value


def shown(field, value):
    """A stored value as a person reads it: names for related items and choices, readable dates."""
    if value in (None, "", []):
        return "—"
    if field.many_to_many:
        names = [str(item) for item in field.related_model._default_manager.filter(pk__in=value)]
        return ", ".join(sorted(names)) or "—"
    if field.is_relation:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related else "(no longer exists)"
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if field.name == "sources":
        return "; ".join(f"{source.get('publisher')}, {source.get('title')}" for source in value)
    if isinstance(value, datetime.date | datetime.datetime) or field.get_internal_type() in (
        "DateField",
        "DateTimeField",
    ):
        parsed = field.to_python(value)
        return datetime_text(parsed) if isinstance(parsed, datetime.datetime) else date_text(parsed)
    return value


def word_changes(before, after):
    """The words removed and added, each with a little unchanged text either side; long unchanged runs elided."""
    old, new = before.split(), after.split()
    segments = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag == "equal":
            segments.append(("same", elided(old[i1:i2], first=not segments, last=i2 == len(old))))
            continue
        if i2 > i1:
            segments.append(("removed", " ".join(old[i1:i2])))
        if j2 > j1:
            segments.append(("added", " ".join(new[j1:j2])))
    return segments


def elided(words, *, first, last):
    if len(words) <= 2 * CONTEXT_WORDS:
        return " ".join(words)
    head = [] if first else words[:CONTEXT_WORDS]
    tail = [] if last else words[-CONTEXT_WORDS:]
    return " ".join([*head, "…", *tail])
