"""Who may read, ask for and download reports (S3): the rules as the product
promises them, written out here, and README's table generated from the code."""

from pathlib import Path

import pytest
from django.conf import settings

from accounts.access import can
from accounts.models import Membership, Role
from projects.access import project_permissions
from projects.models import ProjectRole
from reports.access import PORTFOLIO, READ, REQUEST, report_permission_table_markdown

READERS = set(ProjectRole.values)
ASKERS = {ProjectRole.PROCESS_OWNER, ProjectRole.FACILITATOR}


@pytest.mark.parametrize("team_role", list(ProjectRole))
def test_everyone_on_the_team_reads_and_only_those_who_run_the_project_ask(team_role):
    granted = project_permissions(Role.EMPLOYEE, team_role)
    assert (READ in granted) == (team_role in READERS)
    assert (REQUEST in granted) == (team_role in ASKERS)


@pytest.mark.parametrize(
    ("role", "reads", "asks"),
    [
        (Role.ADMIN, True, True),
        (Role.LEADER, True, False),
        (Role.FACILITATOR, False, False),  # off the team: does not see the project
        (Role.EMPLOYEE, False, False),
    ],
)
def test_off_the_team_the_organisation_role_decides(role, reads, asks):
    granted = project_permissions(role, None)
    assert (READ in granted, REQUEST in granted) == (reads, asks)


@pytest.mark.parametrize(
    ("role", "allowed"),
    [(Role.ADMIN, True), (Role.LEADER, True), (Role.FACILITATOR, True), (Role.EMPLOYEE, False)],
)
def test_portfolio_reports_are_for_facilitators_and_up(role, allowed):
    assert can(Membership(role=role), PORTFOLIO) == allowed


def test_readme_shows_the_current_report_permission_table():
    readme = (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8")
    assert report_permission_table_markdown() in readme, (
        "README.md's report role table is out of date: paste `manage.py permission_table`"
    )
