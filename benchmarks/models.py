"""Corporate-service benchmarks: what one organisation's corporate functions cost in one financial year.

Each return is a kind of published content, so recording figures goes through draft, review, history and
export like any other page, and the figures carry the page's own numbered sources. A return names a real
organisation from the directory, or is sample data under an invented name ("Example department A"): never both.
"""

from decimal import Decimal

import reversion
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import slugify

from directory.models import short_indexes
from publishing.models import ORIGINAL_ROWS, PublishedContent, PublishedContentQuerySet

FIRST_YEAR, LAST_YEAR = 2000, 2099
MOST_POUNDS = Decimal("100000000000")  # £100bn: more than any department's running costs
MOST_EMPLOYEES = 2_000_000
MOST_HR_STAFF = Decimal("100000")
ORGANISATION_YEAR_TAKEN = "This organisation already has a return for that financial year: change that one instead."
SAMPLE_YEAR_TAKEN = "There is already a return with this sample name for that financial year."
FUNCTION_COSTS = ("hr_cost", "finance_cost", "procurement_cost", "it_cost")


def year_text(year):
    """A financial year by its start year, as readers read it: 2022 -> "2022 to 2023"."""
    return f"{year} to {year + 1}"


class FiguresStatus(models.TextChoices):
    MANAGEMENT_INFORMATION = "management-information", "Management information, not official statistics"
    OFFICIAL = "official-statistics", "Official statistics"
    SAMPLE = "sample-data", "Sample data for demonstration"


NOT_NEGATIVE = MinValueValidator(0, "Give 0 or more.")


def pounds(help_text, *, optional=False):
    return models.DecimalField(
        max_digits=14, decimal_places=2, null=optional, blank=optional, help_text=help_text,
        validators=[NOT_NEGATIVE, MaxValueValidator(MOST_POUNDS, "That is more than £100bn.")],
    )  # fmt: skip


class BenchmarkReturnQuerySet(PublishedContentQuerySet):
    def for_filters(self, *, year=None, cluster_id=None):
        """Published returns, optionally of one financial year and one cluster."""
        returns = self.published()
        if year is not None:
            returns = returns.filter(financial_year=year)
        if cluster_id is not None:
            returns = returns.filter(cluster_id=cluster_id)
        return returns

    def in_table_order(self):
        return self.order_by("-financial_year", "cluster__title", "organisation__title", "sample_name", "pk")

    def years(self):
        return list(self.published().order_by("-financial_year").values_list("financial_year", flat=True).distinct())


@reversion.register()
class BenchmarkReturn(PublishedContent):
    # Left blank, these are made from the organisation and the year when the form is cleaned.
    title = models.CharField(max_length=200, blank=True, help_text="Leave blank to use 'Organisation: 2022 to 2023'.")
    slug = models.SlugField(max_length=120, blank=True, help_text="Leave blank to make it from the title.")
    summary = models.CharField(max_length=300, blank=True, help_text="Leave blank for a standard sentence.")

    organisation = models.ForeignKey(
        "directory.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text="The organisation whose figures these are. Leave blank only for sample data.",
    )  # fmt: skip
    sample_name = models.CharField(
        max_length=80, blank=True,
        help_text="Only for sample data made up for demonstration, like 'Example department A'.",
    )  # fmt: skip
    cluster = models.ForeignKey(
        "directory.Cluster", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text="The cluster it belonged to that year. Left blank, it is filled from the clusters' members "
        "on 1 April of the year.",
    )  # fmt: skip
    financial_year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(FIRST_YEAR, f"Give a year from {FIRST_YEAR}."),
                    MaxValueValidator(LAST_YEAR, f"Give a year up to {LAST_YEAR}.")],
        help_text="The year it starts: 2022 for April 2022 to March 2023.",
    )  # fmt: skip
    running_costs = pounds("The organisation's running costs that year, in pounds.")
    organisation_spend = pounds("The organisation's total spend that year, in pounds.")
    employees_served = models.PositiveIntegerField(
        validators=[MinValueValidator(1, "Give at least 1."),
                    MaxValueValidator(MOST_EMPLOYEES, "That is more than 2 million employees.")],
        help_text="How many employees its corporate services support.",
    )  # fmt: skip
    hr_staff = models.DecimalField(
        max_digits=9, decimal_places=1,
        validators=[NOT_NEGATIVE, MaxValueValidator(MOST_HR_STAFF, "That is more than 100,000.")],
        help_text="HR staff, full-time equivalent.",
    )  # fmt: skip
    hr_cost = pounds("What the HR function cost, in pounds. Leave blank if not recorded.", optional=True)
    finance_cost = pounds("What the finance function cost, in pounds. Leave blank if not recorded.", optional=True)
    procurement_cost = pounds("What procurement cost, in pounds. Leave blank if not recorded.", optional=True)
    it_cost = pounds("What IT cost, in pounds. Leave blank if not recorded.", optional=True)
    figures_status = models.CharField(
        max_length=30, choices=FiguresStatus.choices, default=FiguresStatus.MANAGEMENT_INFORMATION,
        help_text="What the source says the figures are.",
    )  # fmt: skip

    objects = BenchmarkReturnQuerySet.as_manager()

    class Meta(PublishedContent.Meta):
        verbose_name = "benchmark return"
        indexes = [
            *short_indexes("bench_ret"),
            models.Index(fields=["financial_year", "cluster"], name="bench_ret_year_cluster_idx"),
        ]
        constraints = [
            *PublishedContent.Meta.constraints,
            models.UniqueConstraint(
                fields=["organisation", "financial_year"],
                condition=ORIGINAL_ROWS & Q(organisation__isnull=False),
                name="bench_ret_one_per_organisation_year",
                violation_error_message=ORGANISATION_YEAR_TAKEN,
            ),
            models.UniqueConstraint(
                fields=["sample_name", "financial_year"],
                condition=ORIGINAL_ROWS & ~Q(sample_name=""),
                name="bench_ret_one_per_sample_year",
                violation_error_message=SAMPLE_YEAR_TAKEN,
            ),
        ]

    def get_absolute_url(self):
        return reverse("benchmarks:return", args=[self.slug])

    @property
    def is_sample(self):
        return not self.organisation_id

    @property
    def name(self):
        return self.organisation.title if self.organisation_id else self.sample_name

    @property
    def year_text(self):
        return year_text(self.financial_year)

    @property
    def is_management_information(self):
        return self.figures_status == FiguresStatus.MANAGEMENT_INFORMATION

    def clean(self):
        super().clean()
        errors = {**self.who_errors(), **self.cost_errors()}
        if errors:
            raise ValidationError(errors)
        self.fill_in()
        errors = self.taken_errors()
        if errors:
            raise ValidationError(errors)

    def who_errors(self):
        has_organisation, has_sample = bool(self.organisation_id), bool(self.sample_name.strip())
        if has_organisation == has_sample:
            message = (
                "Choose an organisation or give a sample name, not both."
                if has_organisation
                else ("Choose the organisation, or give a sample name for sample data.")
            )
            return {"organisation": message}
        is_sample_status = self.figures_status == FiguresStatus.SAMPLE
        if has_sample and not is_sample_status:
            return {"figures_status": "Figures under a sample name must be marked sample data for demonstration."}
        if has_organisation and is_sample_status:
            return {"figures_status": "A real organisation's figures cannot be marked sample data."}
        return {}

    def cost_errors(self):
        if self.running_costs is None:
            return {}
        costs = [getattr(self, name) for name in FUNCTION_COSTS]
        total = sum(cost for cost in costs if cost is not None)
        if total > self.running_costs:
            return {"running_costs": "The functions' costs add up to more than the running costs. Check both."}
        return {}

    def taken_errors(self):
        """Another return (not this one's live item or draft) already has these figures' year or this address.
        Checked here because the constraints depend on whether a row is a draft, which the form does not show."""
        others = type(self).objects.originals().exclude(pk=self.original_id)
        who = {"organisation_id": self.organisation_id} if self.organisation_id else {"sample_name": self.sample_name}
        if self.financial_year and others.filter(financial_year=self.financial_year, **who).exists():
            return {"financial_year": ORGANISATION_YEAR_TAKEN if self.organisation_id else SAMPLE_YEAR_TAKEN}
        if self.slug and others.filter(slug=self.slug).exists():
            return {"slug": "Another benchmark return already has this address. Give this one another."}
        return {}

    def fill_in(self):
        """The cluster from the clusters' members, and a title, slug and summary when left blank."""
        if not self.financial_year or not (self.organisation_id or self.sample_name.strip()):
            return
        if self.cluster_id is None and self.organisation_id and self.financial_year:
            from benchmarks.selectors import cluster_on

            self.cluster = cluster_on(self.organisation.slug, self.financial_year)
        if not self.title.strip():
            self.title = f"{self.name}: {year_text(self.financial_year)}"
        if not self.slug:
            self.slug = slugify(self.title)[:120]
        if not self.summary.strip():
            self.summary = self.standard_summary()

    def standard_summary(self):
        if self.is_sample:
            return (f"Sample figures for {year_text(self.financial_year)}, invented for demonstration: "
                    "not any real department's or cluster's.")  # fmt: skip
        return f"What {self.name}'s corporate services cost in {year_text(self.financial_year)}, with its sources."
