from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.html import format_html

from publishing.admin import ReadOnlyAdminMixin
from search.models import BestBet, PhraseSynonym, SearchEntry, Synonym
from search.selectors import content_type_choices, entry_for_bet


@admin.register(Synonym)
class SynonymAdmin(admin.ModelAdmin):
    list_display = ["__str__", "note", "updated_at"]
    search_fields = ["terms", "note"]
    fields = ["terms", "note"]


@admin.register(PhraseSynonym)
class PhraseSynonymAdmin(admin.ModelAdmin):
    list_display = ["__str__", "note", "updated_at"]
    search_fields = ["phrases", "means", "note"]
    fields = ["phrases", "means", "note"]


class BestBetForm(forms.ModelForm):
    page = forms.ChoiceField(
        required=False,
        label="Page to show first",
        help_text="A published FAQ answer, guide or toolkit page. Leave empty to give a page by its address instead.",
    )

    class Meta:
        model = BestBet
        fields = ["queries", "page", "url", "title", "description", "active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "---------"), *content_type_choices()]
        instance = self.instance
        if instance.pk and instance.content_type_id:
            current = f"{instance.content_type_id}:{instance.object_id}"
            if current not in dict(choices):
                choices.append((current, "(the page chosen before, not published now)"))
            self.initial["page"] = current
        self.fields["page"].choices = choices

    def clean_queries(self):
        queries = self.cleaned_data["queries"]
        if not BestBet(queries=queries).query_list():
            raise ValidationError("Give at least one search, one per line.")
        return queries

    def clean(self):
        cleaned = super().clean()
        page, url, title = cleaned.get("page"), cleaned.get("url", "").strip(), cleaned.get("title", "").strip()
        if page and url:
            raise ValidationError("Choose a page or give an address, not both.")
        if not page:
            if not url or not title:
                raise ValidationError("Choose a page, or give both an address and its link text.")
            if not (url.startswith("/") and not url.startswith("//")) and not url.startswith("https://"):
                raise ValidationError({"url": "Give an address on this site starting with /, or one starting https://"})
        return cleaned

    def save(self, commit=True):
        page = self.cleaned_data.get("page")
        if page:
            content_type_id, object_id = (int(part) for part in page.split(":"))
            self.instance.content_type_id, self.instance.object_id = content_type_id, object_id
        else:
            self.instance.content_type_id = self.instance.object_id = None
        return super().save(commit)


@admin.register(BestBet)
class BestBetAdmin(admin.ModelAdmin):
    form = BestBetForm
    list_display = ["__str__", "target", "active", "updated_at"]
    list_filter = ["active"]
    search_fields = ["queries", "title", "url"]

    @admin.display(description="Shows")
    def target(self, bet):
        entry = entry_for_bet(bet)
        if entry:
            return format_html('<a href="{}">{}</a>', entry.url, entry.title)
        if bet.content_type_id:
            return "(page not published: not shown)"
        return format_html('<a href="{}">{}</a>', bet.url, bet.title)


@admin.register(SearchEntry)
class SearchEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: the index is written only by the publishing workflow and rebuild_search_index."""

    list_display = ["title", "kind_label", "audience", "visible_from", "last_updated", "indexed_at"]
    list_filter = ["kind_label", "audience"]
    search_fields = ["title", "url"]
    exclude = ["body_text", "extra_text"]
