from celery import shared_task

from accounts import services


@shared_task
def purge_expired_invitations() -> int:
    """Delete invitations that expired or were withdrawn more than 30 days ago."""
    return services.purge_old_invitations()


@shared_task
def purge_old_login_records() -> int:
    """Delete login records older than 30 days."""
    return services.purge_old_login_records()
