"""Feedback's part of the benchmark data (klean.extensions ``bench_data`` / ``bench_targets``).

One large form in the demo organisation's project «Raskere byggesak»: 100,000
responses (the environment's or the settings' ``BENCH_FEEDBACK_RESPONSES``
to change it; the tests build a small one) over two years, each
with a score, a yes/no, a single and a multiple choice and, for one in three,
a free-text answer — the results page and the exports are measured over it
(QUALITY.md P2, P7). Bulk inserts; running it again adds nothing.
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


def targets(organisation_slug: str) -> dict:
    form = _form(organisation_slug)
    return {"results_form": form.pk} if form else {}
