"""What every published content type shares: the abstract base, its QuerySet,
workflow states, topics, public change notes, slug redirects and the workflow log."""

import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from publishing.compiled import CompiledQuerySet
from publishing.markdown import render_markdown
from publishing.registry import kind_for
from publishing.sources import numbered
from sharedservices.links import slug_url

DEFAULT_OWNER = "Shared Services Team"
REVIEW_INTERVAL = datetime.timedelta(days=182)
# A review falling due within this many days shows as "due soon" on the editors' dashboard.
REVIEW_SOON_DAYS = 30


def normalise_text(value):
    """Text as stored: line endings as \\n and no space at either end, however a browser or file sent it."""
    return (value or "").replace("\r\n", "\n").replace("\r", "\n").strip()


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "review", "In review"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"


# Readers can reach an item in these states by its address (a withdrawn page shows the notice).
LIVE_STATUSES = (Status.PUBLISHED, Status.WITHDRAWN)


class Audience(models.TextChoices):
    EVERYONE = "everyone", "Everyone"
    PROVIDERS = "providers", "Providers"
    CUSTOMERS = "customers", "Customers"


class ChangeType(models.TextChoices):
    MINOR = "minor", "Minor change (typos, formatting: readers are not told)"
    MAJOR = "major", "Major change (readers are told: a public change note is required)"


class ListEntry(models.Model):
    """An entry in a short list editors put in order: a topic, an FAQ category."""

    title = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    summary = models.CharField(max_length=300, blank=True, help_text="One plain sentence saying what it covers.")
    position = models.PositiveIntegerField(default=0, help_text="Lower numbers are listed first.")

    class Meta:
        abstract = True
        ordering = ["position", "title", "pk"]

    def __str__(self):
        return self.title


class Topic(ListEntry):
    class Meta(ListEntry.Meta):
        pass

    def get_absolute_url(self):
        return slug_url("topics:detail", self.slug)


# The rows readers' lists read, as partial-index conditions (the same rules as the QuerySet below).
ORIGINAL_ROWS = Q(draft_of__isnull=True)
PUBLISHED_ROWS = Q(status="published", draft_of__isnull=True)


def published_rows_index(*, fields, name, condition=PUBLISHED_ROWS, with_go_live=False):
    """A partial index over the rows readers' lists read, so a kind's list is answered from the index alone
    (with_go_live: it also carries each row's go-live time, so "due by now" needs no visit to the table)."""
    return models.Index(fields=fields, include=["publish_at"] if with_go_live else [], condition=condition, name=name)


class PublishedContentQuerySet(models.QuerySet):
    """The only place that decides what readers may see. Views, search, downloads and the admin's
    relation choices call these methods (and the matching model properties); nothing else spells out
    the status, draft_of or publish_at conditions."""

    def originals(self):
        """The items themselves, never the pending draft copy of a live item: what links and lists point at."""
        return self.filter(draft_of__isnull=True)

    def published(self, now=None):
        """What readers may see in lists, search and feeds: published, not a pending draft, and due by now."""
        return self.originals().filter(status=Status.PUBLISHED, publish_at__lte=now or timezone.now())

    def reachable(self, now=None):
        """What a reader can open by its address: published, due by now, or withdrawn after readers saw it
        (its page shows the notice). An item withdrawn before it went live never shows its text."""
        was_live_when_withdrawn = Q(status=Status.WITHDRAWN) & (
            Q(withdrawn_at__gte=F("publish_at")) | Q(withdrawn_at__isnull=True)
        )
        return self.originals().filter(
            Q(status=Status.PUBLISHED) | was_live_when_withdrawn, publish_at__lte=now or timezone.now()
        )

    def indexable(self):
        """Published items, including those scheduled for later: the search index stores their go-live time."""
        return self.originals().filter(status=Status.PUBLISHED)

    def withdrawn(self):
        return self.originals().filter(status=Status.WITHDRAWN)

    def for_audience(self, audience):
        return self.filter(audience__in=[audience, Audience.EVERYONE])

    def awaiting_review(self):
        return self.filter(status=Status.IN_REVIEW)

    def scheduled(self, now=None):
        return self.indexable().filter(publish_at__gt=now or timezone.now())

    def review_overdue(self, today=None):
        return self.indexable().filter(review_due__lt=today or timezone.localdate())

    def next_go_live(self, now=None):
        """The earliest go-live time of the items scheduled after now, or None."""
        return self.scheduled(now).aggregate(first=models.Min("publish_at"))["first"]

    def review_due_soon(self, today=None, days=REVIEW_SOON_DAYS):
        """Published items whose review falls due in the next few weeks (not yet overdue)."""
        today = today or timezone.localdate()
        return self.indexable().filter(review_due__gte=today, review_due__lte=today + datetime.timedelta(days=days))

    def due_for_go_live(self, now=None):
        """Scheduled items whose time has come but whose follow-up work has not run."""
        return self.filter(awaiting_go_live=True, status=Status.PUBLISHED, publish_at__lte=now or timezone.now())


class PublishedContent(models.Model):
    """Abstract base for every item readers can read: FAQ answers, guides, toolkit items.

    Editing a live (published or withdrawn) item never changes what readers see:
    the change is saved as a separate draft row (``draft_of`` points at the live
    item) and replaces the live item only when a publisher publishes it.
    """

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=120, help_text="The last part of the page's web address. Lower case, hyphens.")
    summary = models.CharField(
        max_length=300,
        help_text="One or two plain sentences, under 160 characters. Shown as the lead paragraph, "
        "in search results and to search engines.",
    )
    body = models.TextField(blank=True, help_text="Markdown: ## for headings, - for bullets, [text](/path/) for links.")
    search_keywords = models.TextField(
        "words readers search with",
        blank=True,
        help_text="Other words and phrases readers use when looking for this page, one a line: everyday words "
        "for its subject, other names and abbreviations, the question it answers in a reader's words. Search "
        "weighs them like the summary; readers never see them. Leave out words already in the title or summary.",
    )
    body_html = models.TextField(blank=True, editable=False)
    headings = models.JSONField(default=list, blank=True, editable=False)
    audience = models.CharField(max_length=20, choices=Audience.choices, default=Audience.EVERYONE)
    topics = models.ManyToManyField(Topic, blank=True, related_name="%(app_label)s_%(class)s_items")
    owner = models.CharField(max_length=120, default=DEFAULT_OWNER, help_text="The team that keeps this page correct.")

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False)
    draft_of = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="pending_draft",
        editable=False,
        help_text="The live item this draft will replace when it is published.",
    )
    publish_at = models.DateTimeField(null=True, blank=True, editable=False)
    awaiting_go_live = models.BooleanField(default=False, editable=False)
    first_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_major_change_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="The public 'last updated' date."
    )
    change_type = models.CharField(
        max_length=10,
        choices=ChangeType.choices,
        default=ChangeType.MINOR,
        help_text="Major changes move the public 'last updated' date and add the note below to the page's history.",
    )
    change_note = models.CharField(
        max_length=300, blank=True, help_text="For a major change: what changed, in one sentence readers will see."
    )
    history_period = models.CharField(
        max_length=60,
        blank=True,
        help_text="Only for a page that describes a past position: the period it describes, e.g. “2005 to 2010”. "
        "Readers then see a banner saying so, with a link to where things stand now. Leave empty for current guidance.",
    )
    sources = models.JSONField(
        default=list,
        blank=True,
        help_text="The documents this page's facts come from, in the order the page cites them. "
        "In the body, cite one with a link to #source-1, #source-2 and so on.",
    )
    review_due = models.DateField(
        null=True,
        blank=True,
        help_text="When the owner must next check this page. Defaults to six months after publishing.",
    )
    last_reviewed = models.DateField(
        null=True, blank=True, help_text="When the owner last checked this page was right."
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True, editable=False)
    withdrawal_reason = models.TextField(blank=True, editable=False)

    contributor_ids = models.JSONField(
        default=list,
        blank=True,
        editable=False,
        help_text="Who has changed the words since the item was last published: none of them may publish it.",
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    change_notes = GenericRelation("publishing.ChangeNote")

    objects = PublishedContentQuerySet.as_manager()

    # Fields that belong to the item's place in the workflow rather than its
    # words: never copied between a draft and its live item, or restored.
    WORKFLOW_FIELDS = {
        "id", "status", "draft_of", "publish_at", "awaiting_go_live", "first_published_at",
        "last_major_change_at", "withdrawn_at", "withdrawal_reason", "version", "created_at",
        "updated_at", "updated_by", "body_html", "headings", "contributor_ids",
    }  # fmt: skip

    class Meta:
        abstract = True
        ordering = ["title", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug"], condition=ORIGINAL_ROWS, name="%(app_label)s_%(class)s_unique_live_slug"
            )
        ]
        indexes = [
            models.Index(fields=["status", "publish_at"], name="%(app_label)s_%(class)s_status_idx"),
            models.Index(fields=["review_due"], name="%(app_label)s_%(class)s_review_idx"),
            # Counting what readers can see reads only this small index, not the rows.
            published_rows_index(fields=["publish_at"], name="%(app_label)s_%(class)s_live_idx"),
            # Short lists in title order (a topic's items, a stage's guides) stop after the first few.
            published_rows_index(
                fields=["title", "id"], condition=ORIGINAL_ROWS, name="%(app_label)s_%(class)s_title_idx"
            ),
            # The admin's change lists: most recently changed first, and the owner filter.
            models.Index(fields=["updated_at", "id"], name="%(app_label)s_%(class)s_updated_idx"),
            models.Index(fields=["owner"], name="%(app_label)s_%(class)s_owner_idx"),
        ]

    def __str__(self):
        return f"{self.title} (draft of published page)" if self.draft_of_id else self.title

    def save(self, *args, **kwargs):
        # Done here so that no save path (admin, loader, restore) can store text that differs only in line
        # endings, or leave stale or unsanitised HTML behind: rendering is derived from the body.
        for field in self._meta.concrete_fields:
            if isinstance(field, models.TextField) and field.editable and isinstance(getattr(self, field.attname), str):
                setattr(self, field.attname, normalise_text(getattr(self, field.attname)))
        self.body_html, self.headings = render_markdown(self.body)
        super().save(*args, **kwargs)

    @property
    def is_original(self):
        """The item itself rather than the pending draft copy of a live item."""
        return self.draft_of_id is None

    @property
    def original_id(self):
        """The id of the item this row stands for: its own, or the live item's when it is a pending draft."""
        return self.draft_of_id or self.pk

    @property
    def original(self):
        return self.draft_of if self.draft_of_id else self

    @property
    def is_live(self):
        """Published or withdrawn: readers can reach it by its URL (once its time has come)."""
        return self.is_original and self.status in LIVE_STATUSES

    @property
    def is_indexable(self):
        """In the search index: published now or scheduled (the index row carries the go-live time)."""
        return self.is_original and self.status == Status.PUBLISHED

    @property
    def is_scheduled(self):
        return self.status == Status.PUBLISHED and self.publish_at and self.publish_at > timezone.now()

    @property
    def is_published_now(self):
        """Readers see it in lists and search and may download its files: published, not a draft, due by now."""
        return self.is_indexable and self.publish_at is not None and self.publish_at <= timezone.now()

    @property
    def kind_label(self):
        """What one item of this kind is called to readers ("FAQ", "Template")."""
        kind = kind_for(type(self))
        return kind.label if kind else self._meta.verbose_name.capitalize()

    @property
    def source_list(self):
        """The cited sources, numbered as the page shows them."""
        return numbered(self.sources)

    @property
    def review_is_overdue(self):
        return self.review_due is not None and self.review_due < timezone.localdate()

    @property
    def is_history(self):
        return bool(self.history_period)

    @property
    def last_updated(self):
        return self.last_major_change_at or self.first_published_at

    def public_change_history(self):
        """The page's change notes, newest first."""
        if self.pk is None:
            return []
        content_type_id = ContentType.objects.get_for_model(self).pk
        return change_notes_of_item("notes", content_type_id=content_type_id, item_id=self.pk)

    def topic_list(self):
        """The topics the page is filed under, in the topics' order."""
        if self.pk is None:
            return []
        if "topics" in getattr(self, "_prefetched_objects_cache", {}):
            return list(self.topics.all())
        return topics_of_item(type(self), item_id=self.pk)

    def make_draft_of(self, live):
        """Turn this unsaved copy of a live item into its pending draft."""
        self.pk = None
        self.id = None
        self.draft_of = live
        self.status = Status.DRAFT
        self.publish_at = None
        self.awaiting_go_live = False
        self.version = 1
        self.contributor_ids = []

    def content_field_names(self):
        """Attribute names of the fields that hold the item's content (copied and restored)."""
        return [f.attname for f in self._meta.concrete_fields if f.name not in self.WORKFLOW_FIELDS]

    def many_to_many_names(self):
        return [f.name for f in self._meta.many_to_many]

    def default_review_due(self, published_at):
        return (published_at + REVIEW_INTERVAL).date()


class ChangeNote(models.Model):
    """One entry in a page's public change history (first publication or a major change)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    changed_at = models.DateTimeField()
    note = models.CharField(max_length=300)

    class Meta:
        ordering = ["-changed_at", "-id"]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="changenote_item_idx"),
            models.Index(fields=["-changed_at"], name="changenote_recent_idx"),
        ]

    def __str__(self):
        return f"{self.changed_at:%d %B %Y}: {self.note}"


# A detail page's topics and change history: the same queries on every page of a kind but for the item, compiled
# once per process (publishing.compiled).
topics_of_item = CompiledQuerySet(
    lambda model, item_id: Topic.objects.filter(**{model._meta.get_field("topics").related_query_name(): item_id})
)
change_notes_of_item = CompiledQuerySet(
    lambda _, content_type_id, item_id: ChangeNote.objects.filter(content_type_id=content_type_id, object_id=item_id)
)


class SlugRedirect(models.Model):
    """An old address of a live item, kept so links to it still work after a slug change."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    old_slug = models.SlugField(max_length=120)
    object_id = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_type", "old_slug"], name="slugredirect_unique_old_slug")
        ]

    def __str__(self):
        return self.old_slug


class WorkflowEvent(models.Model):
    """The audit trail of workflow actions: who did what to which item, when, and why."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", "Sent for review"
        RETURNED = "returned", "Returned to draft"
        PUBLISHED = "published", "Published"
        SCHEDULED = "scheduled", "Scheduled"
        WITHDRAWN = "withdrawn", "Withdrawn"
        RESTORED = "restored", "Restored an old version"
        RECOVERED = "recovered", "Recovered after deletion"
        UNSCHEDULED = "unscheduled", "Unscheduled (back to draft)"
        RESCHEDULED = "rescheduled", "Rescheduled"
        CONFIRMED = "confirmed", "Confirmed still accurate"
        SELF_PUBLISHED = "self_published", "Published own change (superuser)"

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    object_repr = models.CharField(max_length=200)
    action = models.CharField(max_length=20, choices=Action.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        permissions = [
            ("publish_content", "Can publish, schedule and withdraw content"),
        ]

    def __str__(self):
        return f"{self.get_action_display()}: {self.object_repr}"


class LoadedContent(models.Model):
    """Which demo-content file an item came from, so a reload never overwrites an editor's change."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    source = models.CharField(max_length=300)
    source_hash = models.CharField(max_length=64)
    loaded_version = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id"], name="loadedcontent_unique_item")]

    def __str__(self):
        return self.source


class PreviewLinkQuerySet(models.QuerySet):
    def for_item(self, item):
        return self.filter(content_type=ContentType.objects.get_for_model(item), object_id=item.pk)

    def in_force(self, now=None):
        return self.filter(revoked_at__isnull=True, expires_at__gt=now or timezone.now())


class PreviewLink(models.Model):
    """A link that shows one version of an item, as readers will see it, to anyone who has it,
    until it expires or an editor revokes it."""

    token = models.CharField(max_length=64, unique=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    version = models.PositiveIntegerField(help_text="The item's version the link shows.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    objects = PreviewLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="previewlink_item_idx")]

    def __str__(self):
        return f"Preview of version {self.version}, made {self.created_at:%d %B %Y}"

    @property
    def is_in_force(self):
        return self.revoked_at is None and self.expires_at > timezone.now()


class GroupSize(models.Model):
    """How many published originals with a go-live time one group of a grouped list holds (an FAQ category's
    questions, a stage's templates). Written only by database triggers: see publishing.group_sizes."""

    list_table = models.CharField(max_length=63)
    group_id = models.BigIntegerField()
    published = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["list_table", "group_id"], name="publishing_groupsize_unique")]

    def __str__(self):
        return f"{self.list_table} group {self.group_id}: {self.published}"
