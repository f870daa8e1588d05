"""Reports made by real Celery workers on Redis (QUALITY.md R1, R3).

Needs REDIS_URL (in CI: required, KLEAN_STRICT=1); the killed-child test also
needs PostgreSQL, which its worker process shares with the test.
"""

import os
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from reports import services, storage
from reports.models import Kind, Language, Report, Status
from tests.conftest import skip_or_fail
from tests.klean.test_tasks import redis_worker, wait_for  # noqa: F401 - a fixture
from tests.reports.conftest import broker, files_in

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def ask(organisation, by):
    """A portfolio report, rendered for real by ``reports.document.render``."""
    return services.request_report(
        organisation,
        kind=Kind.PORTFOLIO,
        language=Language.NB,
        period=(date(2026, 1, 1), date(2026, 6, 30)),
        by=by,
    ).report


def status_of(report_id):
    return Report.objects.values_list("status", flat=True).get(pk=report_id)


def test_a_worker_on_redis_makes_a_report(redis_worker, cast, reports_root):  # noqa: F811
    report = ask(cast.organisation, cast.leader)  # sent at once: no transaction around it

    assert wait_for(lambda: status_of(report.pk) == Status.DONE, seconds=60)

    report.refresh_from_db()
    assert report.attempts == 1
    assert files_in(reports_root) == [f"reports/{report.pk}.pdf"]
    data = (reports_root / report.file.name).read_bytes()
    assert data.startswith(b"%PDF-")
    assert (report.size, report.sha256) == (len(data), storage.facts(data).sha256)


def test_a_report_asked_for_while_redis_is_down_is_made_once_it_is_back(
    redis_worker,  # noqa: F811
    cast,
):
    with broker("redis://127.0.0.1:1/0"):
        started = time.monotonic()
        report = ask(cast.organisation, cast.leader)
        assert time.monotonic() - started < 1.0
    assert status_of(report.pk) == Status.PENDING

    later = timezone.now() + services.RESEND_AFTER + timedelta(seconds=1)
    assert services.send_waiting(now=later) == 1  # the beat job, Redis back

    assert wait_for(lambda: status_of(report.pk) == Status.DONE, seconds=60)


# --- R1: the worker's child is killed while it renders ------------------------------------

SLOW = 4.0


def database_url() -> str:
    db = connection.settings_dict
    password = f":{quote(db['PASSWORD'], safe='')}" if db.get("PASSWORD") else ""
    return (
        f"postgres://{quote(db['USER'] or '', safe='')}{password}@{db['HOST'] or '127.0.0.1'}"
        f":{db['PORT'] or 5432}/{db['NAME']}"
    )


def redis_url() -> str:
    if not settings.REDIS_URL:
        skip_or_fail("REDIS_URL is not set: no broker to run a real worker against")
    import redis

    try:
        redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        skip_or_fail(f"Redis at {settings.REDIS_URL} does not answer")
    return settings.REDIS_URL


@pytest.fixture
def prefork_worker(tmp_path, reports_root):
    """Start ``celery worker --pool prefork --concurrency 1`` as a process of
    its own on the test database, with slow rendering (tests/reports/slow_worker.py).
    Yields a function that returns the ids of the processes that rendered."""
    if connection.vendor != "postgresql":
        skip_or_fail("the worker process shares the test database: run on PostgreSQL")
    url = redis_url()
    pids = tmp_path / "render-pids"
    pids.touch()
    log = tmp_path / "worker.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": database_url(),
        "REDIS_URL": url,
        "REPORTS_ROOT": str(reports_root),
        "KLEAN_SLOW_RENDER": str(SLOW),
        "KLEAN_RENDER_PIDS": str(pids),
    }
    with broker(url) as app:
        app.control.purge()
        with log.open("wb") as out:
            worker = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "tests.reports.slow_worker",
                    "worker",
                    "--pool",
                    "prefork",
                    "--concurrency",
                    "1",
                    "--loglevel",
                    "INFO",
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                    "--hostname",
                    f"r1-{os.getpid()}@%h",
                ],
                cwd=settings.BASE_DIR,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        try:
            yield lambda: [int(line) for line in pids.read_text().split()]
        finally:
            worker.send_signal(signal.SIGTERM)
            try:
                worker.wait(timeout=20)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()
            print(Path(log).read_text(errors="replace")[-4000:])  # shown when the test fails


def test_a_worker_child_killed_mid_render_makes_the_report_exactly_once(
    prefork_worker, cast, reports_root
):
    report = ask(cast.organisation, cast.leader)  # sent to the worker's queue at once

    assert wait_for(lambda: len(prefork_worker()) == 1, seconds=60), "the render never started"
    assert status_of(report.pk) == Status.RENDERING
    child = prefork_worker()[0]
    os.kill(child, signal.SIGKILL)
    killed = time.monotonic()

    deadline = SLOW + 15
    assert wait_for(lambda: status_of(report.pk) == Status.DONE, seconds=deadline + 30)
    took = time.monotonic() - killed

    report.refresh_from_db()
    rendered_by = prefork_worker()
    print(f"R1: done {took:.1f} s after the kill, attempts {report.attempts}, by {rendered_by}")
    assert took <= deadline, f"done {took:.1f} s after the kill (bar: task time + 15 s)"
    assert report.attempts == 2
    assert len(rendered_by) == 2 and rendered_by[0] == child != rendered_by[1]
    assert files_in(reports_root) == [f"reports/{report.pk}.pdf"]
    data = (reports_root / report.file.name).read_bytes()
    assert report.sha256 == storage.facts(data).sha256
    assert Report.objects.count() == 1
