from django import forms
from django.contrib import admin

from guidance.models import RESERVED_SLUGS, Guide
from publishing.admin import PublishedContentAdmin, PublishedContentForm


class GuideForm(PublishedContentForm):
    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(f"“{slug}” is the address of a guidance page. Choose another slug.")
        return slug

    def clean(self):
        cleaned = super().clean()
        main_topic, topics = cleaned.get("main_topic"), cleaned.get("topics")
        if main_topic is not None and topics is not None and main_topic not in topics:
            self.add_error("main_topic", "Choose one of the guide's topics, or leave this empty.")
        return cleaned


@admin.register(Guide)
class GuideAdmin(PublishedContentAdmin):
    form = GuideForm
    list_display = ["title", "audience", "position", "status_label", "owner", "review_due", "last_changed"]
    list_editable = ["position"]
    ordering = ["position", "title"]
    content_fields = ["title", "slug", "summary", "body", "position", "related", "related_questions", "related_stages"]
    describe_fields = ["audience", "topics", "main_topic", "owner"]
    filter_horizontal = ["topics", "related_stages"]
    # Chosen by typing, so the form stays fast however many guides and answers there are.
    autocomplete_fields = ["related", "related_questions"]
