import pytest

from projects.models import ProjectRole
from tests.factories import MembershipFactory, TeamMemberFactory


@pytest.fixture
def member(cast, project):
    """The employee on the project's team as a member (a contributor)."""
    TeamMemberFactory(project=project, user=cast.employee, role=ProjectRole.MEMBER)
    return cast.employee


@pytest.fixture
def observer(cast, project):
    """A person who reads the project but may not contribute (an observer)."""
    user = MembershipFactory(organisation=cast.organisation).user
    TeamMemberFactory(project=project, user=user, role=ProjectRole.OBSERVER)
    return user
