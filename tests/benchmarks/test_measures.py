"""The four measures, worked by hand: a figure that was not recorded makes the measure "not recorded",
never zero and never an error."""

from decimal import Decimal
from types import SimpleNamespace

import pytest

from benchmarks.measures import (
    FINANCE_COMPARATOR,
    HR_COMPARATOR,
    MEASURES,
    cost_per_employee,
    employees_per_hr_staff,
    finance_share_of_spend,
    function_share,
    median,
)


def figures(**changes):
    values = {
        "running_costs": Decimal("1000000"),
        "organisation_spend": Decimal("2000000"),
        "employees_served": 770,
        "hr_staff": Decimal("10"),
        "hr_cost": Decimal("20000"),
        "finance_cost": Decimal("20000"),
        "procurement_cost": Decimal("5000"),
        "it_cost": Decimal("55000"),
    }
    return SimpleNamespace(**{**values, **changes})


def test_a_functions_share_is_its_cost_over_running_costs_as_a_percentage():
    # 20,000 / 1,000,000 = 0.02, so 2%; 55,000 / 1,000,000 = 5.5%.
    assert function_share(figures(), "hr") == Decimal(2)
    assert function_share(figures(), "it") == Decimal("5.5")
    assert MEASURES["function-share"].text(function_share(figures(), "procurement")) == "0.50%"


def test_employees_per_hr_staff_divides_employees_by_full_time_equivalent_hr_staff():
    # 770 employees / 10 HR staff = 77, the comparator's 1:77; with 12.5 staff it is 61.6, shown 1:62.
    assert employees_per_hr_staff(figures()) == Decimal(77)
    assert MEASURES["hr-ratio"].text(employees_per_hr_staff(figures(hr_staff=Decimal("12.5")))) == "1:62"


def test_finance_share_of_spend_is_over_spend_not_running_costs():
    # 20,000 / 2,000,000 = 1%, the comparator; over running costs it would have been 2%.
    assert finance_share_of_spend(figures()) == Decimal(1)
    assert MEASURES["finance-spend"].text(finance_share_of_spend(figures())) == "1.00%"


def test_cost_per_employee_adds_the_four_functions_and_divides_by_employees():
    # (20,000 + 20,000 + 5,000 + 55,000) / 770 = 129.87..., shown to the pound.
    assert cost_per_employee(figures()).quantize(Decimal("0.01")) == Decimal("129.87")
    assert MEASURES["cost-per-employee"].text(cost_per_employee(figures())) == "£130"


@pytest.mark.parametrize(
    ("measure", "missing"),
    [
        (lambda f: function_share(f, "procurement"), {"procurement_cost": None}),
        (employees_per_hr_staff, {"hr_staff": None}),
        (employees_per_hr_staff, {"hr_staff": Decimal(0)}),
        (finance_share_of_spend, {"finance_cost": None}),
        (finance_share_of_spend, {"organisation_spend": Decimal(0)}),
        (cost_per_employee, {"it_cost": None}),
    ],
)
def test_a_missing_figure_makes_the_measure_not_recorded_never_zero(measure, missing):
    assert measure(figures(**missing)) is None
    assert MEASURES["hr-ratio"].text(None) == "Not recorded"


def test_a_recorded_zero_cost_is_a_real_zero_not_a_missing_figure():
    assert function_share(figures(hr_cost=Decimal(0)), "hr") == Decimal(0)
    assert MEASURES["function-share"].text(Decimal(0)) == "0.00%"


def test_median_leaves_out_values_that_were_not_recorded():
    assert median([Decimal(1), Decimal(3), Decimal(2)]) == Decimal(2)
    assert median([Decimal(1), Decimal(2), Decimal(3), Decimal(4)]) == Decimal("2.5")
    assert median([None, Decimal(5)]) == Decimal(5)
    assert median([None, None]) is None
    assert median([]) is None


def test_the_comparators_carry_their_date_and_source_and_are_called_comparators():
    for comparator in (HR_COMPARATOR, FINANCE_COMPARATOR):
        assert comparator.date_text == "2009 to 2010"
        assert comparator.label.startswith("Comparator")
        assert "Budget 2010" in comparator.source.title
        assert "target" not in comparator.label.lower()
    assert HR_COMPARATOR.value == 77 and FINANCE_COMPARATOR.value == 1
