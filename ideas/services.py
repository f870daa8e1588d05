"""Changes to ideas, votes, comments and actions (stage moves: ``ideas.stages``)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership
from ideas import notifications
from ideas.models import Action, ActionStatus, Comment, Idea, Vote
from projects import timeline


def propose(project, *, by, title: str, description: str = "", **fields) -> Idea:
    """A new idea in the first stage: the quick capture (a title and a sentence)."""
    idea = Idea(
        project=project,
        proposed_by=by,
        title=title.strip(),
        description=description.strip(),
        **fields,
    )
    idea.full_clean(exclude=["project", "proposed_by", "steps", "feedback_answer", "owner"])
    _check_owner(project, fields.get("owner"))
    with transaction.atomic():
        idea.save()
        notifications.notify_owner(idea, by)
    return idea


def set_vote(idea: Idea, *, by, vote: bool) -> bool:
    """Vote for the idea (``vote=True``) or take the vote back: the person's
    wish, not a toggle, so a double-click or parallel posts leave what was
    asked for: one vote or none. Returns whether the person now votes for it.

    A vote that is there stays one row (the database's unique constraint;
    a post that loses the race to insert it finds it there)."""
    if not vote:
        Vote.objects.filter(idea=idea, user=by).delete()
        return False
    try:
        with transaction.atomic():
            Vote.objects.create(idea=idea, user=by)
    except IntegrityError:  # voted already: a double-click, or a parallel post won
        pass
    return True


def comment(idea: Idea, *, by, text: str) -> Comment:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write a comment.")})
    note = Comment(idea=idea, author=by, text=text)
    note.full_clean(exclude=["idea", "author"])
    note.save()
    return note


def may_own(project, user) -> bool:
    """Whether ``user`` may own an idea or action of the project: a member of
    the owning organisation or of an active partner organisation."""
    organisations = [
        project.organisation_id,
        *project.partnerships.active().values_list("organisation_id", flat=True),
    ]
    return Membership.objects.filter(user=user, organisation_id__in=organisations).exists()


def _check_owner(project, owner) -> None:
    if owner is not None and not may_own(project, owner):
        raise ValidationError({"owner": _("Choose an owner who takes part in the project.")})


def add_action(project, *, by, what: str, idea: Idea | None = None, **fields) -> Action:
    """A new row of the action plan. Side effects: an ``ideas.action_added``
    timeline event, and its owner is e-mailed after the commit."""
    if idea is not None and idea.project_id != project.pk:
        raise ValidationError({"idea": _("Choose an idea of this project.")})
    _check_owner(project, fields.get("owner"))
    action = Action(project=project, created_by=by, what=(what or "").strip(), idea=idea, **fields)
    action.full_clean(exclude=["project", "created_by", "idea", "owner"])
    with transaction.atomic():
        action.save()
        timeline.log(
            project, "ideas.action_added", by=by, target=action, data={"action": action.what}
        )
        notifications.notify_owner(action, by)
    return action


def set_scores(idea: Idea, *, effort: int, effect: int) -> Idea:
    """Place the idea on the effort–impact matrix (both scores 1–5)."""
    for name, value in (("effort", effort), ("effect", effect)):
        if not isinstance(value, int) or not 1 <= value <= 5:
            raise ValidationError({name: _("Give a score from 1 to 5.")})
    now = timezone.now()
    Idea.objects.filter(pk=idea.pk).update(effort=effort, effect=effect, updated_at=now)
    idea.effort, idea.effect, idea.updated_at = effort, effect, now
    return idea


def set_action_status(action: Action, status: str, *, by) -> Action:
    """Change an action's status; when it becomes done, ``done_at`` is set and
    an ``ideas.action_done`` timeline event written (once)."""
    if status not in ActionStatus.values:
        raise ValidationError({"status": _("Choose a status from the list.")})
    with transaction.atomic():
        was_done = action.status == ActionStatus.DONE
        action.status = status
        action.done_at = (action.done_at or timezone.now()) if status == ActionStatus.DONE else None
        action.save(update_fields=["status", "done_at"])
        if status == ActionStatus.DONE and not was_done:
            timeline.log(
                action.project,
                "ideas.action_done",
                by=by,
                target=action,
                data={"what": action.what},
            )
    return action


def assign_idea_owner(idea: Idea, owner, by) -> Idea:
    """Make ``owner`` (None: nobody) the idea's owner; a new owner is e-mailed
    after the commit."""
    _check_owner(idea.project, owner)
    owner_id = owner.pk if owner is not None else None
    if idea.owner_id == owner_id:
        return idea
    with transaction.atomic():
        Idea.objects.filter(pk=idea.pk).update(owner=owner, updated_at=timezone.now())
        idea.owner = owner
        timeline.log(
            idea.project,
            "ideas.owner_set" if owner is not None else "ideas.owner_removed",
            by=by,
            target=owner,
            data={"idea": idea.title},
        )
        notifications.notify_owner(idea, by)
    return idea


def assign_action_owner(action: Action, owner, by) -> Action:
    """Make ``owner`` (None: nobody) the action's owner; a new owner is e-mailed
    after the commit."""
    _check_owner(action.project, owner)
    owner_id = owner.pk if owner is not None else None
    if action.owner_id == owner_id:
        return action
    with transaction.atomic():
        Action.objects.filter(pk=action.pk).update(owner=owner)
        action.owner = owner
        notifications.notify_owner(action, by)
    return action
