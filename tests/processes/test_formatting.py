"""Times and key figures are written the same way on every page."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from processes import formatting


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    ("minutes", "text"),
    [
        (0, "0 min"),
        (30, "30 min"),
        (60, "1 hour"),
        (150, "2.5 hours"),
        (449, "7.5 hours"),
        (450, "1 working day"),
        (27855, "61.9 working days"),
    ],
)
def test_a_duration_has_its_unit_in_singular_or_plural(minutes, text):
    assert str(formatting.duration(minutes)) == text


def test_short_durations_for_cards_and_the_drawing():
    assert [str(formatting.short_duration(m)) for m in (30, 150, 27855)] == [
        "30 min",
        "2.5 h",
        "61.9 d",
    ]


def test_figures_have_fixed_decimals_and_grouped_thousands():
    with translation.override("nb"):
        assert formatting.hours_per_year(Decimal("8967.4")).number == "8\xa0967"
        assert formatting.hours_per_year(Decimal("8967.5")).number == "8\xa0968"
        assert formatting.ftes(6).number == "6,00"
        assert formatting.percent(Decimal("2.6")).number == "2,6"
        assert formatting.percent(50).number == "50,0"
        assert formatting.working_days(Decimal("61.9")).number == "61,9"
    assert str(formatting.ftes(Decimal("1.00"))) == "1.00 FTE"
    assert str(formatting.ftes(Decimal("6"))) == "6.00 FTEs"
    assert str(formatting.percent(Decimal("2.6"))) == "2.6 %"
    assert str(formatting.hours_per_year(Decimal("8967.4"))) == "8,967 h"


def test_changes_carry_a_real_minus_sign():
    assert str(formatting.change(formatting.hours_per_year, Decimal("-2400"))) == "\u22122,400 h"
    assert str(formatting.change(formatting.working_days, 1)) == "+1 working day"
    assert str(formatting.change(formatting.ftes, 0)) == "0.00 FTEs"
    assert formatting.number(Decimal("-3.25")) == "\u22123.3"


def test_freed_hours_in_words():
    assert formatting.freed(Decimal("2400.4")) == "2,400 hours per year freed"
    assert formatting.freed(Decimal("-2400.4")) == "+2,400 hours per year more"
    assert formatting.freed(Decimal("1")) == "1 hour per year freed"
    assert formatting.freed(Decimal("0.2")) == "the same hours per year"


def test_the_template_filters_write_the_same():
    template = Template(
        "{% load process_formats %}{{ a|working_days }}|{{ b|duration }}|{{ c|per_year }}|"
        "{{ d|ftes }}|{{ e|percent }}|{{ f|freed }}|{{ g|percent }}"
    )
    context = Context(
        {"a": Decimal("1"), "b": 60, "c": Decimal("11367.4"), "d": 1, "e": 2.6, "f": -1, "g": None}
    )
    assert template.render(context) == (
        "1 working day|1 hour|11,367 h|1.00 FTE|2.6 %|+1 hour per year more|–"
    )


def test_a_change_of_percentages_is_in_percentage_points(in_english):
    from processes.views.compare import CHANGE_WRITERS

    write = CHANGE_WRITERS["flow_percent"]
    assert str(formatting.change(write, Decimal("2.4"))) == "+2.4 percentage points"
