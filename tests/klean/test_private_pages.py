"""S13: no browser or proxy keeps a copy of what a signed-in person was shown
(``Cache-Control: private, no-store``, klean.middleware); anonymous public
pages keep the caching they have."""

import pytest
from django.urls import reverse

from accounts.models import Membership, Role
from tests.routes import PUBLIC, public_kwargs, site_routes


def directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def not_stored(response) -> bool:
    return {"private", "no-store"} <= directives(response) and "public" not in directives(response)


ROUTES = site_routes()


@pytest.mark.parametrize("route", ROUTES, ids=[route.name for route in ROUTES])
def test_every_page_a_signed_in_person_gets_is_not_stored(client_for, cast, object_kwargs, route):
    kwargs = public_kwargs(route) if route.name in PUBLIC else object_kwargs
    url = reverse(route.name, kwargs={arg: kwargs[arg] for arg in route.arguments})
    response = client_for(cast.admin).get(url)
    assert not_stored(response), (response.status_code, response.get("Cache-Control"))


def test_html_page_htmx_fragment_json_download_and_redirect_are_not_stored(client_for, cast):
    client = client_for(cast.admin)
    page = client.get(cast.organisation.get_absolute_url())
    membership = Membership.objects.get(user=cast.employee)
    fragment = client.post(
        reverse("accounts:change_role", args=[cast.organisation.slug, membership.pk]),
        {"role": Role.LEADER},
        headers={"HX-Request": "true"},
    )
    download = client.get(reverse("accounts:export_data"))
    redirect = client.get(reverse("home"))
    missing = client.get("/o/finnes-ikke/")

    assert (page.status_code, fragment.status_code, download.status_code) == (200, 200, 200)
    assert "<html" not in fragment.content.decode()
    assert download["Content-Type"] == "application/json"
    assert (redirect.status_code, missing.status_code) == (302, 404)
    for response in (page, fragment, download, redirect, missing):
        assert not_stored(response), response.get("Cache-Control")


def test_the_answer_to_logging_in_is_not_stored(client, cast, password):
    response = client.post(
        reverse("accounts:login"), {"username": cast.employee.email, "password": password}
    )
    assert response.status_code == 302
    assert not_stored(response)


def test_anonymous_public_pages_keep_their_caching(client, db):
    assert "Cache-Control" not in client.get(reverse("accounts:password_reset"))
    login = client.get(reverse("accounts:login"))  # Django's never_cache, as before
    assert directives(login) == {"max-age=0", "no-cache", "no-store", "must-revalidate", "private"}
