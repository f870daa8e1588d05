"""The benchmark's resident form (tests/bench, QUALITY.md P5).

Without --tokens: make sure the organisation's first project has an open form
«Benchmark: brukerundersøkelse» with a 1–5 scale, one closed follow-up and an
optional text box (FEEDBACK-UX.md §5), and print, as JSON, its token, id and
the answers a POST should carry. Creates the organisation and a project when
the database has none (a database set up without seed_demo).

With --tokens N --out PATH: write N render tokens for that form, one a line,
signed now with the application's signer (and so with the server's
SECRET_KEY, which the benchmark gives this command too). The benchmark waits
until they are older than the minimum fill time before it posts them.
"""

import json
from datetime import date

from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.models import Organisation
from feedback import protection
from feedback.models import Form, FormStatus, Question, QuestionKind
from feedback.submission import field_name
from projects.models import Project

TITLE = "Benchmark: brukerundersøkelse"
HELP_OPTIONS = [
    {"nb": "Ja", "nn": "Ja", "en": "Yes"},
    {"nb": "Delvis", "nn": "Delvis", "en": "Partly"},
    {"nb": "Nei", "nn": "Nei", "en": "No"},
    {"nb": "Vet ikke", "nn": "Veit ikkje", "en": "Don't know"},
]


class Command(BaseCommand):
    help = "Prepare the benchmark's feedback form, or write render tokens for it."

    def add_arguments(self, parser):
        parser.add_argument("--org", default="eksempel-kommune")
        parser.add_argument("--tokens", type=int, default=0)
        parser.add_argument("--out")

    def handle(self, *args, **options):
        form = self.bench_form(options["org"])
        if options["tokens"]:
            with open(options["out"], "w") as out:
                for _ in range(options["tokens"]):
                    out.write(protection.issue_token(form.pk) + "\n")
            return
        questions = list(form.questions.all())
        answers = {
            field_name(questions[0]): "4",
            field_name(questions[1]): "1",
            field_name(questions[2]): "Det tok for lang tid, og ingen sa hvor saken sto.",
        }
        self.stdout.write(
            json.dumps({"feedback_token": form.token, "feedback_form": form.pk, "answers": answers})
        )

    @transaction.atomic
    def bench_form(self, slug: str) -> Form:
        organisation, _ = Organisation.objects.get_or_create(
            slug=slug, defaults={"name": "Eksempel kommune"}
        )
        project = Project.objects.filter(organisation=organisation).order_by("pk").first()
        if project is None:
            project = Project.objects.create(
                organisation=organisation,
                title="Raskere byggesak",
                process_name="Behandling av byggesøknader",
                process_start="søknad mottatt",
                process_end="vedtak sendt",
                start_date=date(2026, 1, 5),
                planned_end_date=date(2026, 12, 18),
            )
        form = Form.objects.filter(project=project, title=TITLE).first()
        if form is None:
            form = Form.objects.create(project=project, title=TITLE, status=FormStatus.OPEN)
            Question.objects.bulk_create(
                [
                    Question(
                        form=form,
                        order=1,
                        kind=QuestionKind.SATISFACTION,
                        required=True,
                        text="Hvor fornøyd er du med behandlingen av saken?",
                    ),
                    Question(
                        form=form,
                        order=2,
                        kind=QuestionKind.SINGLE,
                        required=True,
                        text="Fikk du hjelpen du trengte?",
                        options=HELP_OPTIONS,
                    ),
                    Question(
                        form=form,
                        order=3,
                        kind=QuestionKind.WHAT_MATTERS,
                        text="Hva er viktig for deg når du søker?",
                    ),
                ]
            )
        elif form.status != FormStatus.OPEN:
            form.status = FormStatus.OPEN
            form.save(update_fields=["status"])
        return form
