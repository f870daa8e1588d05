from decimal import Decimal

import pytest
from django.urls import reverse

from projects.models import Direction, Goal, Measurement
from tests.factories import GoalFactory, MeasurementFactory


@pytest.mark.parametrize(
    ("direction", "baseline", "target", "value", "progress", "reached"),
    [
        (Direction.LOWER, 60, 30, 45, 50, False),  # 60 → 30 days, now 45: halfway
        (Direction.LOWER, 60, 30, 30, 100, True),
        (Direction.LOWER, 60, 30, 25, 117, True),  # beyond the target
        (Direction.LOWER, 60, 30, 66, -20, False),  # got worse
        (Direction.HIGHER, 70, 95, 80, 40, False),  # 70 → 95 %, now 80
        (Direction.HIGHER, 70, 95, 95, 100, True),
        (Direction.HIGHER, 70, 95, 60, -40, False),
    ],
)
def test_progress_towards_the_target_in_both_directions(
    direction, baseline, target, value, progress, reached
):
    goal = Goal(direction=direction, baseline=Decimal(baseline), target=Decimal(target))
    assert goal.progress_percent(Decimal(value)) == progress
    assert goal.is_reached(Decimal(value)) == reached


def goal_data(**changes):
    return {
        "name": "Saksbehandlingstid",
        "unit": "days",
        "direction": "lower",
        "baseline": "60",
        "baseline_date": "2026-01-31",
        "target": "30",
        **changes,
    }


def create_url(project):
    return reverse("projects:goal_create", args=[project.organisation.slug, project.pk])


def test_facilitator_adds_a_goal(client_for, cast, project):
    response = client_for(cast.facilitator).post(create_url(project), goal_data())
    assert response.status_code == 302
    goal = Goal.objects.get()
    assert (goal.baseline, goal.target, goal.project) == (60, 30, project)
    added = project.activities.filter(kind="projects.goal_added", data__goal="Saksbehandlingstid")
    assert added.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"target": "60"}, "target"),  # equal to the baseline
        ({"target": "70"}, "target"),  # lower is better, but the target is higher
        ({"direction": "higher", "target": "50"}, "target"),
        ({"baseline": "sixty"}, "baseline"),
        ({"baseline": "1e400"}, "baseline"),
        ({"baseline_date": ""}, "baseline_date"),
        ({"unit": "furlongs"}, "unit"),
    ],
)
def test_bad_goal_is_a_form_error_and_nothing_is_saved(client_for, cast, project, changes, field):
    response = client_for(cast.facilitator).post(create_url(project), goal_data(**changes))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Goal.objects.exists()


def measure_url(goal):
    return reverse(
        "projects:measurement_create",
        args=[goal.project.organisation.slug, goal.project.pk, goal.pk],
    )


def test_measurements_are_recorded_and_one_per_day(client_for, cast, project):
    goal = GoalFactory(project=project)
    client = client_for(cast.facilitator)
    client.post(measure_url(goal), {"date": "2026-03-01", "value": "50"})
    response = client.post(measure_url(goal), {"date": "2026-03-01", "value": "48"})
    assert response.status_code == 200  # asked first, nothing overwritten
    assert "Det finnes allerede en måling" in response.content.decode()
    assert 'type="checkbox" name="replace"' in response.content.decode()
    assert list(Measurement.objects.values_list("value", flat=True)) == [Decimal(50)]
    data = {"date": "2026-03-01", "value": "48", "replace": "on"}
    assert client.post(measure_url(goal), data).status_code == 302
    assert list(Measurement.objects.values_list("value", flat=True)) == [Decimal(48)]


def test_a_measurement_without_a_date_is_refused_with_a_message(client_for, cast, project):
    goal = GoalFactory(project=project)
    MeasurementFactory(goal=goal)
    response = client_for(cast.facilitator).post(measure_url(goal), {"date": "", "value": "40"})
    assert response.status_code == 200
    assert response.context["form"].errors["date"] == ["En måling må ha en dato."]
    assert Measurement.objects.count() == 1


def test_goal_page_shows_the_trend_as_an_accessible_svg(client_for, cast, project):
    goal = GoalFactory(project=project)
    MeasurementFactory(goal=goal, value=Decimal(45))
    response = client_for(cast.facilitator).get(
        reverse("projects:goal", args=[project.organisation.slug, project.pk, goal.pk])
    )
    content = response.content.decode()
    assert '<svg class="chart chart--trend"' in content and 'role="img"' in content
    assert "50 %" in content


def test_deleting_a_goal_asks_first(client_for, cast, project):
    goal = GoalFactory(project=project)
    url = reverse("projects:goal_delete", args=[project.organisation.slug, project.pk, goal.pk])
    client = client_for(cast.facilitator)
    assert client.get(url).status_code == 200
    assert Goal.objects.exists()
    assert client.post(url).status_code == 302
    assert not Goal.objects.exists()
