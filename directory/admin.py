import yaml
from django import forms
from django.contrib import admin

from directory.models import Cluster, Milestone, Organisation, Provider
from publishing.admin import PublishedContentAdmin, PublishedContentForm
from publishing.loaders import dump_yaml


class FactsWidget(forms.Textarea):
    def format_value(self, value):
        if isinstance(value, str):
            return value
        return dump_yaml(value) if value else ""


class FactsField(forms.Field):
    """A dated relation or fact, edited as YAML (see the README's "Recording a membership change").
    The model checks each entry against the page's sources when the form is cleaned."""

    widget = FactsWidget(attrs={"rows": 8, "cols": 80, "class": "vLargeTextField app-facts"})

    def __init__(self, *, many, **kwargs):
        self.many = many
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        if isinstance(value, list | dict):
            return value
        try:
            parsed = yaml.safe_load(value or "")
        except yaml.YAMLError as error:
            problem = getattr(error, "problem", None) or "it is not valid YAML"
            raise forms.ValidationError(f"This could not be read: {problem}. Check the indentation.") from None
        if parsed is None:
            return [] if self.many else {}
        if self.many and not isinstance(parsed, list):
            raise forms.ValidationError("Give a list: start each entry with '- '.")
        if not self.many and not isinstance(parsed, dict):
            raise forms.ValidationError("Give 'key: value' lines, like date: 2024-10.")
        return parsed

    def has_changed(self, initial, data):
        try:
            return (initial or ([] if self.many else {})) != self.to_python(data)
        except forms.ValidationError:
            return True


class DirectoryForm(PublishedContentForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, (_, many) in self._meta.model.SPECS.items():
            old = self.fields[name]
            self.fields[name] = FactsField(many=many, label=old.label, help_text=old.help_text)


class DirectoryAdmin(PublishedContentAdmin):
    form = DirectoryForm
    search_fields = ["title", "summary", "body", "slug"]


@admin.register(Organisation)
class OrganisationAdmin(DirectoryAdmin):
    list_display = ["title", "abbreviation", "organisation_type", "status_label", "owner", "last_changed"]
    search_fields = [*DirectoryAdmin.search_fields, "abbreviation"]
    content_fields = [
        "title", "slug", "abbreviation", "organisation_type", "summary", "body", "parent", "parent_cited",
        "former_names", "closed", "successors",
    ]  # fmt: skip
    autocomplete_fields = ["parent", "successors"]


@admin.register(Cluster)
class ClusterAdmin(DirectoryAdmin):
    list_display = ["title", "as_of", "status_label", "owner", "last_changed"]
    content_fields = [
        "title", "slug", "summary", "body", "as_of", "memberships", "platform", "suppliers", "progress", "targets",
    ]  # fmt: skip


@admin.register(Provider)
class ProviderAdmin(DirectoryAdmin):
    content_fields = ["title", "slug", "summary", "body", "operators", "customers", "started", "ended"]


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_display = ["date", "title", "category"]
    list_filter = ["category"]
    search_fields = ["title", "description"]
