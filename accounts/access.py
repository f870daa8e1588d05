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

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from accounts.models import Invitation, Membership, Organisation, Role

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
    cached = getattr(request, "_klean_memberships", None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=request.user)
            .select_related("organisation")
            .order_by("organisation__name")
        )
        request._klean_memberships = cached
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
