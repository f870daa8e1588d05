"""Changes to ideas, votes, comments and actions (stage moves: ``ideas.stages``)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ideas.models import Action, Comment, Idea, Vote


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
    idea.save()
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


def add_action(project, *, by, what: str, idea: Idea | None = None, **fields) -> Action:
    if idea is not None and idea.project_id != project.pk:
        raise ValidationError({"idea": _("Choose an idea of this project.")})
    action = Action(project=project, created_by=by, what=(what or "").strip(), idea=idea, **fields)
    action.full_clean(exclude=["project", "created_by", "idea", "owner"])
    action.save()
    return action
