"""Satisfaction over time on the dashboards: small groups are left out (G2),
months are whole, and the cached groups are counted again when answers change."""

from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from feedback import dashboard, services
from feedback.models import MIN_GROUP
from feedback.submission import Submission, store
from tests.factories import FormFactory, ProjectFactory, QuestionFactory
from tests.reports.dashboard_data import organisation_url, panel, project_url, respond

pytestmark = pytest.mark.django_db

SATISFACTION = "feedback/dashboard.html#satisfaction"


def months(response) -> dict[date, object]:
    return {row["month"]: row["average"] for row in panel(response, SATISFACTION)["months"]}


@pytest.fixture
def question(project):
    return QuestionFactory(form=FormFactory(project=project), kind="satisfaction")


def test_a_question_s_month_with_fewer_than_five_answers_is_left_out(
    client_for, cast, project, question
):
    respond(question, date(2026, 3, 3), [5] * MIN_GROUP)
    respond(question, date(2026, 4, 3), [1] * (MIN_GROUP - 1))
    other = QuestionFactory(form=question.form, kind="satisfaction")
    respond(other, date(2026, 3, 20), [1, 1])  # same month, another question: too few
    response = client_for(cast.admin).get(project_url(project))
    data = panel(response, SATISFACTION)
    assert months(response) == {date(2026, 3, 1): 5, date(2026, 4, 1): None}
    assert data["answers"] == MIN_GROUP
    assert data["left_out"] is True
    assert "Too few answers" in response.content.decode() or "For få svar" in (
        response.content.decode()
    )


def test_other_kinds_of_questions_are_not_satisfaction(client_for, cast, project, question):
    respond(question, date(2026, 3, 3), [4] * 5)
    yes_no = QuestionFactory(form=question.form, kind="yes_no")
    respond(yes_no, date(2026, 3, 3), [1] * 10)
    assert months(client_for(cast.admin).get(project_url(project))) == {date(2026, 3, 1): 4}


def test_no_figure_of_a_period_reveals_a_few_answers_by_difference(
    client_for, cast, project, question
):
    """Two periods that differ by a few days show the same whole months."""
    respond(question, date(2026, 3, 1), [5] * 6)
    respond(question, date(2026, 3, 31), [1, 1])
    client = client_for(cast.admin)
    whole = panel(
        client.get(project_url(project, start="01.03.2026", end="31.03.2026")), SATISFACTION
    )
    cut = panel(
        client.get(project_url(project, start="01.03.2026", end="30.03.2026")), SATISFACTION
    )
    assert whole["answers"] == cut["answers"] == 8
    assert whole["average"] == cut["average"]


def test_a_filter_adds_or_removes_whole_groups_of_at_least_five(
    client_for, cast, project, question
):
    respond(question, date(2026, 3, 3), [5] * 6)
    small = ProjectFactory(organisation=cast.organisation, service_area="helse")
    few = QuestionFactory(form=FormFactory(project=small), kind="satisfaction")
    respond(few, date(2026, 3, 4), [1, 1, 1])
    client = client_for(cast.admin)
    everything = panel(client.get(organisation_url(cast.organisation)), SATISFACTION)
    own_area = panel(
        client.get(organisation_url(cast.organisation, service_area=project.service_area)),
        SATISFACTION,
    )
    assert everything["answers"] == own_area["answers"] == 6


def test_at_most_three_years_of_months_are_shown(client_for, cast, project, question):
    for year in range(2021, 2027):
        respond(question, date(year, 6, 1), [3] * 5)
    data = panel(client_for(cast.admin).get(project_url(project)), SATISFACTION)
    assert len(data["months"]) == dashboard.MAX_MONTHS
    assert data["cut"] is True
    assert data["months"][-1]["month"] == date(2026, 6, 1)


# --- The cache ----------------------------------------------------------------------------------


def aggregate_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return sum(1 for q in queries.captured_queries if "feedback_answer" in q["sql"])


def test_the_groups_are_counted_once_and_then_read_from_the_cache(
    client_for, cast, project, question
):
    respond(question, date(2026, 3, 3), [4] * 5)
    client = client_for(cast.admin)
    assert aggregate_queries(client, project_url(project)) == 1
    assert aggregate_queries(client, project_url(project)) == 0
    assert aggregate_queries(client, organisation_url(cast.organisation)) == 0
    cached = cache.get(
        dashboard._groups_key(project.pk, cache.get(dashboard._version_key(project.pk)))
    )
    assert cached == [(question.pk, date(2026, 3, 1), 20, 5)]  # values, never HTML


def test_a_resident_s_answer_is_counted_on_the_next_request(
    client_for, cast, project, question, django_capture_on_commit_callbacks
):
    respond(question, timezone.localdate(), [4] * 5)
    client = client_for(cast.admin)
    assert panel(client.get(project_url(project)), SATISFACTION)["answers"] == 5
    with django_capture_on_commit_callbacks(execute=True):
        store(question.form, [question], Submission(values={question.pk: 1}), "nb")
    data = panel(client.get(project_url(project)), SATISFACTION)
    assert data["answers"] == 6
    assert data["average"] == round(sum([4] * 5 + [1]) / 6, 1)


def test_a_deleted_form_is_no_longer_counted(
    client_for, cast, project, question, django_capture_on_commit_callbacks
):
    respond(question, date(2026, 3, 3), [4] * 5)
    kept = QuestionFactory(form=FormFactory(project=project), kind="satisfaction")
    respond(kept, date(2026, 3, 3), [2] * 5)
    client = client_for(cast.admin)
    assert panel(client.get(project_url(project)), SATISFACTION)["answers"] == 10
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_form(question.form, by=cast.facilitator)
    assert months(client.get(project_url(project))) == {date(2026, 3, 1): 2}


def test_one_project_s_new_answers_leave_the_others_cached(
    client_for, cast, project, question, django_capture_on_commit_callbacks
):
    respond(question, date(2026, 3, 3), [4] * 5)
    other = ProjectFactory(organisation=cast.organisation)
    theirs = QuestionFactory(form=FormFactory(project=other), kind="satisfaction")
    respond(theirs, date(2026, 3, 3), [3] * 5)
    client = client_for(cast.admin)
    url = organisation_url(cast.organisation)
    client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        store(theirs.form, [theirs], Submission(values={theirs.pk: 5}), "nb")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    counted = [q["sql"] for q in queries.captured_queries if "feedback_answer" in q["sql"]]
    assert len(counted) == 1
    assert f"IN ({other.pk})" in counted[0]
    # Today's one answer is a month of its own, too small to show.
    assert panel(response, SATISFACTION)["left_out"] is True
