"""Changes to a map: versions, conflicts, double posts, deletes and restores."""

import pytest
from django.core.exceptions import ValidationError

from processes import services
from processes.models import Lane, MapChange, ProcessMap, Step
from tests.factories import LaneFactory, ProcessMapFactory, ProjectFactory, StepFactory

pytestmark = pytest.mark.django_db


def order(process_map):
    return [
        (s.title, s.lane.name) for s in Step.objects.filter(map=process_map).select_related("lane")
    ]


@pytest.fixture
def board():
    process_map = ProcessMapFactory()
    a = LaneFactory(map=process_map, name="A")
    b = LaneFactory(map=process_map, name="B")
    for title, lane in (("1", a), ("2", b), ("3", a)):
        StepFactory(map=process_map, lane=lane, title=title)
    process_map.refresh_from_db()
    return process_map, a, b


def test_each_change_bumps_the_version_and_is_logged(board):
    process_map, a, _ = board
    step = services.add_step(process_map, version=1, by=None, lane=a, title="4")
    assert ProcessMap.objects.get().version == 2
    change = MapChange.objects.get()
    assert (change.version, change.action, change.data["step"]) == (2, "step_added", step.pk)


def test_a_stale_edit_of_the_same_step_is_refused_and_says_what_changed(board):
    step = Step.objects.get(title="2")
    services.edit_step(step, version=1, by=None, title="Journalføre søknad")
    stale = Step.objects.get(pk=step.pk)
    with pytest.raises(services.StaleMap) as refused:
        services.edit_step(stale, version=1, by=None, title="Registrere søknad")
    assert [c.action for c in refused.value.changes] == ["step_edited"]
    assert refused.value.version == 2
    assert Step.objects.get(pk=step.pk).title == "Journalføre søknad"


def test_a_stale_edit_of_another_step_is_applied_on_top(board):
    services.edit_step(Step.objects.get(title="1"), version=1, by=None, waiting_minutes=10)
    services.edit_step(Step.objects.get(title="2"), version=1, by=None, waiting_minutes=20)
    assert ProcessMap.objects.get().version == 3


def test_moves_reorder_the_whole_sequence_and_change_lane(board):
    process_map, _, b = board
    three = Step.objects.get(title="3")
    services.move_step(three, version=1, by=None, lane=b, after=None)
    assert order(process_map) == [("3", "B"), ("1", "A"), ("2", "B")]
    services.shift_step(Step.objects.get(title="3"), version=2, by=None, offset=1)
    assert order(process_map) == [("1", "A"), ("3", "B"), ("2", "B")]


def test_a_step_cannot_move_to_a_lane_of_another_map(board):
    process_map, *_ = board
    elsewhere = LaneFactory(map=ProcessMapFactory())
    with pytest.raises(ValidationError):
        services.move_step(Step.objects.first(), version=1, by=None, lane=elsewhere)
    assert ProcessMap.objects.get(pk=process_map.pk).version == 1


def test_a_deleted_step_comes_back_in_its_place(board):
    process_map, *_ = board
    two = Step.objects.get(title="2")
    services.delete_step(two, version=1, by=None)
    assert [t for t, _ in order(process_map)] == ["1", "3"]
    services.restore_step(Step.all_objects.get(pk=two.pk), version=2, by=None)
    assert [t for t, _ in order(process_map)] == ["1", "2", "3"]


def test_a_deleted_lane_takes_its_steps_and_brings_them_back(board):
    process_map, a, _ = board
    services.delete_lane(a, version=1, by=None)
    assert order(process_map) == [("2", "B")]
    services.restore_lane(Lane.all_objects.get(pk=a.pk), version=2, by=None)
    assert order(process_map) == [("1", "A"), ("2", "B"), ("3", "A")]


def test_the_same_form_posted_twice_adds_one_step(board):
    process_map, a, _ = board
    services.add_step(process_map, version=1, by=None, lane=a, title="4", token="t1")
    with pytest.raises(services.AlreadyDone):
        services.add_step(process_map, version=1, by=None, lane=a, title="4", token="t1")
    assert Step.objects.filter(title="4").count() == 1


def test_absurd_times_are_refused_and_nothing_is_saved(board):
    process_map, a, _ = board
    with pytest.raises(ValidationError):
        services.add_step(process_map, version=1, by=None, lane=a, title="x", waiting_minutes=10**9)
    assert ProcessMap.objects.get().version == 1 and not Step.objects.filter(title="x").exists()


def test_a_future_map_copies_lanes_and_steps_with_their_origin(board):
    process_map, *_ = board
    future = services.copy_to_future(process_map, by=None, name="Byggesak ønsket")
    assert future.based_on == process_map and future.is_future
    assert order(future) == order(process_map)
    assert all(s.origin.map_id == process_map.pk for s in future.steps.all())


def test_a_future_map_cannot_be_based_on_another_projects_map(board):
    process_map, *_ = board
    with pytest.raises(ValidationError):
        services.create_map(
            ProjectFactory(), by=None, name="x", kind="future", based_on=process_map
        )


def test_unknown_waste_types_are_refused_and_known_ones_kept_in_method_order(board):
    step = Step.objects.first()
    with pytest.raises(ValidationError):
        services.edit_step(step, version=1, by=None, waste_types=["waiting", "laziness"])
    services.edit_step(step, version=1, by=None, waste_types=["defects", "waiting"])
    assert Step.objects.get(pk=step.pk).waste_types == ["waiting", "defects"]
