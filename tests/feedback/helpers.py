"""Shared helpers for the resident's form tests: a form with every kind of
question, and a post that carries a render token old enough to be stored."""

import re
import time

from feedback import protection
from feedback.submission import field_name
from tests.factories import FormFactory, QuestionFactory

OPTIONS = [
    {"nb": "Ja", "nn": "Ja", "en": "Yes"},
    {"nb": "Delvis", "nn": "Delvis", "en": "Partly"},
    {"nb": "Nei", "nn": "Nei", "en": "No"},
    {"nb": "Vet ikke", "nn": "Veit ikkje", "en": "Don't know"},
]
CHANNELS = [
    {"nb": "Telefon", "nn": "Telefon", "en": "Phone"},
    {"nb": "E-post", "nn": "E-post", "en": "E-mail"},
    {"nb": "Skranke", "nn": "Skranke", "en": "Desk"},
]


def form_with_every_kind(**form_fields):
    """An open form with one question of each kind; returns (form, {kind: question})."""
    fields = {
        "title": "Hvordan opplevde du byggesaken?",
        "title_nn": "Korleis opplevde du byggjesaka?",
        "title_en": "How was your building application handled?",
        "offer_contact": True,
        **form_fields,
    }
    form = FormFactory(**fields)
    spec = [
        ("satisfaction", "Hvor fornøyd er du?", "Kor nøgd er du?", True, []),
        ("yes_no", "Fikk du svar i tide?", "Fekk du svar i tide?", True, []),
        ("single", "Fikk du hjelp?", "Fekk du hjelp?", True, OPTIONS),
        ("multiple", "Hvordan kontaktet du oss?", "Korleis kontakta du oss?", False, CHANNELS),
        ("short_text", "Hva gjaldt saken?", "Kva galdt saka?", False, []),
        ("long_text", "Hva kan vi gjøre bedre?", "Kva kan vi gjere betre?", False, []),
        ("what_matters", "Hva er viktig for deg?", "Kva er viktig for deg?", False, []),
    ]
    questions = {}
    for order, (kind, text, text_nn, required, options) in enumerate(spec, start=1):
        questions[kind] = QuestionFactory(
            form=form,
            kind=kind,
            text=text,
            text_nn=text_nn,
            required=required,
            options=options,
            order=order,
        )
    return form, questions


def good_answers(questions) -> dict:
    return {
        field_name(questions["satisfaction"]): "4",
        field_name(questions["yes_no"]): "1",
        field_name(questions["single"]): "1",
        field_name(questions["multiple"]): ["0", "2"],
        field_name(questions["short_text"]): "Ferdigattest",
        field_name(questions["long_text"]): "Svar raskere.\nSi hvor saken står.",
        field_name(questions["what_matters"]): "Å vite hvor lang tid det tar.",
    }


def old_token(form, seconds=10) -> str:
    """A render token issued ``seconds`` ago: past the minimum fill time."""
    return protection.issue_token(form.pk, issued_at=time.time() - seconds)


def post(client, form, data, *, token=None, kiosk=False, **extra):
    url = f"/f/{form.token}/kiosk/" if kiosk else f"/f/{form.token}/"
    body = {protection.TOKEN_FIELD: old_token(form) if token is None else token, **data}
    return client.post(url, body, **extra)


def token_in(html: str) -> str:
    return re.search(r'name="render_token" value="([^"]+)"', html).group(1)


def shown_again(client, response):
    """A post that shows the form again answers 303 to a GET of the answers
    kept for a few minutes (so that the back button never posts them again);
    returns that GET's response."""
    assert response.status_code == 303, response.status_code
    assert "draft=" in response["Location"], response["Location"]
    return client.get(response["Location"])
