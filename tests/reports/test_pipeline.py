"""The report pipeline without a worker: the row, the outbox, the claim, the
task's retries and failures, the sweeper (QUALITY.md R1–R3).

Tasks run in-process here (``apply``); tests/reports/test_pipeline_worker.py
runs them on real workers.
"""

import time
from datetime import date, timedelta

import pytest
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import Q
from django.utils import timezone
from weasyprint.urls import FatalURLFetchingError

from projects.models import Activity
from projects.timeline import describe
from reports import document, services, storage
from reports.models import Failure, Kind, Language, Report, ReportQuerySet, Status
from reports.tasks import render_report, send_waiting_reports
from tests.factories import ProjectFactory, ReportFactory
from tests.reports.conftest import broker, files_in

pytestmark = pytest.mark.usefixtures("in_english")

PDF = b"%PDF-1.7\n% rendered in a test\n%%EOF\n"


@pytest.fixture
def sent(monkeypatch):
    """The ids sent to the broker (nothing is published)."""
    ids = []
    monkeypatch.setattr(render_report, "apply_async", lambda args, **options: ids.append(args[0]))
    return ids


@pytest.fixture
def renders(monkeypatch):
    """``document.render`` as a list of what each call does: bytes to return
    or an exception to raise (the last one repeats); ``renders.calls`` counts."""

    class Script(list):
        calls = 0

    script = Script([PDF])

    def render(subject):
        step = script[min(script.calls, len(script) - 1)]
        script.calls += 1
        if isinstance(step, BaseException):
            raise step
        return step

    monkeypatch.setattr(document, "render", render)
    return script


def ask(project, by, **options):
    options = {"kind": Kind.FINAL, "language": Language.NB, **options}
    return services.request_report(project.organisation, project=project, by=by, **options)


# --- The row and its constraints ----------------------------------------------------------


def test_a_subject_has_at_most_one_report_in_flight(cast, project):
    ReportFactory(project=project, status=Status.RENDERING)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportFactory(project=project)
    # Another language, another kind, or the same once the first is done: fine.
    ReportFactory(project=project, language=Language.NN)
    ReportFactory(project=project, kind=Kind.STATUS)
    ReportFactory(project=project, done=True)
    ReportFactory(project=project, status=Status.FAILED, failure=Failure.ERROR)


def test_an_organisation_has_one_portfolio_in_flight_per_period(cast):
    ReportFactory(organisation=cast.organisation, portfolio=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportFactory(organisation=cast.organisation, portfolio=True, status=Status.QUEUED)
    ReportFactory(organisation=cast.organisation, portfolio=True, period_end=date(2026, 12, 31))
    ReportFactory(organisation=cast.other_organisation, portfolio=True)


@pytest.mark.parametrize(
    "fields",
    [
        {"kind": Kind.PORTFOLIO},  # a portfolio needs no project but a period
        {"period_start": date(2026, 1, 1), "period_end": date(2026, 2, 1)},
        {"failure": Failure.ERROR},  # a reason only when failed
    ],
)
def test_the_database_refuses_a_report_that_makes_no_sense(cast, project, fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportFactory(project=project, **fields)


def test_a_portfolio_ends_after_it_starts(cast):
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportFactory(
            organisation=cast.organisation,
            portfolio=True,
            period_start=date(2026, 7, 1),
            period_end=date(2026, 6, 30),
        )


# --- Asking: the row first, the message after the commit ----------------------------------


def test_asking_stores_the_row_and_sends_one_message_after_the_commit(
    cast, project, sent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        result = ask(project, cast.facilitator)
        assert sent == []  # nothing before the commit
        assert Report.objects.get().status == Status.PENDING

    assert result.outcome == services.NEW
    assert len(callbacks) == 1
    assert sent == [result.report.pk]
    report = Report.objects.get()
    assert (report.status, report.requested_by, report.project) == (
        Status.QUEUED,
        cast.facilitator,
        project,
    )
    assert report.queued_at is not None
    assert report.fingerprint == document.fingerprint(report.subject())


def test_nothing_is_sent_when_the_transaction_rolls_back(
    cast, project, sent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        ask(project, cast.facilitator)
        transaction.set_rollback(True)

    assert callbacks == []
    assert sent == []
    assert not Report.objects.exists()


def test_a_second_click_while_the_report_is_made_returns_the_running_one(
    cast, project, sent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = ask(project, cast.facilitator)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        second = ask(project, cast.admin)

    assert second.outcome == services.RUNNING
    assert second.report.pk == first.report.pk
    assert callbacks == []
    assert sent == [first.report.pk]
    assert Report.objects.count() == 1


def test_a_request_that_loses_the_race_gets_the_winners_report(cast, project, monkeypatch):
    """The database's constraint decides: the check saw nothing in flight, a
    parallel request inserted first, the insert fails — and the loser is
    given the winner's row, no error."""
    winner = ReportFactory(project=project, status=Status.QUEUED)
    real = ReportQuerySet.in_flight
    looked = []

    def blind_first_time(queryset):
        looked.append(1)
        return queryset.none() if len(looked) == 1 else real(queryset)

    monkeypatch.setattr(ReportQuerySet, "in_flight", blind_first_time)

    result = ask(project, cast.facilitator)

    assert (result.outcome, result.report.pk) == (services.RUNNING, winner.pk)
    assert Report.objects.count() == 1


def test_a_done_report_of_unchanged_data_is_reused_and_new_data_makes_a_new_one(
    cast, project, sent, monkeypatch, django_capture_on_commit_callbacks
):
    done = ReportFactory(project=project, done=True, fingerprint="a" * 64)
    monkeypatch.setattr(document, "fingerprint", lambda subject: "a" * 64)
    with django_capture_on_commit_callbacks(execute=True):
        reused = ask(project, cast.facilitator)
    assert (reused.outcome, reused.report.pk) == (services.REUSED, done.pk)
    assert sent == []

    monkeypatch.setattr(document, "fingerprint", lambda subject: "b" * 64)
    with django_capture_on_commit_callbacks(execute=True):
        fresh = ask(project, cast.facilitator)
    assert fresh.outcome == services.NEW
    assert sent == [fresh.report.pk]
    # Another language is another report.
    with django_capture_on_commit_callbacks(execute=True):
        assert ask(project, cast.facilitator, language=Language.NN).outcome == services.NEW


def test_a_portfolio_is_asked_for_a_period(cast, sent, django_capture_on_commit_callbacks):
    period = (date(2026, 1, 1), date(2026, 6, 30))
    with django_capture_on_commit_callbacks(execute=True):
        result = services.request_report(
            cast.organisation,
            kind=Kind.PORTFOLIO,
            language=Language.EN,
            period=period,
            by=cast.leader,
        )
    report = result.report
    assert (report.project, report.period_start, report.period_end) == (None, *period)
    assert report.subject().period == period
    assert sent == [report.pk]
    with pytest.raises(ValueError):
        services.request_report(
            cast.organisation, kind=Kind.FINAL, language="nb", period=period, by=cast.leader
        )


# --- Making: the claim, one file, retries, failures ---------------------------------------


def test_the_task_makes_the_report_and_stores_its_file(cast, project, renders, reports_root):
    report = ReportFactory(project=project, status=Status.QUEUED)

    assert render_report.apply(args=(report.pk,)).get() == Status.DONE

    report.refresh_from_db()
    assert (report.status, report.attempts, report.failure) == (Status.DONE, 1, "")
    assert files_in(reports_root) == [f"reports/{report.pk}.pdf"]
    assert report.file.name == f"reports/{report.pk}.pdf"
    assert (reports_root / report.file.name).read_bytes() == PDF
    facts = storage.facts(PDF)
    assert (report.size, report.sha256) == (facts.size, facts.sha256)
    assert report.started_at <= report.finished_at
    assert report.lease_until is None


def test_two_messages_for_one_report_make_one_file(cast, project, renders, reports_root):
    report = ReportFactory(project=project)

    render_report.apply(args=(report.pk,))
    assert render_report.apply(args=(report.pk,)).get() == Status.DONE

    assert renders.calls == 1
    report.refresh_from_db()
    assert (report.status, report.attempts) == (Status.DONE, 1)
    assert files_in(reports_root) == [f"reports/{report.pk}.pdf"]


def test_a_message_for_a_report_another_worker_is_making_is_dropped(cast, project, renders):
    lease = timezone.now() + timedelta(seconds=60)
    report = ReportFactory(
        project=project, status=Status.RENDERING, attempts=1, claimed_by="t-1", lease_until=lease
    )

    assert render_report.apply(args=(report.pk,), task_id="t-2").get() == Status.RENDERING

    assert renders.calls == 0
    report.refresh_from_db()
    assert (report.status, report.attempts, report.claimed_by) == (Status.RENDERING, 1, "t-1")


def test_the_same_message_back_after_its_worker_died_takes_the_report_up_again(
    cast, project, renders, reports_root
):
    """R1: the child rendering it was killed; the broker hands the same
    message (same task id) to the next child, whose claim wins at once."""
    lease = timezone.now() + timedelta(seconds=60)
    report = ReportFactory(
        project=project, status=Status.RENDERING, attempts=1, claimed_by="t-1", lease_until=lease
    )

    assert render_report.apply(args=(report.pk,), task_id="t-1").get() == Status.DONE

    report.refresh_from_db()
    assert (report.status, report.attempts) == (Status.DONE, 2)
    assert files_in(reports_root) == [f"reports/{report.pk}.pdf"]


def test_a_report_whose_lease_ran_out_is_taken_up_by_another_task(cast, project, renders):
    expired = timezone.now() - timedelta(seconds=1)
    report = ReportFactory(
        project=project, status=Status.RENDERING, attempts=1, claimed_by="t-1", lease_until=expired
    )

    assert render_report.apply(args=(report.pk,), task_id="t-9").get() == Status.DONE

    report.refresh_from_db()
    assert (report.attempts, report.claimed_by) == (2, "t-9")


def test_a_worker_that_lost_its_claim_writes_nothing(cast, project, monkeypatch, reports_root):
    report = ReportFactory(project=project)

    def render(subject):
        # Meanwhile the lease ran out and another task claimed the report.
        Report.objects.filter(pk=report.pk).update(claimed_by="t-other", attempts=2)
        return PDF

    monkeypatch.setattr(document, "render", render)

    assert render_report.apply(args=(report.pk,), task_id="t-1").get() == Status.RENDERING
    assert files_in(reports_root) == []


def test_a_transient_error_is_retried_with_backoff(cast, project, renders, monkeypatch):
    renders[:] = [OperationalError("server closed the connection unexpectedly"), PDF]
    countdowns = []
    retry = render_report.retry

    def spy(*args, **kwargs):
        countdowns.append(kwargs.get("countdown"))
        return retry(*args, **kwargs)

    monkeypatch.setattr(render_report, "retry", spy)
    report = ReportFactory(project=project)

    # throw=False: a retry runs at once in-process, as a worker runs it later.
    assert render_report.apply(args=(report.pk,), throw=False).get() == Status.DONE

    assert renders.calls == 2
    assert len(countdowns) == 1 and 0 <= countdowns[0] <= 1  # 2**0 s with full jitter
    report.refresh_from_db()
    assert (report.status, report.attempts) == (Status.DONE, 2)
    assert render_report.retry_backoff is True and render_report.retry_jitter is True
    assert render_report.acks_late is True and render_report.reject_on_worker_lost is True


def test_a_transient_error_that_lasts_fails_the_report_when_the_claims_run_out(
    cast, project, renders
):
    """Each retry is the same task taking its claim up again; the claims are
    capped, so the report fails instead of trying for ever."""
    renders[:] = [OperationalError("the database is gone")]
    report = ReportFactory(project=project)

    for _retry in range(services.MAX_ATTEMPTS):
        with pytest.raises(OperationalError):
            services.make_report(report.pk, task_id="t-1", heartbeat=False)
    assert services.make_report(report.pk, task_id="t-1", heartbeat=False) == Status.FAILED

    assert renders.calls == services.MAX_ATTEMPTS
    report.refresh_from_db()
    assert (report.status, report.failure) == (Status.FAILED, Failure.ERROR)
    assert report.attempts == services.MAX_ATTEMPTS


def test_a_task_whose_retries_ran_out_fails_its_report(cast, project):
    held = ReportFactory(project=project, status=Status.RENDERING, attempts=1, claimed_by="t-1")
    other = ReportFactory(
        project=project, kind=Kind.STATUS, status=Status.RENDERING, attempts=1, claimed_by="t-2"
    )

    for report in (held, other):
        render_report.on_failure(OperationalError("gone"), "t-1", (report.pk,), {}, None)

    held.refresh_from_db()
    other.refresh_from_db()
    assert (held.status, held.failure) == (Status.FAILED, Failure.ERROR)
    assert other.status == Status.RENDERING  # another task holds it


@pytest.mark.parametrize(
    ("error", "failure"),
    [
        (document.TooManyPages(250), Failure.TOO_MANY_PAGES),
        (FatalURLFetchingError("file:///etc/passwd"), Failure.FETCH_REFUSED),
        (ValueError("a bug"), Failure.ERROR),
    ],
)
def test_a_report_that_cannot_be_made_fails_at_once_with_a_reason(
    cast, project, renders, monkeypatch, reports_root, error, failure
):
    renders[:] = [error]
    retried = []
    monkeypatch.setattr(render_report, "retry", lambda *a, **k: retried.append(k))
    report = ReportFactory(project=project)

    assert render_report.apply(args=(report.pk,)).get() == Status.FAILED

    assert renders.calls == 1
    assert retried == []
    report.refresh_from_db()
    assert (report.status, report.failure, report.attempts) == (Status.FAILED, failure, 1)
    assert report.reason
    assert files_in(reports_root) == []


def test_too_many_pages_says_how_many(cast, project, renders):
    renders[:] = [document.TooManyPages(250)]
    report = ReportFactory(project=project)

    render_report.apply(args=(report.pk,))

    report.refresh_from_db()
    assert report.pages == 250
    assert report.reason == (
        f"The report would have 250 pages; at most {document.MAX_PAGES} are allowed."
    )


def test_the_soft_time_limit_fails_the_report_as_timed_out(cast, project, renders):
    from celery.exceptions import SoftTimeLimitExceeded

    renders[:] = [SoftTimeLimitExceeded()]
    report = ReportFactory(project=project)

    render_report.apply(args=(report.pk,))

    report.refresh_from_db()
    assert (report.status, report.failure) == (Status.FAILED, Failure.TIMED_OUT)
    assert report.reason == "Making the report took too long."
    assert render_report.soft_time_limit < render_report.time_limit


def test_a_report_out_of_claims_fails_instead_of_looping(cast, project, renders):
    expired = timezone.now() - timedelta(seconds=1)
    report = ReportFactory(
        project=project,
        status=Status.RENDERING,
        attempts=services.MAX_ATTEMPTS,
        claimed_by="t-1",
        lease_until=expired,
    )

    assert render_report.apply(args=(report.pk,), task_id="t-1").get() == Status.FAILED

    assert renders.calls == 0
    report.refresh_from_db()
    assert (report.status, report.failure) == (Status.FAILED, Failure.ERROR)


@pytest.mark.django_db(transaction=True)
def test_the_lease_is_renewed_while_a_worker_renders_and_only_while_it_holds_the_claim(
    cast, project, monkeypatch
):
    monkeypatch.setattr(services, "HEARTBEAT", 0.05)
    soon = timezone.now() + timedelta(seconds=1)
    mine = ReportFactory(
        project=project, status=Status.RENDERING, attempts=1, claimed_by="t-1", lease_until=soon
    )
    lost = ReportFactory(
        project=project,
        kind=Kind.STATUS,
        status=Status.RENDERING,
        attempts=2,
        claimed_by="t-2",
        lease_until=soon,
    )
    claim = Q(status=Status.RENDERING, claimed_by="t-1", attempts=1)

    with services._renewing(mine.pk, claim), services._renewing(lost.pk, claim):
        time.sleep(0.4)

    mine.refresh_from_db()
    lost.refresh_from_db()
    assert mine.lease_until > timezone.now() + services.LEASE - timedelta(seconds=5)
    assert lost.lease_until == soon


# --- The sweeper (beat) -------------------------------------------------------------------


def test_the_sweeper_sends_what_waits_and_nothing_else(cast, sent):
    now = timezone.now()
    ago = {"seconds": 31}

    def report(**fields):
        return ReportFactory(project=ProjectFactory(organisation=cast.organisation), **fields)

    stuck_pending = report(requested_at=now - timedelta(**ago))
    report(requested_at=now)  # just asked: its own message is on its way
    lost_message = report(status=Status.QUEUED, queued_at=now - services.QUEUED_STALE * 2)
    report(status=Status.QUEUED, queued_at=now)
    dead_worker = report(
        status=Status.RENDERING, attempts=1, lease_until=now - timedelta(seconds=1)
    )
    report(status=Status.RENDERING, attempts=1, lease_until=now + timedelta(seconds=60))
    out_of_claims = report(
        status=Status.RENDERING,
        attempts=services.MAX_ATTEMPTS,
        lease_until=now - timedelta(seconds=1),
    )
    report(done=True, requested_at=now - timedelta(hours=1))

    assert send_waiting_reports.apply().get() == 3

    assert sorted(sent) == sorted([stuck_pending.pk, lost_message.pk, dead_worker.pk])
    out_of_claims.refresh_from_db()
    assert (out_of_claims.status, out_of_claims.failure) == (Status.FAILED, Failure.ERROR)
    stuck_pending.refresh_from_db()
    assert stuck_pending.status == Status.QUEUED


def test_the_sweeper_runs_every_minute():
    from django.conf import settings

    entry = settings.CELERY_BEAT_SCHEDULE["reports-send-waiting"]
    assert entry["task"] == send_waiting_reports.name
    assert entry["schedule"] <= timedelta(minutes=1)


# --- The broker is down (R3) --------------------------------------------------------------


def test_with_the_broker_down_asking_answers_at_once_and_the_sweeper_sends_it_later(
    cast, project, django_capture_on_commit_callbacks
):
    with broker("redis://127.0.0.1:1/0"):
        started = time.monotonic()
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            ask(project, cast.facilitator)
        elapsed = time.monotonic() - started

    assert len(callbacks) == 1
    assert elapsed < 1.0, f"asking took {elapsed:.2f} s with the broker down"
    report = Report.objects.get()
    assert report.status == Status.PENDING

    # Still down at the next round: the row waits.
    later = timezone.now() + services.RESEND_AFTER + timedelta(seconds=1)
    with broker("redis://127.0.0.1:1/0"):
        assert services.send_waiting(now=later) == 0
    report.refresh_from_db()
    assert report.status == Status.PENDING

    # The broker is back (here: an in-memory one): the sweeper sends it.
    with broker("memory://") as app:
        assert services.send_waiting(now=later) == 1
        with app.connection_for_read() as connection:
            queue = connection.SimpleQueue("celery")
            message = queue.get(timeout=2)
            assert message.headers["task"] == render_report.name
            assert message.decode()[0] == [report.pk]
            message.ack()
            queue.close()
    report.refresh_from_db()
    assert report.status == Status.QUEUED


# --- The timeline -------------------------------------------------------------------------


def test_asking_and_the_outcome_are_written_on_the_projects_timeline(
    cast, project, renders, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ok = ask(project, cast.facilitator).report
    renders[:] = [document.TooManyPages(300)]
    with django_capture_on_commit_callbacks(execute=True):
        ask(project, cast.facilitator, kind=Kind.STATUS, language=Language.NN)

    lines = [describe(activity) for activity in Activity.objects.filter(project=project)]
    assert lines == [
        "The status report (Nynorsk) could not be made. The report would be too long.",
        "Vera Veileder asked for a status report (Nynorsk)",
        "The final report (Bokmål) is ready",
        "Vera Veileder asked for a final report (Bokmål)",
    ]
    ready = Activity.objects.get(kind="reports.ready")
    assert ready.data == {"report": ok.pk, "kind": "final", "language": "nb"}
    assert ready.actor is None
