"""The four corporate-service measures, worked out from one return's figures, and the comparators to read them by.

Each measure is a pure function of the figures (any object with the return's attributes). A figure that was not
recorded makes the measure "not recorded" (None): never zero, and never an error.
"""

import statistics
from dataclasses import dataclass
from decimal import Decimal

from publishing.sources import Source

FUNCTIONS = {
    "hr": ("HR", "hr_cost"),
    "finance": ("Finance", "finance_cost"),
    "procurement": ("Procurement", "procurement_cost"),
    "it": ("IT", "it_cost"),
}
NOT_RECORDED = "Not recorded"

BUDGET_2010 = Source(
    number=1,
    title="Budget 2010: back-office processes (StratML copy of the Budget text)",
    publisher="HM Treasury",
    date="2010",
    url="http://stratml.hyperbase.com/SG/goal3-obj3-_152c46d1-5f12-4177-bc26-8ce15c8300d6.html",
)
ERG_COMMENTARY = Source(
    number=2,
    title="Commentary to Back Office Benchmark Information 2009/10",
    publisher="Efficiency and Reform Group",
    date="2010",
    url="https://fdocuments.in/document/back-office-benchmarking-analysis.html",
)


@dataclass(frozen=True)
class Comparator:
    """A published comparator: a point of reference with its date and source, not a target."""

    label: str  # what the reference line is called
    value: Decimal
    value_text: str
    meaning: str
    date_text: str
    source: Source


HR_COMPARATOR = Comparator(
    label="Comparator 1:77",
    value=Decimal(77),
    value_text="1 HR member of staff per 77 employees",
    meaning="one HR member of staff for every 77 other staff, informed by private-sector medians",
    date_text="2009 to 2010",
    source=BUDGET_2010,
)
FINANCE_COMPARATOR = Comparator(
    label="Comparator 1%",
    value=Decimal(1),
    value_text="1% of organisational spend",
    meaning="a finance function costing 1% of organisational spend, informed by private-sector medians",
    date_text="2009 to 2010",
    source=BUDGET_2010,
)


def _ratio(part, whole):
    if part is None or whole is None or whole == 0:
        return None
    return Decimal(part) / Decimal(whole)


def _percent(part, whole):
    ratio = _ratio(part, whole)
    return None if ratio is None else ratio * 100


def function_share(figures, function):
    """A function's cost as a percentage of running costs."""
    return _percent(getattr(figures, FUNCTIONS[function][1]), figures.running_costs)


def employees_per_hr_staff(figures):
    """How many employees each full-time-equivalent HR member of staff serves."""
    return _ratio(figures.employees_served, figures.hr_staff)


def finance_share_of_spend(figures):
    """The finance function's cost as a percentage of the organisation's spend."""
    return _percent(figures.finance_cost, figures.organisation_spend)


def cost_per_employee(figures):
    """The four functions' cost per employee served, in pounds: only when all four were recorded, since a
    total missing one function would look cheaper than it is."""
    costs = [getattr(figures, attr) for _, attr in FUNCTIONS.values()]
    if any(cost is None for cost in costs):
        return None
    return _ratio(sum(costs), figures.employees_served)


def _percent_text(value):
    return f"{value:.2f}%"


def _ratio_text(value):
    return f"1:{value:.0f}"


def _pounds_text(value):
    return f"£{value:,.0f}"


@dataclass(frozen=True)
class Measure:
    slug: str
    name: str
    unit: str  # the table's column heading for the value
    explanation: str
    by_function: bool
    formatter: object
    comparator: Comparator | None = None

    def value(self, figures, function=None):
        if self.by_function:
            return function_share(figures, function)
        return _MEASURE_FUNCTIONS[self.slug](figures)

    def text(self, value):
        return NOT_RECORDED if value is None else self.formatter(value)

    def title(self, function=None):
        if self.by_function:
            return f"{FUNCTIONS[function][0]} cost as a share of running costs"
        return self.name


_MEASURE_FUNCTIONS = {
    "hr-ratio": employees_per_hr_staff,
    "finance-spend": finance_share_of_spend,
    "cost-per-employee": cost_per_employee,
}

MEASURES = {
    measure.slug: measure
    for measure in (
        Measure(
            "function-share", "Cost of a function as a share of running costs", "Share of running costs",
            "What the function cost, as a percentage of the organisation's running costs that year.",
            True, _percent_text,
        ),
        Measure(
            "hr-ratio", "Employees per HR member of staff", "Employees per HR member of staff",
            "Employees served for each full-time-equivalent HR member of staff, written 1:77 for 77 employees.",
            False, _ratio_text, HR_COMPARATOR,
        ),
        Measure(
            "finance-spend", "Finance cost as a share of organisational spend", "Share of spend",
            "What the finance function cost, as a percentage of all the organisation spent that year.",
            False, _percent_text, FINANCE_COMPARATOR,
        ),
        Measure(
            "cost-per-employee", "Corporate-service cost per employee served", "Cost per employee",
            "What HR, finance, procurement and IT cost together, divided by the employees they serve. "
            "Not recorded unless all four costs were recorded.",
            False, _pounds_text,
        ),
    )
}  # fmt: skip
DEFAULT_MEASURE, DEFAULT_FUNCTION = "function-share", "finance"


def median(values):
    """The median of the recorded values (None, "not recorded", left out); None when none were recorded."""
    recorded = [value for value in values if value is not None]
    return statistics.median(recorded) if recorded else None
