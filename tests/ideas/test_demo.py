"""The demo's ideas: the byggesak pilot's 40 ideas in every stage, on every
quadrant of the matrix, linked to the map and to real answers, with actions
and benefits that add up to a plausible result; seeding twice adds nothing."""

from collections import Counter
from decimal import Decimal
from itertools import pairwise

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from ideas import benefits
from ideas.models import Action, Comment, Idea, PdsaRecord, Source, Stage, StageChange, Vote
from projects.models import Activity


@pytest.fixture
def ideas(db):
    call_command("seed_demo")
    return list(Idea.objects.filter(project__title="Raskere byggesak"))


def test_about_forty_ideas_stand_in_every_stage(ideas):
    assert 35 <= len(ideas) <= 45
    stages = Counter(idea.stage for idea in ideas)
    assert set(stages) == set(Stage.values)


def test_every_quadrant_of_the_matrix_has_ideas(ideas):
    quadrants = {
        (idea.effect >= 3, idea.effort >= 3)
        for idea in ideas
        if idea.effect and idea.stage in (Stage.DEVELOP, Stage.SELECT, Stage.IMPLEMENT)
    }
    assert quadrants == {(True, False), (True, True), (False, False), (False, True)}


def test_ideas_link_to_the_map_and_to_real_feedback_answers(ideas):
    from_feedback = [idea for idea in ideas if idea.feedback_answer_id]
    assert len(from_feedback) >= 8
    for idea in from_feedback:
        assert idea.feedback_answer.response.form.project_id == idea.project_id
        assert idea.feedback_answer.text
    assert Idea.steps.through.objects.count() >= 30
    assert {
        s for idea in ideas for s in idea.steps.all() if s.map.project_id != idea.project_id
    } == set()
    assert {idea.source for idea in ideas} == set(Source.values)


def test_histories_are_dated_moves_through_the_stage_machine(ideas):
    now = timezone.now()
    for idea in ideas:
        changes = list(idea.stage_changes.all())
        if idea.stage != Stage.COLLECT:
            assert changes and changes[-1].to_stage == idea.stage
        for earlier, later in pairwise(changes):
            assert earlier.to_stage == later.from_stage and earlier.at <= later.at
        assert all(idea.created_at <= change.at < now for change in changes)
        if idea.stage in (Stage.PARKED, Stage.REJECTED):
            assert changes[-1].note
    assert (
        Activity.objects.filter(kind="ideas.stage_changed").count() == StageChange.objects.count()
    )
    assert not mail.outbox  # history brought in afterwards e-mails nobody


def test_benefits_add_up_to_a_plausible_result(ideas):
    total = benefits.benefits(ideas)
    assert Decimal(1000) <= total.expected.hours <= Decimal(1400)
    assert Decimal("0.6") <= total.expected.ftes <= Decimal("0.8")
    assert Decimal(300) <= total.realised.hours <= Decimal(500)


def test_actions_comments_votes_and_tests(ideas):
    today = timezone.localdate()
    actions = list(Action.objects.filter(project__title="Raskere byggesak"))
    assert 10 <= len(actions) <= 14
    assert any(a.status == "done" and a.done_at for a in actions)
    assert sum(a.is_overdue(today) for a in actions) >= 2
    assert all(a.owner_id for a in actions)
    assert Comment.objects.count() >= 10 and Vote.objects.count() >= 20
    assert PdsaRecord.objects.filter(idea__kind="test").count() >= 3
    assert any(idea.anonymous for idea in ideas)


def test_seeding_again_adds_nothing(ideas):
    counts = [m.objects.count() for m in (Idea, StageChange, Action, Comment, Vote, Activity)]
    call_command("seed_demo")
    assert [
        m.objects.count() for m in (Idea, StageChange, Action, Comment, Vote, Activity)
    ] == counts


def test_the_finished_project_carried_out_its_ideas(ideas):
    finished = list(Idea.objects.filter(project__title="Varebestilling på sykehjemmet"))
    assert len(finished) == 4 and all(idea.stage == "done" for idea in finished)
    total = benefits.benefits(finished)
    assert total.realised.hours == Decimal(650)
    assert all(idea.stage_changes.count() == 4 for idea in finished)
    assert (
        Action.objects.filter(project__title="Varebestilling på sykehjemmet", status="done").count()
        == 4
    )
