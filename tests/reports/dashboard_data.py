"""Projects with something on every dashboard panel, and ways to read the panels."""

from datetime import date, timedelta
from decimal import Decimal
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from feedback.models import Answer, Response
from ideas.models import ActionStatus, Stage
from projects.models import ProjectRole
from tests.factories import (
    ActionFactory,
    FormFactory,
    GoalFactory,
    IdeaFactory,
    LaneFactory,
    MeasurementFactory,
    ProcessMapFactory,
    ProjectFactory,
    QuestionFactory,
    StepFactory,
    TeamMemberFactory,
)


def organisation_url(organisation, **query) -> str:
    url = reverse("reports:organisation_dashboard", args=[organisation.slug])
    return _with(url, query)


def project_url(project, **query) -> str:
    url = reverse("reports:project_dashboard", args=[project.organisation.slug, project.pk])
    return _with(url, query)


def _with(url, query) -> str:
    if not query:
        return url
    return f"{url}?{urlencode(query, doseq=True)}"


def panel(response, template: str):
    """The data of the panel drawn with ``template`` ("ideas/dashboard.html#funnel")."""
    found = [p for p in response.context["panels"] if p.template == template]
    assert len(found) == 1, [p.template for p in response.context["panels"]]
    return found[0].data


def respond(question, on: date, scores):
    """One response per score to a satisfaction question, submitted on ``on``."""
    for score in scores:
        response = Response.objects.create(form=question.form, submitted_on=on)
        Answer.objects.create(response=response, question=question, number=score)


def busy_project(organisation, *, title=None, facilitator=None, service_area="byggesak", **fields):
    """A project with goals and measurements, ideas in every stage with
    benefits, open and overdue actions, a current map with waste, and a
    satisfaction question answered in two months."""
    project = ProjectFactory(
        organisation=organisation,
        service_area=service_area,
        **({"title": title} if title else {}),
        **fields,
    )
    if facilitator is not None:
        TeamMemberFactory(project=project, user=facilitator, role=ProjectRole.FACILITATOR)
    goal = GoalFactory(project=project, baseline=Decimal(60), target=Decimal(30))
    MeasurementFactory(goal=goal, date=date(2026, 3, 1), value=Decimal(50))
    MeasurementFactory(goal=goal, date=date(2026, 6, 1), value=Decimal(45))
    GoalFactory(project=project)
    for stage, hours, nok, realised in [
        (Stage.COLLECT, 5, 100, None),
        (Stage.DEVELOP, 10, None, None),
        (Stage.SELECT, Decimal("12.5"), 1000, None),
        (Stage.IMPLEMENT, 20, Decimal("2500.50"), None),
        (Stage.DONE, 40, 5000, Decimal("35.5")),
        (Stage.PARKED, 100, 100, None),
        (Stage.REJECTED, 7, None, None),
    ]:
        IdeaFactory(
            project=project,
            stage=stage,
            expected_hours=hours,
            expected_nok=nok,
            realised_hours=realised,
            realised_nok=Decimal(4000) if realised else None,
        )
    today = timezone.localdate()
    ActionFactory(project=project, due_date=today - timedelta(days=30))
    ActionFactory(
        project=project, due_date=today - timedelta(days=3), status=ActionStatus.IN_PROGRESS
    )
    ActionFactory(project=project, due_date=today - timedelta(days=40), status=ActionStatus.DONE)
    ActionFactory(project=project, due_date=today + timedelta(days=5))
    process_map = ProcessMapFactory(project=project)
    lane = LaneFactory(map=process_map)
    StepFactory(
        map=process_map,
        lane=lane,
        processing_minutes=30,
        waiting_minutes=450,
        waste_types=["waiting"],
    )
    StepFactory(
        map=process_map,
        lane=lane,
        processing_minutes=15,
        waiting_minutes=0,
        waste_types=["waiting", "defects"],
        value_class="waste",
    )
    StepFactory(map=process_map, lane=lane, processing_minutes=60, waiting_minutes=60)
    question = QuestionFactory(form=FormFactory(project=project))
    respond(question, date(2026, 3, 10), [4, 5, 3, 4, 4])
    respond(question, date(2026, 4, 2), [2, 3, 3, 2, 5, 3])
    return project
