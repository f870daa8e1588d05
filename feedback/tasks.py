from celery import shared_task

from feedback import services


@shared_task
def delete_expired_free_text() -> int:
    """Delete free-text answers (and contact requests) older than their form's
    retention period (QUALITY.md G3); run daily by beat."""
    return services.delete_expired_free_text()
