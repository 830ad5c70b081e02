import reversion
from django.db import models
from django.urls import reverse

from publishing.models import PublishedContent, PublishedContentQuerySet


def lines(text):
    """Editor text with one entry per line, as a list (blank lines ignored)."""
    return [line.strip().lstrip("-•* ").strip() for line in (text or "").splitlines() if line.strip()]


class StageQuerySet(PublishedContentQuerySet):
    def in_order(self):
        return self.published().order_by("position", "title")


@reversion.register()
class Stage(PublishedContent):
    position = models.PositiveIntegerField(default=0, help_text="Where the stage comes on the path: 1 is Vision.")
    purpose = models.TextField(help_text="One paragraph: why this stage matters.")
    activities = models.TextField(blank=True, help_text="What the team does in this stage. One per line.")
    outputs = models.TextField(blank=True, help_text="What the stage should produce. One per line.")
    decision = models.CharField(max_length=300, blank=True, help_text="The question to answer before moving on.")
    checklist = models.TextField(blank=True, help_text="What to confirm before moving on. One per line.")
    related_questions = models.ManyToManyField(
        "faq.Question", blank=True, related_name="related_stages", help_text="FAQ answers readers may want."
    )

    objects = StageQuerySet.as_manager()
    kind_label = "Toolkit stage"
    detail_template = "toolkit/stage_detail.html"

    class Meta(PublishedContent.Meta):
        ordering = ["position", "title"]

    def get_absolute_url(self):
        return reverse("toolkit:stage", args=[self.slug])

    @property
    def activity_list(self):
        return lines(self.activities)

    @property
    def output_list(self):
        return lines(self.outputs)

    @property
    def checklist_list(self):
        return lines(self.checklist)


@reversion.register()
class Example(PublishedContent):
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="examples")
    organisation = models.CharField(max_length=200, blank=True, help_text="Who the example is about.")

    kind_label = "Toolkit example"
    detail_template = "toolkit/example_detail.html"

    class Meta(PublishedContent.Meta):
        pass

    def get_absolute_url(self):
        return reverse("toolkit:example", args=[self.slug])


class Provenance(models.TextChoices):
    EXAMPLE_MATERIAL = "example-material", "Example material"
    CO_DEVELOPED = "co-developed", "Co-developed"
    OUTPUT_TEMPLATE = "output-template", "Output template"


@reversion.register()
class Template(PublishedContent):
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="templates")
    provenance = models.CharField(max_length=20, choices=Provenance.choices, default=Provenance.OUTPUT_TEMPLATE)
    file_version = models.CharField(max_length=20, default="1.0", help_text="Shown to readers and in the file name.")

    kind_label = "Template"
    detail_template = "toolkit/template_detail.html"

    class Meta(PublishedContent.Meta):
        pass

    def get_absolute_url(self):
        return reverse("toolkit:template", args=[self.slug])
