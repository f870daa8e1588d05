"""S3: the project permission table says what the product promises (METHOD.md, Roles).

The table in ``projects.access`` drives ``project_view`` and the tests
generated for every view (tests/test_access.py). Here it is checked against
the promise written out by hand and against README.md, and the ownership
rule for one's own contributions is tested.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import RequestFactory

from accounts.models import Role
from projects.access import (
    PROJECT_PERMISSIONS,
    may_edit_contribution,
    project_permission_table_markdown,
    project_permissions,
)
from projects.models import ProjectRole

EVERYONE = {role.value for role in ProjectRole}
READERS = {"steering_group", "union_rep", "safety_rep", "observer"}
CONTRIBUTORS = EVERYONE - READERS

# team roles and organisation roles (off the team) per permission, written out.
PROMISE = {
    "view_project": (EVERYONE, {"admin", "leader"}),
    "receive_reports": (EVERYONE, {"admin", "leader"}),
    "contribute": (CONTRIBUTORS, set()),
    "record_measurements": ({"process_owner", "facilitator", "leader"}, {"admin"}),
    "manage_project": ({"process_owner", "facilitator"}, {"admin"}),
}


def test_the_table_keeps_the_promise():
    assert set(PROJECT_PERMISSIONS) == set(PROMISE)


@pytest.mark.parametrize("permission", sorted(PROMISE))
@pytest.mark.parametrize("team_role", list(ProjectRole))
def test_team_role_has_exactly_the_promised_permissions(team_role, permission):
    granted = project_permissions(Role.EMPLOYEE, team_role)
    assert (permission in granted) == (team_role.value in PROMISE[permission][0])


@pytest.mark.parametrize("permission", sorted(PROMISE))
@pytest.mark.parametrize("role", list(Role))
def test_organisation_role_off_the_team_has_exactly_the_promised_permissions(role, permission):
    assert (permission in project_permissions(role, None)) == (role.value in PROMISE[permission][1])


def test_readers_only_read():
    for role in READERS:
        assert project_permissions(None, role) == {"view_project", "receive_reports"}


def test_outsiders_have_nothing():
    assert project_permissions(None, None) == frozenset()


def _request(user, permissions):
    request = RequestFactory().get("/")
    request.user = user
    request.project_permissions = frozenset(permissions)
    return request


@pytest.mark.parametrize(
    ("who", "permissions", "allowed"),
    [
        ("author", {"view_project", "contribute"}, True),
        ("author", {"view_project"}, False),  # a reader now: no more editing
        ("someone else", {"view_project", "contribute"}, False),
        ("someone else", {"view_project", "contribute", "manage_project"}, True),
        ("nobody", {"view_project", "contribute"}, False),
    ],
)
def test_own_contributions_are_edited_by_their_author_or_a_manager(cast, who, permissions, allowed):
    author = cast.employee
    viewer = {"author": author, "someone else": cast.facilitator, "nobody": cast.employee}[who]
    author_id = None if who == "nobody" else author.pk
    assert may_edit_contribution(_request(viewer, permissions), author_id) == allowed


def test_readme_shows_the_current_project_permission_table():
    readme = (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8")
    assert project_permission_table_markdown() in readme, (
        "README.md's project role table is out of date: paste `manage.py permission_table`"
    )
