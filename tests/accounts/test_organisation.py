import importlib

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from accounts.models import Organisation
from tests.factories import OrganisationFactory, UserFactory


def settings_url(cast):
    return reverse("accounts:organisation_settings", args=[cast.organisation.slug])


def test_admin_changes_the_organisation_settings(client_for, cast):
    data = {"name": "Eksempel kommune (ny)", "kind": "kommune", "short_sessions": "on"}
    response = client_for(cast.admin).post(settings_url(cast), data)
    assert response.status_code == 302
    organisation = Organisation.objects.get(pk=cast.organisation.pk)
    assert organisation.name == "Eksempel kommune (ny)"
    assert organisation.short_sessions


def test_an_organisation_admin_cannot_change_the_organisation_number(client_for, cast):
    """Partners are found by the number: an admin who changed it could take
    another organisation's place in their partners' requests."""
    before = cast.organisation.org_number
    client = client_for(cast.admin)
    assert "org_number" not in client.get(settings_url(cast)).context["form"].fields
    data = {"name": "Eksempel kommune", "kind": "kommune", "org_number": "974760673"}
    assert client.post(settings_url(cast), data).status_code == 302
    assert Organisation.objects.get(pk=cast.organisation.pk).org_number == before


@pytest.mark.parametrize(
    "name",
    ["Eksempel\nkommune", "Eksempel\r\nkommune", "Eksempel\tkommune", "Eks\x00empel", "A\u2028B"],
)
def test_control_characters_are_refused_in_organisation_names(client_for, cast, name):
    data = {"name": name, "kind": "kommune"}
    response = client_for(cast.admin).post(settings_url(cast), data)
    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert Organisation.objects.get(pk=cast.organisation.pk).name == "Eksempel kommune"
    with pytest.raises(ValidationError):
        Organisation(name=name, slug="ny", org_number="974760673").full_clean()


def test_the_data_migration_cleans_control_characters_from_stored_names(db):
    migration = importlib.import_module("accounts.migrations.0003_clean_organisation_names")
    broken = OrganisationFactory()
    Organisation.objects.filter(pk=broken.pk).update(name="Eksempel\r\n  helse\x07foretak\t")
    fine = OrganisationFactory(name="Eksempel kommune")
    migration.clean_names(django_apps, None)
    assert Organisation.objects.get(pk=broken.pk).name == "Eksempel helse foretak"
    assert Organisation.objects.get(pk=fine.pk).name == "Eksempel kommune"


def test_organisation_numbers_are_unique_in_the_database(cast):
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.create(
            name="Kopi", slug="kopi", org_number=cast.organisation.org_number
        )


# --- The Django admin: only a superuser changes an organisation number ------------------


def admin_form_data(organisation, **changes):
    return {
        "name": organisation.name,
        "slug": organisation.slug,
        "kind": organisation.kind,
        "org_number": organisation.org_number,
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        **changes,
    }


def admin_change_url(organisation):
    return reverse("admin:accounts_organisation_change", args=[organisation.pk])


def test_a_superuser_changes_the_organisation_number_in_the_django_admin(client, cast):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    data = admin_form_data(cast.organisation, org_number="974760673")
    response = client.post(admin_change_url(cast.organisation), data)
    assert response.status_code == 302
    assert Organisation.objects.get(pk=cast.organisation.pk).org_number == "974760673"


def test_staff_who_are_not_superusers_cannot_change_an_organisation_number(client, cast):
    staff = UserFactory(is_staff=True)
    staff.user_permissions.set(
        Permission.objects.filter(codename__in=["view_organisation", "change_organisation"])
    )
    client.force_login(staff)
    before = cast.organisation.org_number
    data = admin_form_data(cast.organisation, name="Eksempel kommune (ny)", org_number="974760673")
    assert client.post(admin_change_url(cast.organisation), data).status_code == 302
    organisation = Organisation.objects.get(pk=cast.organisation.pk)
    assert (organisation.name, organisation.org_number) == ("Eksempel kommune (ny)", before)


@pytest.mark.parametrize("org_number", ["974760674", "12345", "abcdefghi"])
def test_a_malformed_organisation_number_is_refused_in_the_django_admin(client, cast, org_number):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    data = admin_form_data(cast.organisation, org_number=org_number)
    response = client.post(admin_change_url(cast.organisation), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["org_number"]


def test_an_organisation_number_already_used_is_refused_in_the_django_admin(client, cast):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    data = admin_form_data(cast.organisation, org_number=cast.other_organisation.org_number)
    response = client.post(admin_change_url(cast.organisation), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["org_number"]


def test_unknown_organisation_slug_is_404(client_for, cast):
    assert client_for(cast.admin).get("/o/finnes-ikke/").status_code == 404


def test_overview_shows_the_organisation_to_its_members(client_for, cast):
    client = client_for(cast.employee)
    response = client.get(cast.organisation.get_absolute_url())
    assert response.status_code == 200
    assert "Eksempel kommune" in response.content.decode()
