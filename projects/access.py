"""Who may see or do what in a project: the rules every app above builds on.

A project belongs to one organisation. Who may do what in it follows from the
person's role on the project's team and from their role in the owning
organisation (admins and leaders see all their organisation's projects).
People from a partner organisation take part only through the team, and only
while the partnership is active: a request that the partner's administrator
has not accepted yet counts as no partnership at all (QUALITY.md S12).

The mechanism (decorators, 404/403, the URL walk) is ``accounts.access``;
this module adds the project permission table, ``project_view`` for pages of
one project, ``below_project_view`` for objects that sit below a project
(a goal's measurement, later a map's step or a form's answer), and the
ownership rule for editing one's own contributions.
"""

from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import F, FilteredRelation, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from accounts.access import Guard, membership_for, memberships_of, record_guard
from accounts.models import Membership, Organisation, Role
from projects.models import Partnership, PartnershipStatus, Project, ProjectRole, TeamMember


@dataclass(frozen=True)
class ProjectPermission:
    team_roles: frozenset[str]
    organisation_roles: frozenset[str]
    description: str


ALL_TEAM_ROLES = frozenset(ProjectRole.values)
MANAGERS = frozenset({ProjectRole.PROCESS_OWNER, ProjectRole.FACILITATOR})
CONTRIBUTORS = MANAGERS | {
    ProjectRole.LEADER,
    ProjectRole.MEMBER,
    ProjectRole.USER_REP,
    ProjectRole.EXTERNAL_PARTNER,
}

PROJECT_PERMISSIONS: dict[str, ProjectPermission] = {
    "view_project": ProjectPermission(
        ALL_TEAM_ROLES,
        frozenset({Role.ADMIN, Role.LEADER}),
        _("See the project: mandate, phases, goals, team and timeline"),
    ),
    "receive_reports": ProjectPermission(
        ALL_TEAM_ROLES,
        frozenset({Role.ADMIN, Role.LEADER}),
        _("Read and download the project's reports"),
    ),
    "contribute": ProjectPermission(
        CONTRIBUTORS,
        frozenset(),
        _("Contribute to maps, ideas and feedback, and edit one's own contributions"),
    ),
    "record_measurements": ProjectPermission(
        MANAGERS | {ProjectRole.LEADER},
        frozenset({Role.ADMIN}),
        _("Record measurements of the goals"),
    ),
    "manage_project": ProjectPermission(
        MANAGERS,
        frozenset({Role.ADMIN}),
        _("Edit the project and manage its phases, checklists, goals, team and partners"),
    ),
}


def project_permissions(organisation_role: str | None, team_role: str | None) -> frozenset[str]:
    """What a person may do in a project, from their role in the owning
    organisation (None for partners and outsiders) and on the team (None if not on it)."""
    return frozenset(
        name
        for name, permission in PROJECT_PERMISSIONS.items()
        if (team_role is not None and team_role in permission.team_roles)
        or (organisation_role is not None and organisation_role in permission.organisation_roles)
    )


def sees_every_project(organisation_role: str | None) -> bool:
    """Whether a role in the owning organisation shows all its projects, on
    the team or not (administrators and leaders)."""
    return organisation_role in PROJECT_PERMISSIONS["view_project"].organisation_roles


def sees_project_off_the_team(user_id: int, project: Project) -> bool:
    """Whether the person would still see the project after leaving its team."""
    role = (
        Membership.objects.filter(user_id=user_id, organisation_id=project.organisation_id)
        .values_list("role", flat=True)
        .first()
    )
    return sees_every_project(role)


@dataclass(frozen=True)
class TeamPlace:
    """Where the signed-in person stands on a project's team."""

    role: str
    organisation_id: int


def with_viewer(queryset, user, project: str = ""):
    """Annotate a queryset with the viewer's place on the project that each row
    is, or sits below through ``project`` (a lookup path such as
    ``"goal__project"``): ``viewer_role`` and ``viewer_team_organisation``,
    through one LEFT JOIN on the team (unique per project and person)."""
    prefix = f"{project}__" if project else ""
    place = FilteredRelation(f"{prefix}team", condition=Q(**{f"{prefix}team__user": user}))
    return queryset.annotate(viewer_place=place).annotate(
        viewer_role=F("viewer_place__role"),
        viewer_team_organisation=F("viewer_place__organisation_id"),
    )


def _grant(request, project, row) -> None:
    """Decide what the signed-in person may do in ``project`` from the
    annotations of ``with_viewer`` on ``row``; 404 when nothing.

    A person takes part through the owning organisation, or through a partner
    organisation while the partnership is active — accepted, not pending or
    ended (one more query, for partners only) — and while they are still a
    member there.

    Sets ``request.project``, ``request.project_permissions``,
    ``request.team_place`` and ``request.membership`` / ``request.organisation``
    (the organisation through which the person sees the project: their own
    when they are a partner).
    """
    member_of = {m.organisation_id: m for m in memberships_of(request)}
    owner_membership = member_of.get(project.organisation_id)
    place = None
    through = row.viewer_team_organisation
    on_team = row.viewer_role is not None and through in member_of
    if on_team and (
        through == project.organisation_id
        or Partnership.objects.active().filter(project=project, organisation_id=through).exists()
    ):
        place = TeamPlace(row.viewer_role, through)
    granted = project_permissions(
        owner_membership.role if owner_membership else None, place.role if place else None
    )
    if not granted:
        raise Http404("No such project")
    request.project = project
    request.project_permissions = granted
    request.team_place = place
    request.membership = owner_membership or member_of[place.organisation_id]
    request.organisation = request.membership.organisation


def _check(request, permission: str) -> None:
    if permission not in request.project_permissions:
        raise PermissionDenied


def _known(permission: str) -> None:
    if permission not in PROJECT_PERMISSIONS:
        raise ValueError(f"Unknown project permission {permission!r}")


def project_view(permission: str = "view_project"):
    """Decorate a view under ``/o/<org_slug>/projects/<project_id>/``.

    One query fetches the project, its organisation and the viewer's place on
    the team. The view receives ``request.project`` and the rest that
    ``_grant`` sets. Anonymous → login, outsider → 404, too-low role → 403.
    """
    _known(permission)

    def decorator(view):
        @wraps(view)
        def wrapper(request, org_slug, project_id, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            project = (
                with_viewer(Project.objects.select_related("organisation"), request.user)
                .filter(pk=project_id, organisation__slug=org_slug)
                .first()
            )
            if project is None:
                raise Http404("No such project")
            _grant(request, project, project)
            _check(request, permission)
            return view(request, *args, **kwargs)

        return record_guard(wrapper, Guard("project", permission))

    return decorator


def fetch_below_project(
    request, queryset, *, project: str, org_slug: str, permission: str, **lookup
):
    """An object that sits below a project, found through its path to the
    project (``project="goal__project"`` for a measurement; later
    ``"map__project"`` for a step, ``"response__form__project"`` for an
    answer), in one query together with the viewer's place on the team.

    Outsiders and unknown objects → 404, too-low role → 403; sets what
    ``project_view`` sets on the request.
    """
    _known(permission)
    obj = (
        with_viewer(queryset.select_related(f"{project}__organisation"), request.user, project)
        .filter(**{f"{project}__organisation__slug": org_slug}, **lookup)
        .first()
    )
    if obj is None:
        raise Http404("No such object")
    owner = obj
    for step in project.split("__"):
        owner = getattr(owner, step)
    _grant(request, owner, obj)
    _check(request, permission)
    return obj


def below_project_view(permission: str, queryset, *, project: str, url_argument: str):
    """Decorate a view whose address names an object below a project rather
    than the project: ``/o/<org_slug>/…/<url_argument>/``. The view receives
    the object as its first argument after the request."""
    _known(permission)

    def decorator(view):
        @wraps(view)
        def wrapper(request, org_slug, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            obj = fetch_below_project(
                request,
                queryset.all(),
                project=project,
                org_slug=org_slug,
                permission=permission,
                pk=kwargs.pop(url_argument),
            )
            return view(request, obj, *args, **kwargs)

        return record_guard(wrapper, Guard("project", permission))

    return decorator


def get_in_project(request, queryset, **lookup):
    """An object of the current project (a goal, a team member…), else 404."""
    return get_object_or_404(queryset, project=request.project, **lookup)


def may_manage_partners(request) -> bool:
    """Whether the signed-in person may invite, withdraw and end partners.

    Only the owning organisation's project managers bring organisations into
    its project: a partner organisation's facilitator on the team manages the
    project's work, but cannot let a third organisation in.
    """
    return (
        "manage_project" in request.project_permissions
        and request.organisation.pk == request.project.organisation_id
    )


def require_manage_partners(request) -> None:
    """``may_manage_partners`` or 403."""
    if not may_manage_partners(request):
        raise PermissionDenied


def get_partnership_request(request, partnership_request_id: int) -> Partnership:
    """A partnership that another organisation's project asked the current
    organisation (``organisation_view``) to join, with its project, the owning
    organisation and who asked; else 404.

    Any status, so that a second press of Accept finds the request it already
    answered and says so.
    """
    return get_object_or_404(
        Partnership.objects.select_related("project__organisation", "added_by"),
        pk=partnership_request_id,
        organisation=request.organisation,
    )


def may_edit_contribution(request, author_id: int | None) -> bool:
    """The ownership rule: a contribution (a note, an idea, a comment, a
    measurement…) may be edited or withdrawn by its author while they may
    still contribute, and by anyone who manages the project."""
    perms = request.project_permissions
    if "manage_project" in perms:
        return True
    return author_id is not None and author_id == request.user.pk and "contribute" in perms


def require_edit_contribution(request, author_id: int | None) -> None:
    """``may_edit_contribution`` or 403."""
    if not may_edit_contribution(request, author_id):
        raise PermissionDenied


def visible_projects(request, organisation: Organisation):
    """The projects a member sees from an organisation's project list: the
    organisation's own (all of them for admins and leaders, else those they are
    on the team of) and other organisations' projects they take part in as a
    partner from this organisation.

    The few partner projects are looked up first, so that the database can
    answer ``organisation = … OR id IN (1, 2, …)`` from its indexes: the cost
    follows the organisation's projects, not the installation's.
    """
    membership = membership_for(request, organisation.slug)
    my_teams = TeamMember.objects.filter(user=request.user)
    own = Q(organisation=organisation)
    if not sees_every_project(membership.role):
        own &= Q(pk__in=my_teams.values("project_id"))
    partner_projects = list(
        my_teams.filter(
            organisation=organisation,
            project__partnerships__organisation=organisation,
            project__partnerships__status=PartnershipStatus.ACTIVE,
        )
        .exclude(project__organisation=organisation)
        .values_list("project_id", flat=True)
    )
    return Project.objects.filter(own | Q(pk__in=partner_projects))


def project_permission_table_markdown() -> str:
    """The project roles × permissions table README.md shows (kept equal by a test)."""
    from django.utils import translation

    with translation.override("en"):
        columns = [str(role.label) for role in ProjectRole] + [
            f"{Role(role).label} (organisation)" for role in (Role.ADMIN, Role.LEADER)
        ]
        lines = ["| what | " + " | ".join(columns) + " |", "|---|" + "---|" * len(columns)]
        for name, permission in PROJECT_PERMISSIONS.items():
            marks = ["✓" if role in permission.team_roles else "–" for role in ProjectRole]
            marks += [
                "✓" if role in permission.organisation_roles else "–"
                for role in (Role.ADMIN, Role.LEADER)
            ]
            lines.append(f"| {permission.description} (`{name}`) | " + " | ".join(marks) + " |")
    return "\n".join(lines)


def permission_tables() -> list[tuple[str, str]]:
    """The tables README.md shows for this app (``manage.py permission_table``)."""
    return [("Project roles", project_permission_table_markdown())]
