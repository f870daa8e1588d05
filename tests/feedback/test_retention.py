"""G3: free text older than its form's retention period is deleted by a daily task."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from celery.schedules import crontab
from django.conf import settings

from feedback import tasks
from feedback.models import Answer, ContactRequest
from projects.models import Activity
from tests.clock import at
from tests.factories import ContactRequestFactory, ThemeFactory
from tests.feedback.results_data import respond, results_form

OSLO = ZoneInfo("Europe/Oslo")
START = date(2026, 1, 10)


def noon(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=OSLO)


@pytest.fixture
def survey(project):
    return results_form(project, retention_days=30)


def test_free_text_goes_when_the_retention_period_has_run_out(survey):
    form, q = survey
    with at(noon(START)):
        respond(form, q, on=START, score=4, text="Lang ventetid", multiple=[0])
        ContactRequestFactory(form=form, submitted_on=START)
    answer = Answer.objects.get(question=q["text"])
    answer.themes.add(ThemeFactory(form=form))

    with at(noon(START + timedelta(days=30))):  # the 30th day: still kept
        assert tasks.delete_expired_free_text.delay().get() == 0
    answer.refresh_from_db()
    assert answer.text == "Lang ventetid" and answer.text_deleted_on is None
    assert ContactRequest.objects.exists()

    deleted_on = START + timedelta(days=31)
    with at(noon(deleted_on)):
        assert tasks.delete_expired_free_text.delay().get() == 1
    answer.refresh_from_db()
    assert answer.text == "" and answer.text_deleted_on == deleted_on
    assert not answer.themes.exists()
    assert not ContactRequest.objects.exists()
    # The closed answers are kept: only the resident's own words go.
    assert Answer.objects.get(question=q["score"]).number == 4
    assert Answer.objects.get(question=q["multiple"]).choices == [0]
    event = Activity.objects.get(kind="feedback.free_text_deleted")
    assert event.data == {"form": form.title, "days": 30}
    assert event.project == form.project


def test_it_is_idempotent_and_logs_once_per_form(survey):
    form, q = survey
    for i in range(3):
        respond(form, q, on=START, text=f"Svar {i}")
    with at(noon(START + timedelta(days=60))):
        assert tasks.delete_expired_free_text() == 3
        assert tasks.delete_expired_free_text() == 0
    assert Activity.objects.filter(kind="feedback.free_text_deleted").count() == 1


def test_each_form_keeps_its_own_period(project, survey):
    short, q_short = survey
    long, q_long = results_form(project, retention_days=365)
    respond(short, q_short, on=START, text="Kort")
    respond(long, q_long, on=START, text="Lang")
    with at(noon(START + timedelta(days=100))):
        tasks.delete_expired_free_text()
    assert set(Answer.objects.exclude(text="").values_list("text", flat=True)) == {"Lang"}


def test_the_task_runs_daily_on_beat():
    entry = settings.CELERY_BEAT_SCHEDULE["feedback-delete-expired-free-text"]
    assert entry["task"] == "feedback.tasks.delete_expired_free_text"
    schedule = entry["schedule"]
    assert isinstance(schedule, crontab)
    assert len(schedule.hour) == 1 and len(schedule.minute) == 1
    assert schedule.day_of_week == set(range(7))
