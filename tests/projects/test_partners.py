"""S12: a partner organisation joins another's project only by consent.

Eksempel kommune asks Eksempel helseforetak to take part in a project; an
administrator of the hospital trust accepts or declines inside their own
organisation. Until they accept, neither side sees the other's people.
"""

import logging

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import Role
from projects import services
from projects.models import Partnership, PartnershipStatus, ProjectRole, TeamMember
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    TeamMemberFactory,
    UserFactory,
)


def url(project, name, *args):
    return reverse(f"projects:{name}", args=[project.organisation.slug, project.pk, *args])


def requests_url(organisation, name="partnership_requests", *args):
    return reverse(f"projects:{name}", args=[organisation.slug, *args])


class Hospital:
    """Eksempel helseforetak and its people."""

    def __init__(self):
        self.organisation = OrganisationFactory(
            name="Eksempel helseforetak", slug="eksempel-hf", kind="helseforetak"
        )

        def member(role, email, name):
            return MembershipFactory(
                organisation=self.organisation,
                role=role,
                user=UserFactory(email=email, full_name=name),
            )

        self.admin = member(Role.ADMIN, "admin@eksempel-hf.no", "Henrik Admin").user
        self.facilitator = member(
            Role.FACILITATOR, "veileder@eksempel-hf.no", "Hilde Veileder"
        ).user
        self.nurse_membership = member(
            Role.EMPLOYEE, "sykepleier@eksempel-hf.no", "Siri Sykepleier"
        )
        self.nurse = self.nurse_membership.user


@pytest.fixture
def hospital(db):
    return Hospital()


def ask(client, project, hospital):
    """The owner's facilitator asks the hospital trust to take part."""
    return client.post(
        url(project, "partner_add"), {"org_number": hospital.organisation.org_number}
    )


def add_nurse(client, project, hospital):
    return client.post(
        url(project, "team_add"),
        {"membership": hospital.nurse_membership.pk, "role": ProjectRole.EXTERNAL_PARTNER},
    )


def candidates(client, project):
    form = client.get(url(project, "team")).context["form"]
    return {m.user for m in form.fields["membership"].queryset}


# --- The whole way through ---------------------------------------------------------------


def test_partner_admin_accepts_and_then_the_owner_puts_a_partner_member_on_the_team(
    client, client_for, cast, project, hospital, mailoutbox, django_capture_on_commit_callbacks
):
    owner = client_for(cast.facilitator)
    with django_capture_on_commit_callbacks(execute=True):
        assert ask(owner, project, hospital).status_code == 302
    partnership = Partnership.objects.get(project=project, organisation=hospital.organisation)
    assert partnership.status == PartnershipStatus.PENDING
    assert partnership.added_by == cast.facilitator
    # Only the partner's administrators are told, with a link to their requests page.
    assert [mail.to for mail in mailoutbox] == [["admin@eksempel-hf.no"]]
    assert "Eksempel kommune" in mailoutbox[0].subject
    assert "Raskere byggesak" in mailoutbox[0].body
    assert requests_url(hospital.organisation) in mailoutbox[0].body

    client.force_login(hospital.admin)
    page = client.get(requests_url(hospital.organisation))
    assert page.status_code == 200
    assert list(page.context["pending"]) == [partnership]
    content = page.content.decode()
    for shown in ("Raskere byggesak", "Eksempel kommune", "Vera Veileder", "byggesøknader"):
        assert shown in content
    response = client.post(
        requests_url(hospital.organisation, "partnership_accept", partnership.pk)
    )
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.status == PartnershipStatus.ACTIVE
    assert partnership.answered_by == hospital.admin
    assert partnership.answered_at is not None
    assert project.activities.filter(kind="projects.partner_accepted").count() == 1

    owner = client_for(cast.facilitator)
    assert hospital.nurse in candidates(owner, project)
    assert add_nurse(owner, project, hospital).status_code == 302
    assert TeamMember.objects.get(user=hospital.nurse).organisation == hospital.organisation

    client.force_login(hospital.nurse)
    assert client.get(project.get_absolute_url()).status_code == 200
    listed = client.get(reverse("projects:list", args=[hospital.organisation.slug]))
    assert [p.title for p in listed.context["page"].object_list] == ["Raskere byggesak"]


def test_partner_admin_declines_and_the_owner_sees_the_answer(
    client, client_for, cast, project, hospital
):
    ask(client_for(cast.facilitator), project, hospital)
    partnership = Partnership.objects.get(organisation=hospital.organisation)
    client.force_login(hospital.admin)
    response = client.post(
        requests_url(hospital.organisation, "partnership_decline", partnership.pk)
    )
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.status == PartnershipStatus.DECLINED
    assert partnership.answered_by == hospital.admin
    assert partnership.ended_at is not None
    assert project.activities.filter(kind="projects.partner_declined").count() == 1
    assert not client.get(requests_url(hospital.organisation)).context["pending"]

    owner = client_for(cast.facilitator)
    page = owner.get(url(project, "partners"))
    assert page.context["closed"] == [partnership]
    assert not page.context["pending"] and not page.context["partners"]
    assert hospital.nurse not in candidates(owner, project)
    # The record stays, and the owner may ask again later.
    assert ask(owner, project, hospital).status_code == 302
    assert Partnership.objects.filter(organisation=hospital.organisation).count() == 2


def test_the_owner_withdraws_a_request_that_waits_for_an_answer(
    client, client_for, cast, project, hospital
):
    owner = client_for(cast.facilitator)
    ask(owner, project, hospital)
    partnership = Partnership.objects.get(organisation=hospital.organisation)
    assert owner.get(url(project, "partners")).context["pending"] == [partnership]
    assert owner.post(url(project, "partner_withdraw", partnership.pk)).status_code == 302
    partnership.refresh_from_db()
    assert partnership.status == PartnershipStatus.WITHDRAWN
    assert partnership.ended_at is not None
    assert project.activities.filter(kind="projects.partner_withdrawn").count() == 1

    client.force_login(hospital.admin)
    assert not client.get(requests_url(hospital.organisation)).context["pending"]
    # An answer from a page opened before the withdrawal changes nothing.
    client.post(requests_url(hospital.organisation, "partnership_accept", partnership.pk))
    partnership.refresh_from_db()
    assert partnership.status == PartnershipStatus.WITHDRAWN


def test_an_accepted_partnership_is_ended_not_withdrawn(client_for, cast, project, hospital):
    partnership = PartnershipFactory(project=project, organisation=hospital.organisation)
    client_for(cast.facilitator).post(url(project, "partner_withdraw", partnership.pk))
    partnership.refresh_from_db()
    assert partnership.status == PartnershipStatus.ACTIVE


# --- Until accepted, neither side sees the other's people -------------------------------


@pytest.fixture
def pending(cast, project, hospital):
    return PartnershipFactory(
        project=project,
        organisation=hospital.organisation,
        status=PartnershipStatus.PENDING,
        added_by=cast.facilitator,
    )


def test_until_accepted_the_owner_sees_none_of_the_partner_s_people(
    client_for, cast, project, hospital, pending
):
    owner = client_for(cast.facilitator)
    page = owner.get(url(project, "team"))
    assert "Siri Sykepleier" not in page.content.decode()
    assert not {hospital.admin, hospital.facilitator, hospital.nurse} & candidates(owner, project)
    # Posting the partner member's membership id anyway is refused.
    response = add_nurse(owner, project, hospital)
    assert response.status_code == 200
    assert response.context["form"].errors["membership"]
    assert not TeamMember.objects.filter(user=hospital.nurse).exists()
    with pytest.raises(ValidationError):
        services.add_team_member(
            project,
            membership=hospital.nurse_membership,
            role=ProjectRole.MEMBER,
            by=cast.facilitator,
        )
    assert not TeamMember.objects.filter(user=hospital.nurse).exists()


def test_until_accepted_the_partner_s_people_do_not_see_the_project(
    client, project, hospital, pending
):
    # Even a team row (put there by hand) lets nobody in while the request waits.
    TeamMemberFactory(
        project=project,
        user=hospital.nurse,
        organisation=hospital.organisation,
        role=ProjectRole.EXTERNAL_PARTNER,
    )
    for person in (hospital.nurse, hospital.admin):
        client.force_login(person)
        assert client.get(project.get_absolute_url()).status_code == 404
        assert client.get(url(project, "team")).status_code == 404
        listed = client.get(reverse("projects:list", args=[hospital.organisation.slug]))
        assert not listed.context["page"].object_list


# --- Who answers, who asks ---------------------------------------------------------------


@pytest.mark.parametrize("person", ["facilitator", "nurse"])
def test_only_the_partner_s_administrators_answer_a_request(client, hospital, pending, person):
    client.force_login(getattr(hospital, person))
    assert client.get(requests_url(hospital.organisation)).status_code == 403
    for answer in ("partnership_accept", "partnership_decline"):
        response = client.post(requests_url(hospital.organisation, answer, pending.pk))
        assert response.status_code == 403
    pending.refresh_from_db()
    assert pending.status == PartnershipStatus.PENDING


def test_a_third_organisation_gets_404_for_the_request(client, cast, hospital, pending):
    client.force_login(cast.outsider)  # admin of Annen kommune
    for organisation in (hospital.organisation, cast.other_organisation):
        for answer in ("partnership_accept", "partnership_decline"):
            response = client.post(requests_url(organisation, answer, pending.pk))
            assert response.status_code == 404
    pending.refresh_from_db()
    assert pending.status == PartnershipStatus.PENDING


def test_the_owner_s_admin_cannot_answer_for_the_partner(client_for, cast, hospital, pending):
    client = client_for(cast.admin)
    url_in_own = requests_url(cast.organisation, "partnership_accept", pending.pk)
    assert client.post(url_in_own).status_code == 404
    pending.refresh_from_db()
    assert pending.status == PartnershipStatus.PENDING


def test_a_partner_s_facilitator_on_the_team_cannot_invite_a_third_organisation(
    client, project, hospital
):
    PartnershipFactory(project=project, organisation=hospital.organisation)
    TeamMemberFactory(
        project=project,
        user=hospital.facilitator,
        organisation=hospital.organisation,
        role=ProjectRole.FACILITATOR,
    )
    third = OrganisationFactory(name="Tredje kommune")
    client.force_login(hospital.facilitator)
    page = client.get(url(project, "partners"))
    assert page.status_code == 200
    assert not page.context["may_manage_partners"]
    assert url(project, "partner_add") not in page.content.decode()
    response = client.post(url(project, "partner_add"), {"org_number": third.org_number})
    assert response.status_code == 403
    assert not Partnership.objects.filter(organisation=third).exists()
    # Nor withdraw or end the owner's partnerships.
    asked = PartnershipFactory(
        project=project, organisation=third, status=PartnershipStatus.PENDING
    )
    assert client.post(url(project, "partner_withdraw", asked.pk)).status_code == 403
    asked.refresh_from_db()
    assert asked.status == PartnershipStatus.PENDING


# --- Double-clicks -----------------------------------------------------------------------


def test_accepting_twice_in_a_row_keeps_one_partnership(client, project, hospital, pending):
    client.force_login(hospital.admin)
    accept = requests_url(hospital.organisation, "partnership_accept", pending.pk)
    assert client.post(accept).status_code == 302
    assert client.post(accept).status_code == 302
    assert Partnership.objects.get().status == PartnershipStatus.ACTIVE
    assert project.activities.filter(kind="projects.partner_accepted").count() == 1


def test_asking_twice_in_a_row_keeps_one_request(
    client_for, cast, project, hospital, mailoutbox, django_capture_on_commit_callbacks
):
    owner = client_for(cast.facilitator)
    with django_capture_on_commit_callbacks(execute=True):
        assert ask(owner, project, hospital).status_code == 302
        second = ask(owner, project, hospital)
    assert second.status_code == 200
    assert second.context["form"].errors["org_number"]
    assert Partnership.objects.get().status == PartnershipStatus.PENDING
    assert len(mailoutbox) == 1


def test_adding_a_partner_member_twice_in_a_row_keeps_one_team_row(
    client_for, cast, project, hospital
):
    PartnershipFactory(project=project, organisation=hospital.organisation)
    owner = client_for(cast.facilitator)
    assert add_nurse(owner, project, hospital).status_code == 302
    assert add_nurse(owner, project, hospital).status_code == 200
    assert TeamMember.objects.filter(user=hospital.nurse).count() == 1


# --- E-mail and the organisation's home ---------------------------------------------------


@pytest.mark.django_db(transaction=True)  # the e-mail goes when the request commits
def test_a_request_whose_email_fails_is_kept_and_the_owner_is_told(
    client_for, cast, project, hospital, monkeypatch, caplog
):
    def broken(*args, **kwargs):
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr(services, "send_mail", broken)
    owner = client_for(cast.facilitator)
    with caplog.at_level(logging.ERROR, logger="projects.services"):
        response = ask(owner, project, hospital)
    assert response.status_code == 302
    assert Partnership.objects.get().status == PartnershipStatus.PENDING
    assert "partnership request" in caplog.text
    page = owner.get(response["Location"])
    assert [m.level_tag for m in page.context["messages"]] == ["warning"]


def test_the_organisation_home_tells_administrators_about_waiting_requests(
    client, hospital, pending
):
    client.force_login(hospital.admin)
    response = client.get(hospital.organisation.get_absolute_url())
    requests_card = "projects/partnership_requests.html#home-card"
    cards = {panel.template: panel.data for panel in response.context["panels"]}
    assert cards[requests_card] == {"waiting": 1}
    assert requests_url(hospital.organisation) in response.content.decode()
    client.force_login(hospital.nurse)
    response = client.get(hospital.organisation.get_absolute_url())
    assert requests_card not in {panel.template for panel in response.context["panels"]}
    assert requests_url(hospital.organisation) not in response.content.decode()
