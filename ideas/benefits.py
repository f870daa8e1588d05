"""What a project's ideas are expected to give and have given: one function
the idea pages, the dashboards and the report use (``aggregate_benefits`` sums the
same in the database, for the dashboards across many projects).

Expected benefit counts the ideas the team has chosen to carry out (select,
implement, done); realised benefit counts what has been measured on ideas
that are done. Parked and rejected ideas count for nothing. Hours are hours
freed per year; FTEs are those hours over ``settings.KLEAN_FTE_HOURS``.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Count, Sum

from ideas.models import Stage

CHOSEN = frozenset({Stage.SELECT, Stage.IMPLEMENT, Stage.DONE})


@dataclass(frozen=True)
class Benefit:
    hours: Decimal
    nok: Decimal
    ideas: int  # the ideas that count

    @property
    def ftes(self) -> Decimal:
        return (self.hours / Decimal(settings.KLEAN_FTE_HOURS)).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )


@dataclass(frozen=True)
class Benefits:
    expected: Benefit
    realised: Benefit


def benefits(ideas) -> Benefits:
    """The sums over ``ideas`` (objects with ``stage`` and the four benefit
    fields; no queries here)."""
    expected = [idea for idea in ideas if idea.stage in CHOSEN]
    done = [idea for idea in expected if idea.stage == Stage.DONE]
    return Benefits(
        expected=_sum(expected, "expected_hours", "expected_nok"),
        realised=_sum(done, "realised_hours", "realised_nok"),
    )


def _sum(ideas, hours: str, nok: str) -> Benefit:
    return Benefit(
        hours=sum((getattr(i, hours) or Decimal(0) for i in ideas), Decimal(0)),
        nok=sum((getattr(i, nok) or Decimal(0) for i in ideas), Decimal(0)),
        ideas=len(ideas),
    )


# --- Across many projects: the same sums, added up in the database ----------------------


@dataclass(frozen=True)
class StageTotal:
    """The ideas of one stage and the sums of their four benefit fields."""

    ideas: int
    expected_hours: Decimal
    expected_nok: Decimal
    realised_hours: Decimal
    realised_nok: Decimal


def stage_totals(ideas) -> dict[str, StageTotal]:
    """Per stage, the number of ideas in ``ideas`` (a queryset) and the sums of
    their benefit fields: one ``GROUP BY stage`` query, whatever the number
    of ideas or projects. Stages without ideas are left out."""
    rows = (
        ideas.order_by()
        .values("stage")
        .annotate(
            n=Count("pk"),
            expected_hours=Sum("expected_hours"),
            expected_nok=Sum("expected_nok"),
            realised_hours=Sum("realised_hours"),
            realised_nok=Sum("realised_nok"),
        )
    )
    return {
        row["stage"]: StageTotal(
            ideas=row["n"],
            expected_hours=_decimal(row["expected_hours"]),
            expected_nok=_decimal(row["expected_nok"]),
            realised_hours=_decimal(row["realised_hours"]),
            realised_nok=_decimal(row["realised_nok"]),
        )
        for row in rows
    }


def benefits_of_totals(totals: dict[str, StageTotal]) -> Benefits:
    """What ``benefits`` gives for the same ideas, from ``stage_totals``: the
    expected benefit of the chosen stages, the realised benefit of those done."""
    chosen = [totals[stage] for stage in CHOSEN if stage in totals]
    done = [totals[Stage.DONE]] if Stage.DONE in totals else []
    return Benefits(
        expected=Benefit(
            hours=sum((t.expected_hours for t in chosen), Decimal(0)),
            nok=sum((t.expected_nok for t in chosen), Decimal(0)),
            ideas=sum(t.ideas for t in chosen),
        ),
        realised=Benefit(
            hours=sum((t.realised_hours for t in done), Decimal(0)),
            nok=sum((t.realised_nok for t in done), Decimal(0)),
            ideas=sum(t.ideas for t in done),
        ),
    )


def aggregate_benefits(ideas) -> Benefits:
    """``benefits`` over a queryset of ideas (of one project or many), summed
    in the database: one query."""
    return benefits_of_totals(stage_totals(ideas))


def _decimal(value) -> Decimal:
    return Decimal(0) if value is None else Decimal(value)
