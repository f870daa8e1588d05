"""Problem notes on a step and their five whys: who may add, edit and
delete them, double posts, stale edits."""

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.models import Role
from processes import services
from processes.models import ProblemNote, ProcessMap
from projects.models import ProjectRole
from tests.factories import (
    LaneFactory,
    MembershipFactory,
    ProcessMapFactory,
    StepFactory,
    TeamMemberFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


@pytest.fixture
def scene(cast, project):
    process_map = ProcessMapFactory(project=project)
    step = StepFactory(map=process_map, lane=LaneFactory(map=process_map), title="Registrere")
    TeamMemberFactory(project=project, user=cast.employee, role=ProjectRole.MEMBER)
    other = MembershipFactory(organisation=cast.organisation, role=Role.EMPLOYEE).user
    TeamMemberFactory(project=project, user=other, role=ProjectRole.MEMBER)
    observer = MembershipFactory(organisation=cast.organisation, role=Role.EMPLOYEE).user
    TeamMemberFactory(project=project, user=observer, role=ProjectRole.OBSERVER)
    note = services.add_note(
        step,
        version=process_map.version,
        by=cast.employee,
        text="Søknaden mangler vedlegg",
        waste_type="defects",
        whys=["Skjemaet sier ikke hva som trengs", "Skjemaet er gammelt"],
    )
    return {
        "step": step,
        "note": note,
        "author": cast.employee,
        "other": other,
        "manager": cast.facilitator,
        "observer": observer,
    }


def urls(cast, scene):
    slug = cast.organisation.slug
    return {
        "step": reverse("processes:step", args=[slug, scene["step"].pk]),
        "add": reverse("processes:note_add", args=[slug, scene["step"].pk]),
        "edit": reverse("processes:note_edit", args=[slug, scene["note"].pk]),
        "delete": reverse("processes:note_delete", args=[slug, scene["note"].pk]),
    }


def version():
    return ProcessMap.objects.get().version


def edit_data(**extra):
    return {
        "text": "Vedlegg mangler",
        "waste_type": "defects",
        "whys": ["Skjemaet er uklart"],
        "version": version(),
        **extra,
    }


def test_step_page_shows_the_notes_and_their_whys(client_for, cast, scene):
    response = client_for(scene["observer"]).get(urls(cast, scene)["step"])
    body = response.content.decode()
    assert response.status_code == 200
    assert "Søknaden mangler vedlegg" in body and "Skjemaet er gammelt" in body
    assert urls(cast, scene)["add"] not in body  # observers read only
    assert urls(cast, scene)["edit"] not in body


def test_only_author_and_managers_see_edit_links(client_for, cast, scene):
    edit = urls(cast, scene)["edit"]
    for who, sees in (("author", True), ("manager", True), ("other", False)):
        body = client_for(scene[who]).get(urls(cast, scene)["step"]).content.decode()
        assert (edit in body) is sees, who


def test_members_add_notes_once_per_form(client_for, cast, scene):
    client = client_for(scene["other"])
    data = {
        "text": "Mangler nabovarsel",
        "waste_type": "",
        "whys": ["a", "", "b"],
        "version": version(),
        "token": "t" * 32,
    }
    first = client.post(urls(cast, scene)["add"], data)
    second = client.post(urls(cast, scene)["add"], data)
    assert first.status_code == second.status_code == 302
    note = ProblemNote.objects.get(text="Mangler nabovarsel")
    assert note.whys == ["a", "b"] and note.author == scene["other"]
    assert ProblemNote.objects.filter(text="Mangler nabovarsel").count() == 1


def test_observers_may_not_add_notes(client_for, cast, scene):
    response = client_for(scene["observer"]).post(
        urls(cast, scene)["add"], {"text": "x", "version": version()}
    )
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("who", "allowed"), [("author", True), ("manager", True), ("other", False), ("observer", False)]
)
def test_who_may_edit_and_delete_a_note(client_for, cast, scene, who, allowed):
    client = client_for(scene[who])
    edit, delete = urls(cast, scene)["edit"], urls(cast, scene)["delete"]
    assert client.get(edit).status_code == (200 if allowed else 403)
    assert client.get(delete).status_code == (200 if allowed else 403)
    response = client.post(edit, edit_data())
    assert response.status_code == (302 if allowed else 403)
    assert (ProblemNote.objects.get().text == "Vedlegg mangler") is allowed
    response = client.post(delete, {"version": version()})
    assert response.status_code == (302 if allowed else 403)
    assert ProblemNote.objects.exists() is not allowed


def test_more_than_five_whys_are_refused(client_for, cast, scene):
    client = client_for(scene["author"])
    with translation.override("en"):
        response = client.post(
            urls(cast, scene)["edit"], edit_data(whys=[f"hvorfor {i}" for i in range(6)])
        )
    assert response.status_code == 422
    assert "At most five whys" in response.content.decode()
    assert 'value="hvorfor 5"' in response.content.decode()  # the input is kept
    assert ProblemNote.objects.get().whys == [
        "Skjemaet sier ikke hva som trengs",
        "Skjemaet er gammelt",
    ]
    five = client.post(urls(cast, scene)["edit"], edit_data(whys=[f"h{i}" for i in range(5)]))
    assert five.status_code == 302
    assert ProblemNote.objects.get().whys == ["h0", "h1", "h2", "h3", "h4"]


def test_a_new_note_without_text_names_the_field(client_for, cast, scene):
    response = client_for(scene["author"]).post(
        urls(cast, scene)["add"], {"text": "", "version": version(), "token": "u" * 32}
    )
    assert response.status_code == 422
    assert "text" in response.context["form"].errors
    assert ProblemNote.objects.count() == 1


def test_a_stale_edit_is_refused_and_keeps_the_input(client_for, cast, scene):
    opened = version()
    services.edit_note(
        scene["note"], version=opened, by=scene["manager"], text="Endret av veileder"
    )
    client = client_for(scene["author"])
    with translation.override("en"):
        response = client.post(
            urls(cast, scene)["edit"], edit_data(text="Min tekst", version=opened)
        )
    body = response.content.decode()
    assert response.status_code == 409
    assert "Vera Veileder changed this map" in body
    assert 'value="Min tekst"' in body  # what was typed
    assert "Endret av veileder" in body  # what is saved now, beside it
    assert ProblemNote.objects.get().text == "Endret av veileder"
    # The form now carries the new version: sending it again saves.
    again = client.post(
        urls(cast, scene)["edit"],
        edit_data(text="Min tekst", version=response.context["form"].data["version"]),
    )
    assert again.status_code == 302
    assert ProblemNote.objects.get().text == "Min tekst"


def test_a_stale_delete_asks_again(client_for, cast, scene):
    opened = version()
    services.edit_note(scene["note"], version=opened, by=scene["manager"], text="Endret")
    client = client_for(scene["author"])
    response = client.post(urls(cast, scene)["delete"], {"version": opened})
    assert response.status_code == 200
    assert ProblemNote.objects.exists()
    assert client.post(urls(cast, scene)["delete"], {"version": version()}).status_code == 302
    assert not ProblemNote.objects.exists()
