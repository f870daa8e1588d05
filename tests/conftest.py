"""The cast every test can use: one organisation with a person in each role,
and an outsider who is admin of another organisation.

``KLEAN_STRICT=1`` (set by .ci/run) turns every "service or browser missing"
skip into a failure, so CI never passes by skipping.
"""

import os
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.utils import translation

from accounts.models import Membership, Organisation, Role, User
from projects.models import PartnershipStatus, ProjectRole
from tests.factories import (
    PASSWORD,
    ActionFactory,
    AnswerFactory,
    CommentFactory,
    ContactRequestFactory,
    FormFactory,
    GoalFactory,
    IdeaFactory,
    InvitationFactory,
    LaneFactory,
    MeasurementFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    ProblemNoteFactory,
    ProcessMapFactory,
    ProjectFactory,
    QuestionFactory,
    ReportFactory,
    StepFactory,
    TeamMemberFactory,
    ThemeFactory,
    UserFactory,
)

STRICT = os.environ.get("KLEAN_STRICT") == "1"


def skip_or_fail(reason: str):
    """Skip locally; in CI (KLEAN_STRICT=1) a missing service is a failure."""
    if STRICT:
        pytest.fail(f"{reason} (KLEAN_STRICT=1: required in CI)", pytrace=False)
    pytest.skip(reason)


@dataclass
class Cast:
    organisation: Organisation
    admin: User
    leader: User
    facilitator: User
    employee: User
    other_organisation: Organisation
    outsider: User

    def by_role(self, role: str) -> User:
        return {
            Role.ADMIN: self.admin,
            Role.LEADER: self.leader,
            Role.FACILITATOR: self.facilitator,
            Role.EMPLOYEE: self.employee,
        }[Role(role)]


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def cast(db) -> Cast:
    organisation = OrganisationFactory(name="Eksempel kommune", slug="eksempel")
    other = OrganisationFactory(name="Annen kommune", slug="annen")

    def member(role, email, name):
        return MembershipFactory(
            organisation=organisation,
            role=role,
            user=UserFactory(email=email, full_name=name),
        ).user

    return Cast(
        organisation=organisation,
        admin=member(Role.ADMIN, "admin@eksempel.no", "Anne Admin"),
        leader=member(Role.LEADER, "leder@eksempel.no", "Lars Leder"),
        facilitator=member(Role.FACILITATOR, "veileder@eksempel.no", "Vera Veileder"),
        employee=member(Role.EMPLOYEE, "medarbeider@eksempel.no", "Mona Medarbeider"),
        other_organisation=other,
        outsider=MembershipFactory(
            organisation=other,
            role=Role.ADMIN,
            user=UserFactory(email="utenfor@annen.no", full_name="Ola Utenfor"),
        ).user,
    )


@pytest.fixture
def client_for(client):
    """Log the shared test client in as a user: ``client_for(cast.admin)``."""

    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture(autouse=True, scope="session")
def _eager_tasks():
    """Tasks run in-process in tests unless a test asks for a real worker."""
    from klean.celery import app

    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True


@pytest.fixture(autouse=True)
def _isolated_state(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    cache.clear()


@pytest.fixture
def object_kwargs(cast):
    """One object of each kind in the cast's organisation, by URL argument name."""
    invitation = InvitationFactory(organisation=cast.organisation, invited_by=cast.admin)
    project = ProjectFactory(organisation=cast.organisation)
    TeamMemberFactory(project=project, user=cast.facilitator, role=ProjectRole.FACILITATOR)
    member = TeamMemberFactory(project=project, user=cast.employee)
    partnership = PartnershipFactory(project=project, organisation=OrganisationFactory())
    # Another organisation's project asks the cast's organisation to take part.
    asking = ProjectFactory(organisation=OrganisationFactory())
    TeamMemberFactory(project=asking, role=ProjectRole.FACILITATOR)
    partnership_request = PartnershipFactory(
        project=asking, organisation=cast.organisation, status=PartnershipStatus.PENDING
    )
    goal = GoalFactory(project=project)
    process_map = ProcessMapFactory(project=project)
    step = StepFactory(map=process_map, lane=LaneFactory(map=process_map))
    return {
        "org_slug": cast.organisation.slug,
        "membership_id": Membership.objects.get(user=cast.employee).pk,
        "invitation_id": invitation.pk,
        "project_id": project.pk,
        "goal_id": goal.pk,
        "measurement_id": MeasurementFactory(goal=goal).pk,
        "member_id": member.pk,
        "partnership_id": partnership.pk,
        "partnership_request_id": partnership_request.pk,
        "map_id": process_map.pk,
        "lane_id": step.lane_id,
        "step_id": step.pk,
        "note_id": ProblemNoteFactory(step=step).pk,
        "fmt": "csv",
        **_feedback_kwargs(project),
        **_idea_kwargs(project),
        **_report_kwargs(project),
    }


def _report_kwargs(project):
    return {
        "report_id": ReportFactory(project=project, done=True).pk,
        "portfolio_id": ReportFactory(
            organisation=project.organisation, portfolio=True, done=True
        ).pk,
    }


def _idea_kwargs(project):
    idea = IdeaFactory(project=project)
    return {
        "idea_id": idea.pk,
        "comment_id": CommentFactory(idea=idea).pk,
        "action_id": ActionFactory(project=project, idea=idea).pk,
    }


def _feedback_kwargs(project):
    form = FormFactory(project=project)
    question = QuestionFactory(form=form)
    return {
        "form_id": form.pk,
        "question_id": question.pk,
        "answer_id": AnswerFactory(question=question).pk,
        "theme_id": ThemeFactory(form=form).pk,
        "contact_id": ContactRequestFactory(form=form).pk,
        "token": form.token,
    }


@pytest.fixture
def project(cast):
    """A project of the cast's organisation with the facilitator on its team."""
    project = ProjectFactory(organisation=cast.organisation, title="Raskere byggesak")
    TeamMemberFactory(project=project, user=cast.facilitator, role=ProjectRole.FACILITATOR)
    return project


@pytest.fixture
def in_english(settings):
    """For tests that read the English source texts: pages answer in English
    and text made outside a request is made with English active."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
