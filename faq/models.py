import reversion
from django.db import models
from django.urls import reverse

from publishing.models import PublishedContent, PublishedContentQuerySet


class Category(models.Model):
    title = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    summary = models.CharField(max_length=300, blank=True, help_text="One sentence saying what questions it holds.")
    position = models.PositiveIntegerField(default=0, help_text="Lower numbers come first on the FAQ page.")

    class Meta:
        ordering = ["position", "title"]
        verbose_name_plural = "categories"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("faq:index") + f"#{self.slug}"


class QuestionQuerySet(PublishedContentQuerySet):
    def for_listing(self):
        return self.published().select_related("category").order_by("category__position", "position", "title")

    def featured(self):
        return self.published().filter(featured=True).order_by("position", "title")


@reversion.register()
class Question(PublishedContent):
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="questions")
    position = models.PositiveIntegerField(default=0, help_text="Order within the category; lower comes first.")
    featured = models.BooleanField(default=False, help_text="Show on the home page among the most asked questions.")
    related = models.ManyToManyField(
        "self", blank=True, symmetrical=False, related_name="+", help_text="Other questions readers may want next."
    )

    objects = QuestionQuerySet.as_manager()

    kind_label = "FAQ"
    detail_template = "faq/question_detail.html"

    class Meta(PublishedContent.Meta):
        ordering = ["category__position", "position", "title"]

    def get_absolute_url(self):
        return reverse("faq:detail", args=[self.slug])

    def detail_context(self):
        related = Question.objects.published().filter(pk__in=self.related.values("pk")).order_by("position")
        return {
            "item": self,
            "question": self,
            "related_questions": related,
            "related_guides": self.related_guides.published().only("title", "slug").order_by("position", "title"),
            "related_stages": self.related_stages.published().only("title", "slug", "position").order_by("position"),
        }
