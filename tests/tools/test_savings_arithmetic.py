"""The savings estimator's arithmetic and its reading of what readers type, against figures worked out by hand."""

from decimal import Decimal

import pytest

from tools.forms import SavingsForm
from tools.savings import RATES, estimate


def test_the_rates_are_the_published_ones_each_with_its_date_and_source():
    assert [(rate.percent, rate.source.publisher, rate.source.date) for rate in RATES] == [
        (10, "National Audit Office", "2022-11-30"),
        (15, "National Audit Office", "2022-11-30"),
        (20, "House of Lords, via Parallel Parliament", "2024-03-04"),
        (20, "Cabinet Office, archived by The National Archives", "2010-04-07"),
        (40, "Cabinet Office, archived by The National Archives", "2010-04-07"),
    ]
    assert all(any(year in rate.name for year in ("2010", "2021", "2024")) for rate in RATES)
    assert "not a promise" in RATES[3].basis


def test_a_worked_example_with_pence_rounds_each_saving_to_whole_pounds():
    # HR £1,250,000 + finance £2,000,000 + procurement £500,000.50 = £3,750,000.50, shown as £3,750,001.
    # 10%: 375,000.05 -> £375,000; 15%: 562,500.075 -> £562,500; 20%: 750,000.10 -> £750,000;
    # 40%: 1,500,000.20 -> £1,500,000. The cost after each is £3,750,001 less the saving.
    result = estimate(
        costs={"hr": Decimal("1250000"), "finance": Decimal("2000000"), "procurement": Decimal("500000.50")},
        employees=18_000,
    )
    assert result.baseline == Decimal("3750000.50")
    assert result.baseline_pounds == 3_750_001
    assert [(s.rate.percent, s.saving, s.cost_after) for s in result.scenarios] == [
        (10, 375_000, 3_375_001),
        (15, 562_500, 3_187_501),
        (20, 750_000, 3_000_001),
        (20, 750_000, 3_000_001),
        (40, 1_500_000, 2_250_001),
    ]
    assert (result.smallest_saving, result.largest_saving) == (375_000, 1_500_000)
    assert [service.key for service, _ in result.entered_costs] == ["hr", "finance", "procurement"]


def test_half_pounds_round_up():
    # £5 at 10% is 50p: rounded half up to £1. £15 at 10% is £1.50 -> £2.
    assert estimate(costs={"hr": Decimal("5")}, employees=1).scenarios[0].saving == 1
    assert estimate(costs={"other": Decimal("15")}, employees=1).scenarios[0].saving == 2


@pytest.mark.parametrize(
    ("employees", "band", "short_of_minimum", "short_of_better"),
    [
        (18_000, "below", 2_000, 32_000),
        (19_999, "below", 1, 30_001),
        (20_000, "minimum", 0, 30_000),
        (49_999, "minimum", 0, 1),
        (50_000, "better", 0, 0),
        (450_000, "better", 0, 0),
    ],
)
def test_the_scale_check_against_the_20000_and_50000_thresholds(employees, band, short_of_minimum, short_of_better):
    scale = estimate(costs={"hr": Decimal(1)}, employees=employees).scale
    assert (scale.band, scale.short_of_minimum, scale.short_of_better) == (band, short_of_minimum, short_of_better)


def figures(**values):
    return {"hr": "", "finance": "", "procurement": "", "other": "", "employees": "25,000", **values}


@pytest.mark.parametrize(
    ("typed", "pounds"),
    [
        ("1250000", Decimal("1250000")),
        ("1,250,000", Decimal("1250000")),
        ("£1,250,000", Decimal("1250000")),
        (" £ 1 250 000 ", Decimal("1250000")),
        ("1250000.5", Decimal("1250000.5")),
        ("0", Decimal("0")),
        ("10000000000", Decimal("10000000000")),
    ],
)
def test_costs_are_read_with_or_without_pound_signs_commas_and_spaces(typed, pounds):
    form = SavingsForm(figures(finance="1", hr=typed))
    assert form.is_valid(), form.errors
    assert form.costs()["hr"] == pounds


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("twelve", "Enter the annual cost of human resources (HR) as a number of pounds, like 1,250,000"),
        ("1,25,000", "as a number of pounds"),
        ("12.345", "as a number of pounds"),
        ("1e9", "as a number of pounds"),
        ("£", "as a number of pounds"),
        ("9" * 300, "as a number of pounds"),
        ("-5", "The annual cost of human resources (HR) must be £0 or more"),
        ("\u22125", "must be £0 or more"),
        ("10000000001", "The annual cost of human resources (HR) must be £10 billion or less"),
        ("1\x00", "as a number of pounds"),
    ],
)
def test_a_cost_that_is_not_a_sum_of_pounds_gets_a_message_saying_what_to_enter(typed, message):
    form = SavingsForm(figures(hr=typed, finance="1"))
    assert not form.is_valid()
    assert message in form.errors["hr"][0]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter the number of employees these services support"),
        ("lots", "Enter the number of employees as a whole number, like 25,000"),
        ("2.5", "as a whole number"),
        ("-3", "The number of employees must be 1 or more"),
        ("0", "The number of employees must be 1 or more"),
        ("10,000,001", "The number of employees must be 10,000,000 or fewer"),
        ("9" * 300, "as a whole number"),
    ],
)
def test_a_number_of_employees_that_is_not_a_whole_number_in_range_gets_a_message(typed, message):
    form = SavingsForm(figures(hr="100", employees=typed))
    assert not form.is_valid()
    assert message in form.errors["employees"][0]


def test_at_least_one_cost_is_needed_and_the_message_is_on_the_first_field():
    form = SavingsForm(figures())
    assert not form.is_valid()
    assert form.errors == {"hr": ["Enter the annual cost of at least one service"]}
    assert not SavingsForm(figures(finance="0", other="0")).is_valid()


def test_every_wrong_figure_gets_its_own_message_at_once():
    form = SavingsForm(figures(hr="x", finance="-1", procurement="1", employees="none"))
    assert not form.is_valid()
    assert list(form.errors) == ["hr", "finance", "employees"]
