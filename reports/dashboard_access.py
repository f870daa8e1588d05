"""Who sees which dashboard, and which projects an organisation's dashboard counts.

- A project's dashboard: everyone who may see the project (``view_project``
  in ``projects.access``). It shows nothing the project's own pages do not:
  its goals, ideas, action plan, benefits, maps and feedback results.
- An organisation's dashboard: administrators, leaders and process
  facilitators (``view_dashboard`` in ``accounts.access``); employees get 403,
  outsiders 404. It counts the organisation's own projects that the viewer
  sees in the project list: administrators and leaders all of them, a
  facilitator those on whose team they are. Other organisations' projects
  that the organisation takes part in as a partner belong to their owner's
  dashboard.

These rules are README's tables ("Roles and permissions"); the tests generated
from the URL walk (tests/test_access.py) hold every view to them.
"""

from projects.access import sees_every_project
from projects.models import Project, TeamMember


def dashboard_projects(request):
    """The organisation's own projects the signed-in member sees (a queryset,
    no query yet); ``organisation_view`` has set ``request.membership``."""
    projects = Project.objects.filter(organisation=request.organisation)
    if sees_every_project(request.membership.role):
        return projects
    return projects.filter(pk__in=TeamMember.objects.filter(user=request.user).values("project_id"))
