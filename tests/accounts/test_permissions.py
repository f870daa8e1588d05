"""S3: the organisation permission table says what the product promises.

The table in ``accounts.access`` drives the access decorators and the tests
generated for every view (tests/test_access.py). Here it is checked against
the promise written out by hand, so that a change to who may do what is a
deliberate change of this test too, and against README.md.
"""

from pathlib import Path

import pytest
from django.conf import settings

from accounts.access import ORGANISATION_PERMISSIONS, can, permission_table_markdown
from accounts.models import Membership, Role

# Who may do what in an organisation, written out: the promise in README.md.
PROMISE = {
    "view_organisation": {"admin", "leader", "facilitator", "employee"},
    "view_members": {"admin", "leader", "facilitator", "employee"},
    "manage_members": {"admin"},
    "edit_organisation": {"admin"},
    "create_project": {"admin", "leader", "facilitator"},
    "view_dashboard": {"admin", "leader", "facilitator"},
    "answer_partnerships": {"admin"},
}


def test_the_table_keeps_the_promise():
    assert set(ORGANISATION_PERMISSIONS) == set(PROMISE)


@pytest.mark.parametrize("permission", sorted(PROMISE))
@pytest.mark.parametrize("role", list(Role))
def test_role_has_exactly_the_promised_permissions(cast, permission, role):
    membership = Membership.objects.get(user=cast.by_role(role))
    assert can(membership, permission) == (role.value in PROMISE[permission])


def test_no_membership_means_no_permission():
    assert not any(can(None, permission) for permission in ORGANISATION_PERMISSIONS)


def test_readme_shows_the_current_permission_table():
    readme = (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8")
    assert permission_table_markdown() in readme, (
        "README.md's role table is out of date: paste `manage.py permission_table`"
    )
