"""Project pages write dates and numbers as the reader does: 26.11.2026 and 12,5 in
bokmål and nynorsk, 26 November 2026 and 12.5 in English; forms take them the same way."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from projects.models import Project
from tests.factories import GoalFactory, MeasurementFactory
from tests.projects.test_projects import VALID


def field(content: str, name: str) -> str:
    """The <input> element of the named field."""
    return re.search(rf'<input [^>]*name="{name}"[^>]*>', content).group(0)


def test_project_pages_show_dates_as_day_month_year(client_for, cast, project):
    goal = GoalFactory(project=project, baseline_date=date(2026, 1, 31))
    MeasurementFactory(goal=goal, date=date(2026, 3, 2))
    client = client_for(cast.facilitator)
    overview = client.get(project.get_absolute_url()).content.decode()
    assert "05.01.2026 – 18.12.2026" in overview
    assert "31.01.2026" in overview and "02.03.2026" in overview  # the goals table
    listing = client.get(reverse("projects:list", args=[cast.organisation.slug])).content.decode()
    assert "05.01.2026 – 18.12.2026" in listing
    goal_page = client.get(project.url("goal", goal.pk)).content.decode()
    assert "31.01.2026" in goal_page and "02.03.2026" in goal_page


def test_english_pages_write_the_month_in_words(client_for, cast, project):
    client = client_for(cast.facilitator)
    client.cookies["django_language"] = "en"
    overview = client.get(project.get_absolute_url()).content.decode()
    assert "5 January 2026 – 18 December 2026" in overview


def test_the_activity_list_shows_date_and_time(client_for, cast, project):
    client = client_for(cast.facilitator)
    client.post(project.url("move_phase"), {"phase": 1})
    content = client.get(project.url("activity")).content.decode()
    times = re.findall(r"<time [^>]*>([^<]*)</time>", content)
    assert times and all(re.fullmatch(r"\d\d\.\d\d\.\d{4} \d\d:\d\d", t) for t in times), times


def test_date_fields_take_a_date_typed_by_hand(client_for, cast):
    client = client_for(cast.facilitator)
    data = {**VALID, "start_date": "2.2.2026", "planned_end_date": "18.12.2026"}
    response = client.post(reverse("projects:create", args=[cast.organisation.slug]), data)
    assert response.status_code == 302
    project = Project.objects.get()
    assert (project.start_date, project.planned_end_date) == (date(2026, 2, 2), date(2026, 12, 18))


def test_a_date_field_is_a_text_field_showing_day_month_year(client_for, cast, project):
    content = client_for(cast.facilitator).get(project.url("edit")).content.decode()
    start = field(content, "start_date")
    assert 'type="text"' in start and 'value="05.01.2026"' in start
    assert 'aria-describedby="id_start_date_helptext"' in start  # how to write a date


@pytest.fixture
def measured(project):
    goal = GoalFactory(
        project=project, name="Ventetid", baseline=Decimal("1212.5"), target=Decimal("7.25")
    )
    MeasurementFactory(goal=goal, value=Decimal("9.75"))
    return goal


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_numbers_show_with_a_decimal_comma_in_norwegian(
    client_for, cast, project, measured, language
):
    client = client_for(cast.facilitator)
    client.cookies["django_language"] = language
    for url in (project.get_absolute_url(), project.url("goal", measured.pk)):
        content = client.get(url).content.decode()
        assert "1\xa0212,5" in content and "7,25" in content and "9,75" in content, url
        for written in ("1212.5", "1212,5", "7.25", "9.75"):
            assert written not in content, (url, written)  # also not in the chart's text


def test_numbers_show_with_a_decimal_point_in_english(client_for, cast, project, measured):
    client = client_for(cast.facilitator)
    client.cookies["django_language"] = "en"
    for url in (project.get_absolute_url(), project.url("goal", measured.pk)):
        content = client.get(url).content.decode()
        assert "1,212.5" in content and "7.25" in content and "9.75" in content, url
        assert "7,25" not in content and "9,75" not in content, url


def test_the_timeline_writes_a_measured_value_as_the_reader_does(client_for, cast, project):
    goal = GoalFactory(project=project, name="Ventetid", baseline=Decimal(2000), target=Decimal(10))
    client = client_for(cast.facilitator)
    client.post(
        project.url("measurement_create", goal.pk), {"date": "2.3.2026", "value": "1 200,5"}
    )
    assert "1\xa0200,5 dager for «Ventetid»" in client.get(project.url("activity")).content.decode()
    client.cookies["django_language"] = "en"
    assert "1,200.5 days for «Ventetid»" in client.get(project.url("activity")).content.decode()
