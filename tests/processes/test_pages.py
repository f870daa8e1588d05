"""What every page of the process maps (outside the board) keeps to: forms
leave checking to the server, which answers in Norwegian; landmarks have
unique names; a step's times are written with their unit."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import translation

from processes import services
from tests.factories import LaneFactory, ProblemNoteFactory, ProcessMapFactory, StepFactory

pytestmark = pytest.mark.django_db


class Landmarks(HTMLParser):
    """The forms (their opening tag and whether they hold a required field)
    and the named regions of a page."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self.regions: list[str] = []
        self.ids: dict[str, str] = {}
        self._text_for: list[tuple[str, list[str]]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"novalidate": "novalidate" in attrs, "required": False})
        elif self.forms and "required" in attrs:
            self.forms[-1]["required"] = True
        if tag == "section" or attrs.get("role") == "region":
            label = attrs.get("aria-label") or f"#{attrs.get('aria-labelledby', '')}"
            if label != "#":
                self.regions.append(label)
        if "id" in attrs:
            self._text_for.append((attrs["id"], []))

    def handle_data(self, data):
        for _id, parts in self._text_for:
            parts.append(data)

    def handle_endtag(self, tag):
        if self._text_for and tag in ("h1", "h2", "h3", "h4", "caption"):
            name, parts = self._text_for.pop()
            self.ids[name] = " ".join("".join(parts).split())

    def names(self) -> list[str]:
        return [
            self.ids.get(label[1:], label) if label.startswith("#") else label
            for label in self.regions
        ]


@pytest.fixture
def scene(cast, project):
    process_map = ProcessMapFactory(project=project, name="Byggesak i dag", yearly_volume=10)
    lane = LaneFactory(map=process_map)
    step = StepFactory(
        map=process_map, lane=lane, processing_minutes=60, waiting_minutes=450, value_class="waste"
    )
    note = ProblemNoteFactory(step=step, author=cast.facilitator)
    future = services.copy_to_future(process_map, by=cast.facilitator, name="Byggesak i morgen")
    return {"map": process_map, "step": step, "note": note, "future": future}


def pages(cast, project, scene):
    slug = cast.organisation.slug
    return {
        "maps": reverse("processes:maps", args=[slug, project.pk]),
        "analysis": reverse("processes:analysis", args=[slug, project.pk]),
        "compare": reverse("processes:compare", args=[slug, scene["future"].pk]),
        "edit": reverse("processes:edit", args=[slug, scene["map"].pk]),
        "make_future": reverse("processes:make_future", args=[slug, scene["map"].pk]),
        "step": reverse("processes:step", args=[slug, scene["step"].pk]),
        "note_edit": reverse("processes:note_edit", args=[slug, scene["note"].pk]),
        "import": reverse("processes:import", args=[slug, scene["map"].pk]),
    }


@pytest.mark.parametrize(
    "page", ["maps", "analysis", "compare", "edit", "make_future", "step", "note_edit", "import"]
)
def test_forms_leave_checking_to_the_server_and_landmarks_are_unique(
    client_for, cast, project, scene, page
):
    response = client_for(cast.facilitator).get(pages(cast, project, scene)[page])
    assert response.status_code == 200
    parser = Landmarks()
    parser.feed(response.content.decode())
    assert all(form["novalidate"] for form in parser.forms if form["required"]), parser.forms
    names = parser.names()
    assert len(names) == len(set(names)), names


def test_the_start_form_leaves_checking_to_the_server(client_for, cast, project):
    response = client_for(cast.facilitator).get(
        reverse("processes:create", args=[cast.organisation.slug, project.pk])
    )
    parser = Landmarks()
    parser.feed(response.content.decode())
    assert parser.forms and all(form["novalidate"] for form in parser.forms if form["required"])


def test_a_step_s_times_have_their_unit_in_singular(client_for, cast, project, scene):
    client = client_for(cast.facilitator)
    with translation.override("en"):
        client.cookies["django_language"] = "en"
        body = client.get(pages(cast, project, scene)["step"]).content.decode()
    assert re.search(r"<dd>1 working day</dd>", body)
    assert re.search(r"<dd>1 hour</dd>", body)
