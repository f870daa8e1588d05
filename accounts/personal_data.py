"""Personal data about a user: what the download contains and what deletion erases.

Every app that keeps a foreign key to the user model declares, on its
``AppConfig`` (``personal_data = "<app>.personal_data.entries"``, see
``klean.extensions``), a function that lists an ``Entry`` per model, saying how to export the
person's rows and how to erase them when the person deletes their account.
A test fails when a model with a user foreign key is missing, so a new
feature cannot forget it.

``erase`` either deletes rows that only make sense with the person (their
memberships) or leaves rows that belong to the organisation's work (an idea, a
comment) pointing at the anonymised "former member".
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models

from klean.extensions import contributions


@dataclass(frozen=True)
class Entry:
    """``export(user)`` returns a list of dicts (values as stored: dates, times
    and decimals are written by the download's JSON encoder); ``erase(user)``
    removes what must go when the account is deleted (None: rows stay, shown as
    a former member)."""

    model: type[models.Model]
    label: str
    export: Callable
    erase: Callable | None = None


def entries() -> list[Entry]:
    return [entry for _config, declared in contributions("personal_data") for entry in declared()]


def registered_models() -> set[type[models.Model]]:
    return {entry.model for entry in entries()}


def export_user_data(user) -> dict:
    return {entry.label: entry.export(user) for entry in entries()}


def erase_user(user) -> None:
    for entry in entries():
        if entry.erase is not None:
            entry.erase(user)


# --- This app's own entries (declared on AccountsConfig) ------------------------------


def _iso(value):
    return value.isoformat() if value else None


def _export_profile(user):
    return [
        {
            "email": user.email,
            "full_name": user.full_name,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
        }
    ]


def _export_memberships(user):
    return [
        {"organisation": m.organisation.name, "role": m.role, "member_since": _iso(m.created_at)}
        for m in user.memberships.select_related("organisation")
    ]


def _invitations_of(user):
    from accounts.models import Invitation

    return Invitation.objects.filter(
        models.Q(invited_by=user) | models.Q(accepted_by=user) | models.Q(email=user.email)
    ).select_related("organisation")


def _export_invitations(user):
    return [
        {
            "organisation": i.organisation.name,
            "email": i.email,
            "role": i.role,
            "sent": _iso(i.created_at),
            "sent_by_you": i.invited_by_id == user.pk,
            "accepted": _iso(i.accepted_at),
        }
        for i in _invitations_of(user)
    ]


def _erase_invitations(user):
    # Invitations addressed to the person that were never accepted go. Those
    # they accepted stay as the record of who invited whom, without the
    # address; those they sent stay with the organisation, shown as sent by a
    # former member.
    from accounts.models import Invitation

    Invitation.objects.filter(email=user.email, accepted_at__isnull=True).delete()
    Invitation.objects.filter(
        models.Q(accepted_by=user) | models.Q(email=user.email), accepted_at__isnull=False
    ).update(email=user.erased_email)


# Login records (django-axes), kept at most 30 days (services.purge_old_login_records).
# Axes stores the e-mail address as typed at login, lower-cased (accounts.auth).


def _login_records_of(model, user):
    return model.objects.filter(username=user.email).order_by("-attempt_time")


def _export_login_records(model, **extra_fields):
    def export(user):
        return [
            {
                "when": record.attempt_time,
                "ip_address": record.ip_address,
                "user_agent": record.user_agent,
                "page": record.path_info,
                **{name: getattr(record, field) for name, field in extra_fields.items()},
            }
            for record in _login_records_of(model, user)
        ]

    return export


def _erase_login_records(model):
    def erase(user):
        _login_records_of(model, user).delete()

    return erase


def account_entries() -> list[Entry]:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    from accounts.models import Invitation, Membership, User

    return [
        Entry(User, "profile", _export_profile),
        Entry(
            Membership,
            "memberships",
            _export_memberships,
            erase=lambda user: user.memberships.all().delete(),
        ),
        Entry(Invitation, "invitations", _export_invitations, erase=_erase_invitations),
        Entry(
            AccessLog,
            "logins",
            _export_login_records(AccessLog, logged_out="logout_time"),
            erase=_erase_login_records(AccessLog),
        ),
        Entry(
            AccessAttempt,
            "login_attempts",
            _export_login_records(AccessAttempt, failures="failures_since_start"),
            erase=_erase_login_records(AccessAttempt),
        ),
        Entry(
            AccessFailureLog,
            "failed_logins",
            _export_login_records(AccessFailureLog, locked_out="locked_out"),
            erase=_erase_login_records(AccessFailureLog),
        ),
    ]
