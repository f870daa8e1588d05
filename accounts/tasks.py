from celery import shared_task

from accounts import services


@shared_task
def purge_expired_invitations() -> int:
    """Delete invitations that expired or were withdrawn more than 30 days ago."""
    return services.purge_old_invitations()
