"""The board editor: the page, every change by form post and by htmx, and its refusals."""

import json

import pytest
from django.urls import reverse

from processes import services
from processes.models import MAX_MINUTES, Lane, MapChange, ProcessMap, Step
from processes.views.board import long_time, short_time
from projects.models import ProjectRole
from tests.factories import (
    LaneFactory,
    ProblemNoteFactory,
    ProcessMapFactory,
    StepFactory,
    TeamMemberFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def _in_english(client, settings):
    """The board's words are asserted in English (the msgids), whatever the
    state of the catalogues; the Norwegian ones live in locale/."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def process_map(project):
    process_map = ProcessMapFactory(project=project, name="Byggesak i dag")
    søker = LaneFactory(map=process_map, name="Søker")
    saksbehandler = LaneFactory(map=process_map, name="Saksbehandler")
    StepFactory(map=process_map, lane=søker, title="Sende søknad", value_class="necessary")
    StepFactory(
        map=process_map,
        lane=saksbehandler,
        title="Registrere søknad",
        value_class="waste",
        waste_types=["waiting", "defects"],
    )
    StepFactory(
        map=process_map, lane=saksbehandler, title="Fatte vedtak", value_class="value_adding"
    )
    return process_map


def url(name, process_map, obj=None):
    slug = process_map.project.organisation.slug
    return reverse(f"processes:{name}", args=[slug, (obj or process_map).pk])


def lane(name):
    return Lane.objects.get(name=name)


def step(title):
    return Step.objects.get(title=title)


def version(process_map):
    return ProcessMap.objects.get(pk=process_map.pk).version


@pytest.fixture
def observer(cast, project):
    person = UserFactory(full_name="Olga Observatør")
    from tests.factories import MembershipFactory

    MembershipFactory(organisation=cast.organisation, user=person, role="employee")
    TeamMemberFactory(project=project, user=person, role=ProjectRole.OBSERVER)
    return person


# --- Times in words ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("minutes", "short"),
    [(30, "30 min"), (90, "1.5 h"), (120, "2 h"), (450, "1 d"), (2250, "5 d"), (675, "1.5 d")],
)
def test_a_card_shows_times_readably_in_working_days_of_seven_and_a_half_hours(minutes, short):
    from django.utils import translation

    with translation.override("en"):
        assert short_time(minutes) == short
        assert long_time(minutes).startswith(short.split()[0])
    with translation.override("nb"):  # the number as written here: a decimal comma
        assert short_time(minutes).split()[0] == short.split()[0].replace(".", ",")


# --- The page --------------------------------------------------------------------------


def test_the_board_shows_lanes_steps_classes_and_metrics(client_for, cast, process_map):
    ProblemNoteFactory(step=step("Registrere søknad"))
    ProblemNoteFactory(step=step("Registrere søknad"))
    response = client_for(cast.facilitator).get(url("board", process_map))
    html = response.content.decode()
    assert response.status_code == 200
    for text in ("Søker", "Saksbehandler", "Sende søknad", "Registrere søknad", "Fatte vedtak"):
        assert text in html
    assert "step--waste" in html and "step--necessary" in html and "step--value_adding" in html
    assert 'class="step__notes">2' in html
    assert 'id="metrics"' in html and "Hand-offs" in html
    assert "add-title-" in html  # a contributor gets the quick add
    assert "sortable-1.15.7.min.js" in html


def test_an_observer_reads_the_board_without_any_edit_control(client, observer, process_map):
    client.force_login(observer)
    html = client.get(url("board", process_map)).content.decode()
    assert "Registrere søknad" in html
    for control in ("add-title-", "step__handle", "step__menu", "lane__tools", "new-lane-name"):
        assert control not in html
    assert "sortable" not in html


def test_an_observer_cannot_change_anything(client, observer, process_map):
    client.force_login(observer)
    one = step("Sende søknad")
    posts = [
        url("step_add", process_map),
        url("lane_add", process_map),
        url("step_edit", process_map, one),
        url("step_move", process_map, one),
        url("step_delete", process_map, one),
        url("lane_move", process_map, lane("Søker")),
        url("lane_delete", process_map, lane("Søker")),
    ]
    for address in posts:
        assert client.post(address, {"version": 1}).status_code == 403, address
    assert version(process_map) == 1


def test_an_outsider_gets_404(client_for, cast, process_map):
    assert client_for(cast.outsider).get(url("board", process_map)).status_code == 404


# --- Quick add ----------------------------------------------------------------------------


def test_quick_add_puts_a_step_at_the_end_in_its_lane(client_for, cast, process_map):
    søker = lane("Søker")
    response = client_for(cast.facilitator).post(
        url("step_add", process_map),
        {"title": "Ettersende vedlegg", "lane": søker.pk, "version": 1, "token": "abc"},
    )
    assert response.status_code == 302
    new = step("Ettersende vedlegg")
    assert new.lane == søker
    assert [t for t, _ in titles(process_map)][-1] == "Ettersende vedlegg"


def test_quick_add_with_htmx_answers_with_board_metrics_and_status(client_for, cast, process_map):
    response = client_for(cast.facilitator).post(
        url("step_add", process_map),
        {"title": "Arkivere", "lane": lane("Søker").pk, "version": 1, "token": "t1"},
        **HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="board"' in html and 'hx-swap-oob="true"' in html
    assert 'id="metrics"' in html
    assert '<div id="board-status" hx-swap-oob="innerHTML">' in html
    # The live region names the place: the new card is at the end, far right.
    assert "«Arkivere» is added as step 4, in Søker." in html
    arkivere = step("Arkivere")
    assert f'data-added="step-{arkivere.pk}"' in html  # board.js shows and marks it
    assert 'data-focus="add-title-' in html  # the focus stays in the quick add
    assert 'data-version="2"' in html
    assert "<html" not in html


def test_a_double_clicked_add_makes_one_step(client_for, cast, process_map):
    client = client_for(cast.facilitator)
    data = {"title": "Arkivere", "lane": lane("Søker").pk, "version": 1, "token": "same"}
    first = client.post(url("step_add", process_map), data, **HTMX)
    second = client.post(url("step_add", process_map), data, **HTMX)
    assert (first.status_code, second.status_code) == (200, 200)
    assert Step.objects.filter(title="Arkivere").count() == 1


def test_adding_to_a_lane_of_another_map_is_refused_clearly(client_for, cast, process_map):
    other = LaneFactory(map=ProcessMapFactory(project=process_map.project, kind="future"))
    response = client_for(cast.facilitator).post(
        url("step_add", process_map),
        {"title": "Arkivere", "lane": other.pk, "version": 1, "token": "x"},
        **HTMX,
    )
    assert response.status_code == 422
    assert "not on this map" in response.content.decode()
    assert not Step.objects.filter(title="Arkivere").exists()


def test_an_empty_title_is_refused_with_its_field_named(client_for, cast, process_map):
    response = client_for(cast.facilitator).post(
        url("step_add", process_map),
        {"title": "", "lane": lane("Søker").pk, "version": 1, "token": "x"},
        **HTMX,
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "New step" in html and "This field is required" in html
    assert f'data-focus="add-title-{lane("Søker").pk}"' in html


def test_board_forms_leave_validation_to_the_server(client_for, cast, process_map):
    """The browser's own messages are English ("Please fill out this field"):
    the board's forms ask the server, which answers in the person's language."""
    html = client_for(cast.facilitator).get(url("board", process_map)).content.decode()
    import re

    forms = re.findall(r"<form [^>]*>", html)
    required = [form for form in forms if "quick-add" in form or "lane_add" in form]
    assert required and all("novalidate" in form for form in forms if "quick-add" in form)
    lane_add = [form for form in forms if url("lane_add", process_map) in form]
    assert lane_add and "novalidate" in lane_add[0]


# --- Edit ---------------------------------------------------------------------------------


def edit_data(**changes):
    data = {
        "version": 1,
        "title": "Registrere søknad i sak",
        "description": "",
        "processing": "1,5",
        "processing_unit": "hours",
        "waiting": "3",
        "waiting_unit": "days",
        "people": "2",
        "it_system": "ePhorte",
        "error_rate": "12,5",
        "value_class": "necessary",
        "waste_types": ["waiting", "motion"],
    }
    data.update(changes)
    return data


def test_the_edit_form_shows_times_in_the_unit_they_were_typed(client_for, cast, process_map):
    target = step("Registrere søknad")
    target.processing_minutes, target.processing_unit = 90, "hours"
    target.save()
    response = client_for(cast.facilitator).get(url("step_edit", process_map, target), **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="1.5"' in html
    assert "<html" not in html


def test_an_edit_saves_times_as_minutes_from_decimal_commas(client_for, cast, process_map):
    target = step("Registrere søknad")
    response = client_for(cast.facilitator).post(
        url("step_edit", process_map, target), edit_data(), **HTMX
    )
    assert response.status_code == 200
    target.refresh_from_db()
    assert (target.title, target.processing_minutes, target.waiting_minutes) == (
        "Registrere søknad i sak",
        90,
        1350,
    )
    assert (target.people, str(target.error_rate), target.value_class) == (2, "12.5", "necessary")
    assert target.waste_types == ["waiting", "motion"]
    assert 'id="metrics"' in response.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("processing", "-1", "negative"),
        ("waiting", "2501", "10 years"),
        ("processing", "tre", "number"),
    ],
)
def test_bad_times_are_refused_on_their_field(client_for, cast, process_map, field, value, message):
    target = step("Registrere søknad")
    response = client_for(cast.facilitator).post(
        url("step_edit", process_map, target),
        edit_data(**{field: value, f"{field}_unit": "days"}),
        **HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert message in html and f"id_{field}_error" in html
    assert step("Registrere søknad").processing_minutes == 30
    assert MAX_MINUTES == 2500 * 450


def test_a_stale_edit_keeps_the_input_and_says_who_changed_what(client_for, cast, process_map):
    target = step("Registrere søknad")
    services.edit_step(target, version=1, by=cast.employee, title="Journalføre søknad")
    response = client_for(cast.facilitator).post(
        url("step_edit", process_map, target), edit_data(title="Min tittel"), **HTMX
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert "Mona Medarbeider" in html and "Journalføre søknad" in html
    assert 'value="Min tittel"' in html  # the typing is kept
    assert 'name="version" value="2"' in html  # saving again goes on top of the new version
    assert 'id="board" class="board"' in html  # and the board refreshes
    # The words match the buttons, and the button names the person.
    assert "«Save mine» puts yours on top; «Keep the version of Mona Medarbeider»" in html
    assert ">Keep the version of Mona Medarbeider</a>" in html
    assert "or cancel" not in html
    assert step("Journalføre søknad")
    again = client_for(cast.facilitator).post(
        url("step_edit", process_map, target), edit_data(title="Min tittel", version=2), **HTMX
    )
    assert again.status_code == 200
    assert step("Min tittel")


def test_a_deleted_person_reads_as_a_former_member(client_for, cast, process_map):
    from django.utils import timezone

    target = step("Registrere søknad")
    services.edit_step(target, version=1, by=cast.employee, title="Journalføre søknad")
    type(cast.employee).objects.filter(pk=cast.employee.pk).update(deleted_at=timezone.now())
    response = client_for(cast.facilitator).post(
        url("step_edit", process_map, target), edit_data(), **HTMX
    )
    html = response.content.decode()
    assert "a former member" in html
    assert "Keep the version of a former member" in html


def test_an_edit_without_javascript_redirects_with_a_message(client_for, cast, process_map):
    target = step("Registrere søknad")
    client = client_for(cast.facilitator)
    response = client.post(url("step_edit", process_map, target), edit_data())
    assert response.status_code == 302
    assert response.url.endswith(f"#step-{target.pk}")
    page = client.get(url("step_edit", process_map, target))
    assert "<html" in page.content.decode()


# --- Move ------------------------------------------------------------------------------


def titles(process_map):
    return [
        (s.title, s.lane.name) for s in Step.objects.filter(map=process_map).select_related("lane")
    ]


def test_a_drop_posts_the_intent_lane_and_after(client_for, cast, process_map):
    vedtak = step("Fatte vedtak")
    response = client_for(cast.facilitator).post(
        url("step_move", process_map, vedtak),
        {"lane": lane("Søker").pk, "after": "", "version": 1, "focus": f"handle-{vedtak.pk}"},
        **HTMX,
    )
    assert response.status_code == 200
    assert titles(process_map) == [
        ("Fatte vedtak", "Søker"),
        ("Sende søknad", "Søker"),
        ("Registrere søknad", "Saksbehandler"),
    ]
    assert f'data-focus="handle-{vedtak.pk}"' in response.content.decode()


def test_earlier_and_later_keep_the_lane(client_for, cast, process_map):
    client = client_for(cast.facilitator)
    client.post(url("step_move", process_map, step("Fatte vedtak")), {"shift": "-1", "version": 1})
    assert [t for t, _ in titles(process_map)] == [
        "Sende søknad",
        "Fatte vedtak",
        "Registrere søknad",
    ]
    client.post(url("step_move", process_map, step("Sende søknad")), {"shift": "1", "version": 2})
    assert [t for t, _ in titles(process_map)] == [
        "Fatte vedtak",
        "Sende søknad",
        "Registrere søknad",
    ]


def test_to_another_lane_keeps_the_place_in_the_sequence(client_for, cast, process_map):
    client_for(cast.facilitator).post(
        url("step_move", process_map, step("Registrere søknad")),
        {"lane": lane("Søker").pk, "version": 1},
    )
    assert titles(process_map)[1] == ("Registrere søknad", "Søker")


def test_a_move_to_a_lane_of_another_map_is_a_clear_error(client_for, cast, process_map):
    other = LaneFactory(map=ProcessMapFactory(project=process_map.project, kind="future"))
    client = client_for(cast.facilitator)
    target = step("Sende søknad")
    response = client.post(
        url("step_move", process_map, target), {"lane": other.pk, "version": 1}, **HTMX
    )
    assert response.status_code == 422
    assert "not on this map" in response.content.decode()
    plain = client.post(url("step_move", process_map, target), {"lane": other.pk, "version": 1})
    assert plain.status_code == 302
    assert step("Sende søknad").lane.name == "Søker"


def test_a_move_without_a_target_or_after_a_gone_step_is_refused(client_for, cast, process_map):
    client = client_for(cast.facilitator)
    target = step("Sende søknad")
    assert (
        client.post(url("step_move", process_map, target), {"version": 1}, **HTMX).status_code
        == 422
    )
    response = client.post(
        url("step_move", process_map, target),
        {"lane": lane("Søker").pk, "after": 999999, "version": 1},
        **HTMX,
    )
    assert response.status_code == 422
    assert "is gone" in response.content.decode()


def test_a_move_conflicting_with_a_stale_version_names_the_change(client_for, cast, process_map):
    target = step("Sende søknad")
    services.edit_step(target, version=1, by=cast.employee, title="Sende byggesøknad")
    response = client_for(cast.facilitator).post(
        url("step_move", process_map, target), {"shift": "1", "version": 1}, **HTMX
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert "Mona Medarbeider" in html and "Sende byggesøknad" in html


# --- Delete and undo ----------------------------------------------------------------------


def test_a_deleted_step_comes_back_with_undo(client_for, cast, process_map):
    client = client_for(cast.facilitator)
    target = step("Registrere søknad")
    response = client.post(url("step_delete", process_map, target), {"version": 1}, **HTMX)
    html = response.content.decode()
    assert "is deleted" in html and "Undo" in html
    restore = url("step_restore", process_map, target)
    assert restore in html
    assert not Step.objects.filter(pk=target.pk).exists()
    client.post(restore, {"version": 2}, **HTMX)
    assert [t for t, _ in titles(process_map)] == [
        "Sende søknad",
        "Registrere søknad",
        "Fatte vedtak",
    ]


def test_without_javascript_undo_is_a_form_on_the_board(client_for, cast, process_map):
    client = client_for(cast.facilitator)
    target = step("Registrere søknad")
    response = client.post(url("step_delete", process_map, target), {"version": 1})
    assert "undo=step-" in response.url
    page = client.get(response.url).content.decode()
    assert url("step_restore", process_map, target) in page


def test_a_lane_with_steps_is_confirmed_before_it_is_deleted(client_for, cast, process_map):
    client = client_for(cast.facilitator)
    saksbehandler = lane("Saksbehandler")
    asked = client.post(url("lane_delete", process_map, saksbehandler), {"version": 1})
    assert asked.status_code == 200
    assert "The 2 steps in it are deleted too" in asked.content.decode()
    assert Lane.objects.filter(pk=saksbehandler.pk).exists()
    done = client.post(
        url("lane_delete", process_map, saksbehandler), {"version": 1, "confirm": "1"}, **HTMX
    )
    assert "Undo" in done.content.decode()
    assert [t for t, _ in titles(process_map)] == ["Sende søknad"]
    client.post(url("lane_restore", process_map, saksbehandler), {"version": 2}, **HTMX)
    assert len(titles(process_map)) == 3


def test_an_empty_lane_is_deleted_at_once(client_for, cast, process_map):
    empty = LaneFactory(map=process_map, name="Tom")
    response = client_for(cast.facilitator).post(
        url("lane_delete", process_map, empty), {"version": 1}
    )
    assert response.status_code == 302
    assert not Lane.objects.filter(pk=empty.pk).exists()


# --- Lanes -------------------------------------------------------------------------------


def test_lanes_are_added_edited_and_moved(client_for, cast, process_map):
    client = client_for(cast.facilitator)
    client.post(
        url("lane_add", process_map),
        {"name": "Fagansvarlig", "kind": "role", "version": 1, "token": "l"},
    )
    fag = lane("Fagansvarlig")
    response = client.post(
        url("lane_edit", process_map, fag),
        {
            "name": "Fagansvarlig plan",
            "kind": "unit",
            "organisation": cast.organisation.pk,
            "version": 2,
        },
        **HTMX,
    )
    assert response.status_code == 200
    fag.refresh_from_db()
    assert (fag.name, fag.kind, fag.organisation) == (
        "Fagansvarlig plan",
        "unit",
        cast.organisation,
    )
    client.post(url("lane_move", process_map, fag), {"offset": "-1", "version": 3})
    assert list(Lane.objects.filter(map=process_map).values_list("name", flat=True)) == [
        "Søker",
        "Fagansvarlig plan",
        "Saksbehandler",
    ]


def test_a_lane_cannot_belong_to_an_organisation_outside_the_project(client_for, cast, process_map):
    søker = lane("Søker")
    response = client_for(cast.facilitator).post(
        url("lane_edit", process_map, søker),
        {
            "name": "Søker",
            "kind": "organisation",
            "organisation": cast.other_organisation.pk,
            "version": 1,
        },
        **HTMX,
    )
    assert response.status_code == 422
    assert 'id="id_organisation_error"' in response.content.decode()


# --- Polling ---------------------------------------------------------------------------------


def test_polling_answers_204_while_current_and_a_trigger_after_a_change(
    client_for, cast, process_map
):
    client = client_for(cast.facilitator)
    assert client.get(url("version", process_map) + "?v=1").status_code == 204
    services.edit_step(step("Sende søknad"), version=1, by=cast.employee, title="Sende byggesøknad")
    changed = client.get(url("version", process_map) + "?v=1")
    assert changed.status_code == 200
    assert json.loads(changed["HX-Trigger"]) == {"board-changed": {"version": 2}}
    refetch = client.get(url("board", process_map), **HTMX).content.decode()
    assert "Mona Medarbeider edited «Sende søknad»" in refetch
    assert "updated" in refetch


def test_every_change_is_logged_with_the_actor(client_for, cast, process_map):
    client_for(cast.facilitator).post(
        url("step_move", process_map, step("Fatte vedtak")), {"shift": "-1", "version": 1}
    )
    change = MapChange.objects.get()
    assert (change.actor, change.action) == (cast.facilitator, "step_moved")


# --- The Move panel ----------------------------------------------------------------------


def test_a_card_opens_its_move_panel_in_the_editor_or_as_a_page(client_for, cast, process_map):
    client = client_for(cast.facilitator)
    first = step("Sende søknad")
    board = client.get(url("board", process_map)).content.decode()
    move = url("step_move", process_map, first)
    assert f'id="move-{first.pk}" href="{move}" hx-get="{move}" hx-target="#editor"' in board
    assert 'name="lane"><option' not in board  # no swimlane list on every card

    panel = client.get(move, **HTMX)
    html = panel.content.decode()
    assert panel.status_code == 200 and "<html" not in html
    assert "Move «Sende søknad»" in html and "Now step 1 of 3, in Søker." in html
    assert f'id="earlier-{first.pk}" disabled' in html  # the first step
    assert f'id="later-{first.pk}">' in html
    assert f'<option value="{lane("Søker").pk}" selected>Søker</option>' in html
    assert f'id="delete-{first.pk}"' in html and url("step_delete", process_map, first) in html
    assert 'name="csrfmiddlewaretoken"' in html and 'name="version" value="1"' in html

    page = client.get(move).content.decode()  # without JavaScript: a page of its own
    assert "<html" in page and "Move «Sende søknad»" in page
    assert process_map.get_absolute_url() in page


def test_the_move_panel_stays_open_on_the_new_version_after_a_move(client_for, cast, process_map):
    client = client_for(cast.facilitator)
    vedtak = step("Fatte vedtak")
    response = client.post(
        url("step_move", process_map, vedtak),
        {"shift": "-1", "version": 1, "panel": "1", "focus": f"earlier-{vedtak.pk}"},
        **HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 200
    before_board = html.split('id="board"')[0]
    assert 'id="step-mover"' in before_board  # the editor's content: the panel again
    assert "Now step 2 of 3, in Saksbehandler." in before_board
    assert 'name="version" value="2"' in before_board
    assert f'data-focus="earlier-{vedtak.pk}"' in html
    assert "is now step 2 of 3" in html

    stale = client.post(
        url("step_move", process_map, vedtak), {"shift": "-1", "version": 1, "panel": "1"}, **HTMX
    )
    html = stale.content.decode()
    assert stale.status_code == 422
    assert 'name="version" value="2"' in html.split('id="board"')[0]  # try again at once

    board_move = client.post(url("step_move", process_map, vedtak), {"shift": "1", "version": 2})
    assert board_move.status_code == 302  # without JavaScript, back to the board


def test_an_observer_gets_no_move_panel(client, observer, process_map):
    client.force_login(observer)
    assert client.get(url("step_move", process_map, step("Sende søknad"))).status_code == 403


# --- Cards -------------------------------------------------------------------------------------


def test_a_card_leads_to_the_steps_page_with_its_problems(client, observer, process_map):
    target = step("Registrere søknad")
    ProblemNoteFactory(step=target)
    client.force_login(observer)
    html = client.get(url("board", process_map)).content.decode()
    page = url("step", process_map, target)
    assert (
        f'<a href="{page}" class="step__notes">1<span class="visually-hidden"> problem</span>'
        in (html)
    )
    assert f'<h4 class="step__title" id="step-{target.pk}-title"><a href="{page}">' in html
    assert client.get(page).status_code == 200


def test_what_people_typed_is_escaped_on_the_board(client_for, cast, process_map):
    evil = LaneFactory(map=process_map, name='Søker "<b>')
    StepFactory(map=process_map, lane=evil, title="<script>alert(1)</script> & co")
    html = client_for(cast.facilitator).get(url("board", process_map)).content.decode()
    assert "<script>alert(1)" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html
    assert "Søker &quot;&lt;b&gt;" in html
    assert 'aria-label="Steps in Søker &quot;&lt;b&gt;"' in html
    assert "Drag «&lt;script&gt;alert(1)&lt;/script&gt; &amp; co»" in html


def test_the_page_and_the_fragment_show_the_same_board(client_for, cast, process_map):
    client = client_for(cast.facilitator)
    page = client.get(url("board", process_map)).content.decode()
    fragment = client.get(url("board", process_map), **HTMX).content.decode()

    def cards(html):
        board = html.split('<section id="board"')[1].split("</section>")[0]
        return board.split('class="board-scroll"')[1]

    assert cards(page).count('class="step ') == 3 == cards(fragment).count('class="step ')
    assert cards(page).count('class="slot"') == 2 * 3 - 3  # 2 lanes × 3 columns, 3 cards


# --- Words, links and what readers see -------------------------------------------------


@pytest.mark.parametrize(
    ("minutes", "words"),
    [
        (1, "1 minute"),
        (2, "2 minutes"),
        (60, "1 hour"),
        (90, "1.5 hours"),
        (120, "2 hours"),
        (450, "1 working day"),
        (675, "1.5 working days"),
        (900, "2 working days"),
    ],
)
def test_times_in_words_are_singular_for_one(minutes, words):
    from django.utils import translation

    with translation.override("en"):
        assert long_time(minutes) == words


def test_the_key_figures_say_working_days_whole_hours_and_two_decimal_ftes(
    client_for, cast, process_map
):
    process_map.yearly_volume = 5000
    process_map.save()
    Step.objects.filter(map=process_map).update(processing_minutes=45, waiting_minutes=0)
    Step.objects.filter(title="Sende søknad").update(processing_minutes=47, waiting_minutes=450)
    html = client_for(cast.facilitator).get(url("board", process_map)).content.decode()
    metrics = html[html.index('id="metrics"') : html.index("</aside>")]
    # 47 + 45 + 45 minutes of work and 450 of waiting: 587 minutes, 1.3 working days.
    assert "<dd>1.3 working days</dd>" in metrics
    # 137 minutes a case × 5000 cases = 11,416.7 hours: whole hours, grouped.
    assert "11,417 h" in metrics and "11416.7" not in metrics
    assert "6.74 FTEs" in metrics  # 11,416.7 / 1,695 hours, two decimals
    assert "7.7 %" in metrics  # the flow efficiency, one decimal


def test_the_board_leads_to_the_maps_analysis_export_and_settings(client_for, cast, process_map):
    slug = process_map.project.organisation.slug
    project = process_map.project
    html = client_for(cast.facilitator).get(url("board", process_map)).content.decode()
    maps = reverse("processes:maps", args=[slug, project.pk])
    assert f'<a href="{maps}">' in html  # the breadcrumb: project › Process maps › map
    assert 'aria-label="Breadcrumb"' in html and 'aria-current="page"' in html
    for href in (
        reverse("processes:analysis", args=[slug, project.pk]),
        url("make_future", process_map),
        url("svg", process_map),
        reverse("processes:export", args=[slug, process_map.pk, "csv"]),
        reverse("processes:export", args=[slug, process_map.pk, "xlsx"]),
        url("import", process_map),
        url("edit", process_map),
    ):
        assert f'href="{href}"' in html, href
    assert url("compare", process_map) not in html  # a current map has nothing to compare


def test_a_future_map_leads_to_its_comparison(client_for, cast, process_map):
    future = ProcessMapFactory(
        project=process_map.project, name="Byggesak i morgen", kind="future", based_on=process_map
    )
    html = client_for(cast.facilitator).get(url("board", future)).content.decode()
    assert f'href="{url("compare", future)}"' in html
    assert url("make_future", future) not in html


def test_a_reader_gets_the_reading_links_only(client, observer, process_map):
    client.force_login(observer)
    html = client.get(url("board", process_map)).content.decode()
    slug = process_map.project.organisation.slug
    assert url("svg", process_map) in html
    assert reverse("processes:export", args=[slug, process_map.pk, "xlsx"]) in html
    for editing in ("make_future", "import", "edit"):
        assert url(editing, process_map) not in html, editing
    assert 'class="board board--read"' in html  # lanes as tall as their cards


def test_the_waiting_time_field_has_one_label_and_its_unit_another(client_for, cast, process_map):
    target = step("Registrere søknad")
    html = client_for(cast.facilitator).get(url("step_edit", process_map, target)).content.decode()
    for name in ("processing", "waiting"):
        assert html.count(f'for="id_{name}"') == 1
        assert html.count(f'for="id_{name}_unit"') == 1
    assert "<legend>Waiting time</legend>" not in html


def test_compact_is_a_density_toggle_apart_from_the_text_size(client_for, cast, process_map):
    html = client_for(cast.facilitator).get(url("board", process_map)).content.decode()
    sizes = html[html.index('class="board-toolbar"') :]
    sizes = sizes[: sizes.index("</div>")]
    assert "Compact" not in sizes
    assert 'class="button button--small button--quiet board-density" aria-pressed="false"' in html
    assert "Density: Compact" in html
