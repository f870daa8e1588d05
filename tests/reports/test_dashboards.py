"""The dashboards: their numbers agree with the apps' own pages, the filters
change what is counted, bad filters give a message and never a 500, another
organisation's data never shows, and each role sees what it may."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from ideas.benefits import benefits
from ideas.models import Idea, Stage
from projects.models import ProjectRole, ProjectStatus
from tests.factories import (
    ActionFactory,
    IdeaFactory,
    MembershipFactory,
    PartnershipFactory,
    ProjectFactory,
    TeamMemberFactory,
)
from tests.reports.dashboard_data import busy_project, organisation_url, panel, project_url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

FUNNEL = "ideas/dashboard.html#funnel"
BENEFITS = "ideas/dashboard.html#benefits"
OVERDUE = "ideas/dashboard.html#overdue"
PHASES = "projects/dashboard.html#phases"
GOALS = "projects/dashboard.html#goals"
WASTE = "processes/dashboard.html#waste"
SATISFACTION = "feedback/dashboard.html#satisfaction"


@pytest.fixture
def busy(cast):
    return busy_project(cast.organisation, title="Raskere byggesak", facilitator=cast.facilitator)


def funnel_counts(response) -> dict[str, int]:
    data = panel(response, FUNNEL)
    return {row["stage"]: row["count"] for row in data["rows"] + data["beside"]}


# --- The numbers are the apps' own -------------------------------------------------------


def test_the_benefits_are_those_of_the_project_s_benefits_page(client_for, cast, busy):
    client = client_for(cast.admin)
    page = client.get(reverse("ideas:benefits", args=[cast.organisation.slug, busy.pk]))
    own = page.context["benefits"]
    for response in (
        client.get(project_url(busy)),
        client.get(organisation_url(cast.organisation)),
    ):
        assert panel(response, BENEFITS)["benefits"] == own
    assert own.expected.hours == Decimal("72.5")  # select + implement + done
    assert own.expected.nok == Decimal("8500.50")
    assert own.realised.hours == Decimal("35.5")
    assert own.expected.ftes == Decimal("0.04")


def test_the_organisation_s_benefits_add_up_its_projects(client_for, cast, busy):
    other = busy_project(cast.organisation, title="Vaktplan")
    IdeaFactory(project=other, stage=Stage.DONE, expected_hours=3, realised_hours=2)
    response = client_for(cast.admin).get(organisation_url(cast.organisation))
    assert panel(response, BENEFITS)["benefits"] == benefits(list(Idea.objects.all()))
    assert panel(response, BENEFITS)["benefits"].realised.hours == Decimal("73")


def test_the_idea_funnel_counts_what_the_idea_board_counts(client_for, cast, busy):
    IdeaFactory.create_batch(3, project=busy, stage=Stage.DEVELOP)
    client = client_for(cast.facilitator)
    board = client.get(reverse("ideas:board", args=[cast.organisation.slug, busy.pk]))
    on_board = {c["stage"]: c["count"] for c in board.context["columns"] + board.context["beside"]}
    assert funnel_counts(client.get(project_url(busy))) == on_board
    assert on_board[Stage.DEVELOP] == 4


def test_waste_minutes_are_the_analysis_page_s(client_for, cast, busy):
    client = client_for(cast.facilitator)
    analysis = client.get(reverse("processes:analysis", args=[cast.organisation.slug, busy.pk]))
    own = {code: f.minutes for code, f in analysis.context["figures"].waste_by_type.items()}
    rows = panel(client.get(project_url(busy)), WASTE)["rows"]
    assert {row["code"]: row["minutes"] for row in rows} == own
    assert own["waiting"] == 480 + 15 and own["defects"] == 15


def test_waste_adds_up_the_current_maps_and_leaves_future_maps_and_deleted_steps_out(
    client_for, cast, busy
):
    from processes.models import MapKind, ProcessMap, Step

    current = ProcessMap.objects.get(project=busy)
    future = ProcessMap.objects.create(
        project=busy, name="I morgen", kind=MapKind.FUTURE, based_on=current
    )
    lane = current.lanes.first()
    Step.objects.create(
        map=future, lane=lane, title="Ny", waiting_minutes=99, waste_types=["waiting"]
    )
    Step.objects.create(
        map=current,
        lane=lane,
        title="Borte",
        waiting_minutes=7,
        waste_types=["waiting"],
        deleted_at=timezone.now(),
    )
    gone = current.lanes.create(name="Slettet bane", order=9, deleted_at=timezone.now())
    Step.objects.create(
        map=current, lane=gone, title="I slettet bane", waiting_minutes=11, waste_types=["waiting"]
    )
    busy_project(cast.organisation, title="Vaktplan")
    response = client_for(cast.admin).get(organisation_url(cast.organisation))
    rows = {row["code"]: row["minutes"] for row in panel(response, WASTE)["rows"]}
    assert rows["waiting"] == 2 * 495
    assert panel(response, WASTE)["maps"] == 2


def test_overdue_actions_are_open_and_past_due_most_overdue_first(client_for, cast, busy):
    today = timezone.localdate()
    for days in range(1, 13):
        ActionFactory(
            project=busy, due_date=today - timedelta(days=days * 2), what=f"Gammel {days}"
        )
    data = panel(client_for(cast.admin).get(organisation_url(cast.organisation)), OVERDUE)
    assert data["count"] == 12 + 2
    assert len(data["rows"]) == 10
    assert [row["days"] for row in data["rows"]][:3] == [30, 24, 22]
    first = data["rows"][0]
    assert first["url"] == (
        reverse("ideas:action_plan", args=[cast.organisation.slug, busy.pk])
        + f"#action-{first['action'].pk}"
    )
    assert first["project"] == "Raskere byggesak"


def test_goals_show_baseline_target_and_the_latest_measurement(client_for, cast, busy):
    response = client_for(cast.facilitator).get(project_url(busy))
    rows = panel(response, GOALS)["rows"]
    measured = rows[0]
    assert measured["goal"].latest == Decimal(45)
    assert measured["percent"] == 50
    assert "from 60 to 45 days, target 30 days" in measured["text"]
    assert rows[1]["percent"] is None
    assert panel(response, GOALS)["counts"] == {
        "total": 2,
        "reached": 0,
        "underway": 1,
        "not_better": 0,
        "not_measured": 1,
    }
    html = response.content.decode()
    assert 'role="img"' in html and "<title>" in html


def test_satisfaction_is_the_average_per_month(client_for, cast, busy):
    data = panel(client_for(cast.admin).get(project_url(busy)), SATISFACTION)
    months = {row["month"]: row["average"] for row in data["months"]}
    assert months == {date(2026, 3, 1): Decimal("4.0"), date(2026, 4, 1): Decimal("3.0")}
    assert data["answers"] == 11
    assert data["average"] == Decimal("3.5")  # (20 + 18) / 11


def test_projects_by_phase_counts_the_projects_in_view(client_for, cast, busy):
    ProjectFactory(organisation=cast.organisation, phase=4)
    ProjectFactory(organisation=cast.organisation, phase=4, status=ProjectStatus.FINISHED)
    data = panel(client_for(cast.leader).get(organisation_url(cast.organisation)), PHASES)
    counts = {row["number"]: row["count"] for row in data["rows"]}
    assert counts[0] == 1 and counts[4] == 2 and data["total"] == 3


# --- Filters ------------------------------------------------------------------------------


def test_the_service_area_filter_counts_only_that_area(client_for, cast, busy):
    busy_project(cast.organisation, title="Hjemmetjenesten", service_area="pleie_omsorg")
    client = client_for(cast.admin)
    everything = client.get(organisation_url(cast.organisation))
    care = client.get(organisation_url(cast.organisation, service_area="pleie_omsorg"))
    assert panel(everything, PHASES)["total"] == 2
    assert panel(care, PHASES)["total"] == 1
    assert funnel_counts(care)[Stage.COLLECT] == 1
    assert funnel_counts(everything)[Stage.COLLECT] == 2
    assert panel(care, OVERDUE)["count"] == 2
    assert panel(care, SATISFACTION)["answers"] == 11
    assert [row["project"] for row in panel(care, OVERDUE)["rows"]] == ["Hjemmetjenesten"] * 2


def test_the_status_filter_counts_only_projects_with_that_status(client_for, cast, busy):
    busy_project(cast.organisation, title="Ferdig", status=ProjectStatus.FINISHED)
    client = client_for(cast.admin)
    finished = client.get(organisation_url(cast.organisation, status="finished"))
    assert panel(finished, PHASES)["total"] == 1
    assert panel(finished, BENEFITS)["benefits"].expected.hours == Decimal("72.5")
    active = client.get(organisation_url(cast.organisation, status="active"))
    assert [row["project"] for row in panel(active, OVERDUE)["rows"]] == ["Raskere byggesak"] * 2


def test_the_period_counts_what_happened_in_it(client_for, cast, busy):
    old = datetime(2025, 6, 1, 12, tzinfo=UTC)
    Idea.objects.filter(project=busy, stage=Stage.DONE).update(created_at=old)
    client = client_for(cast.admin)
    march = client.get(project_url(busy, start="01.03.2026", end="15.03.2026"))
    assert funnel_counts(march) == dict.fromkeys(Stage.values, 0)
    # Whole months of answers: the 15th still counts March.
    assert [row["month"] for row in panel(march, SATISFACTION)["months"]] == [date(2026, 3, 1)]
    assert panel(march, GOALS)["rows"][0]["goal"].latest == Decimal(50)
    last_year = client.get(project_url(busy, start="01.01.2025", end="31.12.2025"))
    assert funnel_counts(last_year)[Stage.DONE] == 1
    assert panel(last_year, BENEFITS)["benefits"].realised.hours == Decimal("35.5")
    assert panel(last_year, SATISFACTION)["months"] == []
    assert panel(last_year, OVERDUE)["count"] == 0


def test_the_period_counts_the_projects_that_ran_in_it(client_for, cast, busy):
    ProjectFactory(
        organisation=cast.organisation,
        start_date=date(2024, 1, 1),
        planned_end_date=date(2024, 6, 1),
        status=ProjectStatus.FINISHED,
    )
    ProjectFactory(
        organisation=cast.organisation,
        start_date=date(2024, 1, 1),
        planned_end_date=date(2024, 6, 1),
        status=ProjectStatus.ACTIVE,  # late, and still running
    )
    client = client_for(cast.admin)
    assert panel(client.get(organisation_url(cast.organisation)), PHASES)["total"] == 3
    in_2026 = client.get(organisation_url(cast.organisation, start="01.01.2026", end="31.12.2026"))
    assert panel(in_2026, PHASES)["total"] == 2
    in_2023 = client.get(organisation_url(cast.organisation, end="31.12.2023"))
    assert panel(in_2023, PHASES)["total"] == 0


@pytest.mark.parametrize(
    "query",
    [
        {"start": "31.02.2026"},
        {"start": "i går"},
        {"end": "2026-13-01"},
        {"start": "01.06.2026", "end": "01.01.2026"},
        {"start": "\x00"},
        {"start": "9" * 500},
    ],
)
def test_a_period_that_cannot_be_read_gives_a_message_over_the_whole_dashboard(
    client_for, cast, busy, query
):
    client = client_for(cast.admin)
    unfiltered = client.get(organisation_url(cast.organisation))
    response = client.get(organisation_url(cast.organisation, **query))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary" role="alert"' in html
    assert "shown without the filters that could not be read" in html
    assert funnel_counts(response) == funnel_counts(unfiltered)
    assert panel(response, SATISFACTION)["months"] == panel(unfiltered, SATISFACTION)["months"]
    assert client.get(project_url(busy, **query)).status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        {"start": "01.01.0001", "end": "31.12.9999"},
        {"start": "31.12.9999"},
        {"end": "01.01.0001"},
        {"service_area": "x" * 5000, "status": "\x00"},
        {"start": ["01.01.2026", "02.01.2026"]},
    ],
)
def test_far_periods_and_odd_values_never_fail(client_for, cast, busy, query):
    client = client_for(cast.admin)
    assert client.get(organisation_url(cast.organisation, **query)).status_code == 200
    assert client.get(project_url(busy, **query)).status_code == 200


def test_an_end_before_the_start_is_named(client_for, cast, busy):
    response = client_for(cast.admin).get(project_url(busy, start="01.06.2026", end="01.01.2026"))
    assert "The end of the period must be on or after its start." in response.content.decode()


def test_an_unknown_service_area_or_status_is_named_and_left_out(client_for, cast, busy):
    client = client_for(cast.admin)
    response = client.get(organisation_url(cast.organisation, service_area="måne", status="x"))
    assert response.status_code == 200
    assert 'class="error-summary" role="alert"' in response.content.decode()
    assert panel(response, PHASES)["total"] == 1


def test_valid_filters_are_kept_beside_one_that_cannot_be_read(client_for, cast, busy):
    busy_project(cast.organisation, title="Hjemmetjenesten", service_area="pleie_omsorg")
    response = client_for(cast.admin).get(
        organisation_url(cast.organisation, service_area="pleie_omsorg", start="nope")
    )
    assert panel(response, PHASES)["total"] == 1


# --- Isolation and access -------------------------------------------------------------------


def test_another_organisation_s_data_never_appears(client_for, cast, busy):
    theirs = busy_project(cast.other_organisation, title="Hemmelig prosjekt")
    ActionFactory(project=theirs, due_date=date(2020, 1, 1), what="Hemmelig tiltak")
    # Even a project of theirs with the cast's organisation as an accepted partner
    # belongs to its owner's dashboard.
    PartnershipFactory(project=theirs, organisation=cast.organisation)
    TeamMemberFactory(
        project=theirs,
        user=cast.admin,
        organisation=cast.organisation,
        role=ProjectRole.EXTERNAL_PARTNER,
    )
    client = client_for(cast.admin)
    mine = client.get(organisation_url(cast.organisation))
    html = mine.content.decode()
    assert "Hemmelig" not in html
    assert panel(mine, PHASES)["total"] == 1
    assert panel(mine, OVERDUE)["count"] == 2
    assert funnel_counts(mine)[Stage.COLLECT] == 1
    assert panel(mine, SATISFACTION)["answers"] == 11
    assert {row["code"]: row["minutes"] for row in panel(mine, WASTE)["rows"]}["waiting"] == 495
    # The same ids through the cast's organisation's address: not found.
    assert (
        client.get(
            reverse("reports:project_dashboard", args=[cast.organisation.slug, theirs.pk])
        ).status_code
        == 404
    )


def test_a_facilitator_counts_the_projects_on_whose_team_they_are(client_for, cast, busy):
    busy_project(cast.organisation, title="Ikke mitt")
    facilitator = client_for(cast.facilitator).get(organisation_url(cast.organisation))
    assert panel(facilitator, PHASES)["total"] == 1
    assert "Ikke mitt" not in facilitator.content.decode()
    leader = client_for(cast.leader).get(organisation_url(cast.organisation))
    assert panel(leader, PHASES)["total"] == 2


@pytest.mark.parametrize("role", [Role.ADMIN, Role.LEADER, Role.FACILITATOR])
def test_leaders_admins_and_facilitators_find_the_dashboard_in_the_menu(client_for, cast, role):
    html = client_for(cast.by_role(role)).get(cast.organisation.get_absolute_url()).content.decode()
    assert f'href="{organisation_url(cast.organisation)}"' in html


def test_employees_neither_find_nor_open_the_organisation_dashboard(client_for, cast):
    client = client_for(cast.employee)
    assert (
        f'href="{organisation_url(cast.organisation)}"'
        not in client.get(cast.organisation.get_absolute_url()).content.decode()
    )
    assert client.get(organisation_url(cast.organisation)).status_code == 403


def test_everyone_who_sees_the_project_finds_its_dashboard_on_the_project_s_menu(
    client_for, cast, busy
):
    observer = MembershipFactory(organisation=cast.organisation).user
    TeamMemberFactory(project=busy, user=observer, role=ProjectRole.OBSERVER)
    client = client_for(observer)
    assert f'href="{project_url(busy)}"' in client.get(busy.get_absolute_url()).content.decode()
    response = client.get(project_url(busy))
    assert response.status_code == 200
    assert b'aria-current="page">Dashboard</a>' in response.content


def test_the_project_dashboard_has_no_organisation_only_panels(client_for, cast, busy):
    response = client_for(cast.facilitator).get(project_url(busy))
    templates = [p.template for p in response.context["panels"]]
    assert PHASES not in templates
    assert templates == [GOALS, WASTE, SATISFACTION, FUNNEL, BENEFITS, OVERDUE]


def test_a_project_with_nothing_yet_has_a_dashboard_that_says_so(client_for, cast, project):
    response = client_for(cast.facilitator).get(project_url(project))
    html = response.content.decode()
    for text in (
        "No goals set yet.",
        "No current-state map yet.",
        "No satisfaction answers to show.",
        "No ideas yet.",
        "No open action is past its due date.",
    ):
        assert text in html
    assert "<svg" not in html


def test_an_organisation_without_projects_has_a_dashboard(client_for, cast):
    response = client_for(cast.admin).get(organisation_url(cast.organisation))
    assert response.status_code == 200
    assert "No projects match the filters." in response.content.decode()


def test_the_dashboards_answer_get_only_and_nothing_is_cached_as_html(client_for, cast, busy):
    client = client_for(cast.admin)
    assert client.post(organisation_url(cast.organisation)).status_code == 405
    response = client.get(organisation_url(cast.organisation))
    assert "no-store" in response["Cache-Control"]


def test_a_renamed_person_reads_under_the_new_name_at_once(client_for, cast, busy):
    from ideas.models import Action

    action = Action.objects.filter(project=busy, status="planned").order_by("due_date").first()
    action.owner = cast.employee
    action.save()
    client = client_for(cast.admin)
    assert "Mona Medarbeider" in client.get(organisation_url(cast.organisation)).content.decode()
    cast.employee.full_name = "Tidligere navn borte"
    cast.employee.save()
    html = client.get(organisation_url(cast.organisation)).content.decode()
    assert "Mona Medarbeider" not in html and "Tidligere navn borte" in html
