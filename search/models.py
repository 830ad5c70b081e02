"""The search index (one denormalised row per readable item), and what editors keep for search:
synonyms and best bets.

The engine-specific parts of the index (PostgreSQL's weighted tsvector and trigram
indexes, SQLite's FTS5 table) are not model fields: migrations create them for the
database in use, and the backends in search/backends/ query them.
"""

import re

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models


class SearchEntry(models.Model):
    """One published item (not a pending draft copy), or one registered landing page (page_name).
    Scheduled items are stored with the time they go live (visible_from) and filtered out by
    every query until it passes."""

    content_type = models.ForeignKey(ContentType, null=True, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField(null=True)
    page_name = models.CharField(
        max_length=150, blank=True, help_text="A landing page's key in the registry, e.g. 'toolkit:templates'."
    )
    kind = models.SlugField(max_length=50, help_text="The filter value for the item's kind, e.g. 'faq'.")
    kind_label = models.CharField(max_length=50)
    url = models.CharField(max_length=300)
    title = models.CharField(max_length=200)
    title_key = models.CharField(
        max_length=200, blank=True, help_text="The title's words without stop words: a query equal to it ranks first."
    )
    name_keys = models.TextField(
        blank=True,
        help_text="Other names a reader may give the page, keyed like the title and written |key|key|: each of the "
        "words readers search with for it, and each part of a title with a colon. A query equal to one ranks next "
        "after the exact title.",
    )
    summary = models.CharField(max_length=300, blank=True)
    keywords = models.TextField(
        blank=True, help_text="The words readers search with for this page (never shown): weighed like the summary."
    )
    body_text = models.TextField(blank=True)
    extra_text = models.TextField(blank=True, help_text="Other searchable words, e.g. from a template's file.")
    audience = models.CharField(max_length=20)
    topics = models.JSONField(default=list, blank=True, help_text="Topic slugs.")
    history_period = models.CharField(
        max_length=60, blank=True, help_text="The past period a history page describes, shown as a label."
    )
    visible_from = models.DateTimeField(null=True, help_text="When the item goes live: readers find it from then.")
    last_updated = models.DateTimeField(null=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "search entries"
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="searchentry_unique_item"),
            models.UniqueConstraint(
                fields=["page_name"], condition=~models.Q(page_name=""), name="searchentry_unique_page"
            ),
        ]
        indexes = [
            models.Index(fields=["visible_from"], name="searchentry_visible_idx"),
            models.Index(fields=["url"], name="searchentry_url_idx"),
            models.Index(fields=["-last_updated"], name="searchentry_updated_idx"),
            models.Index(fields=["title_key"], name="searchentry_title_key_idx"),
        ]

    def __str__(self):
        return f"{self.kind_label}: {self.title}"

    @property
    def history_label(self):
        return f"History: {self.history_period}" if self.history_period else ""


class SearchWord(models.Model):
    """Words that occur in the indexed text, for "Did you mean …" (PostgreSQL trigram index).

    Only ever added to; a suggestion is offered only if it finds a readable item,
    so a word left behind by a withdrawn or scheduled item is never suggested."""

    word = models.CharField(max_length=60, primary_key=True)

    def __str__(self):
        return self.word


def split_terms(text):
    """Editor-written terms separated by commas or new lines, normalised for matching."""
    terms = []
    for part in re.split(r"[,\n]", text or ""):
        term = " ".join(re.findall(r"\w+", part.lower()))
        if term and term not in terms:
            terms.append(term)
    return terms


class Synonym(models.Model):
    terms = models.TextField(
        help_text="Words or phrases that mean the same to a reader, separated by commas, for example "
        "'HR, human resources'. A search for any of them also finds pages that use the others."
    )
    note = models.CharField(max_length=200, blank=True, help_text="Why this group exists (editors only).")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["terms"]

    def __str__(self):
        return ", ".join(self.term_list()) or "(empty)"

    def term_list(self):
        return split_terms(self.terms)

    def clean(self):
        if len(self.term_list()) < 2:
            raise ValidationError({"terms": "Give at least two words or phrases, separated by commas."})


class PhraseSynonym(models.Model):
    """A way of asking that stands for other words: "what's in it for" means benefits. Unlike a synonym,
    it works one way: the phrase is searched as the words it stands for, and its own words are dropped."""

    phrases = models.TextField(
        help_text="What readers type, separated by commas or on separate lines, for example "
        "'what's in it for, what do we gain'. Capitals and punctuation are ignored."
    )
    means = models.TextField(
        help_text="The words to search for instead, separated by commas, for example 'benefits'. "
        "A page with any of them is found."
    )
    note = models.CharField(max_length=200, blank=True, help_text="Why this phrase is here (editors only).")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "phrase synonym"
        ordering = ["phrases"]

    def __str__(self):
        return f"{', '.join(self.phrase_list()) or '(empty)'} → {', '.join(self.meaning_list())}"

    def phrase_list(self):
        return split_terms(self.phrases)

    def meaning_list(self):
        return split_terms(self.means)

    def clean(self):
        errors = {}
        if not self.phrase_list():
            errors["phrases"] = "Give at least one phrase readers type."
        if not self.meaning_list():
            errors["means"] = "Give at least one word or phrase to search for instead."
        if errors:
            raise ValidationError(errors)


class BestBet(models.Model):
    """A page shown first, above the results, when a reader searches for one of the given queries."""

    queries = models.TextField(
        help_text="The searches this page should answer, one per line, for example 'will I lose my job'. "
        "Capitals and punctuation are ignored."
    )
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+", editable=False
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    url = models.CharField(
        max_length=300,
        blank=True,
        help_text="Only for a page that is not an FAQ answer, guide or toolkit page, e.g. /toolkit/templates/.",
    )
    title = models.CharField(max_length=200, blank=True, help_text="Link text for a page given by its address.")
    description = models.CharField(max_length=300, blank=True, help_text="One sentence shown under the link.")
    active = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "best bet"
        ordering = ["queries"]

    def __str__(self):
        return ", ".join(self.query_list()[:3]) or "(no queries)"

    def query_list(self):
        return [
            " ".join(re.findall(r"\w+", line.lower())) for line in (self.queries or "").splitlines() if line.strip()
        ]
