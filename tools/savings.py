"""The savings estimator's arithmetic: a reader's costs today at the published saving rates, and the scale check.

Every rate is a published expectation with its date and source, never a promise: the 20% to 40%
the Cabinet Office expected in 2010, the 2021 strategy's aim of operating costs 10% to 15% lower by
2028 (reported by the National Audit Office in 2022), and the about 20% lower running costs a
minister said in March 2024 the clusters expected. Money is worked in Decimal and shown in whole pounds.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from publishing.sources import Source

# The seed's thresholds for a shared service to give good value, and better returns.
MINIMUM_EMPLOYEES = 20_000
BETTER_EMPLOYEES = 50_000
# Beyond these a figure is a typing mistake, not an organisation.
MAX_COST = Decimal("10000000000")  # £10 billion a year for one service
MAX_EMPLOYEES = 10_000_000

SOURCES = (
    Source(
        1,
        "Shared Services FAQs (archived 7 April 2010)",
        "Cabinet Office, archived by The National Archives",
        "2010-04-07",
        "http://webarchive.nationalarchives.gov.uk/20100407173349/http:/www.cabinetoffice.gov.uk/cio/shared_services/faqs.aspx",
    ),
    Source(
        2,
        "Government shared services (press release)",
        "National Audit Office",
        "2022-11-30",
        "https://www.nao.org.uk/press-releases/government-shared-services/",
    ),
    Source(
        3,
        "Government Departments: Departmental Coordination (written question HL2552)",
        "House of Lords, via Parallel Parliament",
        "2024-03-04",
        "https://www.parallelparliament.co.uk/question/HL2552/government-departments-departmental-coordinatio",
    ),
)
CABINET_OFFICE_2010, NAO_2022, MINISTER_2024 = SOURCES


@dataclass(frozen=True)
class Service:
    key: str
    name: str
    hint: str


SERVICES = (
    Service("hr", "Human resources (HR)", "Transactional HR work, including payroll."),
    Service("finance", "Finance", "Transactional finance work, such as paying suppliers and processing expenses."),
    Service("procurement", "Procurement", "Transactional procurement work, such as raising and processing orders."),
    Service("other", "Other services you would share", "For example travel or correspondence."),
)


@dataclass(frozen=True)
class Rate:
    key: str
    percent: int
    name: str  # short, for the table and the chart
    basis: str  # what the figure is, dated
    source: Source

    @property
    def fraction(self):
        return Decimal(self.percent) / 100

    @property
    def cited_as(self):
        """How the page cites the rate's source: "National Audit Office, 30 November 2022"."""
        return f"{self.source.publisher.split(',')[0]}, {self.source.date_text}"


RATES = (
    Rate(
        "aim-2021-low",
        10,
        "10%: low end of the 2021 aim",
        "The aim set when the strategy was reset in 2021: operating costs 10% to 15% lower by 2028, "
        "as the National Audit Office reported in November 2022.",
        NAO_2022,
    ),
    Rate("aim-2021-high", 15, "15%: high end of the 2021 aim", "The high end of the same aim.", NAO_2022),
    Rate(
        "expected-2024",
        20,
        "20%: expected for the clusters in 2024",
        "In March 2024 a minister said the clusters expected annual running costs about 20% lower.",
        MINISTER_2024,
    ),
    Rate(
        "expected-2010-low",
        20,
        "20%: low end of the 2010 range",
        "In 2010 the Cabinet Office expected shared service operations to save 20% to 40% on average. "
        "That was an expectation of its time, not a promise.",
        CABINET_OFFICE_2010,
    ),
    Rate(
        "expected-2010-high",
        40,
        "40%: high end of the 2010 range",
        "The high end of the same range.",
        CABINET_OFFICE_2010,
    ),
)


def whole_pounds(amount):
    return amount.quantize(Decimal("1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Scenario:
    rate: Rate
    saving: Decimal  # a year, in whole pounds
    cost_after: Decimal  # a year, in whole pounds


@dataclass(frozen=True)
class ScaleCheck:
    employees: int
    minimum: int = MINIMUM_EMPLOYEES
    better: int = BETTER_EMPLOYEES

    @property
    def band(self):
        """ "below" the minimum for good value, at the "minimum", or at the level for "better" returns."""
        if self.employees >= self.better:
            return "better"
        return "minimum" if self.employees >= self.minimum else "below"

    @property
    def short_of_minimum(self):
        return max(0, self.minimum - self.employees)

    @property
    def short_of_better(self):
        return max(0, self.better - self.employees)


@dataclass(frozen=True)
class Estimate:
    costs: tuple  # (Service, Decimal or None) for every service, in order
    baseline: Decimal  # the total a year today, to the penny as entered
    scenarios: tuple
    scale: ScaleCheck

    @property
    def baseline_pounds(self):
        return whole_pounds(self.baseline)

    @property
    def smallest_saving(self):
        return min(scenario.saving for scenario in self.scenarios)

    @property
    def largest_saving(self):
        return max(scenario.saving for scenario in self.scenarios)

    @property
    def entered_costs(self):
        return tuple((service, cost) for service, cost in self.costs if cost is not None)


def estimate(*, costs, employees):
    """What each published rate would save on today's costs; `costs` maps service keys to Decimal pounds (or None)."""
    given = tuple((service, costs.get(service.key)) for service in SERVICES)
    baseline = sum((cost for _, cost in given if cost is not None), Decimal(0))
    scenarios = []
    for rate in RATES:
        saving = whole_pounds(baseline * rate.fraction)
        # From the baseline as shown, so that the saving and the cost after it add up to it.
        scenarios.append(Scenario(rate, saving, whole_pounds(baseline) - saving))
    return Estimate(given, baseline, tuple(scenarios), ScaleCheck(employees))


# In plain words, on the result page and in every download.
ASSUMPTIONS = (
    "Each rate is applied to your whole baseline: the total you entered for the services you would share.",
    "The rates come from different dates and are worked out in different ways. They are published expectations, "
    "not a promise of what you will save.",
    "The estimate leaves out the one-off costs of moving, such as transition, new systems and expert support.",
    "Costs are for one year at today's prices. They do not allow for inflation or for changes in what you spend.",
    f"The scale check counts the employees the services support. In 2010 the Cabinet Office said a shared service "
    f"needs at least {MINIMUM_EMPLOYEES:,} for good value, with better returns at {BETTER_EMPLOYEES:,} or more.",
)
