import pytest
from django.urls import reverse

from accounts.models import Role
from projects.models import Partnership, PartnershipStatus, ProjectRole, TeamMember
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    ProjectFactory,
    TeamMemberFactory,
)


def url(project, name, *args):
    return reverse(f"projects:{name}", args=[project.organisation.slug, project.pk, *args])


def membership(user, organisation):
    return user.memberships.get(organisation=organisation)


def test_facilitator_adds_a_colleague_to_the_team(client_for, cast, project):
    data = {
        "membership": membership(cast.employee, cast.organisation).pk,
        "role": ProjectRole.MEMBER,
    }
    response = client_for(cast.facilitator).post(url(project, "team_add"), data)
    assert response.status_code == 302
    assert TeamMember.objects.get(project=project, user=cast.employee).role == ProjectRole.MEMBER
    assert project.activities.filter(kind="projects.member_added").exists()


def test_someone_from_outside_cannot_be_added(client_for, cast, project):
    data = {
        "membership": membership(cast.outsider, cast.other_organisation).pk,
        "role": ProjectRole.MEMBER,
    }
    response = client_for(cast.facilitator).post(url(project, "team_add"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["membership"]
    assert not TeamMember.objects.filter(user=cast.outsider).exists()


def test_the_last_facilitator_cannot_leave_or_change_role(client_for, cast, project):
    member = TeamMember.objects.get(project=project, user=cast.facilitator)
    client = client_for(cast.facilitator)
    response = client.post(url(project, "team_remove", member.pk), follow=True)
    assert "må ha en prosessveileder" in response.content.decode()
    client.post(url(project, "team_role", member.pk), {"role": ProjectRole.MEMBER})
    member.refresh_from_db()
    assert member.role == ProjectRole.FACILITATOR
    # with a second facilitator, the first may step down
    TeamMemberFactory(project=project, role=ProjectRole.FACILITATOR)
    client.post(url(project, "team_role", member.pk), {"role": ProjectRole.MEMBER})
    member.refresh_from_db()
    assert member.role == ProjectRole.MEMBER


@pytest.fixture
def partner(cast, project):
    """Eksempel helseforetak as a partner, with one of its people on the team."""
    hospital = OrganisationFactory(name="Eksempel helseforetak", kind="helseforetak")
    PartnershipFactory(project=project, organisation=hospital)
    nurse = MembershipFactory(organisation=hospital, role=Role.EMPLOYEE).user
    TeamMemberFactory(
        project=project, user=nurse, organisation=hospital, role=ProjectRole.EXTERNAL_PARTNER
    )
    colleague = MembershipFactory(organisation=hospital, role=Role.ADMIN).user
    return hospital, nurse, colleague


def test_a_partner_on_the_team_sees_that_project_and_nothing_else(client, cast, project, partner):
    hospital, nurse, _colleague = partner
    other = ProjectFactory(organisation=cast.organisation)
    client.force_login(nurse)
    assert client.get(project.get_absolute_url()).status_code == 200
    assert client.get(url(project, "team")).status_code == 200
    assert client.get(url(project, "edit")).status_code == 403
    assert client.get(other.get_absolute_url()).status_code == 404
    assert client.get(cast.organisation.get_absolute_url()).status_code == 404
    assert client.get(reverse("accounts:members", args=[cast.organisation.slug])).status_code == 404
    # the project shows in the partner's own project list
    response = client.get(reverse("projects:list", args=[hospital.slug]))
    assert [p.title for p in response.context["page"].object_list] == ["Raskere byggesak"]


def test_a_partner_not_on_the_team_sees_nothing_even_as_admin(client, project, partner):
    _hospital, _nurse, colleague = partner
    client.force_login(colleague)
    assert client.get(project.get_absolute_url()).status_code == 404


def test_ending_a_partnership_removes_access_at_once(client, client_for, cast, project, partner):
    hospital, nurse, _colleague = partner
    partnership = Partnership.objects.get(organisation=hospital)
    client_for(cast.facilitator).post(url(project, "partner_end", partnership.pk))
    partnership.refresh_from_db()
    assert partnership.status == PartnershipStatus.ENDED
    assert partnership.ended_at is not None
    assert not TeamMember.objects.filter(user=nurse).exists()
    client.force_login(nurse)
    assert client.get(project.get_absolute_url()).status_code == 404


def test_access_needs_the_partnership_even_if_the_team_row_remains(client, project, partner):
    hospital, nurse, _colleague = partner
    Partnership.objects.filter(organisation=hospital).update(
        status=PartnershipStatus.ENDED, ended_at="2026-01-01T00:00Z"
    )
    client.force_login(nurse)
    assert client.get(project.get_absolute_url()).status_code == 404


def test_partner_is_found_by_organisation_number(client_for, cast, project):
    hospital = OrganisationFactory(name="Eksempel helseforetak", org_number="974760673")
    response = client_for(cast.facilitator).post(
        url(project, "partner_add"), {"org_number": "974 760 673"}
    )
    assert response.status_code == 302
    assert project.partnerships.pending().get().organisation == hospital


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("974760674", "Kontrollsifferet stemmer ikke"),
        ("12345", "9 siffer"),
        ("983452035", "Ingen organisasjon"),
    ],
)
def test_bad_partner_numbers_give_clear_messages(client_for, cast, project, number, message):
    response = client_for(cast.facilitator).post(
        url(project, "partner_add"), {"org_number": number}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Partnership.objects.exists()


def test_an_organisation_cannot_be_its_own_partner(client_for, cast, project):
    data = {"org_number": cast.organisation.org_number}
    response = client_for(cast.facilitator).post(url(project, "partner_add"), data)
    assert response.status_code == 200
    assert "sin egen partner" in response.content.decode()
    assert not Partnership.objects.exists()


def test_an_organisation_is_partner_once(client_for, cast, project):
    PartnershipFactory(project=project, organisation=cast.other_organisation)
    data = {"org_number": cast.other_organisation.org_number}
    response = client_for(cast.facilitator).post(url(project, "partner_add"), data)
    assert "allerede partner" in response.content.decode()
    assert Partnership.objects.count() == 1


def test_the_only_facilitator_cannot_delete_their_account(client_for, cast, project, password):
    response = client_for(cast.facilitator).post(
        reverse("accounts:delete_account"), {"password": password}
    )
    assert response.status_code == 200
    assert "eneste prosessveileder" in response.content.decode()
    assert TeamMember.objects.filter(user=cast.facilitator).exists()
    cast.facilitator.refresh_from_db()
    assert cast.facilitator.deleted_at is None


def test_a_deleted_account_leaves_its_teams(client_for, cast, project, password):
    TeamMemberFactory(project=project, user=cast.employee)
    client_for(cast.employee).post(reverse("accounts:delete_account"), {"password": password})
    assert not TeamMember.objects.filter(user=cast.employee).exists()
