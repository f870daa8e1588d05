"""Tasks run on a real Celery worker consuming from Redis (in CI: required)."""

import time
from datetime import timedelta

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.utils import timezone

from accounts.models import Invitation
from accounts.tasks import purge_expired_invitations
from klean.celery import app
from tests.conftest import skip_or_fail
from tests.factories import InvitationFactory


@pytest.fixture
def redis_worker():
    """A real worker thread consuming from the configured Redis broker.

    Starting a worker closes this thread's database connections (Celery's
    Django fix-up), so a test asks for it *before* ``db`` or ``cast``.
    """
    if not settings.REDIS_URL:
        skip_or_fail("REDIS_URL is not set: no broker to run a real worker against")
    import redis

    try:
        redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        skip_or_fail(f"Redis at {settings.REDIS_URL} does not answer")
    app.conf.task_always_eager = False
    app.control.purge()
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        yield
    app.conf.task_always_eager = True


def wait_for(condition, seconds=20.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_worker_on_redis_runs_the_invitation_cleanup(redis_worker, cast):
    long_ago = timezone.now() - timedelta(days=60)
    old = InvitationFactory(organisation=cast.organisation, expires_at=long_ago)
    fresh = InvitationFactory(organisation=cast.organisation)
    purge_expired_invitations.delay()
    assert wait_for(lambda: not Invitation.objects.filter(pk=old.pk).exists())
    assert Invitation.objects.filter(pk=fresh.pk).exists()


def test_cleanup_is_scheduled_for_beat():
    schedule = settings.CELERY_BEAT_SCHEDULE["purge-expired-invitations"]
    assert schedule["task"] == purge_expired_invitations.name
    assert purge_expired_invitations.name in app.tasks


def test_tasks_run_eagerly_without_a_broker_in_the_embedded_mode(db):
    assert purge_expired_invitations.delay().get() == 0


@pytest.mark.services
def test_healthz_reports_a_live_broker(redis_worker, client, db):
    response = client.get("/healthz")
    assert response.json()["checks"] == {"database": "ok", "broker": "ok"}
    assert response.status_code == 200
