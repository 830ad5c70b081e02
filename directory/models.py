"""The directory: organisations, the clusters they belong to and the shared service providers, past and present.

Each is a kind of published content. Their dated relations (a cluster's members, an organisation's former
names, a provider's customers) are stored on the item as checked lists (directory/facts.py), so they go
through draft, review, history and export with the item. Entries name organisations by their slug.
"""

import reversion
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from directory import facts
from publishing.models import PublishedContent, PublishedContentQuerySet


def short_indexes(prefix):
    """The indexes every kind has, named with a short prefix: "directory_organisation" is too long for
    an index name (30 characters at most)."""
    return [
        models.Index(
            fields=index.fields,
            include=index.include,
            condition=index.condition,
            name=index.name.replace("%(app_label)s_%(class)s", prefix),
        )
        for index in PublishedContent.Meta.indexes
    ]


class OrganisationType(models.TextChoices):
    DEPARTMENT = "department", "Department"
    AGENCY = "agency", "Agency or arm's-length body"
    OTHER = "other", "Other public body"


class DirectoryQuerySet(PublishedContentQuerySet):
    def at_slugs(self, slugs):
        """The published items with these slugs, by slug: one query however many."""
        return {item.slug: item for item in self.published().filter(slug__in=set(slugs))}


class Cited:
    """Checks every dated relation against the item's own numbered sources when its form is cleaned."""

    SPECS = {}  # field name -> (Spec, list or single record)

    def clean_facts(self):
        count = len(self.sources or [])
        for name, (spec, many) in self.SPECS.items():
            cleaner = facts.clean_entries if many else facts.clean_record
            setattr(self, name, cleaner(spec, getattr(self, name), source_count=count))

    def clean(self):
        super().clean()
        try:
            self.clean_facts()
        except ValidationError as error:
            raise ValidationError(" ".join(error.messages)) from None
        named = set()
        for name, (spec, many) in self.SPECS.items():
            if spec.organisations:
                named |= facts.organisation_slugs(getattr(self, name) if many else [getattr(self, name)])
        known = set(Organisation.objects.originals().filter(slug__in=named).values_list("slug", flat=True))
        if named - known:
            raise ValidationError(
                f"There is no organisation with the address '{sorted(named - known)[0]}'. "
                "Name each organisation by the last part of its page's address, like dwp or hmrc."
            )


@reversion.register()
class Organisation(Cited, PublishedContent):
    abbreviation = models.CharField(
        max_length=20, blank=True, help_text="The short name people use today, like HMRC or DWP."
    )
    organisation_type = models.CharField(
        max_length=20, choices=OrganisationType.choices, default=OrganisationType.DEPARTMENT
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="For an agency or arm's-length body: the department it belongs to.",
    )  # fmt: skip
    parent_cited = models.JSONField(
        default=dict, blank=True, help_text="Where the parent department comes from: date: 2017-04, sources: [1]."
    )
    former_names = models.JSONField(
        default=list, blank=True,
        help_text="Names it had before, each with name, abbreviation, from, to and sources.",
    )  # fmt: skip
    closed = models.JSONField(
        default=dict, blank=True,
        help_text="Only if it no longer exists: date it closed, a note saying what took its work, and sources.",
    )  # fmt: skip
    successors = models.ManyToManyField(
        "self", blank=True, symmetrical=False, related_name="+",
        help_text="The organisations that took over its work, if it has closed.",
    )  # fmt: skip

    objects = DirectoryQuerySet.as_manager()
    SPECS = {
        "parent_cited": (facts.CITATION, False),
        "former_names": (facts.FORMER_NAME, True),
        "closed": (facts.EVENT, False),
    }

    class Meta(PublishedContent.Meta):
        indexes = short_indexes("dir_org")

    def get_absolute_url(self):
        return reverse("directory:organisation", args=[self.slug])

    @property
    def short_name(self):
        return self.abbreviation or self.title

    @property
    def name_with_abbreviation(self):
        """ "Department for Work and Pensions (DWP)": its name, and its abbreviation unless the name has it."""
        if not self.abbreviation or f"({self.abbreviation})" in self.title:
            return self.title
        return f"{self.title} ({self.abbreviation})"

    @property
    def all_names(self):
        """Every name and abbreviation it has had, current first: what readers may search or pick it by."""
        names = [self.title, self.abbreviation]
        for former in self.former_names:
            names += [former.get("name", ""), former.get("abbreviation", "")]
        return [name for name in dict.fromkeys(names) if name]


@reversion.register()
class Cluster(Cited, PublishedContent):
    memberships = models.JSONField(
        default=list, blank=True,
        help_text="One entry per organisation and period: organisation (its slug), from, to (empty while it is "
        "a member), lead: true for the lead department, note, and sources.",
    )  # fmt: skip
    platform = models.JSONField(default=dict, blank=True, help_text="name, date and sources.")
    suppliers = models.JSONField(
        default=list, blank=True, help_text="name, role, value (as reported), date and sources."
    )
    progress = models.JSONField(
        default=dict, blank=True, help_text="Its status: stage (a few words), detail, date and sources."
    )
    targets = models.JSONField(default=list, blank=True, help_text="what, target (when), date stated and sources.")
    as_of = models.DateField(help_text="The date the facts on this page were last checked against their sources.")

    objects = DirectoryQuerySet.as_manager()
    SPECS = {
        "memberships": (facts.MEMBER, True),
        "platform": (facts.PLATFORM, False),
        "suppliers": (facts.SUPPLIER, True),
        "progress": (facts.PROGRESS, False),
        "targets": (facts.TARGET, True),
    }

    class Meta(PublishedContent.Meta):
        pass

    def get_absolute_url(self):
        return reverse("directory:cluster", args=[self.slug])

    def current_members(self):
        return [entry for entry in self.memberships if facts.is_current(entry)]

    def former_members(self):
        return [entry for entry in self.memberships if not facts.is_current(entry)]

    def lead_entry(self):
        return next((entry for entry in self.current_members() if entry.get("lead")), None)


@reversion.register()
class Provider(Cited, PublishedContent):
    operators = models.JSONField(
        default=list, blank=True, help_text="Who ran it: name, from, to, note and sources, one entry per period."
    )
    customers = models.JSONField(
        default=list, blank=True,
        help_text="Who it served: organisation (a slug) or name, from, to, note and sources.",
    )  # fmt: skip
    started = models.JSONField(default=dict, blank=True, help_text="When it started: date, note and sources.")
    ended = models.JSONField(
        default=dict, blank=True, help_text="Only if it has ended: date, a note on what became of it, and sources."
    )

    objects = DirectoryQuerySet.as_manager()
    SPECS = {
        "operators": (facts.OPERATOR, True),
        "customers": (facts.CUSTOMER, True),
        "started": (facts.EVENT, False),
        "ended": (facts.EVENT, False),
    }

    class Meta(PublishedContent.Meta):
        pass

    def get_absolute_url(self):
        return reverse("directory:provider", args=[self.slug])

    @property
    def is_current(self):
        return not self.ended


class Milestone(models.Model):
    """One dated entry on the directory's timeline: a centre, a strategy, a report or a cluster's step."""

    class Category(models.TextChoices):
        STRATEGY = "strategy", "Strategy"
        REPORT = "report", "Report"
        CENTRE = "centre", "Centre or provider"
        CLUSTER = "cluster", "Cluster"

    date = models.CharField(max_length=10, help_text="A year, a month or a day: 2012, 2012-12 or 2012-12-04.")
    title = models.CharField(max_length=200)
    category = models.CharField(max_length=20, choices=Category.choices)
    description = models.CharField(max_length=300, blank=True)
    link = models.CharField(max_length=200, blank=True, help_text="A page on this site to read more, like /directory/.")
    sources = models.JSONField(default=list, help_text="Title, publisher, date and web address of each source.")

    class Meta:
        ordering = ["date", "title", "pk"]
        indexes = [models.Index(fields=["date", "title"], name="directory_milestone_date_idx")]

    def __str__(self):
        return f"{self.date}: {self.title}"
