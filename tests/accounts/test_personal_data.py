"""G4/G5: a person downloads everything stored about them, and deleting the
account erases it (accounts/personal_data.py and each app's entries)."""

import json
from datetime import date
from decimal import Decimal

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.db import models
from django.urls import reverse
from django.utils import timezone

from accounts import personal_data
from accounts.models import Invitation
from accounts.services import delete_account
from feedback import services as feedback_services
from ideas import services as idea_services
from ideas import stages as idea_stages
from ideas.models import NotificationSettings
from processes import services as map_services
from projects import services as project_services
from projects.method import Phase
from reports import services as report_services
from tests.factories import (
    AccessAttemptFactory,
    AccessFailureLogFactory,
    AccessLogFactory,
    GoalFactory,
    InvitationFactory,
    MeasurementFactory,
    OrganisationFactory,
    ProjectFactory,
)

LOGIN_RECORDS = {
    AccessAttempt: AccessAttemptFactory,
    AccessLog: AccessLogFactory,
    AccessFailureLog: AccessFailureLogFactory,
}

CAST_MEMBERS = ["admin", "leader", "facilitator", "employee", "outsider"]


def give_data_everywhere(user):
    """A row concerning ``user`` in every model an app registers, made the way
    the app makes it. A new registered model needs a line here: the download
    test below fails until it has one."""
    organisation = user.memberships.get().organisation
    project = project_services.create_project(  # Project, TeamMember, Activity
        ProjectFactory.build(organisation=organisation), by=user
    )
    project_services.set_checklist_item(
        project, phase=Phase.ANCHORING, item="mandate", done=True, by=user
    )
    project_services.move_to_phase(project, Phase.ANCHORING + 1, by=user)
    project_services.mark_phase_done(project, phase=Phase.ANCHORING, done=True, by=user)
    project_services.record_measurement(
        MeasurementFactory.build(
            goal=GoalFactory(project=project), date=date(2026, 3, 2), value=Decimal("41.5")
        ),
        by=user,
    )
    project_services.add_partner(project, organisation=OrganisationFactory(), by=user)
    # A request from another organisation's project, answered by the person.
    asking = ProjectFactory(organisation=OrganisationFactory())
    request = project_services.add_partner(asking, organisation=organisation, by=None)
    project_services.accept_partnership(request, by=user)
    InvitationFactory(organisation=organisation, invited_by=user)
    process_map = map_services.create_map(project, by=user, name="Byggesak i dag")
    lane = map_services.add_lane(process_map, version=1, by=user, name="Saksbehandler")
    step = map_services.add_step(process_map, version=2, by=user, lane=lane, title="Vurdere")
    map_services.add_note(
        step, version=3, by=user, text="Mangler vedlegg"
    )  # ProblemNote, MapChange
    feedback_services.create_form(project, by=user, title="Hvordan opplevde du byggesaken?")
    idea = idea_services.propose(project, by=user, title="Digital søknad", owner=user)
    idea_stages.move(idea, "develop", by=user)  # StageChange
    idea_services.comment(idea, by=user, text="Godt forslag")
    idea_services.set_vote(idea, by=user, vote=True)
    idea_services.add_action(project, by=user, what="Lage sjekkliste", owner=user, idea=idea)
    NotificationSettings.objects.create(user=user, weekly_digest=False, language="nn")
    report_services.request_report(  # Report (asked for by the person)
        organisation, project=project, kind="final", language="nb", by=user, send=False
    )
    for factory in LOGIN_RECORDS.values():
        factory(username=user.email)


@pytest.mark.parametrize("who", CAST_MEMBERS)
def test_every_member_downloads_their_data_from_every_registered_model(client_for, cast, who):
    user = getattr(cast, who)
    give_data_everywhere(user)

    response = client_for(user).get(reverse("accounts:export_data"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    empty = [
        f"{entry.label} ({entry.model._meta.label})"
        for entry in personal_data.entries()
        if not data.get(entry.label)
    ]
    assert not empty, f"no row for {who} in: {empty}; add one in give_data_everywhere"


def test_download_writes_dates_times_and_decimals_as_json(client_for, cast, monkeypatch):
    """An app's export may hand over values as the model holds them."""
    registered = personal_data.entries()
    extra = personal_data.Entry(
        registered[0].model,
        "values_as_stored",
        lambda user: [{"day": date(2026, 3, 2), "value": Decimal("41.50"), "at": user.date_joined}],
    )
    monkeypatch.setattr(personal_data, "entries", lambda: [*registered, extra])

    response = client_for(cast.employee).get(reverse("accounts:export_data"))

    assert response.status_code == 200
    row = json.loads(response.content)["values_as_stored"][0]
    assert row["day"] == "2026-03-02"
    assert row["value"] == "41.50"
    assert row["at"].startswith(cast.employee.date_joined.date().isoformat())


def test_download_holds_the_persons_login_records_and_nobody_elses(client, cast, password):
    client.post("/login/", {"username": "Medarbeider@Eksempel.no", "password": password})
    AccessAttemptFactory(username=cast.employee.email, ip_address="10.1.2.3")
    AccessFailureLogFactory(username=cast.employee.email, ip_address="10.1.2.3")
    for factory in LOGIN_RECORDS.values():
        factory(username=cast.leader.email, ip_address="10.9.9.9")

    response = client.get(reverse("accounts:export_data"))

    data = json.loads(response.content)
    assert [row["ip_address"] for row in data["logins"]] == ["127.0.0.1"]
    assert data["failed_logins"][0]["ip_address"] == "10.1.2.3"
    assert data["login_attempts"][0]["failures"] == 1
    assert "10.9.9.9" not in response.content.decode()


def test_deleting_an_account_erases_its_login_records(cast):
    for factory in LOGIN_RECORDS.values():
        factory(username=cast.employee.email)
        factory(username=cast.leader.email)

    delete_account(cast.employee)

    for model in LOGIN_RECORDS:
        assert not model.objects.filter(username="medarbeider@eksempel.no").exists(), model
        assert model.objects.filter(username=cast.leader.email).exists(), model


def test_deleting_an_account_keeps_who_invited_whom_without_the_address(cast):
    accepted = InvitationFactory(
        organisation=cast.organisation,
        email=cast.employee.email,
        invited_by=cast.admin,
        accepted_at=timezone.now(),
        accepted_by=cast.employee,
    )
    InvitationFactory(
        organisation=cast.other_organisation, email=cast.employee.email, revoked_at=timezone.now()
    )

    delete_account(cast.employee)

    accepted.refresh_from_db()
    assert "medarbeider" not in accepted.email
    assert (accepted.invited_by, accepted.accepted_by) == (cast.admin, cast.employee)
    assert Invitation.objects.count() == 1


def test_deleting_an_account_leaves_its_address_nowhere_in_the_database(cast, client, password):
    client.post("/login/", {"username": cast.employee.email, "password": password})
    client.post("/logout/")
    client.post("/login/", {"username": cast.employee.email, "password": "feil-passord"})
    for factory in LOGIN_RECORDS.values():
        factory(username=cast.employee.email, ip_address="10.1.2.3")
    InvitationFactory(
        organisation=cast.organisation,
        email=cast.employee.email,
        accepted_at=timezone.now(),
        accepted_by=cast.employee,
    )
    InvitationFactory(organisation=cast.other_organisation, email=cast.employee.email)

    delete_account(cast.employee)

    left = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and model._default_manager.filter(
            **{f"{field.name}__icontains": "medarbeider@eksempel.no"}
        ).exists()
    ]
    assert not left
