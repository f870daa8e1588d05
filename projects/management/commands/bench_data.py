"""Build a benchmark data set (QUALITY.md) with bulk inserts.

reference: 10 organisations, 200 projects – a large municipality.
national: 357 organisations, 20,000 projects – every municipality on one installation.

The demo organisation Eksempel kommune (from seed_demo) is one of them, so its
pages can be measured against both sets. Later features append their own
builders to ``BUILDERS`` (process steps, ideas, feedback answers).
Running it again with the same set changes nothing.
"""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import Membership, Organisation, Role, User
from accounts.validators import org_number_check_digit
from klean.extensions import contributions
from projects.method import CHECKLISTS, Phase
from projects.models import (
    Activity,
    ChecklistTick,
    Direction,
    Goal,
    Measurement,
    Project,
    ProjectKind,
    ProjectRole,
    ProjectStatus,
    ServiceArea,
    TeamMember,
    Unit,
)

SETS = {
    "reference": {"organisations": 10, "projects": 200, "members": 40},
    "national": {"organisations": 357, "projects": 20_000, "members": 40},
}
DEMO_ORGANISATION = "eksempel-kommune"
BATCH = 5_000

# Later features: callables (command, organisations, projects, rng) adding their rows.
BUILDERS: list = []


def bench_org_number(n: int) -> str:
    base = 80_000_000 + n * 7
    while org_number_check_digit(str(base)) is None:
        base += 1
    return f"{base}{org_number_check_digit(str(base))}"


class Command(BaseCommand):
    help = "Create the reference or national benchmark data set (bulk inserts)."

    def add_arguments(self, parser):
        parser.add_argument("--set", default="reference", choices=sorted(SETS))
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, **options):
        size = SETS[options["set"]]
        rng = random.Random(options["seed"])  # noqa: S311 - reproducible test data, not secrets
        try:
            demo = Organisation.objects.get(slug=DEMO_ORGANISATION)
        except Organisation.DoesNotExist as error:
            raise CommandError("Run `manage.py seed_demo` first.") from error

        wanted = size["organisations"] - 1
        existing = Organisation.objects.filter(slug__startswith="bench-").count()
        if existing >= wanted and Project.objects.count() >= size["projects"]:
            self.stdout.write(f"The {options['set']} set is already loaded.")
            self._contributed(demo, rng)
            return
        with transaction.atomic():
            organisations = [demo, *self._organisations(existing, wanted)]
            members = self._members(organisations, size["members"])
            per_org = size["projects"] // len(organisations)
            projects = self._projects(organisations, per_org, rng)
            self._details(projects, members, rng)
            for build in BUILDERS:
                build(self, organisations, projects, rng)
        self._contributed(demo, rng)
        self._analyse()
        self.stdout.write(
            self.style.SUCCESS(
                f"{options['set']}: {Organisation.objects.count()} organisations, "
                f"{Project.objects.count()} projects, {Goal.objects.count()} goals, "
                f"{Measurement.objects.count()} measurements, "
                f"{TeamMember.objects.count()} team members"
            )
        )

    def _analyse(self):
        """Fresh statistics for the planner: rows bulk-inserted a moment ago are
        otherwise estimated at one per table until autovacuum comes by, and a
        benchmark would measure nested loops that production never runs."""
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

    def _contributed(self, demo, rng):
        """The apps' own rows (klean.extensions ``bench_data``); each builder is
        idempotent, so this runs on a loaded set too."""
        organisations = [demo, *Organisation.objects.filter(slug__startswith="bench-")]
        projects = list(Project.objects.filter(organisation__in=organisations))
        for _config, build in contributions("bench_data"):
            build(self, organisations, projects, rng)

    def _organisations(self, existing, wanted):
        Organisation.objects.bulk_create(
            Organisation(
                name=f"Benchkommune {n}",
                slug=f"bench-{n}",
                org_number=bench_org_number(n),
            )
            for n in range(existing, wanted)
        )
        return list(Organisation.objects.filter(slug__startswith="bench-").order_by("pk"))

    def _members(self, organisations, count):
        password = make_password(None)
        users = []
        for organisation in organisations:
            users += [
                User(
                    email=f"person{n}@{organisation.slug}.bench",
                    full_name=f"Person {n} {organisation.name}",
                    password=password,
                )
                for n in range(count)
            ]
        User.objects.bulk_create(users, batch_size=BATCH, ignore_conflicts=True)
        by_email = dict(User.objects.filter(email__endswith=".bench").values_list("email", "pk"))
        members = {}
        rows = []
        for organisation in organisations:
            ids = [by_email[f"person{n}@{organisation.slug}.bench"] for n in range(count)]
            members[organisation.pk] = ids
            rows += [
                Membership(user_id=pk, organisation=organisation, role=Role.EMPLOYEE) for pk in ids
            ]
        Membership.objects.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)
        return members

    def _projects(self, organisations, per_org, rng):
        areas, kinds = ServiceArea.values, ProjectKind.values
        rows = []
        for organisation in organisations:
            for n in range(per_org):
                start = date(2024, 1, 1) + timedelta(days=rng.randrange(900))
                rows.append(
                    Project(
                        organisation=organisation,
                        title=f"Forbedring {n + 1} i {organisation.name}",
                        kind=rng.choice(kinds),
                        service_area=rng.choice(areas),
                        process_name="Saksbehandling",
                        process_start="søknad mottatt",
                        process_end="vedtak sendt",
                        background="Lang ventetid og mange overleveringer. " * 5,
                        mandate="Halvere saksbehandlingstiden og fjerne sløsing. " * 4,
                        start_date=start,
                        planned_end_date=start + timedelta(days=rng.randrange(90, 400)),
                        status=rng.choice(ProjectStatus.values),
                        phase=rng.choice(Phase.values),
                    )
                )
        return Project.objects.bulk_create(rows, batch_size=BATCH)

    def _details(self, projects, members, rng):
        goals, team, ticks, activities = [], [], [], []
        now = timezone.now()
        for project in projects:
            people = rng.sample(members[project.organisation_id], 6)
            roles = [ProjectRole.FACILITATOR, ProjectRole.PROCESS_OWNER] + [ProjectRole.MEMBER] * 4
            team += [
                TeamMember(
                    project=project, user_id=pk, organisation_id=project.organisation_id, role=role
                )
                for pk, role in zip(people, roles, strict=True)
            ]
            goals += [
                Goal(
                    project=project,
                    name="Saksbehandlingstid",
                    unit=Unit.DAYS,
                    direction=Direction.LOWER,
                    baseline=Decimal(60),
                    target=Decimal(30),
                    baseline_date=project.start_date,
                ),
                Goal(
                    project=project,
                    name="Saker innen frist",
                    unit=Unit.PERCENT,
                    direction=Direction.HIGHER,
                    baseline=Decimal(70),
                    target=Decimal(95),
                    baseline_date=project.start_date,
                ),
            ]
            for phase in range(project.phase):
                ticks += [
                    ChecklistTick(project=project, phase=phase, item=i.key)
                    for i in CHECKLISTS[phase]
                ]
            activities += [
                Activity(
                    project=project,
                    actor_id=people[0],
                    kind="projects.phase_forward",
                    data={"phase": n % 11},
                    created_at=now - timedelta(days=n),
                )
                for n in range(15)
            ]
        TeamMember.objects.bulk_create(team, batch_size=BATCH)
        Goal.objects.bulk_create(goals, batch_size=BATCH)
        ChecklistTick.objects.bulk_create(ticks, batch_size=BATCH)
        Activity.objects.bulk_create(activities, batch_size=BATCH)
        measurements = []
        for goal in goals:
            step = (goal.target - goal.baseline) / 8
            measurements += [
                Measurement(
                    goal=goal,
                    date=goal.baseline_date + timedelta(days=30 * (n + 1)),
                    value=goal.baseline + step * (n + 1),
                )
                for n in range(6)
            ]
        Measurement.objects.bulk_create(measurements, batch_size=BATCH)
