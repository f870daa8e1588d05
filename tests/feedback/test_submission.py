"""Reading and storing a resident's answers (feedback/submission.py): every
question kind, every bad input, and what is stored."""

import datetime

import pytest
from django.http import QueryDict
from django.utils import translation

from feedback.models import LONG_TEXT, SHORT_TEXT, Answer, ContactRequest, Form, Question, Response
from feedback.submission import (
    CONTACT_FIELD,
    EMAIL_FIELD,
    clean_text,
    read_answers,
    scale_labels,
    store,
)
from tests.feedback.helpers import CHANNELS, OPTIONS, form_with_every_kind, good_answers


def question(pk, kind, *, required=False, options=()):
    return Question(
        pk=pk, kind=kind, text=f"Spørsmål {pk}", required=required, options=list(options)
    )


def data(**values) -> QueryDict:
    query = QueryDict(mutable=True)
    for key, value in values.items():
        if isinstance(value, list):
            query.setlist(key, value)
        else:
            query[key] = value
    return query


FORM = Form(pk=1, title="Skjema", offer_contact=False)
CONTACT_FORM = Form(pk=2, title="Skjema", offer_contact=True)


def read(questions, form=FORM, **values):
    return read_answers(form, questions, data(**values))


# --- Every kind, answered well -------------------------------------------------------


def test_every_kind_is_read_into_its_value():
    questions = [
        question(1, "satisfaction"),
        question(2, "yes_no"),
        question(3, "single", options=OPTIONS),
        question(4, "multiple", options=CHANNELS),
        question(5, "short_text"),
        question(6, "long_text"),
        question(7, "what_matters"),
    ]
    result = read(
        questions, q1="5", q2="0", q3="3", q4=["2", "0"], q5=" Kort ", q6="To\r\nlinjer", q7="Tid"
    )
    assert result.is_valid, result.errors
    assert result.values == {1: 5, 2: 0, 3: 3, 4: [0, 2], 5: "Kort", 6: "To\nlinjer", 7: "Tid"}


def test_optional_questions_left_blank_give_no_value_and_no_error():
    questions = [question(1, "satisfaction"), question(2, "multiple", options=CHANNELS)]
    result = read(questions, q1="")
    assert result.is_valid and result.values == {}


@pytest.mark.parametrize("kind", ["satisfaction", "yes_no", "single", "multiple", "short_text"])
def test_a_required_question_left_blank_is_named(kind):
    result = read([question(1, kind, required=True, options=OPTIONS)])
    assert list(result.errors) == ["q1"]
    assert result.errors["q1"]


def test_the_scale_has_full_labels_from_one_to_five():
    with translation.override("en"):
        labels = dict(scale_labels())
    assert list(labels) == [1, 2, 3, 4, 5]
    assert labels[1].startswith("1 – ") and labels[5].startswith("5 – ")


# --- Bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["0", "6", "-1", "4.5", "fire", "9" * 40, "5\x006"])
def test_a_score_outside_one_to_five_is_refused(value):
    result = read([question(1, "satisfaction")], q1=value)
    assert "q1" in result.errors
    assert result.values == {}


@pytest.mark.parametrize("value", ["2", "-1", "ja"])
def test_yes_no_takes_only_yes_or_no(value):
    assert "q1" in read([question(1, "yes_no")], q1=value).errors


@pytest.mark.parametrize("value", ["4", "-1", "99999999999999999999", "Ja"])
def test_a_choice_not_among_the_options_is_refused(value):
    assert "q1" in read([question(1, "single", options=OPTIONS)], q1=value).errors


@pytest.mark.parametrize("values", [["3"], ["0", "7"], ["-1"], ["0", "0"], ["1", "x"]])
def test_multiple_choice_indexes_out_of_range_or_twice_are_refused(values):
    result = read([question(1, "multiple", options=CHANNELS)], q1=values)
    assert "q1" in result.errors


@pytest.mark.parametrize(
    ("kind", "limit"),
    [("short_text", SHORT_TEXT), ("long_text", LONG_TEXT), ("what_matters", LONG_TEXT)],
)
def test_text_over_its_limit_is_refused_with_its_length_not_cut(kind, limit):
    ok = read([question(1, kind)], q1="a" * limit)
    assert ok.is_valid and ok.values[1] == "a" * limit
    too_long = read([question(1, kind)], q1="a" * (limit + 1))
    assert str(limit + 1) in too_long.errors["q1"] and str(limit) in too_long.errors["q1"]
    assert too_long.typed["q1"] == "a" * (limit + 1), "what was typed is kept to show again"


def test_nul_bytes_and_control_characters_are_removed():
    result = read(
        [question(1, "long_text"), question(2, "short_text")],
        q1="Hei\x00 der\x1b[31m\nNy linje\u2028slutt\x7f",
        q2="En\nlinje\tbare",
    )
    assert result.values[1] == "Hei der[31m\nNy linje\nslutt"
    assert result.values[2] == "En linje bare"


def test_text_of_only_control_characters_counts_as_blank():
    result = read([question(1, "long_text", required=True)], q1="\x00\x01 \x02")
    assert "q1" in result.errors


def test_clean_text_keeps_norwegian_letters_and_emoji():
    assert clean_text("Blåbærsyltetøy 👍", multiline=False) == "Blåbærsyltetøy 👍"


# --- "You may contact me" -------------------------------------------------------------------


def test_contact_needs_the_box_and_an_address():
    ok = read([], form=CONTACT_FORM, **{CONTACT_FIELD: "1", EMAIL_FIELD: "kari@example.no"})
    assert ok.is_valid and ok.email == "kari@example.no"
    missing = read([], form=CONTACT_FORM, **{CONTACT_FIELD: "1"})
    assert EMAIL_FIELD in missing.errors
    not_ticked = read([], form=CONTACT_FORM, **{EMAIL_FIELD: "kari@example.no"})
    assert EMAIL_FIELD in not_ticked.errors
    bad = read([], form=CONTACT_FORM, **{CONTACT_FIELD: "1", EMAIL_FIELD: "kari(at)example"})
    assert EMAIL_FIELD in bad.errors
    long = read([], form=CONTACT_FORM, **{CONTACT_FIELD: "1", EMAIL_FIELD: "a" * 250 + "@x.no"})
    assert EMAIL_FIELD in long.errors
    nothing = read([], form=CONTACT_FORM)
    assert nothing.is_valid and nothing.email == ""


def test_contact_fields_are_ignored_when_the_form_does_not_offer_contact():
    result = read([], form=FORM, **{CONTACT_FIELD: "1", EMAIL_FIELD: "kari@example.no"})
    assert result.is_valid and result.email == ""


# --- Storing ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_store_writes_one_response_with_its_answers_and_the_day_only(settings):
    form, questions = form_with_every_kind()
    ordered = list(form.questions.all())
    posted = data(**good_answers(questions), **{CONTACT_FIELD: "1", EMAIL_FIELD: "kari@example.no"})
    result = read_answers(form, ordered, posted)
    assert result.is_valid, result.errors
    response = store(form, ordered, result, "nn")

    assert Response.objects.get() == response
    assert response.language == "nn"
    assert isinstance(response.submitted_on, datetime.date)
    assert not isinstance(response.submitted_on, datetime.datetime)
    by_kind = {a.question.kind: a for a in Answer.objects.select_related("question")}
    assert by_kind["satisfaction"].number == 4
    assert by_kind["yes_no"].number == 1
    assert by_kind["single"].number == 1
    assert by_kind["multiple"].choices == [0, 2]
    assert by_kind["short_text"].text == "Ferdigattest"
    assert by_kind["long_text"].text == "Svar raskere.\nSi hvor saken står."
    contact = ContactRequest.objects.get()
    assert contact.email == "kari@example.no" and contact.form == form


@pytest.mark.django_db
def test_store_refuses_an_invalid_submission():
    form, _questions = form_with_every_kind()
    result = read_answers(form, list(form.questions.all()), data())
    with pytest.raises(ValueError):
        store(form, list(form.questions.all()), result, "nb")
    assert not Response.objects.exists()


@pytest.mark.django_db
def test_an_unknown_language_is_stored_as_bokmal():
    form, questions = form_with_every_kind()
    ordered = list(form.questions.all())
    result = read_answers(form, ordered, data(**good_answers(questions)))
    assert store(form, ordered, result, "sv").language == "nb"
