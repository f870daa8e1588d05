"""Norsk nynorsk writes dates and numbers as bokmål does: 26.11.2026, 1 200,5."""

from klean.formats.nb.formats import *  # noqa: F403
