"""The idea pipeline's e-mails as Celery tasks (the work: ``ideas.notifications``).

The tasks take ids and read the rows afresh: what the person has switched off
or who owns the item is decided when the e-mail goes. A mail server that
fails is tried again a few times.
"""

from celery import shared_task

from ideas import notifications

RETRY = {"autoretry_for": (OSError,), "retry_backoff": 60, "max_retries": 3}


@shared_task(**RETRY)
def send_stage_change(change_id: int) -> bool:
    return notifications.send_stage_change(change_id)


@shared_task(**RETRY)
def send_assignment(model: str, pk: int, owner_id: int, by_id: int | None) -> bool:
    return notifications.send_assignment(model, pk, owner_id, by_id)


@shared_task(**RETRY)
def send_digest(user_id: int) -> bool:
    return notifications.send_digest(user_id)


@shared_task
def send_overdue_digests() -> int:
    """Run by beat on Monday mornings: one digest task per person with open
    overdue actions; returns how many were queued."""
    owners = notifications.overdue_owners()
    for user_id in owners:
        send_digest.delay(user_id)
    return len(owners)
