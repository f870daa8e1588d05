"""Making a future-state map and comparing it with today's map."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from processes import services
from processes.models import MapChange, MapKind, ProcessMap, Step
from processes.views.compare import change_summary, future_name, kpi_rows, signed
from projects.models import ProjectRole
from tests.factories import (
    LaneFactory,
    ProcessMapFactory,
    ProjectFactory,
    StepFactory,
    TeamMemberFactory,
)
from tests.test_double_submits import concurrent_db  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


DAY = 450


@pytest.fixture
def today(project):
    """Søker → servicetorget → saksbehandler → servicetorget: 3 hand-offs,
    62 working days of lead time, 400 cases a year."""
    process_map = ProcessMapFactory(project=project, name="Byggesak i dag", yearly_volume=400)
    applicant = LaneFactory(map=process_map, name="Søker")
    desk = LaneFactory(map=process_map, name="Servicetorget")
    officer = LaneFactory(map=process_map, name="Saksbehandler")
    for title, lane, processing, waiting, value_class in (
        ("Sende søknad", applicant, 60, 0, "value_adding"),
        ("Registrere søknad", desk, 30, 10 * DAY, "necessary"),
        ("Purre vedlegg", officer, 60, 20 * DAY, "waste"),
        ("Fatte vedtak", desk, 120, 30 * DAY, "value_adding"),
    ):
        StepFactory(
            map=process_map,
            lane=lane,
            title=title,
            processing_minutes=processing,
            waiting_minutes=waiting,
            value_class=value_class,
        )
    return process_map


def future_of(today, by=None):
    future = services.copy_to_future(today, by=by, name="Byggesak – ønsket")
    steps = {s.title: s for s in Step.objects.filter(map=future)}
    services.delete_step(steps["Purre vedlegg"], version=future.version, by=by)
    services.edit_step(
        steps["Fatte vedtak"], version=future.version, by=by, waiting_minutes=10 * DAY
    )
    services.add_step(
        future,
        version=future.version,
        by=by,
        lane=steps["Sende søknad"].lane,
        title="Få kvittering",
    )
    return future


def test_make_future_asks_for_a_name_then_copies_and_opens_its_board(client_for, cast, today):
    client = client_for(cast.facilitator)
    url = reverse("processes:make_future", args=[cast.organisation.slug, today.pk])
    with translation.override("en"):
        page = client.get(url)
    assert page.status_code == 200
    assert "Byggesak – future state" in page.content.decode()
    token = page.context["form"].initial["token"]
    response = client.post(url, {"name": "Byggesak i morgen", "token": token})
    future = ProcessMap.objects.get(kind=MapKind.FUTURE)
    assert response.status_code == 302
    assert response["Location"] == f"/o/{cast.organisation.slug}/maps/{future.pk}/"
    assert future.based_on == today and future.name == "Byggesak i morgen"
    assert Step.objects.filter(map=future).count() == 4
    assert all(s.origin.map_id == today.pk for s in Step.objects.filter(map=future))


def test_a_double_clicked_make_future_makes_one_map(client_for, cast, today):
    client = client_for(cast.facilitator)
    url = reverse("processes:make_future", args=[cast.organisation.slug, today.pk])
    data = {"name": "Byggesak i morgen", "token": "a" * 32}
    first, second = client.post(url, data), client.post(url, data)
    assert first["Location"] == second["Location"]
    assert ProcessMap.objects.filter(kind=MapKind.FUTURE).count() == 1
    assert MapChange.objects.filter(map=today, action="future_made").count() == 1
    # Another form (another token) makes another future map: that is on purpose.
    client.post(url, {**data, "token": "b" * 32})
    assert ProcessMap.objects.filter(kind=MapKind.FUTURE).count() == 2


def test_a_future_map_cannot_be_copied_again(client_for, cast, today):
    future = services.copy_to_future(today, by=None, name="Ønsket")
    url = reverse("processes:make_future", args=[cast.organisation.slug, future.pk])
    client = client_for(cast.facilitator)
    with translation.override("en"):
        page = client.get(url)
        assert "This is a future-state map" in page.content.decode()
        response = client.post(url, {"name": "Igjen", "token": "c" * 32})
    assert response.status_code == 409
    assert ProcessMap.objects.filter(kind=MapKind.FUTURE).count() == 1


def test_a_future_map_based_on_another_projects_map_is_refused(today):
    other = ProjectFactory(organisation=today.project.organisation)
    with pytest.raises(Exception) as refused:
        services.create_map(other, by=None, name="Feil", kind=MapKind.FUTURE, based_on=today)
    assert refused.type.__name__ == "ValidationError"


def test_an_empty_name_is_refused_with_the_field_named(client_for, cast, today):
    url = reverse("processes:make_future", args=[cast.organisation.slug, today.pk])
    response = client_for(cast.facilitator).post(url, {"name": " ", "token": "d" * 32})
    assert response.status_code == 422
    assert "name" in response.context["form"].errors
    assert not ProcessMap.objects.filter(kind=MapKind.FUTURE).exists()


def test_observers_may_not_make_a_future_map(client_for, cast, today):
    TeamMemberFactory(project=today.project, user=cast.employee, role=ProjectRole.OBSERVER)
    url = reverse("processes:make_future", args=[cast.organisation.slug, today.pk])
    assert client_for(cast.employee).post(url, {"name": "x", "token": "e"}).status_code == 403


def test_compare_figures(client_for, cast, today, settings):
    future = future_of(today)
    url = reverse("processes:compare", args=[cast.organisation.slug, future.pk])
    settings.LANGUAGE_CODE = "nb"  # the page in bokmål: decimal commas
    response = client_for(cast.facilitator).get(url)
    assert response.status_code == 200
    with translation.override("en"):
        kpis = {
            str(row["label"]): dict(row, verdict=str(row["verdict"]))
            for row in response.context["kpis"]
        }
    lead = kpis["Lead time"]
    # Today: 270 min + 60 days; future: 210 min + 20 days.
    assert (lead["before"], lead["after"]) == (Decimal("60.6"), Decimal("20.5"))
    assert lead["change"].startswith("−40,1 ") and str(lead["verdict"]) == "bedre"
    hand_offs = kpis["Hand-offs"]
    assert (hand_offs["before"], hand_offs["after"], hand_offs["change"]) == (3, 2, "−1")
    assert str(hand_offs["verdict"]) == "bedre"
    steps = kpis["Steps"]
    assert (steps["change"], str(steps["verdict"])) == ("0", "uendret")
    flow = kpis["Flow efficiency"]
    assert flow["before"] < flow["after"] and str(flow["verdict"]) == "bedre"
    # 400 cases × (270 − 210 processing minutes) / 60 = 400 hours a year freed.
    assert response.context["freed_hours"] == "400"
    statuses = {row["step"].title: row["status"] for row in response.context["rows"]}
    assert statuses == {
        "Sende søknad": "kept",
        "Registrere søknad": "kept",
        "Fatte vedtak": "changed",
        "Få kvittering": "new",
    }
    assert [s.title for s in response.context["removed"]] == ["Purre vedlegg"]
    body = response.content.decode()
    assert body.count("<svg") == 3  # the time bars and both maps
    assert "60,6" in body and "20,5" in body and "−40,1" in body


@pytest.mark.parametrize(
    "name",
    [
        "Byggesak i dag",
        "Byggesak – i dag",
        "Byggesak – nåsituasjon",
        "Byggesak (nåsituasjon)",
        "Byggesak - today",
        "Byggesak",
    ],
)
def test_the_future_map_s_name_does_not_say_today(name):
    assert future_name(name) == "Byggesak – future state"


def test_a_name_that_is_only_today_is_kept():
    assert future_name("I dag") == "I dag – future state"


def test_the_changes_are_counted_in_singular_and_plural():
    counts = {"new": 1, "changed": 2, "kept": 0}
    assert change_summary(counts, 1) == (
        "1 new step, 2 changed steps, 0 unchanged steps, 1 removed step."
    )


def test_compare_writes_units_and_offers_both_drawings(client_for, cast, today):
    future = future_of(today)
    slug = cast.organisation.slug
    response = client_for(cast.facilitator).get(
        reverse("processes:compare", args=[slug, future.pk])
    )
    body = response.content.decode()
    assert reverse("processes:svg", args=[slug, today.pk]) in body
    assert reverse("processes:svg", args=[slug, future.pk]) in body
    kpis = {str(row["label"]): row for row in response.context["kpis"]}
    assert kpis["Hours per year"]["before_text"] == "1,800 h"
    assert kpis["Hours per year"]["change"] == "−400 h"
    assert kpis["FTEs"]["before_text"] == "1.06 FTEs"
    assert kpis["Flow efficiency"]["after_text"].endswith(" %")
    assert kpis["Lead time"]["after_text"] == "20.5 working days"
    assert re.search(r">400</p>\s*<p>hours per year freed · 0.24 FTEs<", body)
    assert kpis["FTEs"]["change"] == "−0.24 FTEs"


def test_signed_changes_read_as_text():
    with translation.override("nb"):
        assert signed(Decimal("-2.5")) == "−2,5"
    assert signed(3) == "+3"
    assert signed(0) == "0"
    assert signed(None) == "–"


def test_worse_is_said_in_words(today):
    from processes import metrics

    before = metrics.compute(Step.objects.filter(map=today))
    after = metrics.compute([*Step.objects.filter(map=today), StepFactory.build(lane_id=0)])
    rows = {str(row["label"]): row for row in kpi_rows(before, after)}
    assert str(rows["Hand-offs"]["verdict"]) == "worse"
    assert rows["Hand-offs"]["change"] == "+1"


def test_compare_of_a_current_map_points_to_making_a_future_map(client_for, cast, today):
    url = reverse("processes:compare", args=[cast.organisation.slug, today.pk])
    with translation.override("en"):
        response = client_for(cast.facilitator).get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert reverse("processes:make_future", args=[cast.organisation.slug, today.pk]) in body


@pytest.mark.usefixtures("concurrent_db")
def test_ten_concurrent_make_future_posts_make_one_map(cast):
    from tests.test_double_submits import post_at_once

    project = ProjectFactory(organisation=cast.organisation)
    TeamMemberFactory(project=project, user=cast.facilitator, role=ProjectRole.FACILITATOR)
    today = ProcessMapFactory(project=project)
    StepFactory(map=today, lane=LaneFactory(map=today))
    url = reverse("processes:make_future", args=[cast.organisation.slug, today.pk])
    statuses = post_at_once(cast.facilitator, url, {"name": "Ønsket", "token": "f" * 32})
    assert set(statuses) == {302}
    assert ProcessMap.objects.filter(kind=MapKind.FUTURE).count() == 1
