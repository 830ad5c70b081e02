import reversion
from django.db import models
from django.urls import reverse

from publishing.models import ORIGINAL_ROWS, ListEntry, PublishedContent, PublishedContentQuerySet, published_rows_index
from publishing.pagination import GroupedList
from sharedservices.links import slug_url


class Category(ListEntry):
    class Meta(ListEntry.Meta):
        verbose_name_plural = "categories"

    def get_absolute_url(self):
        return reverse("faq:index") + f"#{self.slug}"


class QuestionQuerySet(PublishedContentQuerySet):
    def in_category_order(self, categories):
        """Published questions, category by category (in the order given) and in each category's order,
        paged cheaply however many there are (see GroupedList)."""
        return GroupedList(
            self.published().only("title", "slug", "summary", "position", "category"),
            categories,
            group_field="category",
            order=("position", "title", "id"),
            every_published=not self.query.has_filters(),
        )

    def featured(self):
        return self.published().filter(featured=True).order_by("position", "title", "pk")


@reversion.register()
class Question(PublishedContent):
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="questions")
    position = models.PositiveIntegerField(default=0, help_text="Order within the category; lower comes first.")
    featured = models.BooleanField(
        default=False, help_text="Show on the home page among the questions to start with (chosen by editors)."
    )
    related = models.ManyToManyField(
        "self", blank=True, symmetrical=False, related_name="+", help_text="Other questions readers may want next."
    )

    objects = QuestionQuerySet.as_manager()

    class Meta(PublishedContent.Meta):
        ordering = ["category__position", "position", "title", "pk"]
        indexes = [
            *PublishedContent.Meta.indexes,
            # The home page's most-asked questions: a handful of rows, found without reading every question.
            published_rows_index(
                fields=["position", "title"],
                condition=ORIGINAL_ROWS & models.Q(featured=True),
                name="faq_question_featured_idx",
            ),
            # A category's questions in their order, read straight from the index (the FAQ pages).
            published_rows_index(
                fields=["category", "position", "title", "id"],
                with_go_live=True,
                name="faq_question_category_idx",
            ),
        ]

    def get_absolute_url(self):
        return slug_url("faq:detail", self.slug)
