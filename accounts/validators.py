"""Validation of Norwegian organisation numbers (organisasjonsnummer) and of names."""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ORG_NUMBER_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def normalise_org_number(value: str) -> str:
    """Strip the spaces and dots people type ("974 760 673") from a number."""
    return "".join(ch for ch in str(value) if ch not in " .\u00a0")


def org_number_check_digit(first_eight: str) -> int | None:
    """The mod-11 check digit for the first eight digits, None when none exists."""
    total = sum(int(d) * w for d, w in zip(first_eight, ORG_NUMBER_WEIGHTS, strict=True))
    check = 11 - total % 11
    if check == 11:
        return 0
    if check == 10:
        return None
    return check


def validate_org_number(value: str) -> None:
    number = normalise_org_number(value)
    if len(number) != 9 or not number.isascii() or not number.isdigit():
        raise ValidationError(
            _("An organisation number has exactly 9 digits, for example 974 760 673."),
            code="org_number_format",
        )
    if org_number_check_digit(number[:8]) != int(number[8]):
        raise ValidationError(
            _("This is not a valid organisation number: the check digit does not match."),
            code="org_number_checksum",
        )


# Control characters (C0, DEL, C1) and the Unicode line and paragraph separators.
# A line break in an organisation's name would break every e-mail whose subject
# names it.
_NOT_IN_NAMES = {"Cc", "Zl", "Zp"}


def has_control_characters(value: str) -> bool:
    return any(unicodedata.category(ch) in _NOT_IN_NAMES for ch in str(value))


def validate_no_control_characters(value: str) -> None:
    if has_control_characters(value):
        raise ValidationError(
            _("Write the name on one line, without line breaks, tabs or other control characters."),
            code="control_characters",
        )


def without_control_characters(value: str) -> str:
    """The text with each control character replaced by a space and runs of
    white space collapsed to one."""
    spaced = "".join(" " if unicodedata.category(ch) in _NOT_IN_NAMES else ch for ch in value)
    return " ".join(spaced.split())
