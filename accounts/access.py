"""Who may see or do what: the one place that decides.

Every view that shows or changes something an organisation owns fetches it
through a helper here. The rules:

* A visitor who is not signed in is sent to the login page.
* Someone who is not a member of the organisation that owns an object gets
  404 (Not Found): outsiders cannot even learn that the object exists.
* A member whose role is too low gets 403 (Forbidden).

Roles are ranked; a permission names the lowest organisation role that has it.
README.md shows this table; ``tests/accounts/test_permissions.py`` checks that
the README and this module agree and that every role × action behaves so.
"""

from dataclasses import dataclass
from functools import wraps

from django.apps import apps
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import F, FilteredRelation, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from accounts.models import Invitation, Membership, Organisation, ProjectRole, Role

ROLE_RANK = {Role.EMPLOYEE: 1, Role.FACILITATOR: 2, Role.LEADER: 3, Role.ADMIN: 4}


@dataclass(frozen=True)
class Permission:
    minimum_role: Role
    description: str


ORGANISATION_PERMISSIONS: dict[str, Permission] = {
    "view_organisation": Permission(Role.EMPLOYEE, _("See the organisation's overview")),
    "view_members": Permission(Role.EMPLOYEE, _("See the organisation's members")),
    "manage_members": Permission(Role.ADMIN, _("Invite people, change roles and remove members")),
    "edit_organisation": Permission(Role.ADMIN, _("Change the organisation's settings")),
    "create_project": Permission(Role.FACILITATOR, _("Start an improvement project")),
}


def role_at_least(role: str, minimum: str) -> bool:
    return ROLE_RANK[Role(role)] >= ROLE_RANK[Role(minimum)]


def can(membership: Membership | None, permission: str) -> bool:
    """Whether a membership grants a permission (False for no membership)."""
    if membership is None:
        return False
    return role_at_least(membership.role, ORGANISATION_PERMISSIONS[permission].minimum_role)


def permissions_of(membership: Membership | None) -> frozenset[str]:
    return frozenset(name for name in ORGANISATION_PERMISSIONS if can(membership, name))


def memberships_of(request) -> list[Membership]:
    """The signed-in user's memberships, fetched once per request."""
    if not request.user.is_authenticated:
        return []
    cached = getattr(request.user, "_klean_memberships", None)  # see accounts.backends
    if cached is None:
        cached = list(
            Membership.objects.filter(user=request.user)
            .select_related("organisation")
            .order_by("organisation__name")
        )
        request.user._klean_memberships = cached
    return cached


def membership_for(request, organisation_slug: str) -> Membership:
    """The user's membership of the organisation with this slug, else 404."""
    for membership in memberships_of(request):
        if membership.organisation.slug == organisation_slug:
            return membership
    raise Http404("No such organisation")


def organisation_view(permission: str = "view_organisation"):
    """Decorate a view that lives under ``/o/<org_slug>/``.

    Resolves the organisation once: the view receives ``request.organisation``
    and ``request.membership`` instead of the ``org_slug`` argument.
    Anonymous → login, outsider or unknown slug → 404, too-low role → 403.
    """
    if permission not in ORGANISATION_PERMISSIONS:
        raise ValueError(f"Unknown permission {permission!r}")

    def decorator(view):
        @wraps(view)
        def wrapper(request, org_slug, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            membership = membership_for(request, org_slug)
            if not can(membership, permission):
                raise PermissionDenied
            request.membership = membership
            request.organisation = membership.organisation
            if request.session.get("klean_organisation") != org_slug:
                request.session["klean_organisation"] = org_slug
            return view(request, *args, **kwargs)

        wrapper.klean_permission = permission
        return wrapper

    return decorator


def user_view(view):
    """Decorate a view about the signed-in user's own account (no organisation)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    wrapper.klean_user_view = True
    return wrapper


def get_membership(request, membership_id: int) -> Membership:
    """A membership of the current organisation, else 404."""
    return get_object_or_404(
        Membership.objects.select_related("user"),
        pk=membership_id,
        organisation=request.organisation,
    )


def get_invitation(request, invitation_id: int) -> Invitation:
    """An invitation of the current organisation, else 404."""
    return get_object_or_404(Invitation, pk=invitation_id, organisation=request.organisation)


def default_organisation(request) -> Organisation | None:
    """The organisation a signed-in user lands in: the last one used, else the first."""
    memberships = memberships_of(request)
    last = request.session.get("klean_organisation")
    for membership in memberships:
        if membership.organisation.slug == last:
            return membership.organisation
    return memberships[0].organisation if memberships else None


def permission_table_markdown() -> str:
    """The roles × permissions table README.md shows (kept equal by a test)."""
    from django.utils import translation

    roles = sorted(ROLE_RANK, key=ROLE_RANK.get, reverse=True)
    with translation.override("en"):
        header = "| what | " + " | ".join(str(role.label) for role in roles) + " |"
        lines = [header, "|---|" + "---|" * len(roles)]
        for name, permission in ORGANISATION_PERMISSIONS.items():
            marks = ["✓" if role_at_least(role, permission.minimum_role) else "–" for role in roles]
            lines.append(f"| {permission.description} (`{name}`) | " + " | ".join(marks) + " |")
    return "\n".join(lines)


# --- Projects -----------------------------------------------------------------------
#
# A project belongs to one organisation. Who may do what in it follows from the
# person's role on the project's team and from their role in the owning
# organisation (admins and leaders see all their organisation's projects).
# People from a partner organisation take part only through the team, and only
# while the partnership is active. The project models live in the projects app,
# which builds on this one; they are looked up through Django's app registry
# so that no import points upwards.


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


def _project_models():
    return (
        apps.get_model("projects", "Project"),
        apps.get_model("projects", "TeamMember"),
        apps.get_model("projects", "Partnership"),
    )


@dataclass(frozen=True)
class TeamPlace:
    """Where the signed-in person stands on a project's team."""

    role: str
    organisation_id: int


def _project_for(request, org_slug: str, project_id: int):
    """The project, with the signed-in person's team role and organisation
    annotated (``my_role``, ``my_team_organisation``) – one query."""
    project_model, _team, _partnership = _project_models()
    mine = FilteredRelation("team", condition=Q(team__user=request.user))
    return (
        project_model.objects.select_related("organisation")
        .filter(pk=project_id, organisation__slug=org_slug)
        .annotate(my_team=mine)
        .annotate(my_role=F("my_team__role"), my_team_organisation=F("my_team__organisation_id"))
        .first()
    )


def active_team_place(request, project) -> TeamPlace | None:
    """The person's place on the project's team, if it gives access now:
    through the owning organisation, or through a partner organisation while
    the partnership is active and the person is still a member there."""
    if project.my_role is None:
        return None
    organisation_id = project.my_team_organisation
    if organisation_id not in {m.organisation_id for m in memberships_of(request)}:
        return None
    if organisation_id != project.organisation_id:
        _project, _team, partnership_model = _project_models()
        active = partnership_model.objects.active().filter(
            project=project, organisation_id=organisation_id
        )
        if not active.exists():
            return None
    return TeamPlace(role=project.my_role, organisation_id=organisation_id)


def project_view(permission: str = "view_project"):
    """Decorate a view under ``/o/<org_slug>/projects/<project_id>/``.

    The view receives ``request.project``, ``request.project_permissions`` and
    ``request.team_place``, and ``request.organisation`` / ``request.membership``
    for the organisation through which the person sees the project (their own
    when they are a partner). Anonymous → login, outsider → 404, too-low role → 403.
    """
    if permission not in PROJECT_PERMISSIONS:
        raise ValueError(f"Unknown project permission {permission!r}")

    def decorator(view):
        @wraps(view)
        def wrapper(request, org_slug, project_id, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            project = _project_for(request, org_slug, project_id)
            if project is None:
                raise Http404("No such project")
            member_of = {m.organisation_id: m for m in memberships_of(request)}
            owner_membership = member_of.get(project.organisation_id)
            place = active_team_place(request, project)
            granted = project_permissions(
                owner_membership.role if owner_membership else None,
                place.role if place else None,
            )
            if not granted:
                raise Http404("No such project")
            if permission not in granted:
                raise PermissionDenied
            request.project = project
            request.project_permissions = granted
            request.team_place = place
            request.membership = owner_membership or member_of[place.organisation_id]
            request.organisation = request.membership.organisation
            return view(request, *args, **kwargs)

        wrapper.klean_project_permission = permission
        return wrapper

    return decorator


def visible_projects(request, organisation: Organisation):
    """The projects a member sees from an organisation's project list: the
    organisation's own (all of them for admins and leaders, else those they are
    on the team of) and other organisations' projects they take part in as a
    partner from this organisation.

    The few partner projects are looked up first, so that the database can
    answer ``organisation = … OR id IN (1, 2, …)`` from its indexes: the cost
    follows the organisation's projects, not the installation's.
    """
    project_model, team_member_model, _partnership = _project_models()
    membership = membership_for(request, organisation.slug)
    my_teams = team_member_model.objects.filter(user=request.user)
    own = Q(organisation=organisation)
    if membership.role not in PROJECT_PERMISSIONS["view_project"].organisation_roles:
        own &= Q(pk__in=my_teams.values("project_id"))
    partner_projects = list(
        my_teams.filter(
            organisation=organisation,
            project__partnerships__organisation=organisation,
            project__partnerships__ended_at__isnull=True,
        )
        .exclude(project__organisation=organisation)
        .values_list("project_id", flat=True)
    )
    return project_model.objects.filter(own | Q(pk__in=partner_projects))


def get_in_project(request, queryset, **lookup):
    """An object of the current project (a goal, a team member…), else 404."""
    return get_object_or_404(queryset, project=request.project, **lookup)


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
