import pytest

from projects.models import ProjectRole
from tests.factories import ProjectFactory, TeamMemberFactory


@pytest.fixture
def project(cast):
    """A project of the cast's organisation with the facilitator on its team."""
    project = ProjectFactory(organisation=cast.organisation, title="Raskere byggesak")
    TeamMemberFactory(project=project, user=cast.facilitator, role=ProjectRole.FACILITATOR)
    return project
