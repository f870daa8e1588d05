"""One idea: its page, votes, comments and editing."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from accounts.models import User
from ideas.models import Comment, Idea, IdeaKind, PdsaRecord, Stage, Vote
from ideas.stages import move
from processes.models import MapKind
from projects.models import ProjectRole
from tests.conftest import skip_or_fail
from tests.factories import (
    CommentFactory,
    IdeaFactory,
    LaneFactory,
    ProcessMapFactory,
    ProjectFactory,
    StepFactory,
    TeamMemberFactory,
)


def url(name, obj):
    organisation = (obj.idea if isinstance(obj, Comment) else obj).project.organisation
    return reverse(f"ideas:{name}", args=[organisation.slug, obj.pk])


def edit_data(**values):
    return {"title": "Digital søknad", "source": "employee", **values}


def test_the_idea_page_shows_history_with_a_former_member(client_for, cast, project):
    idea = IdeaFactory(project=project, proposed_by=cast.facilitator)
    gone = TeamMemberFactory(project=project).user
    move(idea, Stage.DEVELOP, by=gone)
    move(idea, Stage.PARKED, by=cast.facilitator, note="Venter")
    User.objects.filter(pk=gone.pk).update(deleted_at="2026-01-01T00:00Z")
    page = client_for(cast.facilitator).get(url("idea", idea)).content.decode()
    assert "former member" in page or "tidligere medlem" in page
    assert "Venter" in page and gone.display_name not in page


def test_an_anonymous_proposer_is_named_only_to_themselves(client_for, cast, member, project):
    idea = IdeaFactory(project=project, proposed_by=member, anonymous=True)
    page = client_for(cast.facilitator).get(url("idea", idea)).content.decode()
    assert member.display_name not in page and ("Anonymous" in page or "Anonym" in page)
    assert member.display_name in client_for(member).get(url("idea", idea)).content.decode()


def test_the_vote_button_shows_the_vote_and_asks_for_the_opposite(client_for, member, project):
    idea = IdeaFactory(project=project)
    client = client_for(member)
    page = client.get(url("idea", idea)).content.decode()
    assert 'aria-pressed="false"' in page and 'name="vote" value="1"' in page
    assert client.post(url("vote", idea), {"vote": "1"}).status_code == 302
    assert Vote.objects.count() == 1
    page = client.get(url("idea", idea)).content.decode()
    assert 'aria-pressed="true"' in page and 'name="vote" value="0"' in page
    response = client.post(url("vote", idea), {"vote": "0"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200 and Vote.objects.count() == 0
    assert 'aria-pressed="false"' in html and 'name="vote" value="1"' in html
    assert "<html" not in html and 'id="vote-box"' in html


@pytest.mark.parametrize("wish,rows", [("1", 1), ("0", 0)])
def test_the_same_vote_posted_twice_stays_as_asked(client_for, member, project, wish, rows):
    idea = IdeaFactory(project=project)
    client = client_for(member)
    for _ in range(2):  # a double-click
        assert client.post(url("vote", idea), {"vote": wish}).status_code == 302
    assert Vote.objects.filter(idea=idea, user=member).count() == rows


@pytest.mark.usefixtures("in_english")
@pytest.mark.parametrize("data", [{}, {"vote": ""}, {"vote": "2"}, {"vote": "yes\x00"}])
def test_a_vote_post_without_a_wish_changes_nothing_and_says_so(client_for, member, project, data):
    idea = IdeaFactory(project=project)
    client = client_for(member)
    client.post(url("vote", idea), {"vote": "1"})
    response = client.post(url("vote", idea), data, follow=True)
    assert response.status_code == 200 and Vote.objects.count() == 1
    assert "Nothing changed" in response.content.decode()
    response = client.post(url("vote", idea), data, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 422 and Vote.objects.count() == 1
    assert 'role="alert"' in html and "Nothing changed" in html and 'aria-pressed="true"' in html


def test_a_comment_is_plain_text_with_safe_links(client_for, member, project):
    idea = IdeaFactory(project=project)
    client = client_for(member)
    text = "<script>alert(1)</script> se https://example.no/a?b=1&c=2. og javascript:alert(1)"
    client.post(url("comment_add", idea), {"text": text})
    page = client.get(url("idea", idea)).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert '<a href="https://example.no/a?b=1&amp;c=2" rel="nofollow noopener">' in page
    assert 'href="javascript' not in page


def test_an_empty_comment_is_refused(client_for, member, project):
    idea = IdeaFactory(project=project)
    response = client_for(member).post(url("comment_add", idea), {"text": "   "})
    assert response.status_code == 422 and not Comment.objects.exists()


def test_a_comment_is_deleted_by_its_author_after_confirmation(client_for, member, project):
    note = CommentFactory(idea=IdeaFactory(project=project), author=member)
    client = client_for(member)
    assert client.get(url("comment_delete", note)).status_code == 200
    assert Comment.objects.exists()
    client.post(url("comment_delete", note))
    assert not Comment.objects.exists()


def test_a_comment_is_not_deleted_by_another_member(client_for, cast, member, project):
    note = CommentFactory(idea=IdeaFactory(project=project), author=cast.facilitator)
    assert client_for(member).post(url("comment_delete", note)).status_code == 403
    assert Comment.objects.exists()


def test_the_proposer_edits_their_own_idea_with_norwegian_numbers(client_for, member, project):
    idea = IdeaFactory(project=project, proposed_by=member)
    response = client_for(member).post(
        url("idea_edit", idea),
        edit_data(
            effect="4",
            effort="2",
            due_date="26.11.2026",
            expected_hours="12,5",
            expected_nok="1 200,50",
            waste_types=["waiting"],
            owner=member.pk,
        ),
    )
    assert response.status_code == 302
    idea.refresh_from_db()
    assert (idea.effect, idea.effort, str(idea.expected_hours)) == (4, 2, "12.5")
    assert idea.due_date.isoformat() == "2026-11-26" and idea.owner == member


def test_a_member_may_not_edit_another_persons_idea(client_for, cast, member, project):
    idea = IdeaFactory(project=project, proposed_by=cast.facilitator)
    assert client_for(member).get(url("idea_edit", idea)).status_code == 403


def test_a_manager_edits_every_idea(client_for, cast, member, project):
    idea = IdeaFactory(project=project, proposed_by=member)
    client_for(cast.facilitator).post(url("idea_edit", idea), edit_data(title="Ny tittel"))
    assert Idea.objects.get().title == "Ny tittel"


def test_an_observer_reads_but_has_no_controls_and_posts_are_forbidden(
    client_for, observer, project
):
    idea = IdeaFactory(project=project)
    client = client_for(observer)
    page = client.get(url("idea", idea)).content.decode()
    assert idea.title in page and "vote-button" not in page and 'name="text"' not in page
    for name in ("vote", "comment_add", "idea_edit", "move"):
        assert client.post(url(name, idea), {"text": "x"}).status_code == 403


def test_an_owner_from_outside_the_team_is_refused(client_for, cast, project):
    idea = IdeaFactory(project=project)
    response = client_for(cast.facilitator).post(
        url("idea_edit", idea), edit_data(owner=cast.employee.pk, title="Endret")
    )
    assert response.status_code == 422 and "team" in response.content.decode()
    assert Idea.objects.get().owner is None and Idea.objects.get().title != "Endret"


def test_a_step_of_another_project_is_refused(client_for, cast, project):
    idea = IdeaFactory(project=project)
    ProcessMapFactory(project=project, kind=MapKind.CURRENT)
    other_map = ProcessMapFactory(project=ProjectFactory(organisation=cast.organisation))
    foreign = StepFactory(map=other_map, lane=LaneFactory(map=other_map))
    response = client_for(cast.facilitator).post(
        url("idea_edit", idea), edit_data(steps=[foreign.pk], title="Endret")
    )
    assert (
        response.status_code == 422 and "prosesskart for nåsituasjonen" in response.content.decode()
    )
    assert not idea.steps.exists() and Idea.objects.get().title != "Endret"


def test_a_step_of_the_current_map_is_linked(client_for, cast, project):
    idea = IdeaFactory(project=project)
    process_map = ProcessMapFactory(project=project, kind=MapKind.CURRENT)
    step = StepFactory(map=process_map, lane=LaneFactory(map=process_map))
    client_for(cast.facilitator).post(url("idea_edit", idea), edit_data(steps=[step.pk]))
    assert list(idea.steps.all()) == [step]
    page = client_for(cast.facilitator).get(url("idea", idea)).content.decode()
    assert reverse("processes:step", args=[project.organisation.slug, step.pk]) in page


@pytest.mark.parametrize(
    "field,value",
    [
        ("effect", "6"),
        ("effort", "0"),
        ("due_date", "31.02.2026"),
        ("expected_hours", "-1"),
        ("expected_nok", "mange"),
        ("title", ""),
    ],
)
def test_bad_values_are_refused_by_field_and_nothing_saved(client_for, cast, project, field, value):
    idea = IdeaFactory(project=project, title="Før")
    response = client_for(cast.facilitator).post(
        url("idea_edit", idea), edit_data(**{field: value, "description": "endret"})
    )
    assert response.status_code == 422 and response.context["form"].errors.get(field)
    assert Idea.objects.get().description == ""


def test_a_test_idea_keeps_its_pdsa_record(client_for, cast, project):
    idea = IdeaFactory(project=project)
    client = client_for(cast.facilitator)
    client.post(
        url("idea_edit", idea),
        edit_data(kind=IdeaKind.TEST, **{"pdsa-plan": "Prøv i to uker", "pdsa-study": "Halvert"}),
    )
    record = PdsaRecord.objects.get()
    assert (record.plan, record.study) == ("Prøv i to uker", "Halvert")
    assert "Prøv i to uker" in client.get(url("idea", idea)).content.decode()


def test_an_idea_of_another_kind_gets_no_empty_pdsa_record(client_for, cast, project):
    idea = IdeaFactory(project=project)
    client_for(cast.facilitator).post(url("idea_edit", idea), edit_data(kind="just_do_it"))
    assert not PdsaRecord.objects.exists()


@pytest.fixture
def concurrent_db(transactional_db):
    if connection.vendor != "postgresql":
        skip_or_fail("20 parallel votes are tested against PostgreSQL (set DATABASE_URL)")


def post_twenty_at_once(user, address, data) -> list[int]:
    """The same POST from 20 clients of one person at the same moment."""
    clients = []
    for _ in range(20):
        client = Client()
        client.force_login(user)
        clients.append(client)
    barrier = threading.Barrier(20)

    def send(client):
        try:
            barrier.wait()
            return client.post(address, data).status_code
        finally:
            connection.close()

    with ThreadPoolExecutor(20) as pool:
        return list(pool.map(send, clients))


@pytest.mark.parametrize("wish,rows", [("1", 1), ("0", 0)])
def test_twenty_parallel_votes_leave_what_was_asked_for(cast, concurrent_db, wish, rows):
    project = ProjectFactory(organisation=cast.organisation)
    TeamMemberFactory(project=project, user=cast.employee, role=ProjectRole.MEMBER)
    idea = IdeaFactory(project=project)
    if wish == "0":
        Vote.objects.create(idea=idea, user=cast.employee)
    codes = post_twenty_at_once(cast.employee, url("vote", idea), {"vote": wish})
    assert all(200 <= code < 400 for code in codes), codes
    assert Vote.objects.filter(idea=idea, user=cast.employee).count() == rows
