"""Print, as JSON, the objects the benchmark's scenarios point at (for tests/bench)."""

import json

from django.core.management.base import BaseCommand, CommandError

from klean.extensions import contributions
from projects.models import Project


class Command(BaseCommand):
    help = "Print the ids the benchmark scenarios use, as JSON."

    def add_arguments(self, parser):
        parser.add_argument("--org", default="eksempel-kommune")

    def handle(self, *args, **options):
        project = (
            Project.objects.filter(
                organisation__slug=options["org"], title="Raskere byggesak"
            ).first()
            or Project.objects.filter(organisation__slug=options["org"]).order_by("pk").first()
        )
        if project is None:
            raise CommandError(f"No project in {options['org']}: run seed_demo first.")
        targets = {"org": options["org"], "project": project.pk}
        for _config, contributed in contributions("bench_targets"):
            targets.update(contributed(options["org"]))
        self.stdout.write(json.dumps(targets))
