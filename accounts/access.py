"""Who may see or do what: the mechanism every app builds its rules on.

This module holds what is common to all apps; each app keeps its own rules in
its ``<app>/access.py`` (``projects.access`` holds the project roles and
permissions, and the apps above build on those). The contract:

* A visitor who is not signed in is sent to the login page.
* Someone who is not a member of the organisation that owns an object gets
  404 (Not Found): outsiders cannot even learn that the object exists.
* A member whose role is too low gets 403 (Forbidden).

Every access decorator records its rule on the view it wraps (``view.guard``),
and ``walk_urls`` lists every URL with its view, rule and HTTP methods: the
tests generate the anonymous / outsider / too-low role / wrong-method checks
of every view from that walk.

Organisation roles are ranked; a permission names the lowest role that has it.
README.md shows the table (``manage.py permission_table``), kept equal by a test.
"""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.translation import gettext_lazy as _

from accounts.models import Invitation, Membership, Organisation, Role


@dataclass(frozen=True)
class Guard:
    """The rule an access decorator enforces, recorded on the view it wraps.

    ``scope`` names whose permission table ``permission`` comes from:
    ``"organisation"`` (``ORGANISATION_PERMISSIONS`` below), ``"project"``
    (``projects.access.PROJECT_PERMISSIONS``), or ``"user"`` for pages about
    the signed-in person's own account (no permission).
    """

    scope: str
    permission: str | None = None


def record_guard(view, guard: Guard):
    """Mark a wrapped view with its rule (every access decorator calls this)."""
    view.guard = guard
    return view


def guard_of(view) -> Guard | None:
    return getattr(view, "guard", None)


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
    "view_dashboard": Permission(
        Role.FACILITATOR, _("See the organisation's dashboard of the projects one sees")
    ),
    "answer_partnerships": Permission(
        Role.ADMIN, _("Accept or decline requests to take part in other organisations' projects")
    ),
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
            remember_organisation(request, membership.organisation)
            return view(request, *args, **kwargs)

        return record_guard(wrapper, Guard("organisation", permission))

    return decorator


def user_view(view):
    """Decorate a view about the signed-in user's own account (no organisation)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return record_guard(wrapper, Guard("user"))


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


def remember_organisation(request, organisation: Organisation) -> None:
    """Remember the organisation a person works in, for this session and for
    their next login (one write when it changes, not on every page)."""
    if request.session.get("klean_organisation") != organisation.slug:
        request.session["klean_organisation"] = organisation.slug
    user = request.user
    if user.last_organisation_id != organisation.pk:
        user.last_organisation = organisation
        user.save(update_fields=["last_organisation"])


def default_organisation(request) -> Organisation | None:
    """The organisation a signed-in person lands in: the one they used last
    (in this session, else before their last logout), else the one where
    they have the highest role."""
    memberships = memberships_of(request)
    by_slug = {m.organisation.slug: m for m in memberships}
    last = request.session.get("klean_organisation")
    if last in by_slug:
        return by_slug[last].organisation
    for membership in memberships:
        if membership.organisation_id == request.user.last_organisation_id:
            return membership.organisation
    if not memberships:
        return None
    highest = max(memberships, key=lambda m: ROLE_RANK[Role(m.role)])
    return highest.organisation


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


# --- The URL walk ------------------------------------------------------------------

ARGUMENT = re.compile(r"<(?:\w+:)?(\w+)>")


@dataclass(frozen=True)
class Route:
    """One URL pattern with its view, its recorded rule and its HTTP methods."""

    name: str | None
    pattern: str
    arguments: tuple[str, ...]
    view: Callable

    @property
    def guard(self) -> Guard | None:
        return guard_of(self.view)

    @property
    def methods(self) -> frozenset[str] | None:
        return allowed_methods(self.view)


def walk_urls(patterns=None, prefix: str = "", namespace: str = "") -> Iterator[Route]:
    """Every URL pattern of the site, depth first, with namespaced names."""
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            full = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from walk_urls(entry.url_patterns, prefix + str(entry.pattern), full)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            route = prefix + str(entry.pattern)
            yield Route(name, route, tuple(ARGUMENT.findall(route)), entry.callback)


def allowed_methods(view) -> frozenset[str] | None:
    """The HTTP methods a view accepts, as declared by Django's
    ``require_http_methods`` family (None when the view declares none).

    The list lives in the decorator's closure; the access decorators keep
    ``__wrapped__``, so the whole chain is searched.
    """
    while view is not None:
        closure = getattr(view, "__closure__", None) or ()
        names = getattr(getattr(view, "__code__", None), "co_freevars", ())
        for name, cell in zip(names, closure, strict=False):
            if name == "request_method_list":
                return frozenset(cell.cell_contents)
        view = getattr(view, "__wrapped__", None)
    return None


def permission_tables() -> list[tuple[str, str]]:
    """The tables README.md shows for this app (``manage.py permission_table``)."""
    return [("Organisation roles", permission_table_markdown())]
