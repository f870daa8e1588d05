"""Votes on the idea page in Chromium: the button shows the vote, a click
asks for the opposite and the box is swapped in place. axe on the page in
both states."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from ideas.models import Vote
from projects.models import ProjectRole
from tests.factories import IdeaFactory, TeamMemberFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_vote_is_given_and_taken_back_in_place(ui, cast, project, password):
    TeamMemberFactory(project=project, user=cast.employee, role=ProjectRole.MEMBER)
    idea = IdeaFactory(project=project, title="Sjekkliste for søkere")
    ui.log_in(cast.employee.email, password)
    ui.visit(reverse("ideas:idea", args=[project.organisation.slug, idea.pk]))
    page = ui.page
    button = page.locator("#vote-button")
    expect(button).to_have_attribute("aria-pressed", "false")
    url = page.url
    button.click()
    expect(page.locator("#vote-button")).to_have_attribute("aria-pressed", "true")
    assert page.url == url  # swapped in place by htmx, no new page
    expect(page.locator(".idea-vote__mine")).to_be_visible()
    assert Vote.objects.filter(idea=idea, user=cast.employee).count() == 1
    ui.check("ideas-idea-voted")
    page.locator("#vote-button").click()
    expect(page.locator("#vote-button")).to_have_attribute("aria-pressed", "false")
    expect(page.locator(".idea-vote__count")).to_contain_text("0")
    assert not Vote.objects.filter(idea=idea).exists()
    ui.check()
