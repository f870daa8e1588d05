"""What a project's ideas are expected to give and have given: one function
the idea pages, the dashboards and the report use.

Expected benefit counts the ideas the team has chosen to carry out (select,
implement, done); realised benefit counts what has been measured on ideas
that are done. Parked and rejected ideas count for nothing. Hours are hours
freed per year; FTEs are those hours over ``settings.KLEAN_FTE_HOURS``.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings

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
