"""Numbers are typed and read as the reader writes them: 1 200,5 in bokmål and
nynorsk, 1,200.5 in English – and "12.5" is understood everywhere."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from klean.formats import format_number
from klean.forms import DecimalField


@pytest.mark.parametrize(
    ("language", "typed", "value"),
    [
        ("nb", "12,5", "12.5"),
        ("nb", "12.5", "12.5"),
        ("nb", "1 200,5", "1200.5"),
        ("nb", "1\xa0200,5", "1200.5"),  # a non-breaking space, as pasted from a page
        ("nb", "1\u202f200,5", "1200.5"),  # a narrow non-breaking space
        ("nb", "1.200,5", "1200.5"),
        ("nb", " 60 ", "60"),
        ("nb", "\u22123,5", "-3.5"),  # the minus sign
        ("nn", "12,5", "12.5"),
        ("en", "12.5", "12.5"),
        ("en", "12,5", "12.5"),
        ("en", "1,200", "1200"),
        ("en", "1,200.5", "1200.5"),
        ("en", "1 200.5", "1200.5"),
    ],
)
def test_a_number_field_takes_a_decimal_comma_or_point_and_spaces_between_thousands(
    language, typed, value
):
    with translation.override(language):
        assert DecimalField(max_digits=12, decimal_places=2).clean(typed) == Decimal(value)


@pytest.mark.parametrize("typed", ["12,5,5", "tolv", "1e400", "NaN", "12,555"])
def test_a_number_field_refuses_what_is_not_a_number_it_can_store(typed):
    with translation.override("nb"), pytest.raises(ValidationError):
        DecimalField(max_digits=12, decimal_places=2).clean(typed)


@pytest.mark.parametrize(
    ("language", "stored", "shown"),
    [("nb", "12.50", "12,5"), ("nn", "60.00", "60"), ("en", "12.50", "12.5"), ("en", "100", "100")],
)
def test_a_number_field_shows_a_stored_value_as_the_reader_writes_it(language, stored, shown):
    field = DecimalField(max_digits=12, decimal_places=2)
    with translation.override(language):
        html = field.widget.render("value", field.prepare_value(Decimal(stored)))
    assert f'value="{shown}"' in html
    assert 'type="text"' in html and 'inputmode="decimal"' in html


@pytest.mark.parametrize(
    ("language", "value", "shown"),
    [
        ("nb", "12.50", "12,5"),
        ("nb", "1200.5", "1\xa0200,5"),
        ("nn", "60.00", "60"),
        ("en", "1200.5", "1,200.5"),
        ("en", "100", "100"),
        ("nb", "-3.25", "-3,25"),
    ],
)
def test_numbers_read_with_the_reader_s_separators_and_no_trailing_zeros(language, value, shown):
    with translation.override(language):
        assert format_number(Decimal(value)) == shown
