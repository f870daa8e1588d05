"""Phases tell the truth: progress per phase, done when ticked off or marked,
skipping asks first, and the overview says where the project stands."""

from django.urls import NoReverseMatch, reverse

from projects.method import CHECKLISTS, ChecklistItem, Phase
from projects.models import PhaseChange, PhaseCompletion, ProjectRole
from tests.factories import TeamMemberFactory


def tick(client, project, phase, item, state="on", **headers):
    return client.post(project.url("checklist"), {"tick": f"{phase}:{item}:{state}"}, **headers)


def test_each_phase_shows_its_checklist_progress(client_for, cast, project):
    client = client_for(cast.facilitator)
    tick(client, project, 0, "mandate")
    tick(client, project, 0, "process")
    content = client.get(project.url("phases")).content.decode()
    assert "2 av 5" in content
    assert f"0 av {len(CHECKLISTS[Phase.PLANNING])}" in content


def test_a_phase_is_done_when_ticked_off_or_marked_done(client_for, cast, project):
    client = client_for(cast.facilitator)
    track = project.phase_track()
    assert not track[Phase.PLANNING].done
    client.post(project.url("mark_phase"), {"phase": Phase.PLANNING, "done": "on"})
    assert project.phase_track()[Phase.PLANNING].done
    assert project.activities.filter(kind="projects.phase_done").exists()
    client.post(project.url("mark_phase"), {"phase": Phase.PLANNING})
    assert not project.phase_track()[Phase.PLANNING].done
    assert not PhaseCompletion.objects.exists()
    for item in CHECKLISTS[Phase.PLANNING]:
        project.ticks.create(phase=Phase.PLANNING, item=item.key)
    assert project.phase_track()[Phase.PLANNING].done


def test_a_phase_left_behind_unfinished_is_not_shown_as_done(client_for, cast, project):
    client = client_for(cast.facilitator)
    client.post(project.url("move_phase"), {"phase": 1})
    project.refresh_from_db()
    track = project.phase_track()
    assert track[Phase.ANCHORING].state == "open"
    assert "ikke fullført" in client.get(project.url("phases")).content.decode()


def test_moving_more_than_one_phase_ahead_asks_first(client_for, cast, project):
    client = client_for(cast.facilitator)
    response = client.post(project.url("move_phase"), {"phase": 3, "note": "Vi hopper"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "hopper over 2 faser" in content
    assert 'name="confirm" value="on"' in content and 'value="Vi hopper"' in content
    project.refresh_from_db()
    assert project.phase == 0 and not PhaseChange.objects.exists()
    client.post(project.url("move_phase"), {"phase": 3, "note": "Vi hopper", "confirm": "on"})
    project.refresh_from_db()
    assert project.phase == 3
    line = project.activities.get(kind="projects.phase_forward")
    assert line.data["note"] == "Vi hopper"
    assert "«Vi hopper»" in client.get(project.url("activity")).content.decode()


def test_moving_one_phase_ahead_or_back_needs_no_confirmation(client_for, cast, project):
    client = client_for(cast.facilitator)
    assert client.post(project.url("move_phase"), {"phase": 1}).status_code == 302
    assert client.post(project.url("move_phase"), {"phase": 0}).status_code == 302


def test_process_owner_appointed_needs_a_process_owner_on_the_team(client_for, cast, project):
    client = client_for(cast.facilitator)
    response = tick(client, project, 0, "owner", HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    assert "prosesseier" in response.content.decode()
    assert not project.ticks.exists()
    TeamMemberFactory(project=project, user=cast.leader, role=ProjectRole.PROCESS_OWNER)
    assert tick(client, project, 0, "owner", HTTP_HX_REQUEST="true").status_code == 200
    assert project.ticks.filter(item="owner").exists()


def test_checklist_items_link_only_to_tools_that_exist(project):
    entries = {entry.key: entry for entry in project.phase_track()[Phase.ANCHORING].items}
    assert entries["owner"].tool_url == project.url("team")
    mapping = {entry.key: entry for entry in project.phase_track()[Phase.CURRENT_STATE].items}
    assert {entry.item.tool for entry in mapping.values()} == {"processes:current_map"}
    assert mapping["map"].tool_url == reverse(
        "processes:current_map", args=[project.organisation.slug, project.pk]
    )
    analysis = project.phase_track()[Phase.ANALYSIS].items
    assert {entry.item.tool for entry in analysis} == {"processes:analysis"}
    future = {entry.key: entry for entry in project.phase_track()[Phase.SELECTION].items}
    assert future["future_map"].item.tool == "processes:future_map"
    # A tool that is not built yet: no promise.
    assert ChecklistItem("later", "later", tool="processes:not_built").tool_url(project) is None


IDEA_TOOLS = {
    (Phase.IDEAS, "collected"): "ideas:board",
    (Phase.IDEAS, "developed"): "ideas:board",
    (Phase.SELECTION, "matrix"): "ideas:matrix",
    (Phase.SELECTION, "selected"): "ideas:matrix",
    (Phase.ACTION_PLAN, "actions"): "ideas:action_plan",
    (Phase.ACTION_PLAN, "approved"): "ideas:action_plan",
    (Phase.IMPLEMENTATION, "pdsa"): "ideas:board",
    (Phase.IMPLEMENTATION, "quick_wins"): "ideas:action_plan",
    (Phase.FOLLOW_UP, "benefit"): "ideas:board",
}


def test_the_idea_phases_link_to_the_board_the_matrix_and_the_action_plan(project):
    """Each item names its page, and links to it once the page exists."""
    args = [project.organisation.slug, project.pk]
    for (phase, key), tool in IDEA_TOOLS.items():
        entry = {e.key: e for e in project.phase_track()[phase].items}[key]
        assert entry.item.tool == tool
        try:
            expected = reverse(tool, args=args)
        except NoReverseMatch:
            expected = None
        assert entry.tool_url == expected


def test_the_overview_says_where_the_project_stands_and_what_to_do(client_for, cast, project):
    project.mandate = ""
    project.save()
    content = client_for(cast.facilitator).get(project.get_absolute_url()).content.decode()
    glance = content[content.index('id="now"') : content.index('id="checklist"')]
    assert "Forankring og oppstart" in glance and "0 av 5" in glance
    assert "Mandatet er ikke skrevet ennå — skriv det" in glance
    assert "Ingen mål ennå" in glance
    assert reverse("projects:edit", args=[cast.organisation.slug, project.pk]) in glance


def test_readers_see_where_the_project_stands_without_buttons(client_for, cast, project):
    TeamMemberFactory(project=project, user=cast.employee, role=ProjectRole.STEERING_GROUP)
    content = client_for(cast.employee).get(project.get_absolute_url()).content.decode()
    assert "Nåværende fase" in content
    assert 'name="tick"' not in content
    assert "skriv det" not in content


def test_ticking_on_the_overview_reloads_it_so_the_cards_agree(client_for, cast, project):
    client = client_for(cast.facilitator)
    content = client.get(project.get_absolute_url()).content.decode()
    checklist = content[content.index('id="checklist"') :]
    assert "hx-post" not in checklist[: checklist.index("</section>")]
    response = client.post(project.url("checklist"), {"tick": "0:mandate:on", "back": "overview"})
    assert response["Location"] == project.get_absolute_url() + "#now"
    glance = client.get(project.get_absolute_url()).content.decode()
    assert "1 av 5 på sjekklisten gjort" in glance
    assert "hx-post" in client.get(project.url("phases")).content.decode()
