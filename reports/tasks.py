"""The report tasks (the work: ``reports.services``).

``render_report`` takes a report's id and makes it. The message is
acknowledged only when the task ends (``acks_late``), and put back when the
worker process dies under it (``reject_on_worker_lost``): the next worker's
claim takes the report up again (QUALITY.md R1), and the claims are capped
(``services.MAX_ATTEMPTS``) so that a report that kills its worker cannot
loop for ever. Database and connection errors are retried with exponential
backoff and jitter; a report too long or a refused fetch fails at once.

``send_waiting_reports`` runs every minute under beat: the outbox's sweeper.
"""

from celery import Task, shared_task

from reports import services


class ReportTask(Task):
    def on_failure(self, exc, task_id, args, kwargs, einfo):
        """The retries ran out: the report fails with a reason instead of
        waiting for its lease to run out."""
        if args:
            try:
                services.give_up(args[0], task_id)
            except Exception:
                services.log.warning("Report %s: not marked failed", args[0], exc_info=True)


@shared_task(
    bind=True,
    base=ReportTask,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=services.TRANSIENT,
    retry_backoff=True,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=5,
    soft_time_limit=280,
    time_limit=300,
)
def render_report(self, report_id: int) -> str:
    return services.make_report(
        report_id, task_id=self.request.id or "", heartbeat=not self.request.is_eager
    )


@shared_task
def send_waiting_reports() -> int:
    return services.send_waiting()
