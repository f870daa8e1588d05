"""The idea pipeline's rules: stage moves, benefits, votes."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from ideas import benefits, services, stages
from ideas.models import Idea, Stage, StageChange, Vote
from projects.models import Activity
from projects.timeline import describe
from tests.factories import ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def idea():
    return services.propose(ProjectFactory(), by=UserFactory(), title="Digital søknad")


def test_an_idea_moves_forward_one_stage_at_a_time_and_each_move_is_recorded(idea):
    for stage in (Stage.DEVELOP, Stage.SELECT, Stage.IMPLEMENT, Stage.DONE):
        stages.move(idea, stage, by=None)
    assert Idea.objects.get().stage == Stage.DONE
    assert [c.to_stage for c in StageChange.objects.all()] == [
        Stage.DEVELOP,
        Stage.SELECT,
        Stage.IMPLEMENT,
        Stage.DONE,
    ]
    assert Activity.objects.filter(kind="ideas.stage_changed").count() == 4


@pytest.mark.parametrize("to", [Stage.SELECT, Stage.IMPLEMENT, Stage.DONE])
def test_skipping_ahead_is_refused_and_nothing_is_saved(idea, to):
    with pytest.raises(ValidationError):
        stages.move(idea, to, by=None)
    assert Idea.objects.get().stage == Stage.COLLECT and not StageChange.objects.exists()


@pytest.mark.parametrize("to", [Stage.PARKED, Stage.REJECTED])
def test_parking_and_rejecting_need_a_reason(idea, to):
    with pytest.raises(ValidationError):
        stages.move(idea, to, by=None, note="  ")
    stages.move(idea, to, by=None, note="For dyrt nå")
    assert StageChange.objects.get().note == "For dyrt nå"


def test_a_move_from_a_stage_the_idea_has_left_is_refused(idea):
    stages.move(idea, Stage.DEVELOP, by=None, from_stage=Stage.COLLECT)
    with pytest.raises(ValidationError):
        stages.move(Idea.objects.get(), Stage.PARKED, by=None, note="x", from_stage=Stage.COLLECT)


def test_every_stage_can_be_left_and_done_can_be_reopened():
    assert all(stages.ALLOWED[stage] for stage in Stage.values)
    assert stages.allowed(Stage.DONE, Stage.IMPLEMENT)
    assert not stages.allowed(Stage.COLLECT, Stage.DONE)


def test_benefits_count_chosen_ideas_expected_and_done_ideas_realised(settings):
    settings.KLEAN_FTE_HOURS = 1695
    ideas = [
        SimpleNamespace(
            stage=s, expected_hours=h, expected_nok=n, realised_hours=rh, realised_nok=rn
        )
        for s, h, n, rh, rn in [
            (Stage.COLLECT, Decimal(500), Decimal(1000), None, None),  # not chosen
            (Stage.SELECT, Decimal(300), None, None, None),
            (Stage.IMPLEMENT, Decimal(200), Decimal(50000), None, None),
            (Stage.DONE, Decimal(1000), Decimal(20000), Decimal(695), Decimal(15000)),
            (Stage.REJECTED, Decimal(9000), None, None, None),  # never counts
        ]
    ]
    result = benefits.benefits(ideas)
    assert (result.expected.hours, result.expected.nok, result.expected.ideas) == (
        Decimal(1500),
        Decimal(70000),
        3,
    )
    assert result.expected.ftes == Decimal("0.88")  # 1500 / 1695
    assert (result.realised.hours, result.realised.nok, result.realised.ideas) == (
        Decimal(695),
        Decimal(15000),
        1,
    )
    assert result.realised.ftes == Decimal("0.41")


def test_a_vote_is_set_as_asked_and_there_is_never_more_than_one(idea):
    voter = UserFactory()
    assert services.set_vote(idea, by=voter, vote=True) is True
    assert services.set_vote(idea, by=voter, vote=True) is True
    assert Vote.objects.count() == 1
    assert services.set_vote(idea, by=voter, vote=False) is False
    assert services.set_vote(idea, by=voter, vote=False) is False
    assert Vote.objects.count() == 0


def test_scores_out_of_range_are_refused(idea):
    idea.effect = 6
    with pytest.raises(ValidationError):
        idea.full_clean(exclude=["proposed_by", "steps", "feedback_answer", "owner"])


def test_an_action_cannot_name_an_idea_of_another_project(idea):
    with pytest.raises(ValidationError):
        services.add_action(ProjectFactory(), by=None, what="Lage sjekkliste", idea=idea)


def test_a_stage_change_reads_on_the_timeline_with_the_idea_and_the_reason(idea):
    stages.move(idea, Stage.PARKED, by=idea.proposed_by, note="Venter på nytt system")
    line = describe(Activity.objects.get(kind="ideas.stage_changed"))
    assert "Digital søknad" in line and "Venter på nytt system" in line
    assert "{" not in line
