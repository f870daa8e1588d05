"""The one way an idea changes stage: the moves the method allows.

Forward one stage at a time (collect → develop → select → implement → done),
back one stage (an idea that needs more work), parked or rejected from any
open stage — with a reason — and back from parked or rejected to where the
team picks it up again. Skipping ahead (collect → done) is refused: an idea
is developed and selected before it is implemented.

``move`` checks the move, saves the stage and records a ``StageChange`` and
a timeline event in one transaction; after the commit the proposer is
e-mailed (``ideas.notifications``). Two people moving the same idea at once
are told the idea has moved (the move names the stage it started from).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ideas import notifications
from ideas.models import NEEDS_REASON, PIPELINE, Idea, Stage, StageChange
from projects import timeline

OPEN = PIPELINE[:-1]  # collect … implement

ALLOWED: dict[str, frozenset[str]] = {
    Stage.COLLECT: frozenset({Stage.DEVELOP, Stage.PARKED, Stage.REJECTED}),
    Stage.DEVELOP: frozenset({Stage.SELECT, Stage.COLLECT, Stage.PARKED, Stage.REJECTED}),
    Stage.SELECT: frozenset({Stage.IMPLEMENT, Stage.DEVELOP, Stage.PARKED, Stage.REJECTED}),
    Stage.IMPLEMENT: frozenset({Stage.DONE, Stage.SELECT, Stage.PARKED, Stage.REJECTED}),
    Stage.DONE: frozenset({Stage.IMPLEMENT}),
    Stage.PARKED: frozenset({Stage.COLLECT, Stage.DEVELOP, Stage.SELECT, Stage.REJECTED}),
    Stage.REJECTED: frozenset({Stage.COLLECT}),
}


def allowed(from_stage: str, to_stage: str) -> bool:
    return to_stage in ALLOWED.get(from_stage, ())


def move(
    idea: Idea,
    to_stage: str,
    *,
    by,
    note: str = "",
    from_stage: str | None = None,
    at=None,
) -> Idea:
    """Move ``idea`` to ``to_stage``; ``from_stage`` is the stage the person
    saw (None: the stage now). ``at`` dates a move brought in afterwards (the
    demo's history): it is recorded then, and nobody is e-mailed. Raises
    ValidationError with a message for the person when the move is not
    allowed, lacks a reason, or the idea has moved meanwhile; then nothing is
    saved."""
    note = (note or "").strip()
    if to_stage not in Stage.values:
        raise ValidationError(_("Choose a stage from the list."), code="stage")
    if to_stage in NEEDS_REASON and not note:
        raise ValidationError(
            _("Say why the idea is %(stage)s.") % {"stage": Stage(to_stage).label.lower()},
            code="reason",
        )
    with transaction.atomic():
        current = Idea.objects.select_for_update().only("stage").get(pk=idea.pk).stage
        if from_stage is not None and from_stage != current:
            raise ValidationError(
                _("Someone has moved the idea to «%(stage)s» meanwhile.")
                % {"stage": Stage(current).label},
                code="moved",
            )
        if current == to_stage:
            return idea
        if not allowed(current, to_stage):
            raise ValidationError(
                _("An idea cannot go from «%(from)s» to «%(to)s».")
                % {"from": Stage(current).label, "to": Stage(to_stage).label},
                code="not_allowed",
            )
        now = at or timezone.now()
        Idea.objects.filter(pk=idea.pk).update(stage=to_stage, updated_at=now)
        idea.stage, idea.updated_at = to_stage, now
        change = StageChange.objects.create(
            idea=idea, from_stage=current, to_stage=to_stage, by=by, note=note, at=now
        )
        timeline.log(
            idea.project,
            "ideas.stage_changed",
            by=by,
            target=idea,
            data={"idea": idea.title, "from": current, "to": to_stage, "note": note},
            at=at,
        )
        if at is None:
            notifications.stage_changed(change)
    return idea
