"""The benchmark data gives the organisation dashboard something to add up in
every project (a current map with steps and waste, ideas with benefits and
actions, a survey with satisfaction answers), built once; and the dashboard
is a scenario held to P1."""

import random
from types import SimpleNamespace

from django.core.management import call_command

from accounts.models import Organisation
from feedback import bench as feedback_bench
from feedback.models import Answer, Form
from ideas import bench as ideas_bench
from ideas.models import Action, Idea
from processes import bench as processes_bench
from processes.models import MapKind, ProcessMap, Step
from projects.models import Project
from tests.bench.scenarios import P1, SCENARIOS
from tests.factories import ProjectFactory

QUIET = SimpleNamespace(stdout=SimpleNamespace(write=lambda text: None))


def build(organisations, projects):
    for builder in (processes_bench, ideas_bench, feedback_bench):
        builder.build(QUIET, organisations, projects, random.Random(2026))


def test_every_project_gets_a_map_ideas_and_a_survey_once(db):
    call_command("seed_demo")
    demo = Organisation.objects.get(slug="eksempel-kommune")
    new = ProjectFactory(organisation=demo, title="Vaktplan i hjemmetjenesten")
    projects = list(Project.objects.filter(organisation=demo))
    build([demo], projects)
    counts = (Step.objects.count(), Idea.objects.count(), Answer.objects.count())
    build([demo], projects)  # again: nothing more
    assert (Step.objects.count(), Idea.objects.count(), Answer.objects.count()) == counts

    for project in projects:
        assert ProcessMap.objects.filter(project=project, kind=MapKind.CURRENT).count() == 1
        assert Idea.objects.filter(project=project).exists()
        assert Form.objects.filter(project=project).exists()
    assert Step.objects.filter(map__project=new).count() == processes_bench.STEPS
    assert Step.objects.filter(map__project=new).exclude(waste_types=[]).exists()
    assert Idea.objects.filter(project=new).count() == len(ideas_bench.SPREAD_STAGES)
    assert Idea.objects.filter(project=new, realised_hours__gt=0).exists()
    assert Action.objects.filter(project=new).exists()
    assert (
        Answer.objects.filter(question__form__project=new, question__kind="satisfaction").count()
        == 10
    )  # BENCH_SURVEY_RESPONSES in tests/settings.py


def test_the_organisation_dashboard_is_measured_against_p1():
    scenario = next(s for s in SCENARIOS if s.name == "organisation dashboard")
    assert scenario.path == "/o/{org}/dashboard/"
    assert (scenario.concurrency, scenario.bar) == (10, P1)
    assert scenario.user == "admin@eksempel-kommune.no"
