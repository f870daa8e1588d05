"""Ideas' part of the benchmark data (klean.extensions ``bench_data`` / ``bench_targets``).

One project of the demo organisation gets 300 ideas (the environment's or the
settings' ``BENCH_IDEAS`` to change it) in every stage, scored for the
matrix, with owners, a stage change each past the first stage, votes,
comments and an action plan: the idea board and the matrix are measured
over it (QUALITY.md P2). Every other project without ideas gets 25, with
benefits and actions (5,000 in the reference set): the organisation
dashboard adds them up (P1). Bulk inserts; running it again adds nothing.
"""

import os
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import Membership
from ideas.models import (
    Action,
    ActionStatus,
    Comment,
    Idea,
    IdeaKind,
    Source,
    Stage,
    StageChange,
    Vote,
)
from processes.models import WasteType

PREFIX = "Benchmark-idé"
BATCH = 2000
TITLES = [
    "Sjekkliste for komplett søknad",
    "Automatisk kvittering",
    "Felles innboks",
    "Forhåndskonferanse på Teams",
    "Vedtaksmal med resultatet øverst",
    "Statusside på Min side",
    "Digital signering",
    "Daglig fordeling av saker",
]
#: Every stage, the pipeline's first columns fullest, as on a real board.
STAGES = [Stage.COLLECT] * 5 + [Stage.DEVELOP] * 4 + [Stage.SELECT] * 3 + [Stage.IMPLEMENT] * 3
STAGES += [Stage.DONE] * 2 + [Stage.PARKED, Stage.REJECTED]
BEFORE = {
    Stage.DEVELOP: Stage.COLLECT,
    Stage.SELECT: Stage.DEVELOP,
    Stage.IMPLEMENT: Stage.SELECT,
    Stage.DONE: Stage.IMPLEMENT,
    Stage.PARKED: Stage.DEVELOP,
    Stage.REJECTED: Stage.COLLECT,
}


def _project_id(organisation_slug: str):
    return (
        Idea.objects.filter(project__organisation__slug=organisation_slug, title__startswith=PREFIX)
        .values_list("project_id", flat=True)
        .first()
    )


def build(command, organisations, projects, rng):
    _board(command, organisations, projects, rng)
    _spread(command, projects, rng)


def _board(command, organisations, projects, rng):
    """The demo organisation's project of BENCH_IDEAS ideas."""
    demo = organisations[0]
    if _project_id(demo.slug) is not None:
        return
    mine = sorted((p for p in projects if p.organisation_id == demo.pk), key=lambda p: p.pk)
    # A project of the benchmark's own (bench_data's «Forbedring …»), else one without ideas.
    project = next((p for p in mine if p.title.startswith("Forbedring")), None) or next(
        (p for p in mine if not p.ideas.exists()), mine[0]
    )
    count = int(os.environ.get("BENCH_IDEAS") or getattr(settings, "BENCH_IDEAS", 300))
    people = list(
        Membership.objects.filter(organisation=demo)
        .order_by("user_id")
        .values_list("user_id", flat=True)
    )
    wastes = list(WasteType.values)
    now = timezone.now()
    with transaction.atomic():
        ideas = Idea.objects.bulk_create(
            [
                Idea(
                    project=project,
                    title=f"{PREFIX} {n + 1}: {rng.choice(TITLES)}",
                    description="Søkerne venter for lenge på svar. " * rng.randint(1, 4),
                    source=rng.choice(Source.values),
                    proposed_by_id=rng.choice(people),
                    anonymous=rng.random() < 0.1,
                    waste_types=rng.sample(wastes, rng.randint(0, 2)),
                    stage=STAGES[n % len(STAGES)],
                    effect=rng.randint(1, 5) if n % 5 else None,
                    effort=rng.randint(1, 5) if n % 5 else None,
                    kind=rng.choice(IdeaKind.values) if n % 3 == 0 else "",
                    owner_id=rng.choice(people) if n % 2 else None,
                    due_date=(now + timedelta(days=rng.randint(-20, 60))).date()
                    if n % 4 == 1
                    else None,
                    expected_hours=rng.randint(0, 200) if n % 3 == 0 else None,
                    created_at=now - timedelta(days=count - n),
                    updated_at=now - timedelta(days=(count - n) // 2),
                )
                for n in range(count)
            ],
            batch_size=BATCH,
        )
        StageChange.objects.bulk_create(
            [
                StageChange(
                    idea=idea,
                    from_stage=BEFORE[idea.stage],
                    to_stage=idea.stage,
                    by_id=rng.choice(people),
                    note="Flyttet i tavlemøtet" if idea.stage in BEFORE else "",
                    at=idea.updated_at,
                )
                for idea in ideas
                if idea.stage in BEFORE
            ],
            batch_size=BATCH,
        )
        Vote.objects.bulk_create(
            [
                Vote(idea=idea, user_id=user_id)
                for idea in ideas
                for user_id in rng.sample(people, min(len(people), rng.randint(0, 6)))
            ],
            batch_size=BATCH,
        )
        Comment.objects.bulk_create(
            [
                Comment(idea=idea, author_id=rng.choice(people), text="Godt forslag, la oss prøve.")
                for idea in ideas
                for _ in range(rng.randint(0, 3))
            ],
            batch_size=BATCH,
        )
        Action.objects.bulk_create(
            [
                Action(
                    project=project,
                    idea=idea,
                    what=f"Tiltak for {idea.title}"[:200],
                    owner_id=rng.choice(people),
                    due_date=(now + timedelta(days=rng.randint(-30, 90))).date(),
                    status=rng.choice(ActionStatus.values),
                )
                for idea in ideas
                if idea.stage in (Stage.SELECT, Stage.IMPLEMENT, Stage.DONE)
            ],
            batch_size=BATCH,
        )
    command.stdout.write(f"ideas: {count} ideas in «{project.title}»")


#: The reference set's 5,000 ideas over 200 projects (QUALITY.md), in every stage.
SPREAD_STAGES = [Stage.COLLECT] * 6 + [Stage.DEVELOP] * 5 + [Stage.SELECT] * 4
SPREAD_STAGES += [Stage.IMPLEMENT] * 4 + [Stage.DONE] * 4 + [Stage.PARKED, Stage.REJECTED]


def _spread(command, projects, rng):
    """25 ideas in every project that has none, with expected and realised
    benefits, and an action plan with some actions overdue: what the
    organisation dashboard adds up (its idea funnel, benefits and overdue
    actions)."""
    with_ideas = set(
        Idea.objects.filter(project__in=projects).values_list("project_id", flat=True).distinct()
    )
    todo = [project for project in projects if project.pk not in with_ideas]
    if not todo:
        return
    now = timezone.now()
    chosen = (Stage.SELECT, Stage.IMPLEMENT, Stage.DONE)
    with transaction.atomic():
        ideas = Idea.objects.bulk_create(
            [
                Idea(
                    project=project,
                    title=rng.choice(TITLES),
                    description="Søkerne venter for lenge på svar.",
                    source=rng.choice(Source.values),
                    stage=stage,
                    effect=rng.randint(1, 5),
                    effort=rng.randint(1, 5),
                    expected_hours=rng.randint(10, 400) if stage in chosen else None,
                    expected_nok=rng.randint(5, 400) * 1000 if stage in chosen else None,
                    realised_hours=rng.randint(5, 300) if stage == Stage.DONE else None,
                    realised_nok=rng.randint(2, 300) * 1000 if stage == Stage.DONE else None,
                    created_at=now - timedelta(days=rng.randrange(730)),
                    updated_at=now,
                )
                for project in todo
                for stage in SPREAD_STAGES
            ],
            batch_size=BATCH,
        )
        Action.objects.bulk_create(
            [
                Action(
                    project_id=idea.project_id,
                    idea=idea,
                    what=f"Tiltak: {idea.title}"[:200],
                    due_date=(now + timedelta(days=rng.randint(-120, 90))).date(),
                    status=rng.choice(ActionStatus.values),
                )
                for idea in ideas
                if idea.stage in chosen
            ],
            batch_size=BATCH,
        )
    command.stdout.write(f"ideas: {len(ideas)} ideas in {len(todo)} projects")


def targets(organisation_slug: str) -> dict:
    project_id = _project_id(organisation_slug)
    return {"idea_project": project_id} if project_id else {}
