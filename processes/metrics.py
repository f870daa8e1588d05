"""A map's key figures, computed in one place (METHOD.md, "The process map").

``compute`` takes the steps in their order and returns every figure the board,
the compare view, the SVG drawing and the report show. It does no queries: the
caller hands it the steps (and their problem notes' waste types when waste by
type should count the notes too).

Definitions (minutes unless named otherwise):

- lead time (gjennomløpstid) = Σ (processing + waiting) over all steps
- processing time = Σ processing; waiting time = Σ waiting
- value-adding time = Σ processing of value-adding steps
- flow efficiency (flyteffektivitet) = value-adding time / lead time
- steps per value class, including the steps not classified yet
- hand-offs (overleveringer) = consecutive steps in different lanes
- time in waste steps = Σ (processing + waiting) of steps classed as waste
- waste by type: for each of the eight types, the steps marked with it, the
  problem notes naming it, and the time (processing + waiting) of those steps
- work per case = Σ processing × people involved (one person when not given)
- hours per year = work per case × yearly volume / 60
- FTEs (årsverk) = hours per year / ``settings.KLEAN_FTE_HOURS`` (1,695 h)

Days are working days of ``WORKING_DAY_MINUTES`` (7.5 h).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings

from processes.models import WORKING_DAY_MINUTES, ValueClass, WasteType


@dataclass(frozen=True)
class WasteFigure:
    steps: int = 0
    notes: int = 0
    minutes: int = 0


@dataclass(frozen=True)
class Metrics:
    steps: int
    lead_minutes: int
    processing_minutes: int
    waiting_minutes: int
    value_adding_minutes: int
    waste_minutes: int
    flow_efficiency: Decimal | None  # a share 0–1; None for an empty map
    value_adding_steps: int
    necessary_steps: int
    waste_steps: int
    unclassified_steps: int
    hand_offs: int
    work_minutes_per_case: int
    yearly_volume: int | None
    hours_per_year: Decimal | None
    ftes: Decimal | None
    waste_by_type: Mapping[str, WasteFigure] = field(default_factory=dict)

    @property
    def lead_days(self) -> Decimal:
        return days(self.lead_minutes)

    @property
    def waiting_days(self) -> Decimal:
        return days(self.waiting_minutes)

    @property
    def processing_hours(self) -> Decimal:
        return _round(Decimal(self.processing_minutes) / 60, 1)

    @property
    def flow_percent(self) -> Decimal | None:
        if self.flow_efficiency is None:
            return None
        return _round(self.flow_efficiency * 100, 1)

    @property
    def waiting_share(self) -> Decimal | None:
        """The share of the lead time spent waiting (0–1), for the time bar."""
        if not self.lead_minutes:
            return None
        return Decimal(self.waiting_minutes) / Decimal(self.lead_minutes)


def days(minutes: int) -> Decimal:
    return _round(Decimal(minutes) / WORKING_DAY_MINUTES, 1)


def _round(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def compute(
    steps: Iterable,
    *,
    yearly_volume: int | None = None,
    note_waste_types: Mapping[int, Iterable[str]] | None = None,
    fte_hours: Decimal | int | None = None,
) -> Metrics:
    """Every key figure of a map from its steps in order.

    ``steps`` have ``lane_id``, ``processing_minutes``, ``waiting_minutes``,
    ``people``, ``value_class`` and ``waste_types`` (and ``pk`` when
    ``note_waste_types`` — step pk → the waste types of its problem notes — is given).
    """
    steps = list(steps)
    fte_hours = Decimal(fte_hours if fte_hours is not None else settings.KLEAN_FTE_HOURS)
    note_waste_types = note_waste_types or {}
    classes = dict.fromkeys(ValueClass.values, 0)
    unclassified = 0
    lead = processing = waiting = value_adding = waste = work = 0
    hand_offs = 0
    waste_steps: dict[str, list[int]] = {code: [0, 0, 0] for code in WasteType.values}
    previous_lane = None
    for index, step in enumerate(steps):
        time = step.processing_minutes + step.waiting_minutes
        lead += time
        processing += step.processing_minutes
        waiting += step.waiting_minutes
        work += step.processing_minutes * (step.people or 1)
        if step.value_class in classes:
            classes[step.value_class] += 1
        else:
            unclassified += 1
        if step.value_class == ValueClass.VALUE_ADDING:
            value_adding += step.processing_minutes
        elif step.value_class == ValueClass.WASTE:
            waste += time
        if index and step.lane_id != previous_lane:
            hand_offs += 1
        previous_lane = step.lane_id
        for code in set(step.waste_types):
            if code in waste_steps:
                waste_steps[code][0] += 1
                waste_steps[code][2] += time
        for code in note_waste_types.get(getattr(step, "pk", None), ()):
            if code in waste_steps:
                waste_steps[code][1] += 1
    volume = yearly_volume or None
    hours = _round(Decimal(work) * volume / 60, 1) if volume else None
    return Metrics(
        steps=len(steps),
        lead_minutes=lead,
        processing_minutes=processing,
        waiting_minutes=waiting,
        value_adding_minutes=value_adding,
        waste_minutes=waste,
        flow_efficiency=(Decimal(value_adding) / Decimal(lead)) if lead else None,
        value_adding_steps=classes[ValueClass.VALUE_ADDING],
        necessary_steps=classes[ValueClass.NECESSARY],
        waste_steps=classes[ValueClass.WASTE],
        unclassified_steps=unclassified,
        hand_offs=hand_offs,
        work_minutes_per_case=work,
        yearly_volume=volume,
        hours_per_year=hours,
        ftes=_round(hours / fte_hours, 2) if hours is not None else None,
        waste_by_type={code: WasteFigure(*figures) for code, figures in waste_steps.items()},
    )


@dataclass(frozen=True)
class Delta:
    """One figure before and after, and the change (after − before)."""

    before: object
    after: object

    @property
    def change(self):
        if self.before is None or self.after is None:
            return None
        return self.after - self.before

    @property
    def better(self) -> bool | None:
        """Whether the change is an improvement: None when unchanged or unknown."""
        change = self.change
        if not change:
            return None
        return change > 0 if self.higher_is_better else change < 0

    higher_is_better: bool = False


#: Figures where more is better; for the rest less is better.
HIGHER_IS_BETTER = {"flow_efficiency", "flow_percent", "value_adding_steps", "value_adding_minutes"}


def compare(current: Metrics, future: Metrics) -> dict[str, Delta]:
    """The delta of a future map to its current map, for every figure."""
    names = [f.name for f in fields(Metrics) if f.name != "waste_by_type"]
    names += ["lead_days", "waiting_days", "processing_hours", "flow_percent"]
    return {
        name: Delta(
            getattr(current, name), getattr(future, name), higher_is_better=name in HIGHER_IS_BETTER
        )
        for name in names
    }


def freed_hours(current: Metrics, future: Metrics) -> Decimal | None:
    """Hours a year the future process frees (positive) compared with today."""
    if current.hours_per_year is None or future.hours_per_year is None:
        return None
    return current.hours_per_year - future.hours_per_year
