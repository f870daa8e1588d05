"""The timeline stores events with references, never names; pages show people as they are now."""

import pytest
from django.db import models
from django.utils import translation

from accounts import services as account_services
from projects import services
from projects.models import Activity, ProjectRole
from projects.timeline import log
from tests.factories import MembershipFactory, UserFactory


@pytest.fixture
def newcomer(cast, project):
    person = MembershipFactory(
        organisation=cast.organisation, user=UserFactory(full_name="Nora Nykommer")
    )
    services.add_team_member(
        project, membership=person, role=ProjectRole.MEMBER, by=cast.facilitator
    )
    return person.user


def test_an_event_stores_references_and_codes_not_names(cast, project, newcomer):
    line = Activity.objects.get(kind="projects.member_added")
    assert line.actor == cast.facilitator
    assert line.target == newcomer
    assert line.data == {"role": "member"}
    text_columns = [
        field.name
        for field in Activity._meta.get_fields()
        if isinstance(field, models.CharField | models.TextField)
    ]
    assert text_columns == ["kind"]


def test_the_line_reads_in_the_reader_s_language(cast, project, newcomer):
    line = Activity.objects.get(kind="projects.member_added")
    with translation.override("nb"):
        assert line.text == "Vera Veileder la til Nora Nykommer i teamet som medarbeider"
    with translation.override("en"):
        assert line.text == "Vera Veileder added Nora Nykommer to the team as employee"


def test_a_person_who_deleted_their_account_reads_as_a_former_member(
    client_for, cast, project, newcomer
):
    services.remove_team_member(project.team.get(user=newcomer), by=cast.facilitator)
    account_services.delete_account(newcomer)
    client = client_for(cast.facilitator)
    for url in (project.get_absolute_url(), project.url("activity")):
        content = client.get(url).content.decode()
        assert "Nora Nykommer" not in content
        timeline = content[content.index('<ol class="timeline">') :]
        assert "la til et tidligere medlem i teamet" in timeline, timeline[:800]
        assert "fjernet et tidligere medlem fra teamet" in content


def test_a_renamed_person_shows_with_their_new_name_at_once(client_for, cast, project, newcomer):
    client = client_for(cast.facilitator)
    assert "Nora Nykommer" in client.get(project.get_absolute_url()).content.decode()
    newcomer.full_name = "Nora Nyttnavn"
    newcomer.save()
    content = client.get(project.get_absolute_url()).content.decode()
    assert "Nora Nykommer" not in content
    assert content.count("Nora Nyttnavn") >= 2  # the team card and the timeline


def test_an_undeclared_event_is_refused(project):
    with pytest.raises(ValueError, match="Undeclared"):
        log(project, "projects.something_new")
    with pytest.raises(ValueError, match="Undeclared"):
        log(project, "member_added")  # kinds carry their app's label
