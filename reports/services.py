"""Asking for a report, sending it to a worker, and making it (QUALITY.md R1–R3).

The row is the outbox. ``request_report`` stores a pending row and sends its
id to Celery after the commit; a broker that is down costs the request no
more than a refused connection, and the row stays pending. Every minute the
beat job ``send_waiting`` sends what is still waiting: pending rows older
than ``RESEND_AFTER``, queued rows whose message may have been lost, and
rows whose worker stopped renewing its lease.

``make_report`` (the task's work) claims the row with one conditional UPDATE,
so a duplicate message, a retry or a second worker makes one report and one
file: only the claim holder writes, and it writes the file under the report's
own name in one rename (``reports.storage``).
"""

import logging
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from celery.exceptions import SoftTimeLimitExceeded
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from projects import timeline
from reports import document, storage
from reports.models import IN_FLIGHT, Failure, Kind, Report, Status

log = logging.getLogger(__name__)

#: Claims of one report before it is given up (a worker killed twice while it
#: renders, a render that keeps hitting the hard time limit).
MAX_ATTEMPTS = 3
#: How long a claim holds without being renewed; a rendering worker renews it
#: every ``HEARTBEAT`` seconds, so a dead worker's report is sent again soon.
LEASE = timedelta(seconds=90)
HEARTBEAT = 20
#: A pending row this old was not sent after its commit (the broker was down).
RESEND_AFTER = timedelta(seconds=30)
#: A queued row not started after this long may have lost its message.
QUEUED_STALE = timedelta(minutes=10)

NEW, RUNNING, REUSED = "new", "running", "reused"


@dataclass(frozen=True)
class Requested:
    """What asking gave: a ``NEW`` report, the one already ``RUNNING`` for the
    same subject, or a done one ``REUSED`` because nothing changed since."""

    report: Report
    outcome: str


# --- Asking -------------------------------------------------------------------------------


def request_report(
    organisation, *, kind: str, language: str, by, project=None, period=None, send=True
) -> Requested:
    """Ask for a report about ``project`` (a final or status report) or, with
    ``project=None``, the organisation's portfolio over ``period`` (start, end).

    A report of the subject in flight is returned as it is; a done one built
    from the same data (the same ``document.fingerprint``) is re-used. Else
    a pending row is stored and — after the commit, unless ``send=False`` — its
    id is sent to a worker. Side effects: a ``reports.requested`` timeline
    event for a project's report. Two parallel requests make one row: the one
    that loses the race gets the other's (the database's in-flight constraint).
    """
    if (project is None) != (kind == Kind.PORTFOLIO):
        raise ValueError("A portfolio report covers an organisation; the others a project.")
    subject = document.Subject(kind, language, organisation, project, period)
    fingerprint = document.fingerprint(subject)
    same_subject = Report.objects.for_subject(
        organisation=organisation, kind=kind, language=language, project=project, period=period
    )
    with transaction.atomic():
        running = same_subject.in_flight().first()
        if running is not None:
            return Requested(running, RUNNING)
        done = (
            same_subject.filter(status=Status.DONE, fingerprint=fingerprint)
            .exclude(file="")
            .order_by("-finished_at", "-pk")
            .first()
        )
        if done is not None:
            return Requested(done, REUSED)
        start, end = period or (None, None)
        try:
            with transaction.atomic():
                report = Report.objects.create(
                    organisation=organisation,
                    project=project,
                    kind=kind,
                    language=language,
                    period_start=start,
                    period_end=end,
                    requested_by=by,
                    fingerprint=fingerprint,
                )
        except IntegrityError:
            running = same_subject.in_flight().first()
            if running is None:
                raise
            return Requested(running, RUNNING)
        if project is not None:
            timeline.log(
                project,
                "reports.requested",
                by=by,
                data={"report": report.pk, "kind": kind, "language": language},
            )
        if send:
            transaction.on_commit(partial(send_report, report.pk), robust=True)
    return Requested(report, NEW)


# --- Sending (the outbox) -----------------------------------------------------------------

#: One quick try: a broker that is down must not hold up the web request, and
#: the row stays pending for ``send_waiting`` to send later.
PUBLISH = {"retry": False}


def send_report(report_id: int) -> bool:
    """Send the report's id to a worker; True when the broker took it.

    A broker that is down is logged and leaves the row as it was. A row still
    pending is marked queued once the message is out (a worker may already
    have claimed it: then it is left alone).
    """
    from reports.tasks import render_report

    try:
        render_report.apply_async((report_id,), **PUBLISH)
    except Exception:
        log.warning("Report %s: sending it to a worker failed", report_id, exc_info=True)
        return False
    Report.objects.filter(pk=report_id, status__in=(Status.PENDING, Status.QUEUED)).update(
        status=Status.QUEUED, queued_at=timezone.now()
    )
    return True


def send_waiting(now=None) -> int:
    """The beat job: send every report that waits for a worker and may have
    no message on its way (R2, R3); returns how many were sent.

    * pending for longer than ``RESEND_AFTER`` (sent after the commit failed);
    * queued for longer than ``QUEUED_STALE`` and not started;
    * rendering with an expired lease (the worker died) — failed instead once
      its claims reached ``MAX_ATTEMPTS``.

    A message sent twice is harmless: the claim lets one worker make it.
    """
    now = now or timezone.now()
    given_up = list(
        Report.objects.filter(
            status=Status.RENDERING, lease_until__lt=now, attempts__gte=MAX_ATTEMPTS
        ).values_list("pk", flat=True)
    )
    for report_id in given_up:
        _finish_failed(report_id, Failure.ERROR, claim=Q(status=Status.RENDERING))
    waiting = Report.objects.filter(
        Q(status=Status.PENDING, requested_at__lt=now - RESEND_AFTER)
        | Q(status=Status.QUEUED, queued_at__lt=now - QUEUED_STALE)
        | Q(status=Status.RENDERING, lease_until__lt=now, attempts__lt=MAX_ATTEMPTS)
    ).order_by("requested_at")
    sent = 0
    for report_id in waiting.values_list("pk", flat=True)[:500]:
        if not send_report(report_id):
            break  # the broker is still down: the rest waits for the next round
        sent += 1
    return sent


# --- Making (the task's work) -------------------------------------------------------------


def make_report(report_id: int, *, task_id: str, heartbeat: bool = True) -> str:
    """Claim the report, render it, store the file; returns its status then.

    One conditional UPDATE claims the row: it must be waiting, or rendering
    under an expired lease, or rendering for this very task (the message came
    back after its worker was killed), and have claims left. Anything else —
    done, failed, or a live claim of another task — leaves the row alone.

    A report too long (``document.TooManyPages``), a fetch outside our static
    files, the soft time limit or any other error fails the report with a
    reason, never retried. Database and connection errors are raised for the
    task to retry with backoff; the claim stays with this task, so the retry
    takes it up again. Side effects: a timeline event when a project's report
    is ready or failed.
    """
    from weasyprint.urls import FatalURLFetchingError

    report = _claim(report_id, task_id)
    if report is None:
        return _unclaimed(report_id, task_id)
    attempt = report.attempts
    mine = Q(status=Status.RENDERING, claimed_by=task_id, attempts=attempt)
    try:
        with _renewing(report_id, mine) if heartbeat else _nothing():
            data = document.render(report.subject())
    except document.TooManyPages as too_long:
        return _finish_failed(report_id, Failure.TOO_MANY_PAGES, claim=mine, pages=too_long.pages)
    except FatalURLFetchingError:
        log.warning("Report %s: the render fetched outside our static files", report_id)
        return _finish_failed(report_id, Failure.FETCH_REFUSED, claim=mine)
    except SoftTimeLimitExceeded:
        return _finish_failed(report_id, Failure.TIMED_OUT, claim=mine)
    except TRANSIENT:
        raise
    except Exception:
        log.exception("Report %s could not be made", report_id)
        return _finish_failed(report_id, Failure.ERROR, claim=mine)
    return _store(report, data, claim=mine)


def _transient_errors() -> tuple[type[BaseException], ...]:
    from django.db import InterfaceError, OperationalError
    from kombu.exceptions import OperationalError as BrokerError

    return (OperationalError, InterfaceError, BrokerError, ConnectionError, TimeoutError)


#: Errors worth another try a little later (the task retries them with backoff).
TRANSIENT = _transient_errors()


def _claim(report_id: int, task_id: str) -> Report | None:
    now = timezone.now()
    claimed = (
        Report.objects.filter(pk=report_id, attempts__lt=MAX_ATTEMPTS)
        .filter(
            Q(status__in=(Status.PENDING, Status.QUEUED))
            | Q(status=Status.RENDERING, lease_until__lt=now)
            | Q(status=Status.RENDERING, claimed_by=task_id)
        )
        .update(
            status=Status.RENDERING,
            attempts=F("attempts") + 1,
            claimed_by=task_id,
            started_at=now,
            lease_until=now + LEASE,
        )
    )
    if not claimed:
        return None
    return Report.objects.select_related("organisation", "project__organisation").get(pk=report_id)


def _unclaimed(report_id: int, task_id: str) -> str:
    """Why the claim failed; a report out of claims and not held by another
    live worker is failed here."""
    report = Report.objects.filter(pk=report_id).first()
    if report is None:
        return "missing"
    if report.status in IN_FLIGHT and report.attempts >= MAX_ATTEMPTS:
        held_by_another = Q(status=Status.RENDERING, lease_until__gte=timezone.now()) & ~Q(
            claimed_by=task_id
        )
        return _finish_failed(
            report_id, Failure.ERROR, claim=Q(status__in=IN_FLIGHT) & ~held_by_another
        )
    return report.status


def _store(report: Report, data: bytes, *, claim: Q) -> str:
    """Write the file and mark the report done — only while this task still
    holds the claim (the row is locked while the file is put in place)."""
    name = storage.file_name(report.pk)
    facts = storage.facts(data)
    with transaction.atomic():
        if not Report.objects.select_for_update().filter(claim, pk=report.pk).exists():
            log.warning("Report %s: the claim was lost while rendering", report.pk)
            return Status.RENDERING
        storage.private_storage().write_atomically(name, data)
        Report.objects.filter(pk=report.pk).update(
            status=Status.DONE,
            file=name,
            size=facts.size,
            sha256=facts.sha256,
            pages=facts.pages,
            finished_at=timezone.now(),
            lease_until=None,
        )
        _log_outcome(report.pk, "reports.ready")
    return Status.DONE


def _finish_failed(report_id: int, failure: str, *, claim: Q, pages: int | None = None) -> str:
    """Fail the report with a reason if ``claim`` still matches; its status after."""
    with transaction.atomic():
        changed = Report.objects.filter(claim, pk=report_id).update(
            status=Status.FAILED,
            failure=failure,
            pages=pages,
            finished_at=timezone.now(),
            lease_until=None,
        )
        if not changed:
            return Report.objects.filter(pk=report_id).values_list("status", flat=True).first()
        _log_outcome(report_id, "reports.failed", reason=str(failure))
    return Status.FAILED


def give_up(report_id: int, task_id: str) -> None:
    """The task failed for good (its retries ran out): fail the report if
    this task still holds it, or it never got claimed."""
    _finish_failed(
        report_id,
        Failure.ERROR,
        claim=Q(status=Status.RENDERING, claimed_by=task_id)
        | Q(status__in=(Status.PENDING, Status.QUEUED)),
    )


def _log_outcome(report_id: int, kind: str, **data) -> None:
    report = Report.objects.select_related("project").get(pk=report_id)
    if report.project is None:
        return
    timeline.log(
        report.project,
        kind,
        data={"report": report.pk, "kind": report.kind, "language": report.language, **data},
    )


@contextmanager
def _nothing():
    yield


@contextmanager
def _renewing(report_id: int, claim: Q):
    """Renew the lease every ``HEARTBEAT`` seconds while the body runs, from a
    thread with its own database connection. If the worker dies, the renewals
    stop and the sweeper sends the report again once the lease runs out."""
    stop = threading.Event()

    def renew():
        try:
            while not stop.wait(HEARTBEAT):
                try:
                    Report.objects.filter(claim, pk=report_id).update(
                        lease_until=timezone.now() + LEASE
                    )
                except Exception:
                    log.warning("Report %s: the lease was not renewed", report_id, exc_info=True)
        finally:
            connection.close()

    beat = threading.Thread(target=renew, name=f"report-{report_id}-lease", daemon=True)
    beat.start()
    try:
        yield
    finally:
        stop.set()
        beat.join(timeout=5)
