"""R4: two people editing one map never silently lose each other's work.

Concurrent changes based on the same version, each in its own thread with its
own database connection, released at once by a barrier. PostgreSQL only: the
map's row lock (SELECT … FOR UPDATE) is what serialises them there; SQLite's
in-memory test database serialises whole tables instead.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from processes import services
from processes.models import MapChange, ProcessMap, Step
from tests.conftest import skip_or_fail
from tests.factories import LaneFactory, ProcessMapFactory, StepFactory

EDITORS = 20


@pytest.fixture
def concurrent_db(transactional_db):
    if connection.vendor != "postgresql":
        skip_or_fail("Concurrent map edits are tested against PostgreSQL (set DATABASE_URL)")


def at_once(count, work):
    """Run ``work(i)`` for i in 0…count-1 in as many threads, started together;
    each result, or the exception it raised."""
    barrier = threading.Barrier(count)

    def run(number):
        try:
            barrier.wait()
            return work(number)
        except Exception as error:  # the outcome under test
            return error
        finally:
            connection.close()

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(run, range(count)))


def fresh(step_pk):
    """The step as one editor's browser loaded it: its own objects."""
    return Step.objects.select_related("map", "lane").get(pk=step_pk)


def test_twenty_stale_saves_of_one_step_one_wins_and_nineteen_are_refused(concurrent_db):
    step = StepFactory(title="Registrere søknad")
    process_map = step.map
    version = process_map.version

    def save(number):
        return services.edit_step(
            fresh(step.pk), version=version, by=None, title=f"Tittel fra redaktør {number}"
        )

    results = at_once(EDITORS, save)
    won = [r for r in results if isinstance(r, Step)]
    refused = [r for r in results if isinstance(r, services.StaleMap)]
    assert len(won) == 1 and len(refused) == EDITORS - 1, results
    assert Step.objects.get(pk=step.pk).title == won[0].title
    assert ProcessMap.objects.get(pk=process_map.pk).version == version + 1
    assert MapChange.objects.filter(map=process_map).count() == 1
    # Each refusal says what changed since: the winner's edit, at the version now.
    assert all(
        [c.action for c in r.changes] == ["step_edited"] and r.version == version + 1
        for r in refused
    )


def test_twenty_moves_of_different_steps_on_one_version_all_land(concurrent_db):
    process_map = ProcessMapFactory()
    lanes = [LaneFactory(map=process_map), LaneFactory(map=process_map)]
    steps = [
        StepFactory(map=process_map, lane=lanes[number % 2], order=number + 1)
        for number in range(2 * EDITORS)
    ]
    version = process_map.version

    def move(number):
        # Step i goes right after step 20 + i, into the other lane: no two
        # moves touch the same step.
        step = fresh(steps[number].pk)
        after = Step.objects.get(pk=steps[EDITORS + number].pk)
        other = lanes[(number + 1) % 2]
        return services.move_step(step, version=version, by=None, lane=other, after=after)

    results = at_once(EDITORS, move)
    assert all(isinstance(r, Step) for r in results), results
    live = list(Step.objects.filter(map=process_map).order_by("order"))
    assert len(live) == 2 * EDITORS
    assert [s.order for s in live] == list(range(1, 2 * EDITORS + 1))
    position = {s.pk: s.order for s in live}
    for number in range(EDITORS):
        moved, after = steps[number].pk, steps[EDITORS + number].pk
        assert position[moved] == position[after] + 1
        assert Step.objects.get(pk=moved).lane_id == lanes[(number + 1) % 2].pk
    assert ProcessMap.objects.get(pk=process_map.pk).version == version + EDITORS
    assert MapChange.objects.filter(map=process_map).count() == EDITORS


def test_ten_identical_add_step_posts_make_one_step(concurrent_db):
    lane = LaneFactory()
    process_map = lane.map
    version = process_map.version

    def add(_number):
        own_map = ProcessMap.objects.get(pk=process_map.pk)
        return services.add_step(
            own_map,
            version=version,
            by=None,
            lane=lane,
            title="Kontrollere vedlegg",
            token="skjema-1",
        )

    results = at_once(10, add)
    made = [r for r in results if isinstance(r, Step)]
    assert len(made) == 1, results
    assert all(isinstance(r, services.AlreadyDone | Step) for r in results), results
    assert Step.objects.filter(map=process_map, title="Kontrollere vedlegg").count() == 1
    assert ProcessMap.objects.get(pk=process_map.pk).version == version + 1
