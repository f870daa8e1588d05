"""G4/G5: a person downloads everything stored about them, and deleting the
account erases it (accounts/personal_data.py and each app's entries)."""

import json
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts import personal_data
from projects import services as project_services
from projects.method import Phase
from tests.factories import (
    GoalFactory,
    InvitationFactory,
    MeasurementFactory,
    OrganisationFactory,
    ProjectFactory,
)

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
    project_services.record_measurement(
        MeasurementFactory.build(
            goal=GoalFactory(project=project), date=date(2026, 3, 2), value=Decimal("41.5")
        ),
        by=user,
    )
    project_services.add_partner(project, organisation=OrganisationFactory(), by=user)
    InvitationFactory(organisation=organisation, invited_by=user)


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
