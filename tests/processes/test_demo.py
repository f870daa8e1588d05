"""seed_demo gives the byggesak pilot its maps, built like any map, once."""

from io import StringIO

from django.core.management import call_command

from processes import metrics
from processes.models import MapKind, ProblemNote, ProcessMap
from projects.models import Activity


def test_the_demo_gives_the_byggesak_pilot_a_current_and_a_halved_future_map(db):
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())  # again: nothing twice
    current = ProcessMap.objects.get(kind=MapKind.CURRENT)
    future = ProcessMap.objects.get(kind=MapKind.FUTURE)
    assert current.project.title == "Raskere byggesak" and future.based_on == current
    assert list(current.lanes.values_list("name", flat=True)) == [
        "Søker",
        "Servicetorget",
        "Saksbehandler",
        "Fagansvarlig",
    ]
    today = metrics.compute(current.steps.all(), yearly_volume=current.yearly_volume)
    tomorrow = metrics.compute(future.steps.all(), yearly_volume=future.yearly_volume)
    assert today.steps == 15 and 55 <= today.lead_days <= 65
    assert today.waiting_minutes > 0.9 * today.lead_minutes
    assert abs(tomorrow.lead_days - today.lead_days / 2) <= 3
    assert tomorrow.hand_offs < today.hand_offs
    assert today.unclassified_steps == 0
    notes = ProblemNote.objects.filter(step__map=current)
    assert notes.count() >= 5 and sum(1 for note in notes if len(note.whys) >= 3) >= 2
    # Built through the services: each change has its version.
    assert current.changes.count() == current.version - 1
    assert future.changes.count() == future.version - 1
    assert Activity.objects.filter(kind__startswith="processes.").count() == 2
