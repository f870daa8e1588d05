"""S3: project roles × actions, generated from projects.access.PROJECT_PERMISSIONS."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.models import Role
from projects.access import (
    PROJECT_PERMISSIONS,
    project_permission_table_markdown,
    project_permissions,
)
from projects.models import Measurement, ProjectRole
from tests.factories import GoalFactory, MembershipFactory, TeamMemberFactory


def probe(client, project, permission):
    """Exercise one page that needs exactly this permission; return the status."""
    slug, pk = project.organisation.slug, project.pk
    if permission in ("view_project", "receive_reports"):
        return client.get(reverse("projects:overview", args=[slug, pk])).status_code
    if permission == "manage_project":
        return client.get(reverse("projects:edit", args=[slug, pk])).status_code
    if permission == "record_measurements":
        goal = GoalFactory(project=project)
        url = reverse("projects:measurement_create", args=[slug, pk, goal.pk])
        status = client.post(url, {"date": "2026-03-01", "value": "42"}).status_code
        assert (status == 302) == Measurement.objects.filter(goal=goal).exists()
        return status
    if permission == "contribute":
        return None  # no page needs only this yet; decided by project_permissions below
    raise AssertionError(f"add a probe for {permission}")


@pytest.mark.parametrize("permission", sorted(PROJECT_PERMISSIONS))
@pytest.mark.parametrize("team_role", list(ProjectRole))
def test_team_role_gets_what_the_table_says(client, cast, project, team_role, permission):
    person = MembershipFactory(organisation=cast.organisation, role=Role.EMPLOYEE).user
    TeamMemberFactory(project=project, user=person, role=team_role)
    allowed = team_role in PROJECT_PERMISSIONS[permission].team_roles
    assert (permission in project_permissions(Role.EMPLOYEE, team_role)) == allowed
    client.force_login(person)
    status = probe(client, project, permission)
    if status is not None:
        expected = (302 if permission == "record_measurements" else 200) if allowed else 403
        assert status == expected


@pytest.mark.parametrize("permission", sorted(PROJECT_PERMISSIONS))
@pytest.mark.parametrize("role", list(Role))
def test_organisation_role_off_the_team_gets_what_the_table_says(
    client, cast, project, role, permission
):
    allowed_anything = bool(project_permissions(role, None))
    allowed = role in PROJECT_PERMISSIONS[permission].organisation_roles
    # A fresh member with this role, not on the project's team.
    client.force_login(MembershipFactory(organisation=cast.organisation, role=role).user)
    status = probe(client, project, permission)
    if status is not None:
        if not allowed_anything:
            assert status == 404  # members not on the team do not see the project at all
        else:
            expected = (302 if permission == "record_measurements" else 200) if allowed else 403
            assert status == expected


def test_every_permission_is_probed_or_decided_by_the_table():
    assert set(PROJECT_PERMISSIONS) == {
        "view_project",
        "receive_reports",
        "contribute",
        "record_measurements",
        "manage_project",
    }


def test_readers_only_read():
    for role in (
        ProjectRole.STEERING_GROUP,
        ProjectRole.UNION_REP,
        ProjectRole.SAFETY_REP,
        ProjectRole.OBSERVER,
    ):
        assert project_permissions(None, role) == {"view_project", "receive_reports"}


def test_readme_shows_the_current_project_permission_table():
    readme = (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8")
    assert project_permission_table_markdown() in readme, (
        "README.md's project role table is out of date: paste `manage.py permission_table`"
    )
