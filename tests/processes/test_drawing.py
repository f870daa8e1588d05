"""The map drawn as one SVG: escaped, every class carried twice, arrows per
hand-off, legible at 40 steps, the same output for the same map."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import translation

from processes import metrics
from processes.drawing import BOX_W, TITLE_CHARS, draw, wrap
from processes.models import Lane, Step
from processes.views.compare import file_name
from projects.models import ProjectRole
from tests.factories import LaneFactory, ProcessMapFactory, StepFactory, TeamMemberFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


SVG = "{http://www.w3.org/2000/svg}"


def a_map(n=4, titles=None, **map_fields):
    process_map = ProcessMapFactory(**map_fields)
    lanes = [LaneFactory(map=process_map, name=name) for name in ("Søker", "Saksbehandler")]
    classes = ["value_adding", "necessary", "waste", ""]
    for i in range(n):
        StepFactory(
            map=process_map,
            lane=lanes[(i // 2) % 2],
            title=(titles or {}).get(i, f"Behandle sak {i + 1}"),
            value_class=classes[i % 4],
        )
    return process_map


def drawn(process_map, **kwargs):
    lanes = list(Lane.objects.filter(map=process_map))
    steps = list(Step.objects.filter(map=process_map))
    return draw(process_map, steps, lanes, **kwargs), steps


def parse(svg) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 (our own output, in a test)


def test_is_a_standalone_accessible_svg():
    svg, _steps = drawn(a_map())
    root = parse(svg)  # well-formed XML
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("viewBox").startswith("0 0 ")
    assert root.find(f"{SVG}title").text.startswith("Byggesak i dag")
    assert "4 steps in 2 swimlanes" in root.find(f"{SVG}desc").text
    assert "style=" not in svg and "<script" not in svg
    assert "@import" not in svg and 'href="http' not in svg


def test_titles_from_users_are_escaped():
    process_map = a_map(titles={0: '<script>alert("x")</script> & «søknad»'}, name="Kart <b>")
    svg, _steps = drawn(process_map)
    assert "<script>" not in svg and "<b>" not in svg
    assert "&lt;script&gt;" in svg
    root = parse(svg)
    assert root.find(f"{SVG}title").text.startswith("Kart <b>")
    first = root.find(f".//{SVG}g[@data-step='1']/{SVG}title").text
    assert '<script>alert("x")</script> & «søknad»' in first


@pytest.mark.parametrize(
    ("value_class", "mark", "fill"),
    [
        ("value_adding", "✓ V", "#009E73"),
        ("necessary", "◆ N", "url(#pm{pk}-hatch)"),
        ("waste", "✕ S", "url(#pm{pk}-cross)"),
        ("", "· ?", "url(#pm{pk}-dots)"),
    ],
)
def test_each_class_has_its_pattern_glyph_and_letter(value_class, mark, fill):
    process_map = ProcessMapFactory()
    StepFactory(map=process_map, lane=LaneFactory(map=process_map), value_class=value_class)
    svg, _steps = drawn(process_map)
    root = parse(svg)
    box = root.find(f".//{SVG}g[@data-step='1']")
    assert box.get("class") == f"pd-step pd-step--{value_class or 'none'}"
    band = box.find(f"{SVG}rect[@class='pd-step__band']")
    assert band.get("fill") == fill.format(pk=process_map.pk)
    assert box.find(f"{SVG}text[@class='pd-step__class']").text == mark
    # The legend names every class with the same carriers.
    assert svg.count(f'fill="{fill.format(pk=process_map.pk)}"') >= 2


def test_one_arrow_per_hand_off():
    process_map = a_map(7)  # lanes A A B B A A B: three hand-offs
    svg, steps = drawn(process_map)
    figures = metrics.compute(steps)
    assert figures.hand_offs == 3
    assert svg.count('class="pd-handoff"') == figures.hand_offs
    assert svg.count('class="pd-flow"') == len(steps) - 1 - figures.hand_offs


def test_totals_and_times_in_norwegian():
    process_map = a_map(2, yearly_volume=400)
    with translation.override("nb"):
        svg, _steps = drawn(process_map)
    # Two steps of 30 min + one working day's wait: 2,1 working days.
    assert "2,1" in svg
    assert "30 min" in svg
    root = parse(svg)
    totals = [
        g.find(f"{SVG}text").text for g in root.iter(f"{SVG}g") if g.get("class") == "pd-total"
    ]
    assert len(totals) == 7  # with a yearly volume: hours per year and FTEs too


def test_forty_steps_widen_the_drawing_and_shorten_long_titles():
    long_title = "Innhente uttalelse fra fagansvarlig, nabo og vegvesen om avkjørsel og parkering"
    small, _ = drawn(a_map(3))
    big, steps = drawn(a_map(40, titles=dict.fromkeys(range(40), long_title)))
    width = int(parse(small).get("viewBox").split()[2])
    big_width = int(parse(big).get("viewBox").split()[2])
    assert big_width > width
    assert big_width >= 40 * 150
    root = parse(big)
    box = root.find(f".//{SVG}g[@data-step='40']")
    lines = [t.text for t in box.find(f"{SVG}text[@class='pd-step__title']")]
    assert len(lines) == 3 and lines[-1].endswith("…")
    assert all(len(line) <= 18 for line in lines)
    assert long_title in box.find(f"{SVG}title").text  # the whole title on hover
    assert len(steps) == 40


def test_wrap_breaks_between_words_and_cuts_long_words():
    assert wrap("Registrere søknad i sak") == ["Registrere søknad", "i sak"]
    assert wrap("a" * 40, 10, 2) == ["a" * 9 + "-", "a" * 9 + "…"]


def test_same_map_same_drawing():
    process_map = a_map(5)
    assert drawn(process_map)[0] == drawn(process_map)[0]


def test_empty_map_is_drawn_with_a_note():
    process_map = ProcessMapFactory()
    LaneFactory(map=process_map)
    svg, _ = drawn(process_map)
    assert "No steps yet." in svg
    parse(svg)


def test_file_name_keeps_norwegian_letters_readable():
    assert file_name("Byggesak – ønsket situasjon", "svg") == "byggesak-onsket-situasjon.svg"
    assert file_name("Æser på Åsen", "svg") == "aeser-pa-asen.svg"
    assert file_name("«»", "svg") == "prosesskart.svg"


def test_download_is_an_svg_file(client_for, cast, project):
    process_map = a_map(3, project=project, name="Søknad på tur")
    url = reverse("processes:svg", args=[cast.organisation.slug, process_map.pk])
    response = client_for(cast.facilitator).get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert response["Content-Disposition"] == 'attachment; filename="soknad-pa-tur.svg"'
    body = response.content.decode()
    assert body.startswith("<?xml")
    parse(body.split("\n", 1)[1])
    assert re.search(r'class="pd-handoff"', body)


def test_observers_may_download_the_drawing(client_for, cast, project):
    TeamMemberFactory(project=project, user=cast.employee, role=ProjectRole.STEERING_GROUP)
    process_map = a_map(2, project=project)
    url = reverse("processes:svg", args=[cast.organisation.slug, process_map.pk])
    assert client_for(cast.employee).get(url).status_code == 200


def test_text_is_large_enough_to_project_and_out_of_reach_of_page_rules():
    """Every text at least 14 px at natural size, and no class the board's
    rules (.step, .step__title, .lane) would restyle: the drawing's own
    classes start with pd-."""
    svg, _steps = drawn(a_map(6, yearly_volume=400), title=True)
    root = parse(svg)
    sizes = [float(el.get("font-size")) for el in root.iter() if el.get("font-size")]
    assert sizes and min(sizes) >= 14
    classes = {name for el in root.iter() if el.get("class") for name in el.get("class").split()}
    assert classes - {"process-drawing"}
    assert all(name.startswith("pd-") for name in classes - {"process-drawing"})
    # Every step title line fits its box at 15 px (about 8.5 px a character).
    assert TITLE_CHARS * 8.5 <= BOX_W - 16


def test_totals_are_written_as_on_the_pages():
    process_map = a_map(2, yearly_volume=400)
    svg, _steps = drawn(process_map)
    root = parse(svg)
    totals = ["".join(g.itertext()) for g in root.iter(f"{SVG}g") if g.get("class") == "pd-total"]
    assert any(text.endswith(" h") and "Hours per year" in text for text in totals)
    assert any(text.endswith(" FTEs") for text in totals)
    assert any(text.endswith(" %") for text in totals)
