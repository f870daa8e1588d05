"""P3: a dashboard costs a fixed number of queries, whatever the number of
projects, goals, ideas, actions, steps and answers (tests/test_query_counts.py's
way: a cold cache, the first request of a signed-in person, 1 and 20+ items).
django-zeal fails a query per row; the exact counts fail a lost ``select_related``."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from ideas.models import Action
from tests.factories import (
    ActionFactory,
    GoalFactory,
    IdeaFactory,
    LaneFactory,
    MeasurementFactory,
    MembershipFactory,
    StepFactory,
)
from tests.reports.dashboard_data import busy_project, organisation_url, project_url, respond
from tests.test_query_counts import cold_queries

pytestmark = pytest.mark.django_db

N = [1, 21]


def owned_actions(project, n):
    today = timezone.localdate()
    for days in range(n):
        ActionFactory(
            project=project,
            due_date=today - timedelta(days=days + 1),
            owner=MembershipFactory(organisation=project.organisation).user,
        )


@pytest.mark.parametrize("n", N)
def test_organisation_dashboard(client_for, cast, n):
    for _ in range(n):
        project = busy_project(cast.organisation, facilitator=cast.facilitator)
        owned_actions(project, 2)
    assert Action.objects.filter(owner__isnull=False).count() == 2 * n
    # The 6 queries of any first organisation page (session, person with
    # memberships, remembering the organisation), then: the projects in view,
    # the goals with their latest measurement, the current maps' steps, the
    # satisfaction groups (cold cache), the ideas per stage with their
    # benefits, and the overdue actions with their count.
    assert cold_queries(client_for(cast.admin), organisation_url(cast.organisation)) == 12


@pytest.mark.parametrize("n", N)
def test_organisation_dashboard_of_a_facilitator_with_filters(client_for, cast, n):
    for _ in range(n):
        busy_project(cast.organisation, facilitator=cast.facilitator)
        busy_project(cast.organisation)
    url = organisation_url(
        cast.organisation, service_area="byggesak", status="active", start="01.01.2026"
    )
    assert cold_queries(client_for(cast.facilitator), url) == 12


@pytest.mark.parametrize("n", N)
def test_project_dashboard(client_for, cast, n):
    project = busy_project(cast.organisation, facilitator=cast.facilitator)
    owned_actions(project, n)
    process_map = project.process_maps.get()
    for _ in range(n):
        goal = GoalFactory(project=project)
        MeasurementFactory(goal=goal)
        IdeaFactory(project=project, stage="done", realised_hours=2)
        StepFactory(map=process_map, lane=LaneFactory(map=process_map), waste_types=["motion"])
    question = project.feedback_forms.get().questions.get()
    respond(question, date(2026, 5, 5), [4] * n)
    # Session, person, the project with the viewer's place on its team; then the
    # goals, the steps, the satisfaction groups, the ideas and the overdue actions.
    assert cold_queries(client_for(cast.facilitator), project_url(project)) == 8


def test_a_second_look_reads_the_satisfaction_from_the_cache(
    client_for, cast, django_assert_num_queries
):
    project = busy_project(cast.organisation, facilitator=cast.facilitator)
    client = client_for(cast.facilitator)
    client.get(project_url(project))
    # The session and the person come from the cache too: the project, its
    # goals, steps, ideas and overdue actions.
    with django_assert_num_queries(5):
        client.get(project_url(project))


def test_no_project_in_view_asks_for_nothing_more(client_for, cast):
    busy_project(cast.other_organisation)
    assert cold_queries(client_for(cast.admin), organisation_url(cast.organisation)) == 7
