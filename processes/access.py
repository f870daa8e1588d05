"""Who may see or change a process map: the project's rules (``projects.access``).

Everyone who sees the project reads its maps; contributors (the team's
members, not observers, steering group or representatives) edit them. A map,
lane, step or problem note is fetched through its map's project in one query
together with the viewer's place on the team: outsiders get 404, too-low
roles 403. A problem note is a contribution: its author or a project manager
edits or deletes it (``projects.access.may_edit_contribution``).
"""

from processes.models import Lane, ProblemNote, ProcessMap, Step
from projects.access import below_project_view

READ = "view_project"
EDIT = "contribute"


def map_view(permission: str = READ):
    """A view of one map: ``/o/<org_slug>/maps/<map_id>/…``; receives the map."""
    return below_project_view(
        permission, ProcessMap.objects.all(), project="project", url_argument="map_id"
    )


def lane_view(permission: str = EDIT, *, deleted: bool = False):
    """A view of one swimlane: ``/o/<org_slug>/lanes/<lane_id>/…``; receives the
    lane with its map (a deleted lane too when ``deleted``, for "Angre")."""
    lanes = Lane.all_objects if deleted else Lane.objects
    return below_project_view(
        permission, lanes.select_related("map"), project="map__project", url_argument="lane_id"
    )


def step_view(permission: str = EDIT, *, deleted: bool = False):
    """A view of one step: ``/o/<org_slug>/steps/<step_id>/…``; receives the
    step with its map and lane (a deleted step too when ``deleted``)."""
    steps = Step.all_objects if deleted else Step.objects
    return below_project_view(
        permission,
        steps.select_related("map", "lane"),
        project="map__project",
        url_argument="step_id",
    )


def note_view(permission: str = EDIT):
    """A view of one problem note: ``/o/<org_slug>/notes/<note_id>/…``; receives
    the note with its step and map."""
    return below_project_view(
        permission,
        ProblemNote.objects.select_related("step__map"),
        project="step__map__project",
        url_argument="note_id",
    )
