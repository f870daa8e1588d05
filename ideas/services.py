"""Changes to ideas, votes, comments and actions (stage moves: ``ideas.stages``)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership
from ideas import notifications
from ideas.models import Action, Comment, Idea, Vote
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


def toggle_vote(idea: Idea, *, by) -> bool:
    """Vote for the idea, or take the vote back; True when the person now
    votes for it. A double-click or parallel posts make at most one vote."""
    with transaction.atomic():
        deleted, _counts = Vote.objects.filter(idea=idea, user=by).delete()
        if deleted:
            return False
        try:
            with transaction.atomic():
                Vote.objects.create(idea=idea, user=by)
        except IntegrityError:  # a parallel post voted first
            return True
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
    """A new row of the action plan; its owner is e-mailed after the commit."""
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
