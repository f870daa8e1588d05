"""Form fields every app uses for dates and numbers, written as the reader writes them.

Dates and numbers follow the active language's formats (klean/formats): a
date is typed as day.month.year, a number with a decimal comma in bokmål and
nynorsk. Both are text inputs: the browser's own date and number inputs follow
the browser's language instead of the page's (an English browser asks for
month/day/year, and its number input turns "12,5" into 125), and the date
input reads poorly with a screen reader.
"""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from klean.formats import parse_decimal


class DateInput(forms.DateInput):
    """A date as text, shown in the reader's first date input format (26.11.2026)."""

    input_type = "text"


class DateField(forms.DateField):
    """A date typed by hand: 26.11.2026, 26.11.26 or ISO 2026-11-26."""

    widget = DateInput
    hint = _("Day.month.year, e.g. 26.11.2026")

    def __init__(self, **kwargs):
        kwargs["help_text"] = kwargs.get("help_text") or self.hint
        super().__init__(**kwargs)


class DecimalField(forms.DecimalField):
    """A number typed with a decimal comma or point ("12,5", "1 200,5", "12.5"),
    shown for editing as the reader writes it ("12,5" in bokmål and nynorsk).

    A text input with ``inputmode="decimal"`` (a keypad with the decimal
    separator on phones), never ``type="number"``.
    """

    widget = forms.TextInput

    def __init__(self, **kwargs):
        kwargs["localize"] = True
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "inputmode": "decimal"}

    def prepare_value(self, value):
        """A stored 60.00 shows as 60, a stored 12.50 as 12,5."""
        if isinstance(value, Decimal) and value.is_finite():
            return value.normalize()
        return value

    def to_python(self, value):
        if isinstance(value, str):
            value = parse_decimal(value)
        return super().to_python(value)
