"""``{{ value|number }}``: a number as the reader writes it (klean.formats.format_number)."""

from decimal import InvalidOperation

from django import template

from klean.formats import format_number

register = template.Library()


@register.filter
def number(value):
    """1 200,5 in bokmål and nynorsk, 1,200.5 in English; nothing for no value."""
    if value is None or value == "":
        return ""
    try:
        return format_number(value)
    except (InvalidOperation, ValueError, TypeError):
        return value
