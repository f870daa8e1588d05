"""The data migration turns the old timeline's display text into events."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation

from projects.models import Activity
from tests.factories import MembershipFactory, ProjectFactory, UserFactory

BEFORE = [("projects", "0001_initial")]
SEPARATOR = "\x1f"


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_old_timeline_lines_become_events_with_references_and_no_names():
    # Every app's latest migration: going back to an old projects migration also
    # takes back the apps that depend on projects (process maps, feedback…).
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    project = ProjectFactory(title="Raskere byggesak")
    nora = MembershipFactory(
        organisation=project.organisation, user=UserFactory(full_name="Nora Nykommer")
    ).user
    old_apps = migrate(BEFORE)
    old_activity = old_apps.get_model("projects", "Activity")
    for kind, summary in [
        ("phase_forward", "3"),
        ("ticked", "0:mandate"),
        ("goal_added", "Saksbehandlingstid"),
        ("measured", "Saksbehandlingstid: 12.5"),
        ("member_added", f"Nora Nykommer{SEPARATOR}member"),
        ("member_removed", "Ola Borte"),
        ("partner_added", project.organisation.name),
    ]:
        old_activity.objects.create(project_id=project.pk, kind=kind, summary=summary)

    migrate(latest)

    lines = {line.kind: line for line in Activity.objects.all()}
    assert lines["projects.phase_forward"].data == {"phase": 3}
    assert lines["projects.ticked"].data == {"phase": 0, "item": "mandate"}
    assert lines["projects.measured"].data == {"goal": "Saksbehandlingstid", "value": "12.5"}
    assert lines["projects.member_added"].target == nora
    assert lines["projects.member_added"].data == {"role": "member"}
    assert "Nora" not in str(lines["projects.member_added"].data)
    assert lines["projects.partner_added"].target == project.organisation
    with translation.override("nb"):
        assert lines["projects.member_removed"].text.endswith(
            "fjernet et tidligere medlem fra teamet"
        )
        assert "Nora Nykommer i teamet som medarbeider" in lines["projects.member_added"].text
        assert "12,5" in lines["projects.measured"].text
