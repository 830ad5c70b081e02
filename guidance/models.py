import reversion
from django.db import models
from django.db.models import Case, IntegerField, Value, When

from publishing.models import Audience, PublishedContent, PublishedContentQuerySet
from sharedservices.links import slug_url

# Addresses under /guidance/ that are pages in their own right, so no guide may use them as its slug.
RESERVED_SLUGS = {"providers", "customers"}

AUDIENCE_PAGE_TITLES = {
    Audience.PROVIDERS: "Guidance for providers",
    Audience.CUSTOMERS: "Guidance for customers",
}
AUDIENCE_LEADS = {
    Audience.PROVIDERS: "For organisations that run a shared service centre, or plan to set one up, "
    "to serve other departments and agencies.",
    Audience.CUSTOMERS: "For departments and agencies that use a shared service for their corporate services, "
    "or are deciding whether to move to one.",
}

MAIN_TOPIC_HELP = (
    "The topic this guide is listed under on the guidance pages for providers and customers. "
    "It must be one of the guide's topics. Leave empty to use the first of its topics."
)

# Fields a list of guides never shows; leaving them out keeps long lists cheap.
LIST_DEFERRED = ["body", "body_html", "headings", "change_note", "withdrawal_reason"]


FOR_EVERYONE_LAST = Case(When(audience=Audience.EVERYONE, then=Value(1)), default=Value(0), output_field=IntegerField())


class GuideQuerySet(PublishedContentQuerySet):
    def most_useful_first(self):
        """The editors' order. On a tie, a guide written for the audience comes before one for everyone."""
        return self.order_by("position", FOR_EVERYONE_LAST, "title", "pk")

    def for_audience_page(self, audience):
        """Published guides for one audience and for everyone, with their main topic (the audience page groups
        them by it; see guides_by_topic for the few without one)."""
        return (
            self.published()
            .for_audience(audience)
            .select_related("main_topic")
            .only("title", "slug", "summary", "main_topic__title", "main_topic__slug")
            .most_useful_first()
        )

    def for_everyone(self):
        return self.published().filter(audience=Audience.EVERYONE).defer(*LIST_DEFERRED).most_useful_first()


@reversion.register()
class Guide(PublishedContent):
    position = models.PositiveIntegerField(
        default=0,
        help_text="Order on the guidance pages for providers and customers: lower comes first, "
        "so give the most useful guides the lowest numbers.",
    )
    main_topic = models.ForeignKey(
        "publishing.Topic",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=MAIN_TOPIC_HELP,
    )
    related = models.ManyToManyField(
        "self", blank=True, symmetrical=False, related_name="+", help_text="Other guides readers may want next."
    )
    related_questions = models.ManyToManyField(
        "faq.Question", blank=True, related_name="related_guides", help_text="FAQ answers readers may want."
    )
    related_stages = models.ManyToManyField(
        "toolkit.Stage",
        blank=True,
        related_name="related_guides",
        help_text="Toolkit stages this guide helps with. The stage's page links back to the guide.",
    )

    objects = GuideQuerySet.as_manager()

    class Meta(PublishedContent.Meta):
        ordering = ["position", "title", "pk"]
        # The editors' order, read from an index on the guidance change list.
        indexes = [
            *PublishedContent.Meta.indexes,
            models.Index(fields=["position", "title", "id"], name="guide_order_idx"),
        ]

    def get_absolute_url(self):
        return slug_url("guidance:detail", self.slug)

    @property
    def audience_label(self):
        """How the guide's audience is named in captions and breadcrumbs."""
        return AUDIENCE_PAGE_TITLES.get(self.audience, "Guidance")

    def listing_topic(self):
        """The topic the audience pages list this guide under (expects topics prefetched)."""
        if self.main_topic_id:
            return self.main_topic
        topics = list(self.topics.all())
        return topics[0] if topics else None
