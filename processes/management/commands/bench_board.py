"""A map of 60 steps in the demo project for `make bench`, and its ids as JSON.

Creates, once, the map «Benchmark: 60 steps» in the demo project «Raskere
byggesak» (5 lanes, 60 steps with times, value classes, waste types and a
problem note on every third step), then prints the ids the board scenarios
use: {"board_map": id, "board_steps": "id,id,…", "board_step": id}.
"""

import json
import random

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from processes.models import Lane, ProblemNote, ProcessMap, Step, ValueClass, WasteType
from projects.models import Project

NAME = "Benchmark: 60 steps"
LANES = ["Søker", "Servicetorget", "Saksbehandler", "Fagansvarlig", "Arkiv"]
STEPS = 60


class Command(BaseCommand):
    help = "Create the 60-step benchmark map (once) and print its ids as JSON."

    def add_arguments(self, parser):
        parser.add_argument("--org", default="eksempel-kommune")

    def handle(self, *args, **options):
        project = (
            Project.objects.filter(organisation__slug=options["org"], title="Raskere byggesak")
            .order_by("pk")
            .first()
        )
        if project is None:
            raise CommandError(f"No demo project in {options['org']}: run seed_demo first.")
        process_map = ProcessMap.objects.filter(project=project, name=NAME).first()
        if process_map is None:
            process_map = self._create(project)
        steps = list(Step.objects.filter(map=process_map).values_list("pk", flat=True))
        self.stdout.write(
            json.dumps(
                {
                    "board_map": process_map.pk,
                    "board_steps": ",".join(map(str, steps)),
                    "board_step": steps[0],
                }
            )
        )

    @transaction.atomic
    def _create(self, project):
        rng = random.Random(60)  # noqa: S311 - reproducible test data, not secrets
        process_map = ProcessMap.objects.create(
            project=project, name=NAME, kind="future", yearly_volume=400
        )
        lanes = [
            Lane.objects.create(map=process_map, name=name, order=n)
            for n, name in enumerate(LANES, start=1)
        ]
        steps = Step.objects.bulk_create(
            Step(
                map=process_map,
                lane=rng.choice(lanes),
                order=n,
                title=f"Behandle del {n} av saken",
                processing_minutes=rng.choice([10, 30, 60, 120]),
                processing_unit="minutes",
                waiting_minutes=rng.choice([0, 450, 900, 2250]),
                waiting_unit="days",
                value_class=rng.choice(ValueClass.values),
                waste_types=rng.sample(WasteType.values, rng.randrange(3)),
            )
            for n in range(1, STEPS + 1)
        )
        ProblemNote.objects.bulk_create(
            ProblemNote(step=step, text="Mangler vedlegg") for step in steps[::3]
        )
        return process_map
