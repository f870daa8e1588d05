"""Form fields every app uses for dates, written as the reader writes them.

Dates follow the active language's formats (klean/formats): typed by hand as
day.month.year. The field is a text input: the browser's own date input
follows the browser's language instead of the page's (an English browser asks
for month/day/year) and reads poorly with a screen reader.
"""

from django import forms
from django.utils.translation import gettext_lazy as _


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
