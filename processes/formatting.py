"""How the process maps write times and key figures: the same on every page.

Every function returns an ``Amount``: the number as the reader writes it
(klean.formats: "8 967", "2,5") and its unit, with the unit's singular or
plural as the number wants it ("1 time", "2,5 timer"). ``str()`` gives both,
"61,9 arbeidsdager"; a page that sets the number large reads ``.number`` and
``.unit`` apart.

=======================  ==========================  ===============================
function                 writes                      for
=======================  ==========================  ===============================
``duration(minutes)``    30 min · 1 time · 2,5 timer  a step's or a map's time
                         · 1 arbeidsdag · 61,9
                         arbeidsdager
``short_duration(m)``    30 min · 2,5 t · 61,9 d      cards and the drawing's ladder
``working_days(days)``   61,9 arbeidsdager           lead and waiting time
``hours(h)``             1 time · 2,5 timer          processing time
``hours_per_year(h)``    8 967 t (whole hours)       work per year
``ftes(n)``              6,00 årsverk (two decimals)  full-time equivalents
``percent(share)``       2,6 % (one decimal)         flow efficiency (given in %)
``change(f, value)``     +1 time · −2 400 t · 0 t     a difference, written by ``f``
``freed(hours)``         2 400 timer frigjort per år  a future map's hours against
                         · +2 400 timer mer per år    today's
=======================  ==========================  ===============================

Negative numbers carry a real minus sign (U+2212). Times are rounded half up:
minutes under an hour, hours (one decimal) under a working day of 7.5 hours,
working days (one decimal) above.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from klean.formats import format_number
from processes.models import WORKING_DAY_MINUTES

MINUS = "\u2212"


@dataclass(frozen=True)
class Amount:
    """A number as the reader writes it and its unit ("" for none)."""

    number: str
    unit: str = ""

    def __str__(self) -> str:
        return f"{self.number} {self.unit}" if self.unit else self.number


def rounded(value, places: int = 0) -> Decimal:
    """``value`` rounded half up to ``places`` decimals."""
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def number(value, places: int | None = None) -> str:
    """A number in the reader's format with a real minus sign: with exactly
    ``places`` decimals, or (None) with at most one and no trailing zero."""
    if places is None:
        text = format_number(rounded(value, 1))
    else:
        text = number_format(rounded(value, places), decimal_pos=places, force_grouping=True)
    return text.replace("-", MINUS)


def _plural(value) -> int:
    """The count ngettext chooses the form by: 1 for one, else the whole
    number (2 for a fraction, which is plural in English and Norwegian)."""
    value = Decimal(str(value))
    if value == value.to_integral():
        return abs(int(value))
    return 2


def working_days(days) -> Amount:
    days = rounded(days, 1)
    return Amount(number(days), ngettext("working day", "working days", _plural(days)))


def hours(value) -> Amount:
    value = rounded(value, 1)
    return Amount(number(value), ngettext("hour", "hours", _plural(value)))


def minutes(value: int) -> Amount:
    return Amount(number(value), pgettext("minutes, short", "min"))


def duration(minutes_: int) -> Amount:
    """A time as people say it: minutes under an hour, hours under a working
    day, working days above."""
    if minutes_ < 60:
        return minutes(minutes_)
    if minutes_ < WORKING_DAY_MINUTES:
        return hours(Decimal(minutes_) / 60)
    return working_days(Decimal(minutes_) / WORKING_DAY_MINUTES)


def short_duration(minutes_: int) -> Amount:
    """The same time where room is short: "30 min", "2,5 t", "61,9 d"."""
    if minutes_ < 60:
        return minutes(minutes_)
    if minutes_ < WORKING_DAY_MINUTES:
        return Amount(number(Decimal(minutes_) / 60), pgettext("hours, short", "h"))
    return Amount(
        number(Decimal(minutes_) / WORKING_DAY_MINUTES), pgettext("working days, short", "d")
    )


def hours_per_year(value) -> Amount:
    """Work per year in whole hours: "8 967 t"."""
    return Amount(number(value, 0), pgettext("hours, short", "h"))


def ftes(value) -> Amount:
    """Full-time equivalents with two decimals: "6,00 årsverk"."""
    value = rounded(value, 2)
    return Amount(number(value, 2), ngettext("FTE", "FTEs", _plural(value)))


def percent(value) -> Amount:
    """A percentage with one decimal: "2,6 %"."""
    return Amount(number(value, 1), "%")


def points(value) -> Amount:
    """A difference between two percentages, in percentage points: "2,4 prosentpoeng"."""
    return Amount(number(value, 1), _("percentage points"))


def change(write, value) -> Amount:
    """A difference with its sign, written as ``write`` writes the size:
    ``change(hours_per_year, -2400)`` is "−2 400 t"; no sign for zero."""
    size = write(abs(Decimal(str(value))))
    sign = "+" if value > 0 else (MINUS if value < 0 else "")
    if size.number.strip("0,. ") == "":  # rounded to zero: no sign
        sign = ""
    return Amount(sign + size.number, size.unit)


def freed(hours_freed) -> str:
    """What a future map does to the hours a year, in words: freed hours,
    or more work (with a plus: the future takes more)."""
    whole = rounded(hours_freed, 0)
    n = abs(int(whole))
    if whole > 0:
        text = ngettext("%(n)s hour per year freed", "%(n)s hours per year freed", n)
        return text % {"n": number(n, 0)}
    if whole < 0:
        text = ngettext("+%(n)s hour per year more", "+%(n)s hours per year more", n)
        return text % {"n": number(n, 0)}
    return _("the same hours per year")
