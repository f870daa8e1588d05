"""The demo's feedback: the byggesak pilot's open form with about 120 anonymous
answers, themes and contact requests, and a draft staff focus interview."""

import importlib.util
from collections import Counter

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from feedback.models import Answer, ContactRequest, Form, FormStatus, Response, Theme


@pytest.fixture
def seeded(db, monkeypatch):
    """seed_demo, without the process maps' seeder while it is not there yet."""
    if importlib.util.find_spec("processes.demo") is None:
        monkeypatch.setattr(apps.get_app_config("processes"), "demo_seeder", None)
    call_command("seed_demo")
    return Form.objects.get(title="Hvordan opplevde du byggesaken din?")


def test_the_byggesak_pilot_has_an_open_form_with_about_120_answers(seeded):
    assert seeded.project.title == "Raskere byggesak"
    assert seeded.status == FormStatus.OPEN and seeded.opened_at is not None
    assert 110 <= seeded.responses.count() <= 130
    assert seeded.languages() == ["nb", "nn", "en"]


def test_answers_are_spread_over_the_weeks_the_form_was_open(seeded):
    days = set(seeded.responses.values_list("submitted_on", flat=True))
    assert len(days) >= 20
    assert min(days) >= seeded.opened_at.date()


def test_satisfaction_is_spread_over_the_whole_scale(seeded):
    first = seeded.questions.order_by("order").first()
    scores = Counter(Answer.objects.filter(question=first).values_list("number", flat=True))
    assert set(scores) == {1, 2, 3, 4, 5}
    assert max(scores.values()) < 0.5 * sum(scores.values())


def test_free_text_is_varied_some_in_nynorsk_and_tagged_with_themes(seeded):
    texts = list(
        Answer.objects.filter(response__form=seeded).exclude(text="").values_list("text", flat=True)
    )
    assert len(texts) >= 60
    assert len(set(texts)) == len(texts), "no answer is written twice"
    assert Response.objects.filter(form=seeded, language="nn").count() >= 3
    joined = " ".join(texts).lower()
    for words in ("vent", "brev", "hvor saken sto", "sendt"):
        assert words in joined
    themes = Theme.objects.filter(form=seeded)
    assert set(themes.values_list("name", flat=True)) == {
        "Ventetid",
        "Uklare brev",
        "Status på saken",
        "Sendt rundt",
    }
    assert all(theme.answers.exists() for theme in themes)
    assert ContactRequest.objects.filter(form=seeded).count() == 2


def test_a_draft_staff_focus_interview_waits(seeded):
    draft = seeded.project.feedback_forms.get(title="Fokusintervju med ansatte")
    assert draft.status == FormStatus.DRAFT
    assert draft.questions.count() >= 5


def test_the_form_is_in_the_timeline(seeded):
    kinds = set(seeded.project.activities.values_list("kind", flat=True))
    assert {"feedback.form_created", "feedback.form_published"} <= kinds


def test_seeding_again_adds_nothing(seeded, monkeypatch):
    counts = (
        Form.objects.count(),
        Response.objects.count(),
        Answer.objects.count(),
        ContactRequest.objects.count(),
        Theme.objects.count(),
        seeded.project.activities.count(),
    )
    call_command("seed_demo")
    assert (
        Form.objects.count(),
        Response.objects.count(),
        Answer.objects.count(),
        ContactRequest.objects.count(),
        Theme.objects.count(),
        seeded.project.activities.count(),
    ) == counts


def test_answers_are_made_in_a_few_bulk_inserts(db, monkeypatch):
    if importlib.util.find_spec("processes.demo") is None:
        monkeypatch.setattr(apps.get_app_config("processes"), "demo_seeder", None)
    monkeypatch.setattr(apps.get_app_config("feedback"), "demo_seeder", None)
    call_command("seed_demo")
    from feedback import demo

    class Quiet:
        class stdout:
            write = staticmethod(lambda text: None)

    with CaptureQueriesContext(connection) as queries:
        demo.seed(Quiet)
    inserts = [q for q in queries if q["sql"].startswith('INSERT INTO "feedback_answer"')]
    assert len(inserts) <= 3
    assert len(queries) < 150
