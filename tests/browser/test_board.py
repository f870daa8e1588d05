"""The map board in Chromium: a 3-lane map built by drag-and-drop, and again by
keyboard only; axe on the board (normal and large text), the edit form and a
conflict."""

import re

import pytest
from playwright.sync_api import expect

from processes import services
from processes.models import Lane, Step
from projects.models import ProjectRole
from tests.factories import LaneFactory, ProcessMapFactory, StepFactory, TeamMemberFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def empty_map(project):
    return ProcessMapFactory(project=project, name="Byggesak i dag")


def board_path(process_map):
    return process_map.get_absolute_url()


def order(process_map):
    return [
        (step.title, step.lane.name)
        for step in Step.objects.filter(map=process_map).select_related("lane")
    ]


def settled(page):
    """Wait until htmx has settled the last answer (new content is wired up a
    moment after it is swapped in), as a person's next action would."""
    busy = page.locator(".htmx-request, .htmx-settling, .htmx-added, .board-page--busy")
    expect(busy).to_have_count(0)
    page.wait_for_timeout(60)  # board.js hands the focus back 30 ms after the answer


def add_lane(page, name):
    settled(page)
    page.get_by_label("Name", exact=True).fill(name)
    page.get_by_role("button", name="Add swimlane").click()
    expect(page.get_by_role("heading", name=name, level=3)).to_be_visible()


def quick_add(page, lane, title):
    settled(page)
    field = page.get_by_label(f"New step in {lane}")
    field.fill(title)
    field.press("Enter")
    expect(page.locator(".step__title", has_text=title)).to_be_visible()
    expect(page.get_by_label(f"New step in {lane}")).to_be_focused()


def drag(page, handle, target):
    """Drag by the handle onto the target with the mouse, in small steps as a
    hand does (SortableJS follows the pointer through the lists)."""
    start = handle.bounding_box()
    end = target.bounding_box()
    page.mouse.move(start["x"] + 5, start["y"] + 5)
    page.mouse.down()
    page.mouse.move(start["x"] + 10, start["y"] + 30, steps=5)
    page.mouse.move(end["x"] + 10, end["y"] + 10, steps=10)
    page.mouse.up()


@pytest.fixture
def english(ui, live_server, password):
    """Log in, then read the board in English: its words are asserted as written in
    the code, whatever the state of the catalogues."""

    def log_in(user):
        ui.log_in(user.email, password)
        ui.page.context.add_cookies(
            [{"name": "django_language", "value": "en", "url": live_server.url}]
        )

    ui.log_in_english = log_in
    return ui


def test_a_facilitator_builds_a_three_lane_map_by_drag_and_drop(english, cast, password, empty_map):
    ui = english
    page = ui.page
    ui.log_in_english(cast.facilitator)
    ui.visit(board_path(empty_map))
    for name in ("Søker", "Servicetorget", "Saksbehandler"):
        add_lane(page, name)
    quick_add(page, "Søker", "Sende søknad")
    quick_add(page, "Søker", "Registrere søknad")
    quick_add(page, "Saksbehandler", "Fatte vedtak")
    ui.check("board-built")

    # «Registrere søknad» belongs to the service desk: drag it there, by its handle.
    registrere = Step.objects.get(title="Registrere søknad")
    settled(page)
    servicetorget = Lane.objects.get(name="Servicetorget")
    drag(
        page,
        page.locator(f"#handle-{registrere.pk}"),
        page.locator(f'.lane__steps[data-lane="{servicetorget.pk}"] .slot').nth(1),
    )
    expect(page.locator(".board-status")).to_contain_text("is now step 2 of 3, in Servicetorget")
    assert order(empty_map) == [
        ("Sende søknad", "Søker"),
        ("Registrere søknad", "Servicetorget"),
        ("Fatte vedtak", "Saksbehandler"),
    ]
    expect(page.locator("#metrics")).to_contain_text("2")  # two hand-offs now
    expect(page.locator(".metric", has_text="Hand-offs").locator("dd")).to_have_text("2")
    ui.check("board-dragged")

    # Large text for the projector, remembered.
    page.get_by_role("link", name="Very large").click()
    expect(page.locator("html")).to_have_class("js board-text-200")
    ui.check("board-large-text")
    page.reload()
    expect(page.locator("html")).to_have_class("js board-text-200")
    page.get_by_role("link", name="Normal").click()


def test_a_facilitator_builds_the_same_map_by_keyboard_only(english, cast, password, empty_map):
    ui = english
    page = ui.page
    ui.log_in_english(cast.facilitator)
    ui.visit(board_path(empty_map))
    keyboard = page.keyboard

    page.get_by_label("Name", exact=True).focus()
    for name in ("Søker", "Servicetorget", "Saksbehandler"):
        settled(page)
        keyboard.type(name)
        keyboard.press("Enter")
        expect(page.get_by_role("heading", name=name, level=3)).to_be_visible()
        # Focus went on to the new lane's quick add; come back for the next lane.
        expect(page.get_by_label(f"New step in {name}")).to_be_focused()
        page.get_by_label("Name", exact=True).focus()

    page.get_by_label("New step in Søker").focus()
    for title in ("Sende søknad", "Registrere søknad"):
        settled(page)
        keyboard.type(title)
        keyboard.press("Enter")
        expect(page.locator(".step__title", has_text=title)).to_be_visible()
        expect(page.get_by_label("New step in Søker")).to_be_focused()
    settled(page)
    page.get_by_label("New step in Saksbehandler").focus()
    keyboard.type("Fatte vedtak")
    keyboard.press("Enter")
    expect(page.locator(".step__title", has_text="Fatte vedtak")).to_be_visible()

    # Lift «Registrere søknad» with Space, one lane down with the arrow, drop with Space.
    registrere = Step.objects.get(title="Registrere søknad")
    settled(page)
    page.locator(f"#handle-{registrere.pk}").focus()
    keyboard.press("Space")
    expect(page.locator(".board-status")).to_contain_text("Lifted «Registrere søknad»")
    keyboard.press("ArrowDown")
    expect(page.locator(".board-status")).to_contain_text("swimlane Servicetorget")
    keyboard.press("Space")
    expect(page.locator(".board-status")).to_contain_text("is now step 2 of 3, in Servicetorget")
    expect(page.locator(f"#handle-{registrere.pk}")).to_be_focused()
    assert order(empty_map)[1] == ("Registrere søknad", "Servicetorget")

    # The Move panel: real buttons and forms, for screen readers and voice control,
    # opened in the board's editor; it stays open and keeps the focus while in use.
    fatte = Step.objects.get(title="Fatte vedtak")
    settled(page)
    page.locator(f"#move-{fatte.pk}").focus()
    keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Move «Fatte vedtak»")).to_be_focused()
    settled(page)
    page.locator(f"#earlier-{fatte.pk}").focus()
    keyboard.press("Enter")
    expect(page.locator(".board-status")).to_contain_text("is now step 2 of 3, in Saksbehandler")
    expect(page.locator(f"#earlier-{fatte.pk}")).to_be_focused()
    expect(page.locator("#step-mover")).to_contain_text("Now step 2 of 3")
    ui.check("board-keyboard")
    settled(page)
    keyboard.press("Tab")  # «Later»
    keyboard.press("Enter")
    expect(page.locator(".board-status")).to_contain_text("is now step 3 of 3")
    expect(page.locator(f"#later-{fatte.pk}")).to_be_disabled()  # the last step now
    settled(page)
    page.get_by_role("link", name="Close").click()
    expect(page.locator("#step-mover")).to_have_count(0)
    expect(page.locator(f"#move-{fatte.pk}")).to_be_focused()
    assert order(empty_map) == [
        ("Sende søknad", "Søker"),
        ("Registrere søknad", "Servicetorget"),
        ("Fatte vedtak", "Saksbehandler"),
    ]


def test_edit_in_place_a_conflict_and_undo(english, cast, password, project):
    ui = english
    page = ui.page
    process_map = ProcessMapFactory(project=project, name="Byggesak i dag")
    lane = LaneFactory(map=process_map, name="Saksbehandler")
    step = StepFactory(map=process_map, lane=lane, title="Registrere søknad")
    ui.log_in_english(cast.facilitator)
    ui.visit(board_path(process_map))

    settled(page)
    page.locator(f"#edit-{step.pk}").click()
    expect(page.get_by_label("Activity")).to_be_focused()
    page.get_by_label("Processing time", exact=True).fill("1,5")
    page.get_by_label("Unit of processing time").select_option("hours")
    page.get_by_label("Waste", exact=True).check()
    page.get_by_label("Waiting", exact=True).check()
    ui.check("board-edit-form")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(f"#step-{step.pk}")).to_be_focused()
    expect(page.locator(f"#step-{step.pk}")).to_contain_text("1.5 h")
    expect(page.locator(f"#step-{step.pk} .vc")).to_contain_text("S")

    # Someone else renames the step while the form is open: the typing is kept.
    settled(page)
    page.locator(f"#edit-{step.pk}").click()
    expect(page.get_by_label("Activity")).to_be_focused()
    services.edit_step(
        Step.objects.get(pk=step.pk), version=2, by=cast.employee, title="Journalføre søknad"
    )
    page.get_by_label("Activity").fill("Registrere byggesøknad")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".conflict")).to_contain_text("Mona Medarbeider edited «Registrere søknad»")
    expect(page.get_by_label("Activity")).to_have_value("Registrere byggesøknad")
    ui.check("board-conflict")
    page.get_by_role("button", name="Save mine").click()
    expect(page.locator(f"#step-{step.pk} .step__title")).to_have_text("Registrere byggesøknad")

    # Delete, then Angre.
    settled(page)
    page.locator(f"#move-{step.pk}").click()
    page.locator(f"#delete-{step.pk}").click()
    expect(page.get_by_role("button", name="Undo")).to_be_focused()
    page.get_by_role("button", name="Undo").click()
    expect(page.locator(f"#step-{step.pk}")).to_be_visible()


@pytest.fixture
def workshop_map(project):
    """A map as a workshop leaves it: four lanes, sixteen steps, a yearly volume."""
    process_map = ProcessMapFactory(project=project, name="Byggesak i dag", yearly_volume=1200)
    lanes = [
        LaneFactory(map=process_map, name=name)
        for name in ("Søker", "Servicetorget", "Saksbehandler", "Fagansvarlig")
    ]
    for number in range(16):
        StepFactory(
            map=process_map,
            lane=lanes[number % 4],
            title=f"Behandle byggesaksdokumentasjon {number + 1}",
            processing_minutes=60,
            waiting_minutes=450 * (number % 3),
        )
    return process_map


def on_screen(page, locator) -> bool:
    box = locator.bounding_box()
    size = page.viewport_size
    return bool(box) and box["y"] >= 0 and box["y"] + min(box["height"], 80) <= size["height"]


def test_the_board_on_a_projector(english, cast, workshop_map):
    """At 1280 × 720 and in large text the key figures do not cover what is being
    worked on, and the map starts on the first screen."""
    ui = english
    page = ui.page
    ui.log_in_english(cast.facilitator)
    page.set_viewport_size({"width": 1280, "height": 720})
    ui.visit(board_path(workshop_map))
    shots = "/tmp/klean-screenshots/"
    page.screenshot(path=shots + "board-1280x720.png")
    assert page.locator("#metrics").evaluate("e => getComputedStyle(e).position") != "sticky"
    first_lane = page.locator(".lane").first
    assert on_screen(page, first_lane.locator(".lane__name"))

    page.get_by_role("link", name="Large", exact=True).click()
    page.screenshot(path=shots + "board-1280x720-large.png")
    assert page.locator("#metrics").evaluate("e => getComputedStyle(e).position") != "sticky"

    page.set_viewport_size({"width": 1920, "height": 1080})
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=shots + "board-1920x1080-large.png")
    assert on_screen(page, first_lane.locator(".step").first)
    ui.check()
    page.get_by_role("link", name="Very large").click()
    page.screenshot(path=shots + "board-1920x1080-very-large.png")
    assert on_screen(page, first_lane.locator(".lane__name"))


def test_a_step_added_at_the_far_end_is_shown_and_typing_goes_on(english, cast, workshop_map):
    """The quick add puts the step at the end of the process, off to the right:
    the board scrolls to it and marks it; the focus stays in the field. An empty
    title is refused in the person's language, not the browser's."""
    ui = english
    page = ui.page
    ui.log_in_english(cast.facilitator)
    page.set_viewport_size({"width": 1280, "height": 720})
    ui.visit(board_path(workshop_map))
    settled(page)
    field = page.get_by_label("New step in Søker")
    field.press("Enter")  # empty: the server says so, the field keeps the focus
    expect(page.locator(".board-status")).to_contain_text("This field is required")
    expect(page.get_by_label("New step in Søker")).to_be_focused()
    settled(page)
    field = page.get_by_label("New step in Søker")
    field.fill("Arkivere saken")
    field.press("Enter")
    expect(page.locator(".board-status")).to_contain_text(
        "«Arkivere saken» is added as step 17, in Søker"
    )
    card = page.locator(".step", has_text="Arkivere saken")
    expect(card).to_have_class(re.compile("step--added"))
    expect(page.get_by_label("New step in Søker")).to_be_focused()
    scroller = page.locator(".board-scroll").bounding_box()
    box = card.bounding_box()
    assert box["x"] + box["width"] <= scroller["x"] + scroller["width"] + 1  # in view
    page.screenshot(path="/tmp/klean-screenshots/board-added.png")
    ui.check()

    # The key figures fold to the lead time, and stay folded.
    page.get_by_role("button", name="Hide key figures").click()
    expect(page.get_by_role("button", name="Show key figures")).to_have_attribute(
        "aria-expanded", "false"
    )
    expect(page.locator(".metric", has_text="Hand-offs")).to_be_hidden()
    page.reload()
    expect(page.get_by_role("button", name="Show key figures")).to_be_visible()
    expect(page.locator("#board-legend")).not_to_have_attribute("open", "")  # seen once
    page.get_by_role("button", name="Density: Compact").click()
    expect(page.get_by_role("button", name="Density: Compact")).to_have_attribute(
        "aria-pressed", "true"
    )
    page.screenshot(path="/tmp/klean-screenshots/board-compact.png")
    ui.check()


def test_a_reader_sees_lanes_as_tall_as_their_cards(ui, cast, password, workshop_map):
    TeamMemberFactory(project=workshop_map.project, user=cast.employee, role=ProjectRole.OBSERVER)
    ui.log_in(cast.employee.email, password)
    page = ui.page
    ui.visit(board_path(workshop_map))
    lane = page.locator(".lane").first.bounding_box()
    card = page.locator(".lane").first.locator(".step").first.bounding_box()
    assert lane["height"] < card["height"] + 40
    page.screenshot(path="/tmp/klean-screenshots/board-reader.png")
