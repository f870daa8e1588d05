"""Validation of Norwegian organisation numbers (organisasjonsnummer)."""

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
