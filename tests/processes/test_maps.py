"""A project's maps: the list with key figures, starting the current map, a
map's settings, deleting a map, the shortcuts to the current and the future
map, and what the project's timeline says about it."""

from html import unescape

import pytest
from django.urls import reverse
from django.utils import translation

from processes import services
from processes.models import Lane, MapChange, MapKind, ProblemNote, ProcessMap, Step
from processes.timeline import EVENTS
from projects.models import Activity, ProjectRole
from tests.factories import (
    LaneFactory,
    ProblemNoteFactory,
    ProcessMapFactory,
    StepFactory,
    TeamMemberFactory,
)

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"processes:{name}", args=list(args))


@pytest.fixture
def people(cast, project):
    """The facilitator manages, the employee is a member, the leader observes."""
    TeamMemberFactory(project=project, user=cast.employee, role=ProjectRole.MEMBER)
    TeamMemberFactory(project=project, user=cast.leader, role=ProjectRole.OBSERVER)
    return cast


@pytest.fixture
def current(project):
    process_map = ProcessMapFactory(project=project, name="Byggesak i dag", yearly_volume=400)
    applicant = LaneFactory(map=process_map, name="Søker")
    handler = LaneFactory(map=process_map, name="Saksbehandler")
    StepFactory(
        map=process_map,
        lane=applicant,
        title="Sende søknad",
        processing_minutes=60,
        waiting_minutes=0,
        value_class="value_adding",
    )
    StepFactory(
        map=process_map,
        lane=handler,
        title="Registrere søknad",
        processing_minutes=30,
        waiting_minutes=9 * 450,
        value_class="waste",
    )
    return process_map


def start_data(**changes):
    return {
        "name": "Byggesak i dag",
        "yearly_volume": "1 200",
        "start_point": "søknad mottatt",
        "end_point": "vedtak sendt",
        "lanes": "Søker\nServicetorget\n\nSaksbehandler\nsøker\n",
        **changes,
    }


def settings_data(process_map, **changes):
    return {
        "name": process_map.name,
        "yearly_volume": str(process_map.yearly_volume or ""),
        "start_point": process_map.start_point,
        "end_point": process_map.end_point,
        "version": process_map.version,
        **changes,
    }


# --- The list ---------------------------------------------------------------------------


def test_the_maps_page_shows_each_map_with_its_key_figures(client_for, people, project, current):
    future = services.copy_to_future(current, by=people.facilitator, name="Byggesak i morgen")
    waste = Step.objects.get(map=future, title="Registrere søknad")
    services.edit_step(waste, version=None, by=None, waiting_minutes=450)
    client = client_for(people.employee)
    client.cookies["django_language"] = "en"
    content = client.get(url("maps", "eksempel", project.pk)).content.decode()
    assert "Byggesak i dag" in content and "Byggesak i morgen" in content
    # Lead time: 60 + 30 minutes + 9 working days = 9.2 days; the future map 1.2 days.
    assert "9.2 working days" in content
    assert "9.2 working days →" in content and "1.2 working days" in content
    assert current.get_absolute_url() in content and future.get_absolute_url() in content
    assert url("edit", "eksempel", current.pk) in content
    assert url("delete", "eksempel", current.pk) not in content  # members do not delete maps


def test_a_future_map_that_takes_more_work_says_so_with_a_plus(client_for, people, current):
    """400 cases × (90 − 450 minutes) / 60: the future takes 2 400 hours more a
    year, written as the compare page writes it, with rounding of the difference."""
    future = services.copy_to_future(current, by=people.facilitator, name="Byggesak i morgen")
    step = Step.objects.get(map=future, title="Registrere søknad")
    services.edit_step(step, version=None, by=None, processing_minutes=390)
    client = client_for(people.employee)
    client.cookies["django_language"] = "en"
    content = unescape(client.get(url("maps", "eksempel", current.project_id)).content.decode())
    assert "+2,400 hours per year more" in content
    assert "per year freed" not in content
    assert "600 h →</span> 3,000 h" in content
    assert "0.35 FTEs →</span> 1.77 FTEs" in content
    assert "-2,400" not in content and "-2400" not in content


def test_the_maps_link_to_analysis_compare_drawing_export_and_import(
    client_for, people, project, current
):
    future = services.copy_to_future(current, by=people.facilitator, name="Byggesak i morgen")
    slug = "eksempel"
    reading = [
        url("analysis", slug, project.pk),
        url("compare", slug, future.pk),
        url("svg", slug, current.pk),
        url("svg", slug, future.pk),
        url("export", slug, current.pk, "csv"),
        url("export", slug, current.pk, "xlsx"),
        url("export", slug, future.pk, "xlsx"),
    ]
    editing = [url("import", slug, current.pk), url("import", slug, future.pk)]
    member = client_for(people.employee).get(url("maps", slug, project.pk)).content.decode()
    assert all(link in member for link in reading + editing)
    observer = client_for(people.leader).get(url("maps", slug, project.pk)).content.decode()
    assert all(link in observer for link in reading)
    assert not any(link in observer for link in editing)
    client = client_for(people.leader)
    assert all(client.get(link).status_code == 200 for link in reading)
    overview = client.get(project.get_absolute_url()).content.decode()
    assert (
        url("maps", slug, project.pk) in overview and url("analysis", slug, project.pk) in overview
    )


def test_an_observer_reads_the_maps_without_buttons_to_change_them(
    client_for, people, project, current
):
    content = client_for(people.leader).get(url("maps", "eksempel", project.pk)).content.decode()
    assert "Byggesak i dag" in content
    assert url("edit", "eksempel", current.pk) not in content
    assert url("delete", "eksempel", current.pk) not in content


def test_the_project_pages_link_to_the_maps(client_for, people, project, current):
    client = client_for(people.leader)
    client.cookies["django_language"] = "en"
    content = client.get(project.get_absolute_url()).content.decode()
    assert url("maps", "eksempel", project.pk) in content  # the tab and the card
    assert current.get_absolute_url() in content
    assert "2 steps" in content


def test_the_overview_offers_to_start_the_map_to_those_who_may(client_for, people, project):
    start = url("create", "eksempel", project.pk)
    assert start in client_for(people.employee).get(project.get_absolute_url()).content.decode()
    assert start not in client_for(people.leader).get(project.get_absolute_url()).content.decode()


# --- Starting the current map ---------------------------------------------------------


def test_a_member_starts_the_current_map_with_its_swimlanes(client_for, people, project):
    response = client_for(people.employee).post(url("create", "eksempel", project.pk), start_data())
    process_map = ProcessMap.objects.get()
    assert response.status_code == 302
    assert response.url == process_map.get_absolute_url()
    assert (process_map.kind, process_map.yearly_volume) == (MapKind.CURRENT, 1200)
    assert (process_map.start_point, process_map.end_point) == ("søknad mottatt", "vedtak sendt")
    # Blank lines and a name repeated in other case are dropped.
    assert list(Lane.objects.filter(map=process_map).values_list("name", flat=True)) == [
        "Søker",
        "Servicetorget",
        "Saksbehandler",
    ]
    assert Activity.objects.filter(kind="processes.map_created").count() == 1


def test_the_start_form_suggests_the_project_s_process(client_for, people, project):
    content = client_for(people.employee).get(url("create", "eksempel", project.pk)).content
    content = content.decode()
    assert project.process_start in content and project.process_end in content


@pytest.mark.parametrize(
    ("volume", "message"),
    [
        ("-5", "at least 1"),
        ("abc", "whole number"),
        ("12,5", "whole number"),
        ("100000000", "10 000 000"),
    ],
)
def test_a_bad_yearly_volume_is_named_and_nothing_is_made(
    client_for, people, project, volume, message
):
    client = client_for(people.employee)
    client.cookies["django_language"] = "en"
    response = client.post(url("create", "eksempel", project.pk), start_data(yearly_volume=volume))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Cases per year" in content and message in content
    assert not ProcessMap.objects.exists() and not Lane.objects.exists()


def test_an_empty_name_is_refused(client_for, people, project):
    client = client_for(people.employee)
    client.cookies["django_language"] = "en"
    response = client.post(url("create", "eksempel", project.pk), start_data(name="  "))
    assert "Name of the map" in response.content.decode()
    assert not ProcessMap.objects.exists()


def test_too_many_or_too_long_swimlanes_are_refused(client_for, people, project):
    client = client_for(people.employee)
    client.cookies["django_language"] = "en"
    many = "\n".join(f"Bane {n}" for n in range(25))
    response = client.post(url("create", "eksempel", project.pk), start_data(lanes=many))
    assert "At most 20 swimlanes" in response.content.decode()
    response = client.post(url("create", "eksempel", project.pk), start_data(lanes="x" * 81))
    assert "Line 1 is longer than 80 characters" in response.content.decode()
    assert not ProcessMap.objects.exists()


def test_a_double_clicked_start_makes_one_map_and_shows_it(client_for, people, project):
    client = client_for(people.employee)
    client.cookies["django_language"] = "en"
    client.post(url("create", "eksempel", project.pk), start_data())
    response = client.post(url("create", "eksempel", project.pk), start_data(), follow=True)
    assert ProcessMap.objects.count() == 1 and Lane.objects.count() == 3
    assert response.redirect_chain[0][0] == ProcessMap.objects.get().get_absolute_url()
    assert "already started, so no second one was made" in response.content.decode()


def test_the_database_refuses_a_second_current_map(project, current):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.start_map(project, by=None, name="Nok et kart", lanes=["A"])
    assert ProcessMap.objects.count() == 1 and not Lane.objects.filter(name="A").exists()


def test_an_observer_may_not_start_edit_or_delete_a_map(client_for, people, project, current):
    client = client_for(people.leader)
    assert client.get(url("create", "eksempel", project.pk)).status_code == 403
    assert client.post(url("create", "eksempel", project.pk), start_data()).status_code == 403
    assert client.get(url("edit", "eksempel", current.pk)).status_code == 403
    assert client.post(url("edit", "eksempel", current.pk), {}).status_code == 403
    assert client.get(url("delete", "eksempel", current.pk)).status_code == 403
    assert client.post(url("delete", "eksempel", current.pk)).status_code == 403
    assert ProcessMap.objects.get() == current


def test_a_member_may_not_delete_a_map(client_for, people, current):
    client = client_for(people.employee)
    assert client.get(url("delete", "eksempel", current.pk)).status_code == 403
    assert client.post(url("delete", "eksempel", current.pk)).status_code == 403
    assert ProcessMap.objects.exists()


# --- The current and the future map ---------------------------------------------------


def test_the_current_map_link_opens_its_board(client_for, people, project, current):
    response = client_for(people.leader).get(url("current_map", "eksempel", project.pk))
    assert response.status_code == 302 and response.url == current.get_absolute_url()


def test_without_a_current_map_editors_get_the_start_form_and_readers_an_explanation(
    client_for, people, project
):
    start = url("create", "eksempel", project.pk)
    page = client_for(people.employee).get(url("current_map", "eksempel", project.pk))
    assert page.status_code == 200 and f'action="{start}"' in page.content.decode()
    page = client_for(people.leader).get(url("current_map", "eksempel", project.pk))
    assert page.status_code == 200 and start not in page.content.decode()


def test_the_future_map_link_opens_the_newest_future_map(client_for, people, project, current):
    services.copy_to_future(current, by=None, name="Første forslag")
    newest = services.copy_to_future(current, by=None, name="Andre forslag")
    response = client_for(people.leader).get(url("future_map", "eksempel", project.pk))
    assert response.status_code == 302 and response.url == newest.get_absolute_url()


def test_without_a_future_map_the_page_explains_it(client_for, people, project, current):
    client = client_for(people.employee)
    client.cookies["django_language"] = "en"
    page = client.get(url("future_map", "eksempel", project.pk))
    assert page.status_code == 200
    assert "starts as a copy of the current map" in page.content.decode()


def test_without_any_map_the_future_page_points_to_the_current_map(client_for, people, project):
    page = client_for(people.employee).get(url("future_map", "eksempel", project.pk))
    assert url("current_map", "eksempel", project.pk) in page.content.decode()


# --- Settings --------------------------------------------------------------------------


def test_a_member_renames_the_map_and_sets_its_volume(client_for, people, current):
    response = client_for(people.employee).post(
        url("edit", "eksempel", current.pk),
        settings_data(current, name="Byggesak – ramme", yearly_volume="2 500"),
    )
    assert response.status_code == 302
    current.refresh_from_db()
    assert (current.name, current.yearly_volume, current.version) == ("Byggesak – ramme", 2500, 2)
    assert MapChange.objects.get().action == "map_edited"
    renamed = Activity.objects.get(kind="processes.map_renamed")
    assert renamed.data == {"old": "Byggesak i dag", "map": "Byggesak – ramme"}


def test_the_volume_may_be_left_empty(client_for, people, current):
    client_for(people.employee).post(
        url("edit", "eksempel", current.pk), settings_data(current, yearly_volume="")
    )
    current.refresh_from_db()
    assert current.yearly_volume is None


def test_a_stale_settings_save_is_refused_with_the_input_kept(client_for, people, current):
    services.edit_map(current, version=1, by=people.facilitator, name="Vera's navn")
    client = client_for(people.employee)
    client.cookies["django_language"] = "en"
    stale = settings_data(current, name="Monas navn", version=1)
    response = client.post(url("edit", "eksempel", current.pk), stale)
    content = unescape(response.content.decode())
    assert response.status_code == 200
    assert "Vera Veileder changed the map's settings" in content
    assert 'value="Monas navn"' in content
    assert 'name="version" value="2"' in content
    current.refresh_from_db()
    assert current.name == "Vera's navn"
    # Saving again, knowingly, overwrites.
    client.post(url("edit", "eksempel", current.pk), {**stale, "version": 2})
    current.refresh_from_db()
    assert current.name == "Monas navn"


def test_bad_settings_are_named_and_nothing_changes(client_for, people, current):
    client = client_for(people.employee)
    client.cookies["django_language"] = "en"
    response = client.post(
        url("edit", "eksempel", current.pk), settings_data(current, name="", yearly_volume="-1")
    )
    content = response.content.decode()
    assert "Name of the map" in content and "at least 1" in content
    current.refresh_from_db()
    assert (current.name, current.version) == ("Byggesak i dag", 1)


# --- Delete ------------------------------------------------------------------------------


def test_the_delete_page_names_what_is_lost(client_for, people, current):
    ProblemNoteFactory(step=Step.objects.get(title="Registrere søknad"))
    future = services.copy_to_future(current, by=None, name="Byggesak i morgen")
    client = client_for(people.facilitator)
    client.cookies["django_language"] = "en"
    content = client.get(url("delete", "eksempel", current.pk)).content.decode()
    assert "2 steps" in content and "2 swimlanes" in content and "1 problem note" in content
    assert "A future map is based on this map" in content and future.name in content


def test_a_manager_deletes_a_map_with_everything_on_it(client_for, people, project, current):
    ProblemNoteFactory(step=Step.objects.get(title="Registrere søknad"))
    future = services.copy_to_future(current, by=None, name="Byggesak i morgen")
    response = client_for(people.facilitator).post(url("delete", "eksempel", current.pk))
    assert response.status_code == 302
    assert response.url == url("maps", "eksempel", project.pk)
    assert list(ProcessMap.objects.all()) == [future]
    assert not ProblemNote.objects.exists()
    assert Step.objects.filter(map=future).count() == 2  # the future map keeps its steps
    future.refresh_from_db()
    assert future.based_on is None


# --- The timeline ---------------------------------------------------------------------------


def test_the_map_s_story_shows_on_the_activity_page_in_bokmaal(client_for, people, project):
    client = client_for(people.facilitator)
    client.post(url("create", "eksempel", project.pk), start_data())
    current = ProcessMap.objects.get()
    services.copy_to_future(current, by=people.facilitator, name="Byggesak i morgen")
    client.post(url("edit", "eksempel", current.pk), settings_data(current, name="Ramme i dag"))
    future = ProcessMap.objects.get(kind=MapKind.FUTURE)
    client.post(url("delete", "eksempel", future.pk))
    content = unescape(client.get(project.url("activity")).content.decode())
    with translation.override("nb"):
        lines = [
            EVENTS["map_created"].text.format(actor="Vera Veileder", map="Byggesak i dag"),
            EVENTS["future_created"].text.format(actor="Vera Veileder", map="Byggesak i morgen"),
            EVENTS["map_renamed"].text.format(
                actor="Vera Veileder", old="Byggesak i dag", map="Ramme i dag"
            ),
            EVENTS["map_deleted"].text.format(
                actor="Vera Veileder", kind=MapKind.FUTURE.label.lower(), map="Byggesak i morgen"
            ),
        ]
    for line in lines:
        assert line in content
    assert "processes." not in content  # no event shown by its code


# --- The phase checklist -----------------------------------------------------------------


def test_the_checklist_notes_the_maps_that_exist_without_ticking(
    client_for, people, project, current
):
    services.copy_to_future(current, by=people.facilitator, name="Byggesak i morgen")
    services.copy_to_future(current, by=people.facilitator, name="Byggesak i overmorgen")
    client = client_for(people.facilitator)
    client.cookies["django_language"] = "en"
    phases = client.get(project.url("phases")).content.decode()
    assert "The current-state map exists." in phases
    assert "2 future-state maps exist." in phases
    assert not project.ticks.exists()  # the facilitator ticks
    project.ticks.create(phase=6, item="future_map")
    phases = client.get(project.url("phases")).content.decode()
    assert "future-state maps exist" not in phases  # ticked: nothing more to say


def test_without_maps_the_checklist_has_no_notes(client_for, people, project):
    client = client_for(people.facilitator)
    client.cookies["django_language"] = "en"
    phases = client.get(project.url("phases")).content.decode()
    assert "map exists" not in phases and "maps exist" not in phases
