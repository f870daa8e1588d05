"""Date and number formats per language (settings.FORMAT_MODULE_PATH).

Only what differs from Django's own locale formats is here: dates read
26.11.2026 in bokmål and nynorsk (Django's default spells the month, "26.
november 2026", which reads oddly in tables) and "26 November 2026" in
English (not the American "Nov. 26, 2026"). Date fields take a date typed by
hand as day.month.year – the first input format is also how a date field
shows its value – and ISO 2026-11-26, as browsers and scripts send it.

Numbers: ``format_number`` writes one as the reader does (1 200,5 or
1,200.5); ``parse_decimal`` reads one as people type it.
"""

import re
from decimal import Decimal

from django.utils.formats import get_format, number_format

# "1,200" and "1,200,000.5": commas that group thousands in English.
_GROUPED_WITH_COMMAS = re.compile(r"-?\d{1,3}(,\d{3})+(\.\d*)?")


def format_number(value) -> str:
    """A number as the reader writes it, without trailing zeros.

    1 200,5 in bokmål and nynorsk (a non-breaking space between thousands),
    1,200.5 in English; a stored 60.00 reads 60.
    """
    return number_format(Decimal(str(value)).normalize(), force_grouping=True)


def parse_decimal(text: str) -> str:
    """A number as a person writes it, in the form ``Decimal`` reads.

    Spaces of any kind between digits group thousands ("1 200,5"). A comma or
    a point is the decimal separator ("12,5" and "12.5" are both 12.5); when
    both occur, the last one is ("1.200,5", "1,200.5"). In a language that
    writes a decimal point (English), "1,200" is twelve hundred. The minus
    sign − counts as a hyphen.
    """
    text = "".join(text.split()).replace("\u2212", "-")
    comma, point = text.rfind(","), text.rfind(".")
    if comma >= 0 and point >= 0:
        thousands = "." if comma > point else ","
        return text.replace(thousands, "").replace(",", ".")
    if get_format("DECIMAL_SEPARATOR") == "." and _GROUPED_WITH_COMMAS.fullmatch(text):
        return text.replace(",", "")
    return text.replace(",", ".")
