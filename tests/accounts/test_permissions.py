"""S3: every role × every permission behaves as the documented table says."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.access import ORGANISATION_PERMISSIONS, can, permission_table_markdown, role_at_least
from accounts.models import Membership, Role

# One page that needs exactly this permission, per permission.
REPRESENTATIVE_PAGE = {
    "view_organisation": "accounts:organisation_home",
    "view_members": "accounts:members",
    "manage_members": "accounts:invite",
    "edit_organisation": "accounts:organisation_settings",
    "create_project": "projects:create",
}


def test_every_permission_has_a_representative_page():
    assert set(REPRESENTATIVE_PAGE) == set(ORGANISATION_PERMISSIONS)


@pytest.mark.parametrize("permission", sorted(ORGANISATION_PERMISSIONS))
@pytest.mark.parametrize("role", list(Role))
def test_role_gets_what_the_table_says(client_for, cast, permission, role):
    user = cast.by_role(role)
    allowed = role_at_least(role, ORGANISATION_PERMISSIONS[permission].minimum_role)
    assert can(Membership.objects.get(user=user), permission) == allowed
    url = reverse(REPRESENTATIVE_PAGE[permission], args=[cast.organisation.slug])
    response = client_for(user).get(url)
    assert response.status_code == (200 if allowed else 403)


def test_no_membership_means_no_permission():
    assert not any(can(None, permission) for permission in ORGANISATION_PERMISSIONS)


def test_readme_shows_the_current_permission_table():
    readme = (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8")
    assert permission_table_markdown() in readme, (
        "README.md's role table is out of date: paste `manage.py permission_table`"
    )
