"""The idea pipeline in Chromium: a quick capture on a phone, an idea moved
through the board by keyboard only, and one drag-and-drop move; axe on every
page visited."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from ideas.models import Idea, Stage, StageChange
from projects.models import ProjectRole
from tests.factories import IdeaFactory, TeamMemberFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def member(cast, project):
    TeamMemberFactory(project=project, user=cast.employee, role=ProjectRole.MEMBER)
    return cast.employee


def board_path(project):
    return reverse("ideas:board", args=[project.organisation.slug, project.pk])


def test_quick_capture_on_a_phone(phone_ui, member, project, password):
    phone_ui.log_in(member.email, password)
    phone_ui.visit(reverse("ideas:capture", args=[project.organisation.slug, project.pk]))
    page = phone_ui.page
    page.locator("#id_title").fill("Digital søknad")
    page.locator("#id_description").fill("Søkerne sender alt på nett.")
    page.locator("form.idea-capture__form button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator(".idea-capture__saved")).to_be_visible()
    phone_ui.check("ideas-capture-phone")
    assert Idea.objects.get().title == "Digital søknad"
    # Nothing wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.locator(".idea-capture__saved a").click()
    page.wait_for_load_state()
    phone_ui.check("ideas-idea-phone")


def test_an_idea_moves_through_the_board_by_keyboard_only(ui, cast, project, password):
    idea = IdeaFactory(project=project, title="Sjekkliste for søkere")
    ui.log_in(cast.facilitator.email, password)
    ui.visit(board_path(project))
    ui.check("ideas-board")
    page = ui.page
    handle = f"#handle-{idea.pk}"
    # Space lifts, an arrow carries it to the next column, Space puts it down.
    for stage in (Stage.DEVELOP, Stage.SELECT, Stage.IMPLEMENT, Stage.DONE):
        page.locator(handle).focus()
        page.keyboard.press("Space")
        expect(page.locator(f"#idea-{idea.pk}")).to_have_class(re.compile("idea-card--lifted"))
        page.keyboard.press("ArrowRight")
        expect(page.locator(f"#column-{stage} #idea-{idea.pk}")).to_be_visible()
        expect(page.locator("#idea-board-status")).to_contain_text(idea.title)
        with page.expect_navigation():
            page.keyboard.press("Space")
        expect(page.locator(f"#column-{stage} #idea-{idea.pk}")).to_be_visible()
        expect(page.locator(f"#idea-{idea.pk}")).to_be_focused()
    ui.check()
    assert [c.to_stage for c in StageChange.objects.all()] == [
        Stage.DEVELOP,
        Stage.SELECT,
        Stage.IMPLEMENT,
        Stage.DONE,
    ]
    # Escape puts a lifted idea back where it was, and nothing is posted.
    page.locator(handle).focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("Escape")
    expect(page.locator(f"#column-done #idea-{idea.pk}")).to_be_visible()
    expect(page.locator(handle)).to_be_focused()
    # The «Move» button lists the stages the idea may go to.
    page.locator(f"#move-{idea.pk}").focus()
    page.keyboard.press("Enter")
    menu = page.locator(".idea-move-menu")
    expect(menu.locator("button")).to_have_count(1)
    ui.check("ideas-move-menu")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # the menu's first stage has the focus
    assert Idea.objects.get().stage == Stage.IMPLEMENT
    # Parking asks for the reason first.
    page.locator(handle).focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")  # done
    page.keyboard.press("ArrowRight")  # parked, folded beside the board: it opens
    expect(page.locator(f"#column-parked #idea-{idea.pk}")).to_be_visible()
    with page.expect_navigation():
        page.keyboard.press("Space")
    ui.check("ideas-move-reason")
    page.locator("#id_note").fill("Venter på nytt fagsystem")
    page.locator("#id_note").press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert Idea.objects.get().stage == Stage.PARKED
    ui.check()


def test_the_board_reloads_when_someone_else_moves_an_idea(ui, cast, project, password):
    idea = IdeaFactory(project=project, title="Felles innboks")
    ui.log_in(cast.facilitator.email, password)
    ui.visit(board_path(project))
    page = ui.page
    expect(page.locator(f"#column-collect #idea-{idea.pk}")).to_be_visible()
    from ideas import stages

    stages.move(idea, Stage.DEVELOP, by=cast.admin)
    expect(page.locator(f"#column-develop #idea-{idea.pk}")).to_be_visible(timeout=15_000)


def test_one_drag_and_drop_move(ui, cast, project, password):
    idea = IdeaFactory(project=project, title="Felles innboks")
    ui.log_in(cast.facilitator.email, password)
    ui.visit(board_path(project))
    page = ui.page
    handle = page.locator(f"#idea-{idea.pk} .idea-card__handle")
    expect(handle).to_be_visible()
    start = handle.bounding_box()
    end = page.locator("#column-develop .idea-column__cards").bounding_box()
    page.mouse.move(start["x"] + 5, start["y"] + 5)
    page.mouse.down()
    page.mouse.move(start["x"] + 10, start["y"] + 30, steps=5)
    page.mouse.move(end["x"] + 20, end["y"] + 15, steps=10)
    with page.expect_navigation():
        page.mouse.up()
    expect(page.locator(f"#column-develop #idea-{idea.pk}")).to_be_visible()
    assert Idea.objects.get().stage == Stage.DEVELOP
    ui.check("ideas-board-after-drag")
