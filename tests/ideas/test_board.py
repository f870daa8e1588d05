"""The pipeline board and moving ideas through it."""

from django.urls import reverse

from ideas.models import Idea, Stage, StageChange
from processes.models import MapKind
from tests.factories import (
    CommentFactory,
    IdeaFactory,
    LaneFactory,
    ProcessMapFactory,
    StepFactory,
    VoteFactory,
)


def board_url(project, query=""):
    return reverse("ideas:board", args=[project.organisation.slug, project.pk]) + query


def move_url(idea):
    return reverse("ideas:move", args=[idea.project.organisation.slug, idea.pk])


def test_the_board_has_a_column_per_stage_with_counts(client_for, cast, project):
    IdeaFactory.create_batch(2, project=project)
    IdeaFactory(project=project, stage=Stage.PARKED)
    response = client_for(cast.facilitator).get(board_url(project))
    columns = {c["stage"]: c["count"] for c in response.context["columns"]}
    assert list(columns) == list(Stage.values[:5])
    assert columns[Stage.COLLECT] == 2
    assert {c["stage"]: c["count"] for c in response.context["beside"]}[Stage.PARKED] == 1


def test_a_card_shows_votes_comments_scores_owner_and_waste(client_for, cast, project):
    idea = IdeaFactory(
        project=project, effect=4, effort=2, owner=cast.facilitator, waste_types=["waiting"]
    )
    VoteFactory(idea=idea)
    page = client_for(cast.facilitator).get(board_url(project)).content.decode()
    assert "1 vote" in page or "1 stemme" in page
    assert "Effect 4" in page or "Effekt 4" in page
    assert cast.facilitator.display_name in page
    assert "Waiting" in page or "Venting" in page


def test_a_column_shows_fifty_and_offers_more(client_for, cast, project):
    IdeaFactory.create_batch(52, project=project)
    client = client_for(cast.facilitator)
    first = client.get(board_url(project)).context["columns"][0]
    assert len(first["ideas"]) == 50 and first["next_page"] == 2
    more = client.get(board_url(project, "?more=collect&page=2")).context["columns"][0]
    assert len(more["ideas"]) == 2 and not more["next_page"]


def test_the_board_filters_by_waste_step_owner_and_source(client_for, cast, project):
    process_map = ProcessMapFactory(project=project, kind=MapKind.CURRENT)
    step = StepFactory(map=process_map, lane=LaneFactory(map=process_map))
    a = IdeaFactory(project=project, title="Med venting", waste_types=["waiting"])
    a.steps.add(step)
    IdeaFactory(project=project, title="Uten", source="workshop", owner=cast.facilitator)
    client = client_for(cast.facilitator)

    def titles(query):
        response = client.get(board_url(project, query))
        return {i.title for c in response.context["columns"] for i in c["ideas"]}

    assert titles("?waste=waiting") == {"Med venting"}
    assert titles("?waste=inventory") == set()
    assert titles(f"?step={step.pk}") == {"Med venting"}
    assert titles(f"?owner={cast.facilitator.pk}") == {"Uten"}
    assert titles("?source=workshop") == {"Uten"}
    assert titles("?source=nonsense&step=x") == {"Med venting", "Uten"}


def test_a_member_moves_an_idea_forward_and_it_is_recorded(client_for, member, project):
    idea = IdeaFactory(project=project)
    response = client_for(member).post(move_url(idea), {"to": "develop", "from_stage": "collect"})
    assert response.status_code == 302 and response.url.endswith(f"#idea-{idea.pk}")
    assert Idea.objects.get().stage == Stage.DEVELOP
    assert StageChange.objects.get().by == member


def test_collect_to_done_is_refused_with_the_stage_machine_message(client_for, member, project):
    idea = IdeaFactory(project=project)
    response = client_for(member).post(
        move_url(idea), {"to": "done", "from_stage": "collect"}, follow=True
    )
    assert Idea.objects.get().stage == Stage.COLLECT and not StageChange.objects.exists()
    assert response.redirect_chain[-1][0].startswith(board_url(project))
    assert "cannot go from" in response.content.decode() or "kan ikke" in response.content.decode()


def test_parking_asks_for_the_reason_and_moves_nothing_without_it(client_for, member, project):
    idea = IdeaFactory(project=project)
    client = client_for(member)
    response = client.post(move_url(idea), {"to": "parked", "from_stage": "collect", "note": ""})
    assert response.status_code == 422 and 'name="note"' in response.content.decode()
    assert Idea.objects.get().stage == Stage.COLLECT
    client.post(
        move_url(idea), {"to": "parked", "from_stage": "collect", "note": "Venter på budsjett"}
    )
    assert StageChange.objects.get().note == "Venter på budsjett"


def test_a_move_from_a_stale_board_is_refused(client_for, member, project):
    idea = IdeaFactory(project=project, stage=Stage.DEVELOP)
    client_for(member).post(move_url(idea), {"to": "develop", "from_stage": "collect"})
    assert not StageChange.objects.exists()


def test_a_bad_stage_is_refused_without_a_500(client_for, member, project):
    idea = IdeaFactory(project=project)
    response = client_for(member).post(move_url(idea), {"to": "<script>", "from_stage": "x"})
    assert response.status_code == 422 and Idea.objects.get().stage == Stage.COLLECT


def test_the_move_page_offers_only_allowed_stages(client_for, member, project):
    idea = IdeaFactory(project=project)
    page = client_for(member).get(move_url(idea) + "?to=parked")
    choices = [value for value, _label in page.context["form"].fields["to"].choices]
    assert choices == ["develop", "parked", "rejected"]


def test_an_observer_reads_the_board_without_controls_and_may_not_move(
    client_for, observer, project
):
    idea = IdeaFactory(project=project)
    client = client_for(observer)
    page = client.get(board_url(project)).content.decode()
    assert idea.title in page and "idea-card__move" not in page and "ideas-board.js" not in page
    assert client.post(move_url(idea), {"to": "develop"}).status_code == 403
    assert Idea.objects.get().stage == Stage.COLLECT


def test_the_back_address_stays_on_the_board(client_for, member, project):
    idea = IdeaFactory(project=project)
    response = client_for(member).post(
        move_url(idea), {"to": "develop", "back": "https://evil.example/"}
    )
    assert response.url.startswith(board_url(project))


def test_a_card_offers_its_allowed_moves_and_a_link_to_the_move_page(client_for, member, project):
    idea = IdeaFactory(project=project, title='<b>«Felles» & "innboks"</b>')
    page = client_for(member).get(board_url(project, "?waste=")).content.decode()
    assert 'data-moves="develop parked rejected"' in page
    # Without JavaScript «Move» is the move page, with the board (and its filters) to go back to.
    assert f'href="{move_url(idea)}?back=%2Fo%2F' in page and "%3Fwaste%3D" in page
    assert "&lt;b&gt;«Felles» &amp; &quot;innboks&quot;&lt;/b&gt;" in page and "<b>«" not in page
    # One move form for the whole board, not one per card.
    assert page.count('name="to"') == 1 and 'id="idea-move-form"' in page


def test_the_board_state_changes_with_moves_votes_and_comments(client_for, member, project):
    idea = IdeaFactory(project=project)
    client = client_for(member)

    def state():
        response = client.get(board_url(project, "?state=1"))
        assert response.status_code == 200 and "no-store" in response["Cache-Control"]
        return response.json()["state"]

    before = state()
    assert before == state()
    assert before == client.get(board_url(project)).context["state"]
    client.post(move_url(idea), {"to": "develop", "from_stage": "collect"})
    moved = state()
    assert moved != before
    VoteFactory(idea=idea)
    voted = state()
    assert voted != moved
    CommentFactory(idea=idea)
    assert state() != voted


def test_the_cards_counts_are_in_norwegian(client_for, member, project):
    idea = IdeaFactory(project=project)
    CommentFactory.create_batch(2, idea=idea)
    VoteFactory(idea=idea)
    client = client_for(member)
    client.cookies["django_language"] = "nb"
    page = client.get(board_url(project)).content.decode()
    assert "2 kommentarer" in page and "1 stemme" in page
