"""Cached fragments are never stale and never carry another person's CSRF token."""

import re

from django.middleware.csrf import _unmask_cipher_token
from django.urls import reverse

from projects.models import ProjectRole
from tests.factories import GoalFactory, MembershipFactory, TeamMemberFactory


def test_overview_shows_every_change_at_once(client_for, cast, project):
    client = client_for(cast.facilitator)
    url = project.get_absolute_url()
    assert 'value="0:mandate:on"' in client.get(url).content.decode()
    client.post(
        reverse("projects:checklist", args=[cast.organisation.slug, project.pk]),
        {"tick": "0:mandate:on"},
    )
    content = client.get(url).content.decode()
    assert 'value="0:mandate:off"' in content  # now ticked
    client.post(
        reverse("projects:goal_create", args=[cast.organisation.slug, project.pk]),
        {
            "name": "Ventetid",
            "unit": "days",
            "direction": "lower",
            "baseline": "20",
            "baseline_date": "2026-01-01",
            "target": "10",
        },
    )
    assert "Ventetid" in client.get(url).content.decode()


def test_list_shows_a_new_project_at_once(client_for, cast, project):
    client = client_for(cast.admin)
    url = reverse("projects:list", args=[cast.organisation.slug])
    assert "Raskere byggesak" in client.get(url).content.decode()
    GoalFactory(project=project)  # unrelated change: still served, still right
    from tests.factories import ProjectFactory

    ProjectFactory(organisation=cast.organisation, title="Helt nytt prosjekt")
    assert "Helt nytt prosjekt" in client.get(url).content.decode()


def test_cached_pages_carry_only_the_viewer_s_csrf_token(client, cast, project):
    other = MembershipFactory(organisation=cast.organisation).user
    TeamMemberFactory(project=project, user=other, role=ProjectRole.FACILITATOR)
    url = project.get_absolute_url()
    client.force_login(cast.facilitator)
    client.get(url)  # fills the cache
    client.logout()
    client.force_login(other)
    response = client.get(url)
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())
    assert tokens
    secret = client.cookies["csrftoken"].value  # the cookie holds the unmasked secret
    assert {_unmask_cipher_token(token) for token in tokens} == {secret}
