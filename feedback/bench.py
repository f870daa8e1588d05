"""Feedback's part of the benchmark data (klean.extensions ``bench_data`` / ``bench_targets``).

One large form in the demo organisation's project «Raskere byggesak»: 100,000
responses (the environment's or the settings' ``BENCH_FEEDBACK_RESPONSES``
to change it; the tests build a small one) over two years, each
with a score, a yes/no, a single and a multiple choice and, for one in three,
a free-text answer — the results page and the exports are measured over it
(QUALITY.md P2, P7). Every other project without a form gets a short survey
answered 125 times (the reference set's 50,000 answers), which the
organisation dashboard's satisfaction over time adds up (P1). Bulk inserts;
running it again adds nothing.
"""

import os
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from feedback.models import Answer, Form, FormStatus, Question, QuestionKind, Response

TITLE = "Brukerundersøkelse byggesak (benchmark)"
BATCH = 5000
TEXTS = [
    "Lang ventetid før jeg hørte noe.",
    "Brevet var vanskelig å forstå.",
    "Visste ikke hvor saken min sto.",
    "Ble sendt mellom to kontorer.",
    "Rask og hyggelig hjelp på telefon.",
    "Uklart hvilke dokumenter som manglet.",
]


def _form(organisation_slug: str):
    return Form.objects.filter(project__organisation__slug=organisation_slug, title=TITLE).first()


def build(command, organisations, projects, rng):
    _large_form(command, organisations, projects, rng)
    _spread(command, projects, rng)


def _large_form(command, organisations, projects, rng):
    demo = organisations[0]
    if _form(demo.slug) is not None:
        return
    project = next(
        (p for p in projects if p.organisation_id == demo.pk and p.title == "Raskere byggesak"),
        None,
    ) or next(p for p in projects if p.organisation_id == demo.pk)
    count = int(
        os.environ.get("BENCH_FEEDBACK_RESPONSES")
        or getattr(settings, "BENCH_FEEDBACK_RESPONSES", 100_000)
    )
    with transaction.atomic():
        form = Form.objects.create(project=project, title=TITLE, status=FormStatus.OPEN)
        kinds = [
            (QuestionKind.SATISFACTION, "Hvor fornøyd er du med saksbehandlingen?", []),
            (QuestionKind.YES_NO, "Fikk du svar på det du lurte på?", []),
            (
                QuestionKind.SINGLE,
                "Fikk du hjelp?",
                [{"nb": "Ja"}, {"nb": "Delvis"}, {"nb": "Nei"}, {"nb": "Vet ikke"}],
            ),
            (
                QuestionKind.MULTIPLE,
                "Hvordan tok du kontakt?",
                [{"nb": "Telefon"}, {"nb": "E-post"}, {"nb": "Oppmøte"}, {"nb": "Digitalt skjema"}],
            ),
            (QuestionKind.WHAT_MATTERS, "Hva er viktig for deg?", []),
        ]
        questions = Question.objects.bulk_create(
            Question(form=form, order=n, kind=kind, text=text, options=options)
            for n, (kind, text, options) in enumerate(kinds)
        )
        score, yes_no, single, multiple, text = questions
        start = timezone.localdate() - timedelta(days=730)
        for first in range(0, count, BATCH):
            responses = [
                Response(
                    id=uuid.UUID(int=rng.getrandbits(128), version=4),
                    form=form,
                    language=rng.choice(("nb", "nb", "nb", "nn", "en")),
                    submitted_on=start + timedelta(days=(n * 730) // count),
                )
                for n in range(first, min(first + BATCH, count))
            ]
            Response.objects.bulk_create(responses)
            answers = []
            for response in responses:
                answers += [
                    Answer(response=response, question=score, number=rng.randint(1, 5)),
                    Answer(response=response, question=yes_no, number=rng.randint(0, 1)),
                    Answer(response=response, question=single, number=rng.randint(0, 3)),
                    Answer(
                        response=response,
                        question=multiple,
                        choices=sorted(rng.sample(range(4), rng.randint(1, 2))),
                    ),
                ]
                if rng.random() < 1 / 3:
                    answers.append(Answer(response=response, question=text, text=rng.choice(TEXTS)))
            Answer.objects.bulk_create(answers, batch_size=BATCH)
    command.stdout.write(f"feedback: {count} responses to «{TITLE}»")


#: Every other project's survey: the reference set's 50,000 answers over 200 projects.
SPREAD_TITLE = "Hvordan opplevde du tjenesten?"


def _spread(command, projects, rng):
    """A two-question survey (satisfaction 1–5, yes/no) answered 125 times
    (the settings' ``BENCH_SURVEY_RESPONSES``; fewer in the tests) over two
    years in every project that has no form: the organisation dashboard's
    satisfaction over time is measured over them."""
    with_forms = set(
        Form.objects.filter(project__in=projects).values_list("project_id", flat=True).distinct()
    )
    todo = [project for project in projects if project.pk not in with_forms]
    if not todo:
        return
    per_form = int(getattr(settings, "BENCH_SURVEY_RESPONSES", 125))
    start = timezone.localdate() - timedelta(days=730)
    with transaction.atomic():
        forms = Form.objects.bulk_create(
            [Form(project=p, title=SPREAD_TITLE, status=FormStatus.OPEN) for p in todo],
            batch_size=BATCH,
        )
        questions = Question.objects.bulk_create(
            [
                Question(form=form, order=order, kind=kind, text=text)
                for form in forms
                for order, (kind, text) in enumerate(
                    [
                        (QuestionKind.SATISFACTION, "Hvor fornøyd er du med tjenesten?"),
                        (QuestionKind.YES_NO, "Fikk du svar på det du lurte på?"),
                    ]
                )
            ],
            batch_size=BATCH,
        )
        by_form = {}
        for question in questions:
            by_form.setdefault(question.form_id, []).append(question)
        for first in range(0, len(forms), BATCH // per_form):
            responses, answers = [], []
            for form in forms[first : first + BATCH // per_form]:
                score, yes_no = by_form[form.pk]
                mood = rng.randint(2, 4)
                for n in range(per_form):
                    response = Response(
                        id=uuid.uuid4(),  # the seeded generator's ids are the large form's
                        form=form,
                        submitted_on=start + timedelta(days=(n * 730) // per_form),
                    )
                    responses.append(response)
                    answers += [
                        Answer(
                            response=response,
                            question=score,
                            number=min(5, max(1, mood + rng.randint(-1, 1 + n // 60))),
                        ),
                        Answer(response=response, question=yes_no, number=rng.randint(0, 1)),
                    ]
            Response.objects.bulk_create(responses, batch_size=BATCH)
            Answer.objects.bulk_create(answers, batch_size=BATCH)
    command.stdout.write(
        f"feedback: {len(forms) * per_form} responses to a survey in each of {len(forms)} projects"
    )


def targets(organisation_slug: str) -> dict:
    form = _form(organisation_slug)
    return {"results_form": form.pk} if form else {}
