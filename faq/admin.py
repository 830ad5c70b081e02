from django.contrib import admin

from faq.models import Category, Question
from publishing.admin import PublishedContentAdmin


class QuestionInline(admin.TabularInline):
    model = Question
    fields = ["title", "position", "featured", "status"]
    readonly_fields = ["title", "status"]
    extra = 0
    can_delete = False
    show_change_link = True
    ordering = ["position"]

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).originals()


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["title", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["title"]}
    search_fields = ["title"]
    inlines = [QuestionInline]


@admin.register(Question)
class QuestionAdmin(PublishedContentAdmin):
    list_display = ["title", "category", "position", "featured", "status_label", "owner", "review_due", "last_changed"]
    list_editable = ["position", "featured"]
    list_filter = [*PublishedContentAdmin.list_filter, "category", "featured"]
    list_select_related = [*PublishedContentAdmin.list_select_related, "category"]
    content_fields = ["title", "slug", "summary", "body", "category", "position", "featured", "related"]
    # Searched as you type, so the form stays fast however many questions there are.
    autocomplete_fields = ["related"]
