"""Who may see and change ideas and actions: the project's rules (``projects.access``).

Everyone who sees the project reads its ideas, the matrix and the action
plan; contributors propose, comment, vote and move ideas; an idea or a
comment is edited by its proposer or author, and by the project's managers
(``projects.access.may_edit_contribution``). An idea, comment or action is
fetched through its project in one query with the viewer's place on the team.
"""

from django.core.exceptions import PermissionDenied

from ideas.models import Action, Comment, Idea
from projects.access import below_project_view, may_edit_contribution

READ = "view_project"
EDIT = "contribute"
MANAGE = "manage_project"


def idea_view(permission: str = READ):
    """``/o/<org_slug>/ideas/<idea_id>/…``; the view receives the idea."""
    return below_project_view(
        permission, Idea.objects.all(), project="project", url_argument="idea_id"
    )


def comment_view(permission: str = EDIT):
    """``/o/<org_slug>/comments/<comment_id>/…``; receives the comment with its idea."""
    return below_project_view(
        permission,
        Comment.objects.select_related("idea"),
        project="idea__project",
        url_argument="comment_id",
    )


def action_view(permission: str = EDIT):
    """``/o/<org_slug>/actions/<action_id>/…``; receives the action."""
    return below_project_view(
        permission, Action.objects.all(), project="project", url_argument="action_id"
    )


def may_propose(request, rules) -> bool:
    """Whether the person may add a new idea to the project now, by quick
    capture or from a feedback answer: a contributor, while the project is
    open for ideas (``rules``: its ``IdeaSettings``). A closed project takes
    no new ideas from anyone, its managers included."""
    return rules.open_for_ideas and EDIT in request.project_permissions


def may_edit_action(request, action: Action) -> bool:
    """An action is changed by the person who added it and by project managers
    (the ownership rule), and by its owner while they may contribute."""
    if may_edit_contribution(request, action.created_by_id):
        return True
    return action.owner_id == request.user.pk and EDIT in request.project_permissions


def require_edit_action(request, action: Action) -> None:
    """``may_edit_action`` or 403."""
    if not may_edit_action(request, action):
        raise PermissionDenied
