"""Lost races, handled in one place (QUALITY.md R7).

Every create that must not happen twice is guarded by a database constraint.
A double-click or two concurrent posts then make one row, and the request
that lost the race gets the same clear message as a plain duplicate, never a
500: ``refuse_duplicates`` turns the IntegrityError into a ValidationError.
"""

from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction


@contextmanager
def refuse_duplicates(message: str, *, code: str = "duplicate"):
    """Run a create in a savepoint; if the database refuses it as a
    duplicate, raise ``ValidationError(message)`` and leave the surrounding
    transaction usable."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as error:
        raise ValidationError(message, code=code) from error
