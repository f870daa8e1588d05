"""The analysis page of a project's current-state map (phase 4)."""

import pytest
from django.urls import reverse
from django.utils import translation

from processes import services
from tests.factories import LaneFactory, ProcessMapFactory, StepFactory

pytestmark = pytest.mark.django_db


def test_without_a_current_map_the_page_points_to_mapping(client_for, cast, project):
    url = reverse("processes:analysis", args=[cast.organisation.slug, project.pk])
    with translation.override("en"):
        response = client_for(cast.facilitator).get(url)
    assert response.status_code == 200
    assert f"/o/{cast.organisation.slug}/projects/{project.pk}/maps/current/" in (
        response.content.decode()
    )


def test_analysis_shows_figures_classes_waste_and_whys(client_for, cast, project):
    process_map = ProcessMapFactory(project=project)
    lane = LaneFactory(map=process_map)
    StepFactory(map=process_map, lane=lane, title="Sende", value_class="value_adding")
    waste = StepFactory(
        map=process_map,
        lane=lane,
        title="Purre vedlegg",
        value_class="waste",
        waste_types=["defects", "waiting"],
    )
    StepFactory(map=process_map, lane=lane, title="Uklassifisert steg", value_class="")
    services.add_note(
        waste,
        version=process_map.version,
        by=cast.facilitator,
        text="Vedlegg <mangler>",
        waste_type="defects",
        whys=["Skjemaet er uklart", "Ingen har eid skjemaet"],
    )
    url = reverse("processes:analysis", args=[cast.organisation.slug, project.pk])
    with translation.override("en"):
        response = client_for(cast.facilitator).get(url)
    assert response.status_code == 200
    context = response.context
    defects = next(row for row in context["waste_rows"] if row["code"] == "defects")
    assert (defects["steps"], defects["notes"]) == (1, 1)
    waiting = next(row for row in context["waste_rows"] if row["code"] == "waiting")
    assert (waiting["steps"], waiting["notes"]) == (1, 0)
    assert [s.title for s in context["unclassified"]] == ["Uklassifisert steg"]
    counts = {row["code"]: row["count"] for row in context["class_rows"]}
    assert counts == {"value_adding": 1, "necessary": 0, "waste": 1, "none": 1}
    body = response.content.decode()
    assert "Vedlegg &lt;mangler&gt;" in body and "Ingen har eid skjemaet" in body
    assert reverse("processes:step", args=[cast.organisation.slug, waste.pk]) in body
    assert 'class="chart chart--bars chart--waste"' in body
    assert 'class="process-drawing"' in body


def test_value_classes_split_processing_from_waiting_as_flow_efficiency_does(
    client_for, cast, project
):
    """One value-adding step of 2 hours after 15 working days' wait: flow
    efficiency 1.7 %, so the table may not say the class took 15 days of work."""
    process_map = ProcessMapFactory(project=project)
    lane = LaneFactory(map=process_map)
    StepFactory(
        map=process_map,
        lane=lane,
        title="Behandle",
        processing_minutes=120,
        waiting_minutes=15 * 450,
        value_class="value_adding",
        waste_types=["waiting", "defects"],
    )
    url = reverse("processes:analysis", args=[cast.organisation.slug, project.pk])
    client = client_for(cast.facilitator)
    client.cookies["django_language"] = "en"
    response = client.get(url)
    value_adding = next(r for r in response.context["class_rows"] if r["code"] == "value_adding")
    assert (str(value_adding["processing"]), str(value_adding["waiting"])) == (
        "2 hours",
        "15 working days",
    )
    body = response.content.decode()
    assert "1.7 %" in body
    assert "Waiting time before the steps" in body
    assert "can add up to more than the lead time" in body
    assert "1 step, 0 problems" in body  # the waste chart, in the singular where it is one
    assert "1 steps" not in body


def test_the_analysis_links_to_the_map_and_its_files(client_for, cast, project):
    process_map = ProcessMapFactory(project=project)
    LaneFactory(map=process_map)
    url = reverse("processes:analysis", args=[cast.organisation.slug, project.pk])
    body = client_for(cast.facilitator).get(url).content.decode()
    slug = cast.organisation.slug
    assert process_map.get_absolute_url() in body
    assert reverse("processes:svg", args=[slug, process_map.pk]) in body
    assert reverse("processes:export", args=[slug, process_map.pk, "xlsx"]) in body
    assert reverse("processes:maps", args=[slug, project.pk]) in body
