import pytest
from django.urls import reverse

from accounts.models import Organisation


def settings_url(cast):
    return reverse("accounts:organisation_settings", args=[cast.organisation.slug])


def test_admin_changes_the_organisation_settings(client_for, cast):
    data = {
        "name": "Eksempel kommune (ny)",
        "kind": "kommune",
        "org_number": "974 760 673",
        "short_sessions": "on",
    }
    response = client_for(cast.admin).post(settings_url(cast), data)
    assert response.status_code == 302
    organisation = Organisation.objects.get(pk=cast.organisation.pk)
    assert organisation.name == "Eksempel kommune (ny)"
    assert organisation.org_number == "974760673"
    assert organisation.short_sessions


@pytest.mark.parametrize("org_number", ["974760674", "12345", "abcdefghi", "9" * 20])
def test_malformed_organisation_number_is_a_form_error_and_nothing_changes(
    client_for, cast, org_number
):
    before = Organisation.objects.get(pk=cast.organisation.pk)
    data = {"name": "Nytt navn", "kind": "kommune", "org_number": org_number}
    response = client_for(cast.admin).post(settings_url(cast), data)
    assert response.status_code == 200
    assert response.context["form"].errors["org_number"]
    after = Organisation.objects.get(pk=cast.organisation.pk)
    assert (after.name, after.org_number) == (before.name, before.org_number)


def test_organisation_number_already_used_is_a_form_error(client_for, cast):
    data = {"name": "X", "kind": "kommune", "org_number": cast.other_organisation.org_number}
    response = client_for(cast.admin).post(settings_url(cast), data)
    assert response.status_code == 200
    assert response.context["form"].errors["org_number"]


def test_unknown_organisation_slug_is_404(client_for, cast):
    assert client_for(cast.admin).get("/o/finnes-ikke/").status_code == 404


def test_overview_shows_the_organisation_to_its_members(client_for, cast):
    client = client_for(cast.employee)
    response = client.get(cast.organisation.get_absolute_url())
    assert response.status_code == 200
    assert "Eksempel kommune" in response.content.decode()
