"""Access tests generated for every view from the URL walk (S2, S3).

For each view whose decorator recorded a rule (``view.guard``):

* anonymous GET and POST → the login page;
* an outsider (admin of another organisation) → 404, also with htmx, and also
  when they put this organisation's ids into their own organisation's address;
* every person whose role does not grant the permission → 403 (or 404 when
  the role gives no access to the project at all), and every person whose
  role grants it → neither 403 nor 404, for every method the view allows;
* every HTTP method the view does not allow → 405.

Who is allowed is read from the permission tables in ``accounts.access`` and
``projects.access``; that those tables say what the product promises is
checked against literal tables in tests/accounts/test_permissions.py and
tests/projects/test_permissions.py.
"""

import pytest
from django.db import transaction
from django.urls import reverse

from accounts.access import ORGANISATION_PERMISSIONS, role_at_least
from accounts.models import Role
from projects.access import project_permissions
from projects.models import Project, ProjectRole
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    TeamMemberFactory,
)
from tests.routes import (
    CONTRIBUTIONS,
    PUBLIC,
    USER_SCOPED,
    guarded_routes,
    public_kwargs,
    site_routes,
)

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
ROUTES = guarded_routes()


def ids(routes):
    return [route.name for route in routes]


def url_for(route, values) -> str:
    return reverse(route.name, kwargs={arg: values[arg] for arg in route.arguments})


def send(client, method, url, **kwargs):
    """One request whose changes are rolled back, so that the next request
    (another person, another method) meets the same data."""
    with transaction.atomic():
        response = getattr(client, method.lower())(url, **kwargs)
        transaction.set_rollback(True)
    return response


# --- The walk covers everything ---------------------------------------------------------


def test_every_view_records_its_rule_or_is_listed():
    problems = []
    for route in site_routes():
        if route.name is None:
            problems.append(f"{route.pattern}: give the URL pattern a name")
        elif route.name in PUBLIC or route.name in USER_SCOPED:
            continue
        elif route.guard is None:
            problems.append(
                f"{route.name}: decorate the view with an access decorator "
                "(accounts.access or <app>/access.py), or list it in tests/routes.py"
            )
    assert not problems, "\n".join(problems)


def test_every_guarded_view_declares_its_methods():
    missing = [route.name for route in site_routes() if route.guard and route.methods is None]
    assert not missing, f"add @require_http_methods (or require_GET/POST) to: {missing}"


def test_every_argument_has_a_sample_object(object_kwargs):
    missing = {
        route.name: [arg for arg in route.arguments if arg not in object_kwargs] for route in ROUTES
    }
    missing = {name: args for name, args in missing.items() if args}
    assert not missing, f"add these to object_kwargs in tests/conftest.py: {missing}"


def test_public_and_user_lists_name_real_urls():
    names = {route.name for route in site_routes()}
    assert names >= (PUBLIC | USER_SCOPED)


# --- Anonymous and outsiders -------------------------------------------------------------


@pytest.mark.parametrize("route", ROUTES, ids=ids(ROUTES))
def test_anonymous_is_sent_to_login(client, object_kwargs, route):
    url = url_for(route, object_kwargs)
    for method in ("GET", "POST"):
        response = send(client, method, url)
        assert response.status_code == 302, method
        assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("route", ROUTES, ids=ids(ROUTES))
def test_outsider_gets_404(client, cast, object_kwargs, route):
    client.force_login(cast.outsider)
    url = url_for(route, object_kwargs)
    for method in METHODS:
        assert send(client, method, url).status_code == 404, method
    assert client.get(url, headers={"HX-Request": "true"}).status_code == 404


MULTI = [route for route in ROUTES if len(route.arguments) > 1]


@pytest.mark.parametrize("route", MULTI, ids=ids(MULTI))
def test_outsider_gets_404_for_objects_through_own_organisation(client, cast, object_kwargs, route):
    """The outsider is admin in their own organisation, and still cannot reach
    another organisation's objects by putting their ids in their own address."""
    client.force_login(cast.outsider)
    url = url_for(route, {**object_kwargs, "org_slug": cast.other_organisation.slug})
    for method in route.methods:
        assert send(client, method, url).status_code == 404, method


@pytest.mark.parametrize("name", sorted(USER_SCOPED))
def test_user_pages_send_anonymous_to_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


USER_ROUTES = [route for route in site_routes() if route.guard and route.guard.scope == "user"]


@pytest.mark.parametrize("route", USER_ROUTES, ids=ids(USER_ROUTES))
def test_own_account_pages_send_anonymous_to_login(client, route):
    response = client.get(reverse(route.name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


PUBLIC_ROUTES = [route for route in site_routes() if route.name in PUBLIC]


@pytest.mark.parametrize("route", PUBLIC_ROUTES, ids=ids(PUBLIC_ROUTES))
def test_public_urls_answer_anonymous_without_error(client, db, route):
    response = client.get(reverse(route.name, kwargs=public_kwargs(route)))
    assert response.status_code < 500


@pytest.mark.parametrize(
    "path", ["/admin/", "/admin/accounts/user/", "/admin/accounts/organisation/"]
)
def test_admin_is_for_staff_only(client, cast, path):
    assert client.get(path)["Location"].startswith("/admin/login/")
    client.force_login(cast.admin)  # an organisation admin is not staff
    assert client.get(path)["Location"].startswith("/admin/login/")


# --- Roles ---------------------------------------------------------------------------------


def organisation_personas(cast, permission):
    """(label, user, expected) for every organisation role."""
    minimum = ORGANISATION_PERMISSIONS[permission].minimum_role
    return [
        (role.value, cast.by_role(role), "allowed" if role_at_least(role, minimum) else 403)
        for role in Role
    ]


def project_personas(cast, project, permission, *, owned=False):
    """(label, user, expected) for every team role (held by an employee of the
    owning organisation), every organisation role off the team, and a partner
    organisation's member on the team. ``owned``: a view of a contribution
    nobody on the list wrote, which only project managers may change."""
    personas = []

    def expected(organisation_role, team_role):
        granted = project_permissions(organisation_role, team_role)
        if not granted:
            return 404
        if owned and permission in granted and "manage_project" not in granted:
            return 403
        return "allowed" if permission in granted else 403

    for team_role in ProjectRole:
        person = MembershipFactory(organisation=cast.organisation, role=Role.EMPLOYEE).user
        TeamMemberFactory(project=project, user=person, role=team_role)
        personas.append((f"team:{team_role}", person, expected(Role.EMPLOYEE, team_role)))
    for role in Role:
        person = MembershipFactory(organisation=cast.organisation, role=role).user
        personas.append((f"organisation:{role}", person, expected(role, None)))
    partner = OrganisationFactory()
    PartnershipFactory(project=project, organisation=partner)
    person = MembershipFactory(organisation=partner, role=Role.ADMIN).user
    TeamMemberFactory(
        project=project, user=person, organisation=partner, role=ProjectRole.EXTERNAL_PARTNER
    )
    personas.append(("partner", person, expected(None, ProjectRole.EXTERNAL_PARTNER)))
    return personas


def personas_for(route, cast, object_kwargs):
    guard = route.guard
    if guard.scope == "organisation":
        return organisation_personas(cast, guard.permission)
    project = Project.objects.get(pk=object_kwargs["project_id"])
    return project_personas(cast, project, guard.permission, owned=route.name in CONTRIBUTIONS)


@pytest.mark.parametrize("route", ROUTES, ids=ids(ROUTES))
def test_each_role_gets_what_the_permission_table_says(client, cast, object_kwargs, route):
    url = url_for(route, object_kwargs)
    wrong = []
    for label, user, expected in personas_for(route, cast, object_kwargs):
        client.force_login(user)
        for method in sorted(route.methods):
            status = send(client, method, url).status_code
            if expected == "allowed" and status in (403, 404):
                wrong.append(f"{label} {method}: {status}, expected access")
            elif expected != "allowed" and status != expected:
                wrong.append(f"{label} {method}: {status}, expected {expected}")
    assert not wrong, f"{route.name} ({route.guard.permission}):\n" + "\n".join(wrong)


@pytest.mark.parametrize("route", ROUTES, ids=ids(ROUTES))
def test_methods_the_view_does_not_allow_get_405(client, cast, object_kwargs, route):
    allowed = [
        user
        for _label, user, expected in personas_for(route, cast, object_kwargs)
        if expected == "allowed"
    ]
    assert allowed, f"nobody may use {route.name}"
    client.force_login(allowed[0])
    url = url_for(route, object_kwargs)
    for method in sorted(set(METHODS) - route.methods):
        assert send(client, method, url).status_code == 405, method
