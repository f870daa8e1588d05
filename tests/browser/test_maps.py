"""Start the current-state map from the project page, change its settings and
find it listed with its key figures – in Chromium, with axe on every page.

Labels are matched in bokmål or in English: the page is bokmål where the
catalogue has the words, English where it does not yet."""

import re

import pytest
from playwright.sync_api import expect

from processes.models import Lane, ProcessMap
from projects.models import ProjectRole
from tests.factories import StepFactory, TeamMemberFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def words(*alternatives):
    return re.compile("|".join(re.escape(a) for a in alternatives))


def test_a_member_starts_a_map_and_edits_its_settings(ui, cast, project, password):
    TeamMemberFactory(project=project, user=cast.employee, role=ProjectRole.MEMBER)
    page = ui.page
    ui.log_in(cast.employee.email, password)
    ui.visit(project.get_absolute_url())
    start = words("Start the current-state map", "Start kartet over nåsituasjonen")
    expect(page.get_by_role("link", name=start)).to_be_visible()  # the overview's card
    page.get_by_role("navigation", name="Prosjekt").get_by_role("link", name="Prosesskart").click()
    ui.check("maps-empty")
    page.get_by_role("link", name=start).click()
    ui.check("map-start")

    name = page.get_by_label(words("Name of the map", "Navn på kartet"))
    name.fill("Byggesak i dag")
    volume = page.get_by_label(words("Cases per year", "Antall saker per år"))
    volume.fill("minus fem")
    page.get_by_label(words("Swimlanes", "Svømmebaner")).fill("Søker\nServicetorget\nSaksbehandler")
    page.get_by_role("button", name=words("Start the map", "Start kartet")).click()
    expect(page.get_by_role("alert")).to_contain_text(words("Cases per year", "Antall saker"))
    ui.check("map-start-error")
    assert not ProcessMap.objects.exists()

    page.get_by_label(words("Cases per year", "Antall saker per år")).fill("1 200")
    page.get_by_role("button", name=words("Start the map", "Start kartet")).click()
    expect(page.get_by_role("heading", name="Byggesak i dag")).to_be_visible()
    ui.check("map-board")
    process_map = ProcessMap.objects.get()
    assert process_map.yearly_volume == 1200
    assert list(Lane.objects.values_list("name", flat=True)) == [
        "Søker",
        "Servicetorget",
        "Saksbehandler",
    ]
    StepFactory(map=process_map, lane=Lane.objects.get(name="Søker"), title="Sende søknad")

    # The board is for the projector: a breadcrumb, not the project's navigation.
    crumbs = page.get_by_role("navigation", name=words("Breadcrumb", "Brødsmulesti"))
    crumbs.get_by_role("link", name="Prosesskart").click()
    ui.check("maps")
    page.get_by_role("link", name=words("Map settings", "Innstillinger for kartet")).click()
    ui.check("map-settings")
    page.get_by_label(words("Name of the map", "Navn på kartet")).fill("Rammetillatelse i dag")
    page.get_by_label(words("Cases per year", "Antall saker per år")).fill("400")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_role("heading", name="Rammetillatelse i dag")).to_be_visible()
    process_map.refresh_from_db()
    assert (process_map.name, process_map.yearly_volume) == ("Rammetillatelse i dag", 400)

    crumbs.get_by_role("link", name="Prosesskart").click()
    card = page.get_by_role("article", name="Rammetillatelse i dag")
    expect(card).to_contain_text("1")  # one step
    expect(page.get_by_role("link", name=words("Delete map", "Slett kartet"))).to_have_count(0)
    ui.check("maps-listed")


def test_the_facilitator_is_asked_before_a_map_is_deleted(ui, cast, project, password):
    process_map = ProcessMap.objects.create(project=project, name="Byggesak i dag")
    ui.log_in(cast.facilitator.email, password)
    page = ui.page
    ui.visit(f"/o/{cast.organisation.slug}/projects/{project.pk}/maps/")
    page.get_by_role("link", name=words("Delete map", "Slett kartet")).click()
    ui.check("map-delete")
    assert ProcessMap.objects.filter(pk=process_map.pk).exists()
    page.get_by_role("button", name=words("Delete map", "Slett kartet")).click()
    expect(page.locator(".message")).to_contain_text(words("is deleted", "er slettet"))
    ui.check("maps-after-delete")
    assert not ProcessMap.objects.exists()
