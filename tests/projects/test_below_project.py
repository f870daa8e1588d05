"""Objects below a project are fetched through their path to it, in one query,
with the project permission applied in the same call."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from accounts.access import memberships_of
from accounts.models import Role
from projects.access import fetch_below_project
from projects.models import Measurement, ProjectRole
from tests.factories import GoalFactory, MeasurementFactory, MembershipFactory, TeamMemberFactory


@pytest.fixture
def measurement(project):
    return MeasurementFactory(goal=GoalFactory(project=project))


def fetch(user, measurement, permission="view_project", org_slug=None):
    request = RequestFactory().get("/")
    request.user = user
    memberships_of(request)  # loaded with the user on every request (accounts.backends)
    with CaptureQueriesContext(connection) as queries:
        obj = fetch_below_project(
            request,
            Measurement.objects.all(),
            project="goal__project",
            org_slug=org_slug or measurement.goal.project.organisation.slug,
            permission=permission,
            pk=measurement.pk,
        )
    return request, obj, len(queries)


def test_a_team_member_gets_the_object_and_its_project_in_one_query(cast, project, measurement):
    request, obj, queries = fetch(cast.facilitator, measurement, "manage_project")
    assert obj == measurement
    assert request.project == project
    assert "manage_project" in request.project_permissions
    assert queries == 1
    with CaptureQueriesContext(connection) as more:
        assert obj.goal.project.organisation.slug == cast.organisation.slug
    assert len(more) == 0


def test_an_outsider_gets_404_also_through_their_own_organisation(cast, measurement):
    with pytest.raises(Http404):
        fetch(cast.outsider, measurement)
    with pytest.raises(Http404):
        fetch(cast.outsider, measurement, org_slug=cast.other_organisation.slug)


def test_a_member_off_the_team_gets_404(cast, measurement):
    with pytest.raises(Http404):
        fetch(cast.employee, measurement)


def test_a_reader_gets_403_for_what_their_role_does_not_allow(cast, project, measurement):
    reader = MembershipFactory(organisation=cast.organisation, role=Role.EMPLOYEE).user
    TeamMemberFactory(project=project, user=reader, role=ProjectRole.STEERING_GROUP)
    assert fetch(reader, measurement)[1] == measurement
    with pytest.raises(PermissionDenied):
        fetch(reader, measurement, "record_measurements")
