import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from projects.models import Direction, Goal, Measurement, Unit
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
        ({"unit": "percent", "direction": "higher", "baseline": "80", "target": "120"}, "target"),
        ({"unit": "percent", "baseline": "150", "target": "50"}, "baseline"),
        ({"unit": "percent", "direction": "higher", "baseline": "-5", "target": "50"}, "baseline"),
    ],
)
def test_bad_goal_is_a_form_error_and_nothing_is_saved(client_for, cast, project, changes, field):
    response = client_for(cast.facilitator).post(create_url(project), goal_data(**changes))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Goal.objects.exists()


@pytest.mark.parametrize(
    ("baseline", "target", "saved"),
    [
        ("12,5", "7,25", (Decimal("12.5"), Decimal("7.25"))),
        ("12.5", "7.25", (Decimal("12.5"), Decimal("7.25"))),
        ("1 200,5", "1\xa0000", (Decimal("1200.5"), Decimal(1000))),
    ],
)
def test_goal_values_take_a_decimal_comma_and_spaces_between_thousands(
    client_for, cast, project, baseline, target, saved
):
    data = goal_data(baseline=baseline, target=target, baseline_date="31.01.2026")
    response = client_for(cast.facilitator).post(create_url(project), data)
    assert response.status_code == 302
    goal = Goal.objects.get()
    assert (goal.baseline, goal.target) == saved


def test_value_fields_are_text_fields_with_a_decimal_keypad(client_for, cast, project):
    goal = GoalFactory(project=project, baseline=Decimal("62.5"))
    client = client_for(cast.facilitator)
    form = client.get(project.url("goal_edit", goal.pk)).content.decode()
    goal_page = client.get(project.url("goal", goal.pk)).content.decode()
    for content, name in [(form, "baseline"), (form, "target"), (goal_page, "value")]:
        element = re.search(rf'<input [^>]*name="{name}"[^>]*>', content).group(0)
        assert 'type="text"' in element and 'inputmode="decimal"' in element, element
    assert 'value="62,5"' in form


def test_a_percentage_is_refused_outside_0_to_100_in_plain_words(client_for, cast, project):
    client = client_for(cast.facilitator)
    client.cookies["django_language"] = "en"
    data = goal_data(unit="percent", direction="higher", baseline="70", target="101")
    response = client.post(create_url(project), data)
    assert response.context["form"].errors["target"] == ["A percentage is between 0 and 100."]


def test_a_baseline_date_in_the_future_is_saved_with_a_warning(client_for, cast, project):
    client = client_for(cast.facilitator)
    next_month = timezone.localdate() + timedelta(days=30)
    response = client.post(
        create_url(project), goal_data(baseline_date=next_month.isoformat()), follow=True
    )
    goal = Goal.objects.get()
    assert goal.baseline_date == next_month
    warnings = [m for m in response.context["messages"] if m.level_tag == "warning"]
    assert len(warnings) == 1 and date_format(next_month) in str(warnings[0])
    response = client.post(project.url("goal_edit", goal.pk), goal_data(), follow=True)
    assert not [m for m in response.context["messages"] if m.level_tag == "warning"]


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


@pytest.mark.parametrize(
    ("typed", "value"), [("47,5", Decimal("47.5")), ("1 047,25", Decimal("1047.25"))]
)
def test_a_measurement_takes_a_decimal_comma(client_for, cast, project, typed, value):
    goal = GoalFactory(project=project, baseline=Decimal(2000), target=Decimal(10))
    client_for(cast.facilitator).post(measure_url(goal), {"date": "01.03.2026", "value": typed})
    assert Measurement.objects.get().value == value


@pytest.mark.parametrize(("typed", "saved"), [("100", True), ("99,5", True), ("100,5", False)])
def test_a_percentage_measurement_stays_within_0_to_100(client_for, cast, project, typed, saved):
    goal = GoalFactory(
        project=project, unit=Unit.PERCENT, direction=Direction.HIGHER, baseline=70, target=95
    )
    response = client_for(cast.facilitator).post(
        measure_url(goal), {"date": "01.03.2026", "value": typed}
    )
    assert Measurement.objects.exists() == saved
    if not saved:
        assert "value" in response.context["form"].errors


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


def test_goal_page_chart_has_dates_and_labels_in_the_reader_s_language(client_for, cast, project):
    goal = GoalFactory(project=project, baseline_date=date(2026, 1, 31))
    MeasurementFactory(goal=goal, date=date(2026, 11, 26), value=Decimal("42.5"))
    client = client_for(cast.facilitator)
    client.cookies["django_language"] = "en"
    content = client.get(project.url("goal", goal.pk)).content.decode()
    chart = content[content.index('<svg class="chart chart--trend"') : content.index("</svg>")]
    assert ">Target 30 days<" in chart and ">Baseline 60 days<" in chart
    assert ">31 Jan 2026<" in chart and ">26 Nov 2026<" in chart
    assert "style=" not in content


def test_deleting_a_goal_asks_first(client_for, cast, project):
    goal = GoalFactory(project=project)
    url = reverse("projects:goal_delete", args=[project.organisation.slug, project.pk, goal.pk])
    client = client_for(cast.facilitator)
    assert client.get(url).status_code == 200
    assert Goal.objects.exists()
    assert client.post(url).status_code == 302
    assert not Goal.objects.exists()
