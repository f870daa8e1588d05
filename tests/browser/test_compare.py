"""The compare view, a step's page with its problems and the analysis page
in Chromium: axe-clean, no CSP violations, screenshots for a look."""

import pytest
from playwright.sync_api import expect

from processes import services
from processes.models import MapKind, ProblemNote, Step
from projects.models import ProjectRole
from tests.factories import ProjectFactory, TeamMemberFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DAY = 450

STEPS = (
    ("Søker", "Sende byggesøknad", 60, 0, "value_adding"),
    ("Servicetorget", "Registrere søknad i arkivet", 20, 3 * DAY, "necessary"),
    ("Servicetorget", "Fordele saken til saksbehandler", 10, 5 * DAY, "waste"),
    ("Saksbehandler", "Vurdere om søknaden er komplett", 45, 10 * DAY, "necessary"),
    ("Søker", "Ettersende manglende vedlegg", 60, 14 * DAY, "waste"),
    ("Saksbehandler", "Behandle søknaden", 240, 15 * DAY, "value_adding"),
    ("Fagansvarlig", "Kontrollere vedtaket", 30, 8 * DAY, ""),
    ("Saksbehandler", "Sende vedtak", 15, 2 * DAY, "value_adding"),
)


def assert_unique_landmarks(page):
    """axe's best-practice rule landmark-unique, which the WCAG run leaves out."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "rule", "values": ["landmark-unique"]}}
    violations = Axe().run(page, options=options).response["violations"]
    assert not violations, [node["target"] for v in violations for node in v["nodes"]]


def seed(cast):
    project = ProjectFactory(organisation=cast.organisation, title="Raskere byggesak")
    TeamMemberFactory(project=project, user=cast.facilitator, role=ProjectRole.FACILITATOR)
    by = cast.facilitator
    today = services.create_map(project, by=by, name="Byggesak i dag", yearly_volume=400)
    lanes = {}
    for lane_name, title, processing, waiting, value_class in STEPS:
        if lane_name not in lanes:
            lanes[lane_name] = services.add_lane(
                today, version=today.version, by=by, name=lane_name
            )
        services.add_step(
            today,
            version=today.version,
            by=by,
            lane=lanes[lane_name],
            title=title,
            processing_minutes=processing,
            waiting_minutes=waiting,
            value_class=value_class,
            waste_types=["defects"] if value_class == "waste" else [],
        )
    missing = Step.objects.get(map=today, title="Ettersende manglende vedlegg")
    services.add_note(
        missing,
        version=today.version,
        by=by,
        text="Søknaden mangler situasjonsplan",
        waste_type="defects",
        whys=["Søkeren vet ikke at den trengs", "Sjekklisten på nettsiden er utdatert"],
    )
    future = services.copy_to_future(today, by=by, name="Byggesak – ønsket situasjon")
    copies = {step.title: step for step in Step.objects.filter(map=future)}
    for title in ("Fordele saken til saksbehandler", "Ettersende manglende vedlegg"):
        services.delete_step(copies[title], version=future.version, by=by)
    services.edit_step(
        copies["Behandle søknaden"], version=future.version, by=by, waiting_minutes=5 * DAY
    )
    services.add_step(
        future,
        version=future.version,
        by=by,
        lane=copies["Sende byggesøknad"].lane,
        after=copies["Sende byggesøknad"],
        title="Få sjekkliste i søknadsskjemaet",
        processing_minutes=5,
        value_class="value_adding",
    )
    return project, today, future, missing


def test_compare_step_and_analysis_pages(ui, cast, password):
    project, today, future, missing = seed(cast)
    slug = cast.organisation.slug
    page = ui.page
    ui.log_in(cast.facilitator.email, password)

    page.goto(f"{ui.base_url}/o/{slug}/maps/{future.pk}/compare/")
    ui.check("compare")
    assert_unique_landmarks(page)
    expect(page.locator('a[href$="/drawing.svg"]')).to_have_count(2)
    # The drawing's text keeps the size it was drawn with: no page rule reaches it.
    title = page.locator("svg.process-drawing .pd-step__title").first
    assert title.evaluate("el => getComputedStyle(el).fontSize") == "15px"
    expect(page.locator(".kpi-table tbody tr").first).to_contain_text("−")
    expect(page.locator("svg.process-drawing")).to_have_count(2)
    expect(page.locator(".step-status--removed")).to_have_count(2)
    expect(page.locator(".step-status--new")).to_have_count(1)

    page.goto(f"{ui.base_url}/o/{slug}/maps/{today.pk}/compare/")
    ui.check("compare-current")
    expect(page.locator(f'a[href="/o/{slug}/maps/{today.pk}/future/"]')).to_be_visible()

    page.goto(f"{ui.base_url}/o/{slug}/steps/{missing.pk}/")
    ui.check("step")
    expect(page.locator(".note")).to_have_count(1)
    page.locator("#id_text").fill("Nabovarsel er ikke sendt")
    page.locator("#id_waste_type").select_option("waiting")
    page.locator("#why-1").fill("Søkeren visste ikke om det")
    page.locator('form[action$="/notes/add/"] button[type=submit]').click()
    expect(page.locator(".note")).to_have_count(2)
    ui.check("step-with-notes")
    assert ProblemNote.objects.get(text="Nabovarsel er ikke sendt").whys == [
        "Søkeren visste ikke om det"
    ]

    page.goto(f"{ui.base_url}/o/{slug}/projects/{project.pk}/maps/analysis/")
    ui.check("analysis")
    assert_unique_landmarks(page)
    label = page.locator("svg.chart--waste text").last
    assert float(label.evaluate("el => getComputedStyle(el).fontSize")[:-2]) >= 14
    chart = page.locator("svg.chart--waste")
    box = chart.bounding_box()
    for text in chart.locator("text").all():
        right = text.bounding_box()
        assert right["x"] + right["width"] <= box["x"] + box["width"] + 1  # no label cut off
    expect(page.locator(".why-chain li")).to_have_count(3)
    expect(page.locator("svg.chart--bars")).to_have_count(1)
    assert future.kind == MapKind.FUTURE
