"""G5: login records (django-axes) are kept at most 30 days."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from accounts.tasks import purge_old_login_records
from klean.celery import app
from tests.clock import at
from tests.factories import AccessAttemptFactory, AccessFailureLogFactory, AccessLogFactory


@pytest.mark.parametrize(
    "factory", [AccessLogFactory, AccessAttemptFactory, AccessFailureLogFactory]
)
def test_login_records_older_than_30_days_are_deleted_by_the_scheduled_task(db, factory):
    now = timezone.now()
    with at(now - timedelta(days=31)):
        old = factory()
    with at(now - timedelta(days=29)):
        recent = factory()

    purge_old_login_records.delay()

    model = factory._meta.model
    assert not model.objects.filter(pk=old.pk).exists()
    assert model.objects.filter(pk=recent.pk).exists()


def test_login_record_cleanup_runs_at_least_daily_on_beat():
    schedule = settings.CELERY_BEAT_SCHEDULE["purge-old-login-records"]
    assert schedule["task"] == purge_old_login_records.name
    assert purge_old_login_records.name in app.tasks
    assert schedule["schedule"] <= timedelta(days=1)
