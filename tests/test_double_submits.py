"""R7: double-clicks and 10 identical concurrent POSTs make one row and never a 500.

Every create is guarded by a database constraint; the requests that lose the
race get the same clear message as a plain duplicate (klean.db). The
concurrent test needs PostgreSQL (CI); SQLite's in-memory test database
serialises whole tables instead.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from accounts.models import Invitation
from processes.models import Step
from projects.models import Goal, Measurement, Project, ProjectRole, TeamMember
from tests.conftest import skip_or_fail
from tests.factories import (
    GoalFactory,
    LaneFactory,
    ProcessMapFactory,
    ProjectFactory,
    TeamMemberFactory,
)

CONCURRENT = 10


def post_at_once(user, url, data) -> list[int]:
    """Send the same POST from CONCURRENT clients at the same moment."""
    clients = []
    for _ in range(CONCURRENT):
        client = Client()
        client.force_login(user)
        clients.append(client)
    barrier = threading.Barrier(CONCURRENT)

    def send(client):
        try:
            barrier.wait()
            return client.post(url, data).status_code
        finally:
            connection.close()

    with ThreadPoolExecutor(CONCURRENT) as pool:
        return list(pool.map(send, clients))


@pytest.fixture
def concurrent_db(transactional_db):
    if connection.vendor != "postgresql":
        skip_or_fail("10 concurrent POSTs are tested against PostgreSQL (set DATABASE_URL)")


def create_project_data(title="Raskere byggesak"):
    return {
        "title": title,
        "kind": "pilot",
        "service_area": "byggesak",
        "process_name": "Behandling av byggesøknader",
        "process_start": "søknad mottatt",
        "process_end": "vedtak sendt",
        "start_date": "2026-03-02",
        "planned_end_date": "2026-12-18",
        "status": "active",
    }


def goal_data(name="Saksbehandlingstid"):
    return {
        "name": name,
        "unit": "days",
        "direction": "lower",
        "baseline": "60",
        "baseline_date": "2026-01-15",
        "target": "30",
    }


@pytest.fixture
def scene(cast):
    project = ProjectFactory(organisation=cast.organisation, title="Eksisterende")
    TeamMemberFactory(project=project, user=cast.facilitator, role=ProjectRole.FACILITATOR)
    return project


def cases(cast, project):
    """(url, data, count of rows that must end up being 1) per create form."""
    slug = cast.organisation.slug
    goal = GoalFactory(project=project, name="Ventetid")
    employee = cast.employee.memberships.get()
    process_map = ProcessMapFactory(project=project)
    lane = LaneFactory(map=process_map, name="Saksbehandler")
    return {
        "project": (
            reverse("projects:create", args=[slug]),
            create_project_data(),
            lambda: Project.objects.filter(title="Raskere byggesak").count(),
        ),
        "goal": (
            project.url("goal_create"),
            goal_data(),
            lambda: Goal.objects.filter(name="Saksbehandlingstid").count(),
        ),
        "measurement": (
            project.url("measurement_create", goal.pk),
            {"date": "2026-03-01", "value": "42"},
            lambda: Measurement.objects.filter(goal=goal).count(),
        ),
        "team member": (
            project.url("team_add"),
            {"membership": employee.pk, "role": ProjectRole.MEMBER},
            lambda: TeamMember.objects.filter(project=project, user=cast.employee).count(),
        ),
        "step": (
            reverse("processes:step_add", args=[slug, process_map.pk]),
            {"title": "Registrere søknad", "lane": lane.pk, "version": 1, "token": "form-1"},
            lambda: Step.objects.filter(map=process_map, title="Registrere søknad").count(),
        ),
        "invitation": (
            reverse("accounts:invite", args=[slug]),
            {"email": "ny@eksempel.no", "role": "employee"},
            lambda: Invitation.objects.open().filter(email="ny@eksempel.no").count(),
        ),
    }


CASES = ["project", "goal", "measurement", "team member", "step", "invitation"]


@pytest.mark.parametrize("case", CASES)
def test_a_double_click_makes_one_row_and_a_clear_message(client_for, cast, scene, case):
    url, data, count = cases(cast, scene)[case]
    user = cast.admin if case == "invitation" else cast.facilitator
    client = client_for(user)
    first = client.post(url, data)
    second = client.post(url, data)
    assert first.status_code == 302, case
    assert second.status_code in (200, 302), case
    assert count() == 1, case
    if second.status_code == 200:
        assert 'class="errorlist"' in second.content.decode(), case


@pytest.mark.parametrize("case", CASES)
def test_ten_identical_concurrent_posts_make_one_row_and_no_error(cast, scene, case, concurrent_db):
    url, data, count = cases(cast, scene)[case]
    user = cast.admin if case == "invitation" else cast.facilitator
    statuses = post_at_once(user, url, data)
    assert all(status < 500 for status in statuses), statuses
    assert count() == 1, (case, statuses)
    assert statuses.count(302) >= 1, statuses


def test_ten_concurrent_checklist_ticks_make_one_tick(cast, scene, concurrent_db):
    statuses = post_at_once(cast.facilitator, scene.url("checklist"), {"tick": "0:mandate:on"})
    assert all(status < 500 for status in statuses), statuses
    assert scene.ticks.count() == 1
    assert scene.activities.filter(kind="projects.ticked").count() == 1
