"""P3: every list and detail page costs a fixed number of queries, whatever N.

Counted on a cold cache (the first request, nothing cached: the session and
the signed-in user are loaded too), with 1 and with 20 items of what the page
lists. The N+1 detector in tests/settings.py (django-zeal) fails any page
that a test renders with a query per row; these tests pin the exact count, so
a removed ``select_related`` or prefetch fails one of them by name.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from projects.models import PartnershipStatus, ProjectRole
from projects.timeline import log
from tests.factories import (
    GoalFactory,
    InvitationFactory,
    MeasurementFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    ProjectFactory,
    TeamMemberFactory,
    UserFactory,
)

N = [1, 20]


def cold_queries(client, url) -> int:
    """Queries of one GET with nothing cached. The first organisation page a
    person opens also remembers that organisation (4 queries: the session's
    savepoint, update and release, and the person's last organisation)."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(queries)


def team_of(project, n, organisation=None):
    for _ in range(n):
        person = MembershipFactory(organisation=organisation or project.organisation).user
        TeamMemberFactory(
            project=project, user=person, organisation=organisation or project.organisation
        )


@pytest.mark.parametrize("n", N)
def test_organisation_home(client_for, cast, n):
    MembershipFactory.create_batch(n, organisation=cast.organisation)
    for _ in range(n):
        project = ProjectFactory(organisation=cast.organisation)
        TeamMemberFactory(project=project, user=cast.admin)
        MeasurementFactory(goal=GoalFactory(project=project))
        GoalFactory(project=project)
    url = cast.organisation.get_absolute_url()
    # An admin's home also lists every project with its goals (3 queries: the
    # partner projects, the projects, their goals with the latest value) and
    # counts the partnership requests waiting for an answer.
    assert cold_queries(client_for(cast.admin), url) == 12


@pytest.mark.parametrize("n", N)
def test_member_list(client_for, cast, n):
    MembershipFactory.create_batch(n, organisation=cast.organisation)
    InvitationFactory.create_batch(n, organisation=cast.organisation, invited_by=cast.admin)
    url = reverse("accounts:members", args=[cast.organisation.slug])
    assert cold_queries(client_for(cast.admin), url) == 10


@pytest.mark.parametrize("n", N)
def test_project_list(client_for, cast, n):
    for _ in range(n):
        project = ProjectFactory(organisation=cast.organisation)
        PartnershipFactory(project=project, organisation=OrganisationFactory())
    url = reverse("projects:list", args=[cast.organisation.slug])
    assert cold_queries(client_for(cast.admin), url) == 9


@pytest.mark.parametrize("n", N)
def test_project_overview(client_for, cast, project, n):
    for _ in range(n):
        goal = GoalFactory(project=project)
        MeasurementFactory(goal=goal)
        PartnershipFactory(project=project, organisation=OrganisationFactory())
    team_of(project, n)
    for member in project.team.select_related("user")[:n]:
        log(project, "projects.member_added", by=cast.facilitator, target=member.user, data={})
    # With one query for the process maps, shared by their card on the overview
    # (project_panels) and the notes beside the checklist (checklist_hints).
    assert cold_queries(client_for(cast.facilitator), project.get_absolute_url()) == 12


@pytest.mark.parametrize("n", N)
def test_project_activity(client_for, cast, project, n):
    goal = GoalFactory(project=project)
    for _ in range(n):
        log(project, "projects.member_added", by=cast.facilitator, target=cast.employee)
        log(project, "projects.goal_added", by=cast.employee, target=goal, data={"goal": "x"})
        log(project, "projects.partner_added", by=None, target=cast.other_organisation)
    assert cold_queries(client_for(cast.facilitator), project.url("activity")) == 8


@pytest.mark.parametrize("n", N)
def test_project_team(client_for, cast, project, n):
    team_of(project, n)
    partner = OrganisationFactory()
    PartnershipFactory(project=project, organisation=partner)
    team_of(project, n, organisation=partner)
    assert cold_queries(client_for(cast.facilitator), project.url("team")) == 6


@pytest.mark.parametrize("n", N)
def test_project_partners(client_for, cast, project, n):
    for _ in range(n):
        PartnershipFactory(project=project, organisation=OrganisationFactory())
        PartnershipFactory(
            project=project,
            organisation=OrganisationFactory(),
            status=PartnershipStatus.PENDING,
            added_by=UserFactory(),
        )
        PartnershipFactory(
            project=project,
            organisation=OrganisationFactory(),
            status=PartnershipStatus.DECLINED,
            added_by=UserFactory(),
            ended_at=timezone.now(),
        )
    assert cold_queries(client_for(cast.facilitator), project.url("partners")) == 4


@pytest.mark.parametrize("n", N)
def test_partnership_requests(client_for, cast, n):
    for _ in range(n):
        PartnershipFactory(
            organisation=cast.organisation, status=PartnershipStatus.PENDING, added_by=UserFactory()
        )
        PartnershipFactory(organisation=cast.organisation)
    url = reverse("projects:partnership_requests", args=[cast.organisation.slug])
    assert cold_queries(client_for(cast.admin), url) == 8


@pytest.mark.parametrize("n", N)
def test_goal_page(client_for, cast, project, n):
    goal = GoalFactory(project=project)
    for day in range(n):
        MeasurementFactory(goal=goal, date=f"2026-03-{day + 1:02d}", recorded_by=cast.facilitator)
    assert cold_queries(client_for(cast.facilitator), project.url("goal", goal.pk)) == 5


@pytest.mark.parametrize("role", [Role.ADMIN, Role.EMPLOYEE])
def test_a_project_page_costs_the_same_for_every_viewer(client_for, cast, project, role):
    TeamMemberFactory(project=project, user=cast.employee, role=ProjectRole.MEMBER)
    assert cold_queries(client_for(cast.by_role(role)), project.url("partners")) == 4


@pytest.mark.parametrize("n", N)
def test_project_phases(client_for, cast, project, n):
    from projects.method import CHECKLISTS

    items = [(phase, item.key) for phase, checklist in CHECKLISTS.items() for item in checklist]
    for phase, key in items[:n]:
        project.ticks.create(phase=phase, item=key)
    # 6 with the notes beside the checklist (processes.views.maps.checklist_hints).
    assert cold_queries(client_for(cast.facilitator), project.url("phases")) == 6


# --- Process maps: the step page, compare and analysis ---------------------------------


def a_process_map(project, n, *, notes_per_step=1, author=None):
    from tests.factories import LaneFactory, ProblemNoteFactory, ProcessMapFactory, StepFactory

    process_map = ProcessMapFactory(project=project)
    lanes = [LaneFactory(map=process_map), LaneFactory(map=process_map)]
    steps = [
        StepFactory(
            map=process_map, lane=lanes[i % 2], value_class="waste", waste_types=["waiting"]
        )
        for i in range(n)
    ]
    for step in steps:
        for _ in range(notes_per_step):
            ProblemNoteFactory(step=step, author=author, waste_type="defects", whys=["a", "b"])
    return process_map, steps


@pytest.mark.parametrize("n", N)
def test_step_page(client_for, cast, project, n):
    from tests.factories import ProblemNoteFactory

    _map, steps = a_process_map(project, 1, notes_per_step=0)
    for _ in range(n):
        ProblemNoteFactory(step=steps[0], author=UserFactory(), whys=["a"])
    url = reverse("processes:step", args=[cast.organisation.slug, steps[0].pk])
    # The step with its map and project and the viewer's place (1), the notes
    # with their authors (1).
    assert cold_queries(client_for(cast.facilitator), url) == 4


@pytest.mark.parametrize("n", N)
def test_compare_page(client_for, cast, project, n):
    from processes import services

    process_map, _steps = a_process_map(project, n, author=cast.facilitator)
    future = services.copy_to_future(process_map, by=None, name="Ønsket")
    url = reverse("processes:compare", args=[cast.organisation.slug, future.pk])
    # The future map (1), the current map it is based on (1), the lanes and
    # steps of each (4).
    assert cold_queries(client_for(cast.facilitator), url) == 8


@pytest.mark.parametrize("n", N)
def test_analysis_page(client_for, cast, project, n):
    a_process_map(project, n, author=UserFactory())
    url = reverse("processes:analysis", args=[cast.organisation.slug, project.pk])
    # The current map (1), its lanes (1), steps (1) and notes with authors (1).
    assert cold_queries(client_for(cast.facilitator), url) == 7


@pytest.mark.parametrize("n", N)
def test_project_maps(client_for, cast, project, n):
    from processes.models import MapKind, ValueClass
    from tests.factories import LaneFactory, ProcessMapFactory, StepFactory

    current = ProcessMapFactory(project=project)
    lanes = [LaneFactory(map=current), LaneFactory(map=current)]
    for number in range(n):
        StepFactory(map=current, lane=lanes[number % 2], value_class=ValueClass.WASTE)
    for _ in range(2):
        future = ProcessMapFactory(project=project, kind=MapKind.FUTURE, based_on=current)
        lane = LaneFactory(map=future)
        for _ in range(n):
            StepFactory(map=future, lane=lane)
    url = reverse("processes:maps", args=[cast.organisation.slug, project.pk])
    # The maps, then every map's steps at once.
    assert cold_queries(client_for(cast.facilitator), url) == 5


# --- Feedback forms ---


@pytest.mark.parametrize("n", N)
def test_feedback_forms(client_for, cast, project, n):
    from tests.factories import AnswerFactory, FormFactory, QuestionFactory, ResponseFactory

    for _ in range(n):
        form = FormFactory(project=project)
        question = QuestionFactory(form=form)
        AnswerFactory(question=question, response=ResponseFactory(form=form))
    url = reverse("feedback:forms", args=[cast.organisation.slug, project.pk])
    # The session, the memberships, the project with the viewer's place, the
    # page's count, the forms with their answer and question counts (subqueries).
    assert cold_queries(client_for(cast.facilitator), url) == 5


@pytest.mark.parametrize("n", N)
def test_feedback_form_builder(client_for, cast, project, n):
    from processes.models import MapKind
    from tests.factories import (
        AnswerFactory,
        FormFactory,
        LaneFactory,
        ProcessMapFactory,
        QuestionFactory,
        ResponseFactory,
        StepFactory,
    )

    form = FormFactory(project=project)
    process_map = ProcessMapFactory(project=project, kind=MapKind.CURRENT)
    lane = LaneFactory(map=process_map)
    for _ in range(n):
        question = QuestionFactory(
            form=form,
            kind="single",
            options=[{"nb": "A"}, {"nb": "B"}],
            step=StepFactory(map=process_map, lane=lane),
        )
        AnswerFactory(question=question, response=ResponseFactory(form=form), number=0)
    url = reverse("feedback:form", args=[cast.organisation.slug, form.pk])
    # The session, the memberships, the form with its project and the viewer's
    # place, the number of answers, the questions with their steps and answer counts.
    assert cold_queries(client_for(cast.facilitator), url) == 5


@pytest.mark.parametrize("n", N)
def test_feedback_question_page(client_for, cast, project, n):
    from processes.models import MapKind
    from tests.factories import (
        FormFactory,
        LaneFactory,
        ProcessMapFactory,
        StepFactory,
    )

    form = FormFactory(project=project)
    process_map = ProcessMapFactory(project=project, kind=MapKind.CURRENT)
    for _ in range(n):
        StepFactory(map=process_map, lane=LaneFactory(map=process_map))
    url = reverse("feedback:question_add", args=[cast.organisation.slug, form.pk])
    # The session, the memberships, the form, the current map's steps with their lanes.
    assert cold_queries(client_for(cast.facilitator), url) == 4


@pytest.mark.parametrize("n", [10, 200])
@pytest.mark.parametrize("filtered", [False, True])
def test_feedback_results(client_for, cast, project, n, filtered):
    """The results page over 10 and 200 responses (each with a free-text answer, some
    tagged), with and without a period: counts, distributions and the week chart come
    from two grouped queries, the themes with their counts from one, the page of free
    text from one and its themes from one."""
    from datetime import date, timedelta

    from tests.factories import ThemeFactory
    from tests.feedback.results_data import respond, results_form

    form, questions = results_form(project)
    themes = [ThemeFactory(form=form), ThemeFactory(form=form)]
    for i in range(n):
        response = respond(
            form,
            questions,
            on=date(2026, 3, 2) + timedelta(days=i % 20),
            score=i % 5 + 1,
            helped=i % 2,
            multiple=[i % 3],
            text=f"Svar {i}",
        )
        if i % 3 == 0:
            response.answers.get(question=questions["text"]).themes.set(themes)
    url = reverse("feedback:results", args=[cast.organisation.slug, form.pk])
    if filtered:
        url += "?start=10.03.2026&end=15.03.2026"
    assert cold_queries(client_for(cast.facilitator), url) == 9


@pytest.mark.parametrize("n", [5, 40])
def test_process_map_board(client_for, cast, project, n):
    from tests.factories import LaneFactory, ProblemNoteFactory, ProcessMapFactory, StepFactory

    process_map = ProcessMapFactory(project=project)
    lanes = [
        LaneFactory(map=process_map, organisation=cast.organisation if i == 0 else None)
        for i in range(4)
    ]
    for i in range(n):
        step = StepFactory(map=process_map, lane=lanes[i % 4], waste_types=["waiting"])
        ProblemNoteFactory(step=step)
    from processes import services

    services.edit_step(step, version=process_map.version, by=cast.employee, title="Sist endret")
    # The map with the viewer's place on the team, its lanes with their
    # organisations, its steps with their problem counts, and the last change
    # with who made it.
    assert cold_queries(client_for(cast.facilitator), process_map.get_absolute_url()) == 6


@pytest.mark.parametrize("n", [5, 100])
def test_idea_board(client_for, cast, n):
    from ideas.models import Stage
    from tests.factories import CommentFactory, IdeaFactory, VoteFactory

    project = ProjectFactory(organisation=cast.organisation)
    TeamMemberFactory(project=project, user=cast.facilitator, role=ProjectRole.FACILITATOR)
    team_of(project, 3)
    stages = list(Stage.values)
    for i in range(n):
        idea = IdeaFactory(
            project=project,
            stage=stages[i % len(stages)],
            owner=cast.facilitator,
            waste_types=["waiting"],
        )
        if i % 3 == 0:
            VoteFactory(idea=idea)
            CommentFactory(idea=idea)
    url = reverse("ideas:board", args=[cast.organisation.slug, project.pk])
    # The project with the viewer's place, the steps of the current map, the
    # team (the filters' owners), the counts per stage, the cards with their
    # owners, votes and comments counted in one query, and the board's state
    # (what its polling compares).
    assert cold_queries(client_for(cast.facilitator), url) == 8


@pytest.mark.parametrize("n", [5, 100])
def test_idea_matrix(client_for, cast, n):
    from ideas.models import Stage
    from tests.factories import IdeaFactory

    project = ProjectFactory(organisation=cast.organisation)
    TeamMemberFactory(project=project, user=cast.facilitator, role=ProjectRole.FACILITATOR)
    for i in range(n):
        placed = i % 3 != 0
        IdeaFactory(
            project=project,
            effort=(i % 5) + 1 if placed else None,
            effect=(i * 2 % 5) + 1 if placed else None,
            stage=Stage.PARKED if i % 7 == 0 else Stage.COLLECT,
        )
    url = reverse("ideas:matrix", args=[cast.organisation.slug, project.pk])
    # The session, the user, the project with the viewer's place, the ideas
    # counted and one page of fifty.
    assert cold_queries(client_for(cast.facilitator), url) == 5


@pytest.mark.parametrize("n", N)
def test_action_plan(client_for, cast, n):
    from tests.factories import ActionFactory, IdeaFactory

    project = ProjectFactory(organisation=cast.organisation)
    TeamMemberFactory(project=project, user=cast.facilitator, role=ProjectRole.FACILITATOR)
    team_of(project, 2)
    for _ in range(n):
        ActionFactory(
            project=project,
            owner=cast.facilitator,
            idea=IdeaFactory(project=project),
            due_date=timezone.localdate(),
        )
    url = reverse("ideas:action_plan", args=[cast.organisation.slug, project.pk])
    # The matrix's four with the actions (owner and idea joined), and the
    # ideas' benefit figures.
    assert cold_queries(client_for(cast.facilitator), url) == 5


@pytest.mark.parametrize("n", N)
def test_my_actions(client_for, cast, n):
    from tests.factories import ActionFactory, IdeaFactory

    for _ in range(n):
        project = ProjectFactory(organisation=cast.organisation)
        TeamMemberFactory(project=project, user=cast.employee)
        ActionFactory(project=project, owner=cast.employee, idea=IdeaFactory(project=project))
    url = reverse("ideas:my_actions", args=[cast.organisation.slug])
    # A signed-in organisation page's queries (remembering the organisation
    # too), the partner projects the person sees, and the actions.
    assert cold_queries(client_for(cast.employee), url) == 8


# --- Reports ------------------------------------------------------------------------------


def reports_of(n, **fields):
    from reports.models import Failure, Language, Status
    from tests.factories import ReportFactory

    languages = list(Language)
    for index in range(n):
        ReportFactory(
            requested_by=UserFactory(),
            language=languages[index % 3],
            **(
                {"done": True, "pages": 12}
                if index % 2
                else {"status": Status.FAILED, "failure": Failure.TIMED_OUT}
            ),
            **fields,
        )
    # One in flight, polling.
    ReportFactory(requested_by=UserFactory(), status=Status.RENDERING, **fields)


@pytest.mark.parametrize("n", [*N, 60])
def test_project_reports(client_for, cast, project, n):
    reports_of(n, project=project)
    url = reverse("reports:project", args=[cast.organisation.slug, project.pk])
    # The session, the user with memberships, the project with the viewer's
    # place, the page's count and its (at most 50) reports with who asked.
    assert cold_queries(client_for(cast.facilitator), url) == 5


@pytest.mark.parametrize("n", [*N, 60])
def test_portfolio_reports(client_for, cast, n):
    reports_of(n, organisation=cast.organisation, project=None, portfolio=True)
    url = reverse("reports:organisation", args=[cast.organisation.slug])
    # A signed-in organisation page, the page's count and its reports with who asked.
    assert cold_queries(client_for(cast.facilitator), url) == 8


def test_a_reports_status_while_it_is_polled(client_for, cast, project):
    from reports.models import Status
    from tests.factories import ReportFactory

    report = ReportFactory(project=project, status=Status.RENDERING, requested_by=UserFactory())
    client = client_for(cast.facilitator)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(report.get_absolute_url(), headers={"HX-Request": "true"})
    assert response.status_code == 200
    # The session, the user with memberships, the report with its project
    # and the viewer's place: every 2 seconds per person waiting.
    assert len(queries) == 3
