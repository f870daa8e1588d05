"""Every URL of the project, walked: anonymous visitors go to login, outsiders get 404.

A URL pattern must be one of:

* PUBLIC – listed here by name, on purpose (login, health checks, the
  invitation page whose token is the key, later the public feedback forms);
* USER_SCOPED – about the signed-in person's own account: anonymous → login;
* in the ``admin`` namespace – only for superusers (tested below);
* an organisation URL (``/o/<org_slug>/…``) whose every argument has a value
  in the ``object_kwargs`` fixture (tests/conftest.py): then anonymous GET and POST go to login, an
  outsider (admin of another organisation) gets 404 for GET and POST, and the
  outsider also gets 404 when asking for this organisation's objects through
  their *own* organisation's address.

A new URL that is none of these fails ``test_every_url_is_covered``. A feature
that adds URLs with new arguments adds an object of the cast's organisation to
``object_kwargs`` in tests/conftest.py.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

PUBLIC = {
    "ping",
    "healthz",
    "favicon",
    "set_language",
    "accounts:login",
    "accounts:logout",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    "accounts:accept_invitation",
}

USER_SCOPED = {
    "home",
    "accounts:account",
    "accounts:export_data",
    "accounts:delete_account",
    "accounts:switch_organisation",
    "accounts:password_change",
    "accounts:password_change_done",
}

# Sample arguments for public URLs: any well-formed value must give a page, never a 500.
PUBLIC_KWARGS = {"token": "not-a-real-token", "uidb64": "MQ", "token_reset": "x-y"}

ARGUMENT = re.compile(r"<(?:\w+:)?(\w+)>")


def walk(patterns=None, prefix="", namespace=""):
    """Yield (name, route, argument names) for every URL pattern."""
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            full_ns = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), full_ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            route = prefix + str(entry.pattern)
            yield name, route, ARGUMENT.findall(route)


def project_urls():
    """Every pattern but the admin site's (superusers only, tested on its own)."""
    return [(name, route, args) for name, route, args in walk() if not route.startswith("admin/")]


def organisation_urls():
    return [
        (name, args)
        for name, _route, args in project_urls()
        if name not in PUBLIC and name not in USER_SCOPED
    ]


def test_every_url_is_covered(object_kwargs):
    problems = []
    for name, route, args in project_urls():
        if name is None:
            problems.append(f"{route}: give the URL pattern a name")
        elif name in PUBLIC or name in USER_SCOPED:
            continue
        elif "org_slug" not in args:
            problems.append(
                f"{name} ({route}): not under /o/<org_slug>/, not PUBLIC, not USER_SCOPED"
            )
        else:
            missing = [arg for arg in args if arg not in object_kwargs]
            if missing:
                problems.append(f"{name}: add {missing} to object_kwargs in tests/conftest.py")
    assert not problems, "URLs without isolation coverage:\n" + "\n".join(problems)


def test_public_and_user_lists_name_real_urls():
    names = {name for name, _route, _args in project_urls()}
    assert names >= (PUBLIC | USER_SCOPED)


def _url(name, args, values):
    return reverse(name, kwargs={arg: values[arg] for arg in args})


@pytest.mark.parametrize(("name", "args"), organisation_urls())
def test_anonymous_is_sent_to_login(client, object_kwargs, name, args):
    url = _url(name, args, object_kwargs)
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code == 302, (name, method.__name__)
        assert response["Location"].startswith(reverse("accounts:login")), name


@pytest.mark.parametrize(("name", "args"), organisation_urls())
def test_outsider_gets_404(client, cast, object_kwargs, name, args):
    client.force_login(cast.outsider)
    url = _url(name, args, object_kwargs)
    assert client.get(url).status_code == 404, name
    assert client.post(url).status_code == 404, name
    assert client.get(url, headers={"HX-Request": "true"}).status_code == 404, name


@pytest.mark.parametrize(
    ("name", "args"), [(name, args) for name, args in organisation_urls() if len(args) > 1]
)
def test_outsider_gets_404_for_objects_through_own_organisation(
    client, cast, object_kwargs, name, args
):
    """The outsider is admin in their own organisation, and still cannot reach
    another organisation's objects by putting their ids in their own address."""
    client.force_login(cast.outsider)
    values = {**object_kwargs, "org_slug": cast.other_organisation.slug}
    url = _url(name, args, values)
    statuses = {client.get(url).status_code, client.post(url).status_code}
    # 405 (wrong method) is decided before any object is looked up: it tells nothing.
    assert 404 in statuses, name
    assert statuses <= {404, 405}, name


@pytest.mark.parametrize("name", sorted(USER_SCOPED))
def test_user_pages_send_anonymous_to_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_public_urls_answer_anonymous_without_error(client, db, name):
    args = next(args for n, _route, args in project_urls() if n == name)
    kwargs = {arg: PUBLIC_KWARGS.get(arg, "x") for arg in args}
    if name == "accounts:password_reset_confirm":
        kwargs = {"uidb64": "MQ", "token": "set-password"}
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code < 500


@pytest.mark.parametrize(
    "path", ["/admin/", "/admin/accounts/user/", "/admin/accounts/organisation/"]
)
def test_admin_is_for_staff_only(client, cast, path):
    assert client.get(path)["Location"].startswith("/admin/login/")
    client.force_login(cast.admin)  # an organisation admin is not staff
    assert client.get(path)["Location"].startswith("/admin/login/")
