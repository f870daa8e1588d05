"""The benchmark's idea board: one project of the demo organisation with
BENCH_IDEAS ideas in every stage (30 in tests), built once, found by
``bench_targets`` for the "idea board 300" and "matrix 300" scenarios."""

import json
import random
from types import SimpleNamespace

from django.core.management import call_command

from accounts.models import Organisation
from ideas import bench
from ideas.models import Idea, Stage, StageChange
from projects.models import Project
from tests.bench.scenarios import SCENARIOS


def test_the_bench_ideas_are_built_once_and_named_to_the_scenarios(db, capsys):
    call_command("seed_demo")
    demo = Organisation.objects.get(slug="eksempel-kommune")
    projects = list(Project.objects.filter(organisation=demo))
    command = SimpleNamespace(stdout=SimpleNamespace(write=lambda text: None))
    bench.build(command, [demo], projects, random.Random(2026))
    bench.build(command, [demo], projects, random.Random(2026))  # again: nothing more

    target = bench.targets(demo.slug)["idea_project"]
    ideas = Idea.objects.filter(project_id=target)
    assert ideas.count() == 30
    assert set(ideas.values_list("stage", flat=True)) == set(Stage.values)
    assert (
        StageChange.objects.filter(idea__project_id=target).count()
        == ideas.exclude(stage=Stage.COLLECT).count()
    )
    capsys.readouterr()
    call_command("bench_targets")
    assert json.loads(capsys.readouterr().out)["idea_project"] == target
    paths = {scenario.name: scenario.path for scenario in SCENARIOS}
    assert paths["idea board 300"] == "/o/{org}/projects/{idea_project}/ideas/"
    assert paths["matrix 300"] == "/o/{org}/projects/{idea_project}/matrix/"
