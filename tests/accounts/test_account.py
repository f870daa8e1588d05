import json

from django.apps import apps
from django.conf import settings
from django.db import models
from django.urls import reverse

from accounts import personal_data
from accounts.models import Invitation, Membership, User
from tests.factories import InvitationFactory


def test_every_model_with_a_user_foreign_key_is_in_the_personal_data_registry():
    """G4: a feature that stores something about a person must say how to export
    and erase it (accounts/personal_data.py)."""
    ours = {"klean", "accounts", "projects", "processes", "feedback", "ideas", "reports"}
    missing = []
    for model in apps.get_models():
        if model._meta.app_label not in ours:
            continue
        points_at_user = any(
            isinstance(field, models.ForeignKey | models.OneToOneField)
            and field.related_model == apps.get_model(settings.AUTH_USER_MODEL)
            for field in model._meta.get_fields()
            if field.concrete
        )
        if (points_at_user or model is User) and model not in personal_data.registered_models():
            missing.append(model._meta.label)
    assert not missing, f"Register these in accounts.personal_data: {missing}"


def test_person_downloads_their_own_data_as_json(client_for, cast):
    InvitationFactory(organisation=cast.organisation, invited_by=cast.admin, email="ny@example.no")
    response = client_for(cast.admin).get(reverse("accounts:export_data"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["profile"][0]["email"] == "admin@eksempel.no"
    assert data["memberships"] == [
        {
            "organisation": "Eksempel kommune",
            "role": "admin",
            "member_since": data["memberships"][0]["member_since"],
        }
    ]
    assert data["invitations"][0]["email"] == "ny@example.no"
    assert "Mona" not in response.content.decode()  # nobody else's data


def test_deleting_the_account_anonymises_and_keeps_contributions(client_for, cast, password):
    invitation = InvitationFactory(organisation=cast.organisation, invited_by=cast.leader)
    client = client_for(cast.leader)
    response = client.post(reverse("accounts:delete_account"), {"password": password})
    assert response.status_code == 302
    user = User.objects.get(pk=cast.leader.pk)
    assert user.deleted_at is not None
    assert not user.is_active
    assert "leder" not in user.email and user.full_name == ""
    assert not user.has_usable_password()
    assert str(user) == "Tidligere medlem"
    assert not Membership.objects.filter(user=user).exists()
    invitation.refresh_from_db()
    assert invitation.invited_by == user  # the record stays, shown as a former member
    assert "_auth_user_id" not in client.session


def test_deleting_needs_the_right_password(client_for, cast):
    response = client_for(cast.leader).post(
        reverse("accounts:delete_account"), {"password": "feil"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["password"]
    assert User.objects.get(pk=cast.leader.pk).deleted_at is None


def test_last_admin_cannot_delete_their_account(client_for, cast, password):
    response = client_for(cast.admin).post(
        reverse("accounts:delete_account"), {"password": password}
    )
    assert response.status_code == 200
    assert "minst én administrator" in response.content.decode()
    assert User.objects.get(pk=cast.admin.pk).deleted_at is None
    assert Membership.objects.filter(user=cast.admin).exists()


def test_open_invitations_to_a_deleted_person_are_removed(cast, password):
    from accounts.services import delete_account

    InvitationFactory(organisation=cast.other_organisation, email=cast.employee.email)
    delete_account(cast.employee)
    assert not Invitation.objects.filter(email="medarbeider@eksempel.no").exists()


def test_profile_name_can_be_changed_but_not_emptied(client_for, cast):
    client = client_for(cast.employee)
    url = reverse("accounts:account")
    assert client.post(url, {"full_name": "  "}).status_code == 200
    assert User.objects.get(pk=cast.employee.pk).full_name == "Mona Medarbeider"
    assert client.post(url, {"full_name": "Mona M. Medarbeider"}).status_code == 302
    assert User.objects.get(pk=cast.employee.pk).full_name == "Mona M. Medarbeider"
