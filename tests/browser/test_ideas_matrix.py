"""The effort–impact matrix in Chromium: an idea dragged onto the matrix, moved
by the arrow keys and placed with the list's form; the action plan, my
actions, benefits and «make an idea of this». axe on every page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from ideas.models import Idea
from projects.models import ProjectRole
from tests.factories import (
    ActionFactory,
    AnswerFactory,
    FormFactory,
    IdeaFactory,
    QuestionFactory,
    TeamMemberFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def english(ui, live_server, password):
    def log_in(user):
        ui.log_in(user.email, password)
        ui.page.context.add_cookies(
            [{"name": "django_language", "value": "en", "url": live_server.url}]
        )

    return log_in


def settled(page):
    expect(page.locator(".htmx-request, .htmx-settling, .htmx-swapping")).to_have_count(0)
    page.wait_for_timeout(80)


def matrix_path(project):
    return reverse("ideas:matrix", args=[project.organisation.slug, project.pk])


def scores(idea):
    idea.refresh_from_db()
    return idea.effort, idea.effect


def drag(page, source, target):
    start = source.bounding_box()
    end = target.bounding_box()
    page.mouse.move(start["x"] + 8, start["y"] + 8)
    page.mouse.down()
    page.mouse.move(start["x"] + 14, start["y"] + 30, steps=5)
    page.mouse.move(end["x"] + 20, end["y"] + 15, steps=12)
    page.mouse.up()


def test_an_idea_is_dragged_onto_the_matrix_and_moved_by_keyboard(ui, english, cast, project):
    idea = IdeaFactory(project=project, title="Sjekkliste på nett")
    IdeaFactory(project=project, title="Stor omlegging", effort=5, effect=5)
    english(cast.facilitator)
    ui.visit(matrix_path(project))
    page = ui.page
    ui.check("ideas-matrix")

    quick_win = page.locator('.matrix__ideas[data-effort="1"][data-effect="5"]')
    drag(page, page.locator(f"#idea-{idea.pk}"), quick_win)
    settled(page)
    expect(page.locator("#matrix-status")).to_contain_text("effort 1, effect 5")
    assert scores(idea) == (1, 5)
    expect(quick_win.locator(f"#idea-{idea.pk}")).to_be_visible()
    ui.check()

    link = page.locator(f"#idea-link-{idea.pk}")
    link.focus()
    page.keyboard.press("ArrowRight")
    settled(page)
    expect(page.locator("#matrix-status")).to_contain_text("effort 2, effect 5")
    expect(page.locator(f"#idea-link-{idea.pk}")).to_be_focused()
    page.keyboard.press("ArrowDown")
    settled(page)
    assert scores(idea) == (2, 4)
    expect(page.locator(f"#idea-link-{idea.pk}")).to_be_focused()
    ui.check()


def test_the_list_places_an_idea_with_two_choices(ui, english, cast, project):
    idea = IdeaFactory(project=project, title="Felles mal")
    english(cast.facilitator)
    ui.visit(matrix_path(project))
    page = ui.page
    page.locator(f"#effort-{idea.pk}").select_option("4")
    page.locator(f"#effect-{idea.pk}").select_option("2")
    page.locator(f"#save-{idea.pk}").click()
    settled(page)
    expect(page.locator("#matrix-status")).to_contain_text("Drop")
    assert scores(idea) == (4, 2)
    expect(page.locator(f"#save-{idea.pk}")).to_be_focused()
    ui.check()


def test_the_action_plan_my_actions_benefits_and_an_idea_from_feedback(ui, english, cast, project):
    TeamMemberFactory(project=project, user=cast.employee, role=ProjectRole.MEMBER)
    idea = IdeaFactory(project=project, title="Digital søknad")
    ActionFactory(
        project=project,
        idea=idea,
        what="Oppdatere nettsiden",
        owner=cast.facilitator,
        due_date=timezone.localdate() - timedelta(days=2),
    )
    english(cast.facilitator)
    slug = project.organisation.slug
    ui.visit(reverse("ideas:action_plan", args=[slug, project.pk]))
    page = ui.page
    expect(page.locator(".action-row--overdue")).to_contain_text("Overdue")
    ui.check("ideas-action-plan")

    page.get_by_role("link", name="Add an action").click()
    ui.check("ideas-action-add")
    page.get_by_label("What is to be done").fill("Ringe søkerne")
    page.get_by_label("Owner").select_option(label="Mona Medarbeider")
    page.get_by_label("Due date").fill(
        (timezone.localdate() - timedelta(days=1)).strftime("%d.%m.%Y")
    )
    page.get_by_role("button", name="Add action").click()
    expect(page.locator(".messages")).to_contain_text("has passed")
    expect(page.locator(".action-row--overdue")).to_have_count(2)
    ui.check()

    ui.visit(reverse("ideas:my_actions", args=[slug]))
    expect(page.locator(".action-row")).to_contain_text("Oppdatere nettsiden")
    ui.check("ideas-my-actions")
    ui.visit(reverse("ideas:benefits", args=[slug, project.pk]))

    question = QuestionFactory(form=FormFactory(project=project), kind="long_text", text="Fortell")
    answer = AnswerFactory(
        question=question, number=None, text="Send meg en SMS når saken er ferdig."
    )
    ui.visit(reverse("ideas:from_answer", args=[slug, answer.pk]))
    ui.check("ideas-from-answer")
    page.get_by_role("button", name="Propose the idea").click()
    page.wait_for_load_state()
    assert Idea.objects.filter(feedback_answer=answer).count() == 1


def test_the_matrix_never_scrolls_the_page_sideways_on_a_phone(phone_ui, cast, project, password):
    for n in range(3):
        IdeaFactory(project=project, title=f"Forhåndskonferanse på Teams {n}", effort=2, effect=4)
    IdeaFactory(project=project, title="Ikke plassert ennå")
    phone_ui.log_in(cast.facilitator.email, password)
    phone_ui.visit(matrix_path(project))
    page = phone_ui.page
    # The grid scrolls within itself; the score table is a card per idea.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    phone_ui.check("ideas-matrix-phone")
