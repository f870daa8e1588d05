"""The key figures of a map, against examples worked out by hand."""

from decimal import Decimal
from types import SimpleNamespace

import pytest

from processes import metrics
from processes.models import ValueClass, WasteType

V, N, S = ValueClass.VALUE_ADDING, ValueClass.NECESSARY, ValueClass.WASTE


def step(pk, lane, processing, waiting, value="", waste=(), people=None):
    return SimpleNamespace(
        pk=pk,
        lane_id=lane,
        processing_minutes=processing,
        waiting_minutes=waiting,
        value_class=value,
        waste_types=list(waste),
        people=people,
    )


# A small byggesak worked by hand (minutes; a working day is 450):
#   1 søker        registrere søknad   10 min,  0 wait   V
#   2 servicetorg  journalføre         15 min,  2 days   N   [transport]
#   3 servicetorg  purre vedlegg       20 min,  5 days   S   [defects, waiting]
#   4 saksbeh.     vurdere søknad     120 min, 10 days   V   2 people
#   5 saksbeh.     skrive vedtak       60 min,  1 day    V
#   6 fagansvarlig godkjenne           15 min,  3 days   N   [overprocessing]
EXAMPLE = [
    step(1, 1, 10, 0, V),
    step(2, 2, 15, 900, N, [WasteType.TRANSPORT]),
    step(3, 2, 20, 2250, S, [WasteType.DEFECTS, WasteType.WAITING]),
    step(4, 3, 120, 4500, V, people=2),
    step(5, 3, 60, 450, V),
    step(6, 4, 15, 1350, N, [WasteType.OVERPROCESSING]),
]


def test_figures_of_a_worked_example():
    m = metrics.compute(
        EXAMPLE,
        yearly_volume=400,
        note_waste_types={3: [WasteType.DEFECTS, WasteType.DEFECTS], 4: [WasteType.WAITING]},
        fte_hours=1695,
    )
    assert m.steps == 6
    assert m.processing_minutes == 10 + 15 + 20 + 120 + 60 + 15 == 240
    assert m.waiting_minutes == 900 + 2250 + 4500 + 450 + 1350 == 9450
    assert m.lead_minutes == 9690
    assert m.lead_days == Decimal("21.5")  # 9690 / 450 = 21.53
    assert m.value_adding_minutes == 10 + 120 + 60 == 190
    assert m.flow_efficiency == Decimal(190) / Decimal(9690)
    assert m.flow_percent == Decimal("2.0")  # 1.96 %
    assert (m.value_adding_steps, m.necessary_steps, m.waste_steps) == (3, 2, 1)
    assert m.unclassified_steps == 0
    assert m.hand_offs == 3  # 1→2, 3→4, 5→6 change lane; 2→3 and 4→5 do not
    assert m.waste_minutes == 20 + 2250
    # Work per case counts people: 10 + 15 + 20 + 2×120 + 60 + 15 = 360 minutes.
    assert m.work_minutes_per_case == 360
    assert m.hours_per_year == Decimal("2400.0")  # 360 × 400 / 60
    assert m.ftes == Decimal("1.42")  # 2400 / 1695 = 1.4159
    assert m.waste_by_type[WasteType.DEFECTS] == metrics.WasteFigure(steps=1, notes=2, minutes=2270)
    assert m.waste_by_type[WasteType.WAITING] == metrics.WasteFigure(steps=1, notes=1, minutes=2270)
    assert m.waste_by_type[WasteType.TRANSPORT] == metrics.WasteFigure(1, 0, 915)
    assert m.waste_by_type[WasteType.UNUSED_SKILLS] == metrics.WasteFigure(0, 0, 0)


def test_an_empty_map_has_no_efficiency_and_no_yearly_figures():
    m = metrics.compute([], yearly_volume=None)
    assert (m.steps, m.lead_minutes, m.hand_offs) == (0, 0, 0)
    assert m.flow_efficiency is None and m.flow_percent is None
    assert m.hours_per_year is None and m.ftes is None


def test_unclassified_steps_are_counted_apart_and_add_no_value():
    m = metrics.compute([step(1, 1, 30, 0), step(2, 1, 30, 0, V)])
    assert m.unclassified_steps == 1
    assert m.value_adding_minutes == 30
    assert m.flow_efficiency == Decimal("0.5")
    assert m.hand_offs == 0


def test_fte_hours_come_from_the_setting(settings):
    settings.KLEAN_FTE_HOURS = 1000
    m = metrics.compute([step(1, 1, 60, 0)], yearly_volume=1000)
    assert m.hours_per_year == Decimal("1000.0")
    assert m.ftes == Decimal("1.00")


def test_the_future_map_is_compared_figure_by_figure():
    current = metrics.compute(EXAMPLE, yearly_volume=400, fte_hours=1695)
    # The future: no chasing of attachments, the decision written at once, one lane fewer.
    future = metrics.compute(
        [
            step(1, 1, 10, 0, V),
            step(2, 2, 15, 450, N),
            step(4, 3, 120, 2250, V, people=2),
            step(5, 3, 60, 0, V),
        ],
        yearly_volume=400,
        fte_hours=1695,
    )
    deltas = metrics.compare(current, future)
    assert deltas["lead_minutes"].change == (10 + 15 + 450 + 120 + 2250 + 60) - 9690
    assert deltas["lead_minutes"].better is True
    assert deltas["hand_offs"].before == 3 and deltas["hand_offs"].after == 2
    assert deltas["flow_efficiency"].better is True  # 190/2905 > 190/9690
    assert deltas["waste_steps"].change == -1
    assert deltas["steps"].change == -2
    # Work per case 10 + 15 + 2×120 + 60 = 325 minutes → 2166.7 hours a year.
    assert metrics.freed_hours(current, future) == Decimal("2400.0") - Decimal("2166.7")


@pytest.mark.parametrize("name", ["lead_days", "flow_percent", "ftes", "hours_per_year"])
def test_every_figure_a_page_shows_has_a_delta(name):
    current = metrics.compute(EXAMPLE, yearly_volume=400)
    assert name in metrics.compare(current, current)
    assert metrics.compare(current, current)[name].better is None
