"""The signed-in user with their memberships comes from the cache, and every
change to a person, membership or organisation reaches the very next request."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts import services
from accounts.backends import user_cache_key
from accounts.models import Membership, Role


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response, [q["sql"] for q in captured.captured_queries]


def test_a_signed_in_page_loads_neither_session_nor_user_from_the_database(client_for, cast):
    client = client_for(cast.employee)
    url = reverse("accounts:account")
    client.get(url)  # fills the cache
    response, sql = queries(client, url)
    assert response.status_code == 200
    assert sql == []  # the account page needs nothing else
    assert cache.get(user_cache_key(cast.employee.pk)).email == cast.employee.email


def test_a_removed_member_is_refused_on_the_very_next_request(client_for, cast):
    client = client_for(cast.employee)
    home = cast.organisation.get_absolute_url()
    assert client.get(home).status_code == 200
    services.remove_member(Membership.objects.get(user=cast.employee), by=cast.admin)
    assert client.get(home).status_code == 404


def test_a_role_change_applies_on_the_very_next_request(client_for, cast):
    client = client_for(cast.employee)
    members = reverse("accounts:invite", args=[cast.organisation.slug])
    assert client.get(members).status_code == 403
    services.change_role(Membership.objects.get(user=cast.employee), role=Role.ADMIN, by=cast.admin)
    assert client.get(members).status_code == 200


def test_a_deactivated_person_is_signed_out_on_the_very_next_request(client_for, cast):
    client = client_for(cast.employee)
    url = reverse("accounts:account")
    assert client.get(url).status_code == 200
    cast.employee.is_active = False
    cast.employee.save()
    assert client.get(url).status_code == 302


def test_a_renamed_organisation_shows_its_new_name_at_once(client_for, cast):
    client = client_for(cast.employee)
    home = cast.organisation.get_absolute_url()
    client.get(home)
    cast.organisation.name = "Nytt navn kommune"
    cast.organisation.save()
    assert "Nytt navn kommune" in client.get(reverse("accounts:account")).content.decode()


def test_a_new_membership_shows_at_once(client_for, cast):
    client = client_for(cast.outsider)
    home = cast.organisation.get_absolute_url()
    assert client.get(home).status_code == 404
    Membership.objects.create(user=cast.outsider, organisation=cast.organisation)
    assert client.get(home).status_code == 200
