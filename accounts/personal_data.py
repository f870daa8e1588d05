"""The registry of models that hold personal data about a user.

Every model with a foreign key to the user model registers here (normally in
its app's ``AppConfig.ready``), saying how to export the person's rows and how
to erase them when the person deletes their account. A test fails when a model
with a user foreign key is missing, so a new feature cannot forget it.

``erase`` either deletes rows that only make sense with the person (their
memberships) or leaves rows that belong to the organisation's work (an idea, a
comment) pointing at the anonymised "former member".
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models


@dataclass(frozen=True)
class Entry:
    model: type[models.Model]
    label: str
    export: Callable
    erase: Callable | None


_registry: dict[type[models.Model], Entry] = {}


def register(model, *, label: str, export: Callable, erase: Callable | None = None) -> None:
    """Register a model: ``export(user)`` returns a list of dicts; ``erase(user)``
    removes what must go when the account is deleted (None: rows stay, shown as
    a former member)."""
    _registry[model] = Entry(model=model, label=label, export=export, erase=erase)


def registered_models() -> set[type[models.Model]]:
    return set(_registry)


def export_user_data(user) -> dict:
    return {entry.label: entry.export(user) for entry in _registry.values()}


def erase_user(user) -> None:
    for entry in _registry.values():
        if entry.erase is not None:
            entry.erase(user)
