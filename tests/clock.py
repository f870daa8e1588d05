"""Time travel for tests: rows made and code run at another moment."""

from contextlib import contextmanager
from unittest import mock


@contextmanager
def at(moment):
    """Within the block, ``django.utils.timezone.now()`` is ``moment``
    (``auto_now_add`` fields included)."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield
