"""Demo content for the benchmarks: one file per return under content/benchmarks/. The demo returns are
sample data only, under invented names, so no real organisation's figures are ever made up."""

from decimal import Decimal, InvalidOperation

from benchmarks.models import FIRST_YEAR, FUNCTION_COSTS, LAST_YEAR, BenchmarkReturn, FiguresStatus
from directory.loaders import OptionalParent
from publishing.content_fields import Choice, Field, Invalid, Number, Text
from publishing.loaders import PublishedContentLoader


class Amount(Field):
    """A number of pounds (or staff) written as a number or as text; kept exactly, written back as text."""

    def __init__(self, key, *, required=False):
        super().__init__(key, required=required)

    def from_file(self, raw, known):
        if isinstance(raw, bool | dict | list):
            raise Invalid(f"'{self.key}' must be a number, not {raw!r}")
        try:
            value = Decimal(str(raw).replace(",", ""))
        except InvalidOperation:
            raise Invalid(f"'{self.key}' must be a number, not {raw!r}") from None
        if value < 0 or not value.is_finite():
            raise Invalid(f"'{self.key}' must be 0 or more")
        return value

    def to_file(self, value):
        return str(value)


class Year(Number):
    def from_file(self, raw, known):
        value = super().from_file(raw, known)
        if not FIRST_YEAR <= value <= LAST_YEAR:
            raise Invalid(f"'{self.key}' must be a year from {FIRST_YEAR} to {LAST_YEAR}, like 2022")
        return value


class BenchmarkReturnLoader(PublishedContentLoader):
    directory = "benchmarks"
    model = BenchmarkReturn
    fields = (
        *PublishedContentLoader.fields,
        OptionalParent("organisation"),
        Text("sample_name", max_length=80),
        OptionalParent("cluster"),
        Year("financial_year", required=True),
        Choice("figures_status", FiguresStatus.values, default=FiguresStatus.MANAGEMENT_INFORMATION, always=True),
        Amount("running_costs", required=True),
        Amount("organisation_spend", required=True),
        Number("employees_served", required=True),
        Amount("hr_staff", required=True),
        *(Amount(name) for name in FUNCTION_COSTS),
    )

    def check(self, source, known):
        """The form's own rules: an organisation or a sample name, the right status, costs within running costs."""
        values = source.values
        probe = BenchmarkReturn(
            sample_name=values["sample_name"], figures_status=values["figures_status"],
            running_costs=values["running_costs"], **{name: values[name] for name in FUNCTION_COSTS},
        )  # fmt: skip
        probe.organisation_id = 1 if values["organisation"] else None  # only whether there is one matters
        errors = {**probe.who_errors(), **probe.cost_errors()}
        if errors:
            field, message = next(iter(errors.items()))
            raise Invalid(f"'{field}': {message}")
