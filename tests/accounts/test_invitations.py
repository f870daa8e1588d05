from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation, Membership, Role, User
from tests.factories import InvitationFactory, UserFactory


def invite_url(cast):
    return reverse("accounts:invite", args=[cast.organisation.slug])


def link_path(mail):
    line = next(line for line in mail.body.splitlines() if "/invitation/" in line)
    return line[line.index("/invitation/") :].strip()


def test_admin_invites_by_email_and_the_link_is_mailed(
    client_for, cast, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for(cast.admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            invite_url(cast), {"email": "Ny.Person@Example.no", "role": Role.FACILITATOR}
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get(organisation=cast.organisation)
    assert invitation.email == "ny.person@example.no"
    assert invitation.role == Role.FACILITATOR
    assert invitation.invited_by == cast.admin
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["ny.person@example.no"]
    assert "Eksempel kommune" in mailoutbox[0].subject
    assert Invitation.objects.by_token(link_path(mailoutbox[0]).split("/")[2]).exists()


def test_get_never_consumes_an_invitation(client, cast):
    invitation, token = InvitationFactory.with_token(organisation=cast.organisation)
    url = reverse("accounts:accept_invitation", args=[token])
    for _scan in range(3):  # e-mail link scanners open links, sometimes several times
        response = client.get(url)
        assert response.status_code == 200
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    assert not User.objects.filter(email=invitation.email).exists()


def test_new_person_accepts_sets_name_and_password_and_is_logged_in(client, cast, password):
    invitation, token = InvitationFactory.with_token(
        organisation=cast.organisation, role=Role.EMPLOYEE, email="ny@example.no"
    )
    url = reverse("accounts:accept_invitation", args=[token])
    response = client.post(
        url,
        {"full_name": "Nina Ny", "password1": "et-godt-passord", "password2": "et-godt-passord"},
    )
    assert response.status_code == 302
    assert response["Location"] == cast.organisation.get_absolute_url()
    user = User.objects.get(email="ny@example.no")
    assert user.full_name == "Nina Ny"
    assert user.check_password("et-godt-passord")
    assert Membership.objects.get(user=user, organisation=cast.organisation).role == Role.EMPLOYEE
    assert client.get(cast.organisation.get_absolute_url()).status_code == 200
    invitation.refresh_from_db()
    assert invitation.accepted_by == user


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (
            {"full_name": "", "password1": "et-godt-passord", "password2": "et-godt-passord"},
            "full_name",
        ),
        (
            {"full_name": "Nina", "password1": "et-godt-passord", "password2": "annet-passord"},
            "password2",
        ),
        ({"full_name": "Nina", "password1": "kort", "password2": "kort"}, "password1"),
        (
            {"full_name": "Nina", "password1": "1234567890123", "password2": "1234567890123"},
            "password1",
        ),
    ],
)
def test_bad_name_or_password_gives_form_errors_and_keeps_the_invitation(client, cast, data, field):
    invitation, token = InvitationFactory.with_token(organisation=cast.organisation)
    response = client.post(reverse("accounts:accept_invitation", args=[token]), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    invitation.refresh_from_db()
    assert invitation.is_pending
    assert not User.objects.filter(email=invitation.email).exists()


def test_an_invitation_is_used_once(client, cast):
    _invitation, token = InvitationFactory.with_token(organisation=cast.organisation)
    url = reverse("accounts:accept_invitation", args=[token])
    data = {"full_name": "Nina", "password1": "et-godt-passord", "password2": "et-godt-passord"}
    assert client.post(url, data).status_code == 302
    client.logout()
    response = client.post(url, data)
    assert response.status_code == 410
    assert "allerede blitt godtatt" in response.content.decode()


def test_expired_invitation_gets_a_clear_message(client, cast):
    _invitation, token = InvitationFactory.with_token(
        organisation=cast.organisation, expires_at=timezone.now() - timedelta(minutes=1)
    )
    response = client.get(reverse("accounts:accept_invitation", args=[token]))
    assert response.status_code == 410
    assert "gikk ut" in response.content.decode()


def test_withdrawn_invitation_no_longer_works(client_for, cast):
    invitation, token = InvitationFactory.with_token(organisation=cast.organisation)
    client = client_for(cast.admin)
    url = reverse("accounts:revoke_invitation", args=[cast.organisation.slug, invitation.pk])
    assert client.post(url).status_code == 302
    client.logout()
    assert client.get(reverse("accounts:accept_invitation", args=[token])).status_code == 410


def test_unknown_token_gets_404_with_a_message(client, db):
    response = client.get(reverse("accounts:accept_invitation", args=["ikke-en-ekte-kode"]))
    assert response.status_code == 404
    assert "finner ikke denne invitasjonen" in response.content.decode()


def test_existing_account_is_asked_to_log_in_then_accepts_with_a_button(client, cast):
    person = UserFactory(email="finnes@example.no")
    _invitation, token = InvitationFactory.with_token(
        organisation=cast.organisation, email=person.email, role=Role.LEADER
    )
    url = reverse("accounts:accept_invitation", args=[token])
    response = client.get(url)
    assert "Logg inn for å godta" in response.content.decode()
    assert client.post(url).status_code == 200  # no form to fill, still not accepted
    assert not Membership.objects.filter(user=person, organisation=cast.organisation).exists()

    client.force_login(person)
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert Membership.objects.get(user=person, organisation=cast.organisation).role == Role.LEADER


def test_someone_else_logged_in_cannot_accept(client_for, cast):
    invitation, token = InvitationFactory.with_token(organisation=cast.organisation)
    client = client_for(cast.outsider)
    response = client.post(reverse("accounts:accept_invitation", args=[token]))
    assert response.status_code == 403
    invitation.refresh_from_db()
    assert invitation.is_pending


def test_inviting_an_existing_member_is_refused_with_a_message(client_for, cast):
    response = client_for(cast.admin).post(
        invite_url(cast), {"email": cast.employee.email, "role": Role.EMPLOYEE}
    )
    assert response.status_code == 200
    assert "allerede medlem" in response.content.decode()
    assert not Invitation.objects.exists()


def test_inviting_again_withdraws_the_earlier_link(
    client_for, cast, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for(cast.admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(invite_url(cast), {"email": "ny@example.no", "role": Role.EMPLOYEE})
        client.post(invite_url(cast), {"email": "ny@example.no", "role": Role.LEADER})
    first, second = (link_path(mail) for mail in mailoutbox)
    client.logout()
    assert client.get(first).status_code == 410
    assert client.get(second).status_code == 200
    assert Invitation.objects.open().get().role == Role.LEADER


def test_resending_gives_a_new_link_and_a_new_expiry(
    client_for, cast, mailoutbox, django_capture_on_commit_callbacks
):
    invitation, token = InvitationFactory.with_token(
        organisation=cast.organisation, expires_at=timezone.now() - timedelta(days=1)
    )
    client = client_for(cast.admin)
    url = reverse("accounts:resend_invitation", args=[cast.organisation.slug, invitation.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    client.logout()
    assert client.get(reverse("accounts:accept_invitation", args=[token])).status_code == 404
    assert client.get(link_path(mailoutbox[0])).status_code == 200


@pytest.mark.parametrize("email", ["ikke-en-adresse", "", "a@b", "x" * 300 + "@example.no"])
def test_malformed_email_gives_a_form_error(client_for, cast, email):
    response = client_for(cast.admin).post(
        invite_url(cast), {"email": email, "role": Role.EMPLOYEE}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert not Invitation.objects.exists()


def test_unknown_role_gives_a_form_error(client_for, cast):
    response = client_for(cast.admin).post(
        invite_url(cast), {"email": "ny@example.no", "role": "king"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["role"]


@pytest.mark.parametrize("role", [Role.LEADER, Role.FACILITATOR, Role.EMPLOYEE])
def test_only_admins_invite(client_for, cast, role):
    response = client_for(cast.by_role(role)).post(
        invite_url(cast), {"email": "ny@example.no", "role": Role.ADMIN}
    )
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_purge_deletes_old_expired_and_withdrawn_invitations_only(cast):
    from accounts.services import purge_old_invitations

    long_ago = timezone.now() - timedelta(days=45)
    old_expired = InvitationFactory(organisation=cast.organisation, expires_at=long_ago)
    old_withdrawn = InvitationFactory(organisation=cast.organisation, revoked_at=long_ago)
    accepted = InvitationFactory(
        organisation=cast.organisation, expires_at=long_ago, accepted_at=long_ago
    )
    pending = InvitationFactory(organisation=cast.organisation)
    assert purge_old_invitations() == 2
    remaining = set(Invitation.objects.values_list("pk", flat=True))
    assert remaining == {accepted.pk, pending.pk}
    assert old_expired.pk not in remaining and old_withdrawn.pk not in remaining


class BrokenMailServer:
    """An e-mail backend whose server is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP server down")


@pytest.mark.django_db(transaction=True)
def test_a_mail_server_that_is_down_never_gives_a_500(client_for, cast, settings):
    settings.EMAIL_BACKEND = f"{__name__}.BrokenMailServer"
    client = client_for(cast.admin)
    response = client.post(
        invite_url(cast), {"email": "ny@example.no", "role": Role.EMPLOYEE}, follow=True
    )
    assert response.status_code == 200
    assert "e-posten kunne ikke sendes" in response.content.decode()
    assert Invitation.objects.filter(email="ny@example.no").exists()  # can be sent again
