from datetime import date
from decimal import Decimal

import factory
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.utils import timezone

from accounts.models import (
    Invitation,
    Membership,
    Organisation,
    OrganisationKind,
    Role,
    User,
)
from accounts.validators import org_number_check_digit
from projects.models import (
    Direction,
    Goal,
    Measurement,
    Partnership,
    PartnershipStatus,
    Project,
    ProjectRole,
    TeamMember,
    Unit,
)

PASSWORD = "riktig-hest-batteri-42"


def valid_org_number(n: int) -> str:
    """The n-th valid organisation number from 900000000 upwards."""
    base = 90_000_000 + n
    while True:
        digits = str(base)
        check = org_number_check_digit(digits)
        if check is not None:
            return digits + str(check)
        base += 1


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.no")
    full_name = factory.Faker("name", locale="no_NO")
    password = factory.django.Password(PASSWORD)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Testkommune {n}")
    slug = factory.Sequence(lambda n: f"testkommune-{n}")
    kind = OrganisationKind.MUNICIPALITY
    org_number = factory.Sequence(lambda n: valid_org_number(n * 20))


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.EMPLOYEE


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.no")
    role = Role.EMPLOYEE
    invited_by = factory.SubFactory(UserFactory)
    expires_at = factory.LazyFunction(lambda: timezone.now() + settings.INVITATION_VALID_FOR)
    token_hash = factory.Sequence(lambda n: f"{n:064d}")

    @classmethod
    def with_token(cls, **kwargs) -> tuple[Invitation, str]:
        """An invitation and the token of its link (only its hash is stored)."""
        invitation = cls(**kwargs)
        token = invitation.new_token()
        invitation.save(update_fields=["token_hash"])
        return invitation, token


# --- Projects -------------------------------------------------------------------------


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Forbedringsprosjekt {n}")
    process_name = "Behandling av byggesøknader"
    process_start = "søknad mottatt"
    process_end = "vedtak sendt"
    start_date = date(2026, 1, 5)
    planned_end_date = date(2026, 12, 18)


class TeamMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamMember

    project = factory.SubFactory(ProjectFactory)
    user = factory.SubFactory(UserFactory)
    organisation = factory.LazyAttribute(lambda member: member.project.organisation)
    role = ProjectRole.MEMBER


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    project = factory.SubFactory(ProjectFactory)
    name = factory.Sequence(lambda n: f"Saksbehandlingstid {n}")
    unit = Unit.DAYS
    direction = Direction.LOWER
    baseline = Decimal(60)
    target = Decimal(30)
    baseline_date = date(2026, 1, 1)


class MeasurementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measurement

    goal = factory.SubFactory(GoalFactory)
    date = factory.Sequence(lambda n: date(2026, 2, 1).replace(day=1 + n % 28))
    value = Decimal(50)


class PartnershipFactory(factory.django.DjangoModelFactory):
    """An accepted partnership; pass ``status=PartnershipStatus.PENDING`` for a
    request that waits for an answer."""

    class Meta:
        model = Partnership

    project = factory.SubFactory(ProjectFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    status = PartnershipStatus.ACTIVE


# --- Login records (django-axes) ---------------------------------------------------------
# ``attempt_time`` is set on insert; make old ones inside ``tests.clock.at(moment)``.


class AccessLogFactory(factory.django.DjangoModelFactory):
    """A successful login."""

    class Meta:
        model = AccessLog

    username = factory.Sequence(lambda n: f"person{n}@example.no")
    ip_address = "10.0.0.1"
    user_agent = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"
    http_accept = "text/html"
    path_info = "/login/"


class AccessAttemptFactory(AccessLogFactory):
    """Failed logins counted towards a lockout."""

    class Meta:
        model = AccessAttempt

    get_data = ""
    post_data = ""
    failures_since_start = 1


class AccessFailureLogFactory(AccessLogFactory):
    """One failed login."""

    class Meta:
        model = AccessFailureLog


class ProcessMapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "processes.ProcessMap"

    project = factory.SubFactory(ProjectFactory)
    name = "Byggesak i dag"
    yearly_volume = 400


class LaneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "processes.Lane"

    map = factory.SubFactory(ProcessMapFactory)
    name = factory.Sequence(lambda n: f"Bane {n}")
    order = factory.Sequence(lambda n: n + 1)


class StepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "processes.Step"

    lane = factory.SubFactory(LaneFactory)
    map = factory.SelfAttribute("lane.map")
    title = factory.Sequence(lambda n: f"Behandle sak {n}")
    order = factory.Sequence(lambda n: n + 1)
    processing_minutes = 30
    waiting_minutes = 450


class ProblemNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "processes.ProblemNote"

    step = factory.SubFactory(StepFactory)
    text = "Søknaden mangler vedlegg"


class FormFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "feedback.Form"

    project = factory.SubFactory(ProjectFactory)
    title = "Hvordan opplevde du byggesaken?"
    status = "open"


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "feedback.Question"

    form = factory.SubFactory(FormFactory)
    kind = "satisfaction"
    text = "Hvor fornøyd er du med saksbehandlingen?"
    order = factory.Sequence(lambda n: n + 1)


class ResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "feedback.Response"

    form = factory.SubFactory(FormFactory)


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "feedback.Answer"

    question = factory.SubFactory(QuestionFactory)
    response = factory.SubFactory(ResponseFactory, form=factory.SelfAttribute("..question.form"))
    number = 4


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "feedback.Theme"

    form = factory.SubFactory(FormFactory)
    name = factory.Sequence(lambda n: f"Tema {n}")


class ContactRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "feedback.ContactRequest"

    form = factory.SubFactory(FormFactory)
    email = "innbygger@example.com"


class IdeaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "ideas.Idea"

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Idé {n}")


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "ideas.Comment"

    idea = factory.SubFactory(IdeaFactory)
    text = "Godt forslag"


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "ideas.Action"

    project = factory.SubFactory(ProjectFactory)
    what = factory.Sequence(lambda n: f"Tiltak {n}")


class VoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "ideas.Vote"

    idea = factory.SubFactory(IdeaFactory)
    user = factory.SubFactory(UserFactory)


#: Stands in for a rendered report's bytes where the content does not matter.
SAMPLE_PDF = b"%PDF-1.7\n% K-LEAN test report\n%%EOF\n"


class ReportFactory(factory.django.DjangoModelFactory):
    """A project's final report in bokmål, waiting; ``done=True`` makes it
    ready with a file in the report storage, ``portfolio=True`` an
    organisation's portfolio report of 2026's first half."""

    class Meta:
        model = "reports.Report"
        skip_postgeneration_save = True

    class Params:
        done = factory.Trait(status="done", finished_at=factory.LazyFunction(timezone.now))
        portfolio = factory.Trait(
            project=None,
            kind="portfolio",
            period_start=date(2026, 1, 1),
            period_end=date(2026, 6, 30),
        )

    project = factory.SubFactory(ProjectFactory)
    organisation = factory.LazyAttribute(
        lambda report: report.project.organisation if report.project else None
    )
    kind = "final"
    language = "nb"

    @factory.post_generation
    def file(report, create, extracted, **kwargs):
        if create and report.status == "done" and not report.file:
            from reports import storage

            name = storage.file_name(report.pk)
            storage.private_storage().write_atomically(name, SAMPLE_PDF)
            facts = storage.facts(SAMPLE_PDF)
            report.file, report.size, report.sha256 = name, facts.size, facts.sha256
            report.save(update_fields=["file", "size", "sha256"])
