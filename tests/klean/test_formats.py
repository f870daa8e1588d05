"""Dates read as the reader writes them (klean/formats): 26.11.2026 in bokmål and
nynorsk, 26 November 2026 in English; date fields take a date typed by hand."""

import re
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format

DAY = date(2026, 11, 26)
MOMENT = datetime(2026, 11, 26, 14, 5, tzinfo=ZoneInfo("Europe/Oslo"))


@pytest.mark.parametrize(
    ("language", "long", "short", "moment"),
    [
        ("nb", "26.11.2026", "26.11.2026", "26.11.2026 14:05"),
        ("nn", "26.11.2026", "26.11.2026", "26.11.2026 14:05"),
        ("en", "26 November 2026", "26 Nov 2026", "26 Nov 2026 14:05"),
    ],
)
def test_dates_read_day_month_year_in_the_reader_s_language(language, long, short, moment):
    with translation.override(language):
        assert date_format(DAY) == long
        assert date_format(DAY, "SHORT_DATE_FORMAT") == short
        assert date_format(MOMENT, "SHORT_DATETIME_FORMAT") == moment


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
@pytest.mark.parametrize("typed", ["26.11.2026", "26.11.26", " 26.11.2026 ", "2026-11-26"])
def test_a_date_field_takes_day_month_year_typed_by_hand_and_iso(language, typed):
    with translation.override(language):
        assert forms.DateField().clean(typed) == DAY


def test_a_date_without_leading_zeros_is_understood():
    with translation.override("nb"):
        assert forms.DateField().clean("1.2.2026") == date(2026, 2, 1)


def test_english_takes_day_before_month_never_the_american_order():
    with translation.override("en"):
        assert forms.DateField().clean("26/11/2026") == DAY
        with pytest.raises(forms.ValidationError):
            forms.DateField().clean("11/26/2026")


NAMED = {"c", "DATE_FORMAT", "SHORT_DATE_FORMAT", "DATETIME_FORMAT", "SHORT_DATETIME_FORMAT"}


def test_templates_use_the_named_formats_not_a_pattern_of_their_own():
    """A pattern such as "j. F Y" is right in one language only."""
    found = []
    for path in Path(settings.BASE_DIR, "templates").rglob("*"):
        if path.suffix not in (".html", ".txt"):
            continue
        for pattern in re.findall(r"\|date:[\"']([^\"']*)[\"']", path.read_text(encoding="utf-8")):
            if pattern not in NAMED:
                found.append(f"{path.name}: {pattern}")
    assert not found
