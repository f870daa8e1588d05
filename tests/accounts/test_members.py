import pytest
from django.urls import reverse

from accounts.models import Membership, Role
from tests.factories import MembershipFactory


def role_url(cast, membership):
    return reverse("accounts:change_role", args=[cast.organisation.slug, membership.pk])


def remove_url(cast, membership):
    return reverse("accounts:remove_member", args=[cast.organisation.slug, membership.pk])


def membership_of(user):
    return Membership.objects.get(user=user)


def test_every_member_sees_the_member_list(client_for, cast):
    response = client_for(cast.employee).get(
        reverse("accounts:members", args=[cast.organisation.slug])
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Anne Admin" in content and "Mona Medarbeider" in content
    assert "Ola Utenfor" not in content
    assert "Inviter" not in content  # an employee cannot invite


def test_admin_changes_a_role(client_for, cast):
    membership = membership_of(cast.employee)
    response = client_for(cast.admin).post(role_url(cast, membership), {"role": Role.LEADER})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == Role.LEADER


def test_htmx_role_change_returns_only_the_row(client_for, cast):
    membership = membership_of(cast.employee)
    response = client_for(cast.admin).post(
        role_url(cast, membership), {"role": Role.FACILITATOR}, headers={"HX-Request": "true"}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert content.strip().startswith(f'<tr id="member-{membership.pk}"')
    assert "<html" not in content
    assert 'value="facilitator" selected' in content


def test_last_admin_cannot_be_demoted(client_for, cast):
    membership = membership_of(cast.admin)
    response = client_for(cast.admin).post(
        role_url(cast, membership), {"role": Role.EMPLOYEE}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 422  # klean.htmx: the row comes back with the error
    content = response.content.decode()
    assert "minst én administrator" in content
    assert 'role="alert"' in content and content.strip().startswith(
        f'<tr id="member-{membership.pk}"'
    )
    membership.refresh_from_db()
    assert membership.role == Role.ADMIN


def test_an_admin_can_be_demoted_when_another_admin_remains(client_for, cast):
    second = MembershipFactory(organisation=cast.organisation, role=Role.ADMIN)
    client_for(cast.admin).post(role_url(cast, membership_of(cast.admin)), {"role": Role.LEADER})
    assert membership_of(cast.admin).role == Role.LEADER
    second.refresh_from_db()
    assert second.role == Role.ADMIN


def test_last_admin_cannot_be_removed(client_for, cast):
    membership = membership_of(cast.admin)
    response = client_for(cast.admin).post(remove_url(cast, membership), follow=True)
    assert "minst én administrator" in response.content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_removing_a_member_ends_their_access_at_once(client_for, client, cast):
    membership = membership_of(cast.employee)
    admin_client = client_for(cast.admin)
    assert admin_client.get(remove_url(cast, membership)).status_code == 200  # confirm page
    assert Membership.objects.filter(pk=membership.pk).exists()
    assert admin_client.post(remove_url(cast, membership)).status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    client.force_login(cast.employee)
    assert client.get(cast.organisation.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("role", ["", "king", "ADMIN", "admin\x00"])
def test_unknown_role_is_refused_without_change(client_for, cast, role):
    membership = membership_of(cast.employee)
    response = client_for(cast.admin).post(role_url(cast, membership), {"role": role}, follow=True)
    assert response.status_code == 200
    membership.refresh_from_db()
    assert membership.role == Role.EMPLOYEE


def test_switching_organisation_goes_there_and_unknown_slug_is_404(client_for, cast):
    MembershipFactory(user=cast.facilitator, organisation=cast.other_organisation)
    client = client_for(cast.facilitator)
    url = reverse("accounts:switch_organisation")
    response = client.get(url, {"organisation": cast.other_organisation.slug})
    assert response["Location"] == cast.other_organisation.get_absolute_url()
    assert client.get(url, {"organisation": "finnes-ikke"}).status_code == 404
    # the organisation used last is where "home" lands next time
    client.get(cast.other_organisation.get_absolute_url())
    assert client.get(reverse("home"))["Location"] == cast.other_organisation.get_absolute_url()


def test_member_list_shows_at_most_fifty_per_page(client_for, cast):
    MembershipFactory.create_batch(60, organisation=cast.organisation)
    response = client_for(cast.admin).get(
        reverse("accounts:members", args=[cast.organisation.slug])
    )
    assert len(response.context["page"].object_list) == 50
    assert response.context["page"].paginator.count == 64
    assert 'rel="next"' in response.content.decode()
