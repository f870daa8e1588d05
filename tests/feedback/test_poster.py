"""The QR poster: an A4 page with the form's title, one line, a QR code of the
public address with its quiet zone, and the address as text."""

import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from feedback import services
from feedback.models import FormStatus
from feedback.qr import QUIET_ZONE, qr_svg
from projects.models import ProjectRole
from tests.factories import FormFactory, QuestionFactory, TeamMemberFactory

EXPLAIN = "Answer anonymously – it takes about one minute."


def in_bokmal(text: str) -> str:
    with translation.override("nb"):
        return gettext(text)


@pytest.fixture
def form(project):
    form = FormFactory(
        project=project,
        title="Hvordan opplevde du byggesaken din?",
        title_nn="Korleis opplevde du byggjesaka di?",
        status=FormStatus.OPEN,
    )
    QuestionFactory(form=form)
    return form


def poster_of(client, form):
    return client.get(reverse("feedback:poster", args=[form.project.organisation.slug, form.pk]))


def test_the_poster_has_the_title_the_line_the_qr_code_and_the_address(
    client_for, cast, form, settings
):
    settings.SITE_URL = "https://klean.eksempel.kommune.no"
    response = poster_of(client_for(cast.facilitator), form)
    html = response.content.decode()
    url = f"https://klean.eksempel.kommune.no/f/{form.token}/"
    assert services.public_url(form) == url
    assert '<h1 class="poster__title" id="poster-title" lang="nb">Hvordan opplevde du' in html
    assert f'<p class="poster__explain" lang="nb">{in_bokmal(EXPLAIN)}</p>' in html
    # The QR code is the one segno draws of the full public address.
    drawing = qr_svg(url, label="QR").split("</title>")[1]
    assert drawing in html
    assert re.search(r'<svg role="img" viewBox="0 0 (\d+) \1" class="qr-code"><title>', html)
    # The address people type, without https://
    assert f'<p class="poster__url">klean.eksempel.kommune.no/f/{form.token}/</p>' in html


def test_the_qr_code_has_a_quiet_zone_of_four_modules(form):
    svg = qr_svg("https://klean.example/f/abc/", label="QR")
    size = int(re.search(r'viewBox="0 0 (\d+) \1"', svg).group(1))
    assert QUIET_ZONE == 4
    # The first dark module starts 4 modules in from the edge.
    first_path = re.search(r'<path[^>]*stroke="#000"[^>]*d="M(\d+) (\d+)', svg)
    assert first_path.group(1) == "4" and float(first_path.group(2)) >= 4
    assert size >= 21 + 2 * QUIET_ZONE


def test_the_poster_prints_on_a4_with_a_code_of_at_least_6_cm():
    css = (Path(django_settings.BASE_DIR) / "static/css/klean.css").read_text()
    block = css.split("/* --- feedback: builder and poster --- */")[1]
    assert "@page { size: A4" in block
    sizes = re.findall(r"\.poster__qr svg \{[^}]*width: (\d+(?:\.\d+)?)cm", block)
    assert sizes and all(float(size) >= 6 for size in sizes)
    printed = block.split("@media print")[1]
    assert ".poster-tools { display: none; }" in printed  # only the poster is printed


def test_the_poster_adds_the_nynorsk_lines_when_the_form_has_them(client_for, cast, form):
    html = poster_of(client_for(cast.facilitator), form).content.decode()
    assert '<div class="poster__other" lang="nn">' in html
    assert "Korleis opplevde du byggjesaka di?" in html
    form.title_nn = ""
    form.save()
    html = poster_of(client_for(cast.facilitator), form).content.decode()
    assert 'lang="nn"' not in html.split('class="poster"')[1]


def test_the_poster_is_in_bokmal_whatever_the_reader_language(client_for, cast, form):
    client = client_for(cast.facilitator)
    client.post(reverse("set_language"), {"language": "en"})
    html = poster_of(client, form).content.decode()
    assert '<html lang="en">' in html
    assert f'<p class="poster__explain" lang="nb">{in_bokmal(EXPLAIN)}</p>' in html


def test_a_draft_poster_says_the_address_opens_when_published(client_for, cast, form):
    form.status = FormStatus.DRAFT
    form.save()
    html = poster_of(client_for(cast.facilitator), form).content.decode()
    assert 'class="warning"' in html.split('class="poster"')[0]


def test_every_reader_of_the_project_gets_the_poster(client_for, cast, project, form):
    observer = cast.employee
    TeamMemberFactory(project=project, user=observer, role=ProjectRole.OBSERVER)
    assert poster_of(client_for(observer), form).status_code == 200


def test_the_qr_code_downloads_as_an_svg_file(client_for, cast, form):
    response = client_for(cast.facilitator).get(
        reverse("feedback:poster_svg", args=[cast.organisation.slug, form.pk])
    )
    assert response["Content-Type"] == "image/svg+xml"
    assert response["Content-Disposition"] == f'attachment; filename="qr-skjema-{form.pk}.svg"'
    body = response.content.decode()
    assert body.startswith("<?xml") and 'width="100.0mm"' in body
    assert services.public_url(form) in body
