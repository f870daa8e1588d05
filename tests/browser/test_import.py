"""Import a workshop's spreadsheet onto a map in Chromium: a file with a bad
row is refused with the row named, the corrected file is checked, confirmed
and its steps are on the map – with axe on every page."""

import re

import pytest
from playwright.sync_api import expect

from processes.models import Step
from projects.models import ProjectRole
from tests.browser.test_compare import assert_unique_landmarks
from tests.factories import LaneFactory, ProcessMapFactory, ProjectFactory, TeamMemberFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADER = "Svømmebane;Aktivitet;Behandlingstid;Ventetid;Verdiklasse;Sløsingstyper\n"
ROWS = [
    "Søker;Sende søknad;30 min;;verdiskapende;\n",
    "Servicetorget;Registrere søknad;15 min;3 dager;nødvendig;venting\n",
    "Saksbehandler;Vurdere søknad;2 timer;{waiting};verdiskapende;\n",
]


def csv_upload(waiting: str) -> dict:
    text = HEADER + "".join(ROWS).replace("{waiting}", waiting)
    return {"name": "verksted.csv", "mimeType": "text/csv", "buffer": text.encode("utf-8")}


def test_facilitator_imports_a_spreadsheet_after_fixing_a_bad_row(ui, cast, password):
    project = ProjectFactory(organisation=cast.organisation, title="Raskere byggesak")
    TeamMemberFactory(project=project, user=cast.facilitator, role=ProjectRole.FACILITATOR)
    process_map = ProcessMapFactory(project=project, name="Byggesak i dag")
    LaneFactory(map=process_map, name="Servicetorget")
    page = ui.page
    ui.log_in(cast.facilitator.email, password)
    import_path = f"/o/{cast.organisation.slug}/maps/{process_map.pk}/import/"
    ui.visit(import_path)
    ui.check("import-form")

    page.locator("input[type=file]").set_input_files(csv_upload("-3"))
    page.locator("form.import-form button[type=submit]").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text(re.compile(r"(Rad|Row) 4"))
    expect(alert).to_contain_text("«-3»")
    ui.check("import-errors")
    assert_unique_landmarks(page)
    expect(alert.locator("a")).to_have_count(0)
    assert not Step.objects.filter(map=process_map).exists()

    page.locator("input[type=file]").set_input_files(csv_upload("10"))
    page.locator("form.import-form button[type=submit]").click()
    confirm = page.locator("button[name=confirm]")
    expect(confirm).to_contain_text("3")
    expect(page.get_by_role("rowheader", name="Vurdere søknad")).to_be_visible()
    ui.check("import-preview")
    with page.expect_navigation():
        confirm.click()
    ui.check("import-done")
    steps = Step.objects.filter(map=process_map).select_related("lane")
    assert [(s.order, s.lane.name, s.title) for s in steps] == [
        (1, "Søker", "Sende søknad"),
        (2, "Servicetorget", "Registrere søknad"),
        (3, "Saksbehandler", "Vurdere søknad"),
    ]
    assert steps[2].waiting_minutes == 10 * 450
    assert f"/maps/{process_map.pk}/" in page.url
    expect(page.locator(".messages")).to_contain_text("3")
