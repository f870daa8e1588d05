"""QUALITY.md S8 and S11: hostile HTML, CSS and SVG in every user field a
report shows is printed as text, and rendering asks the URL fetcher for
nothing but our stylesheet, opens no socket and reads no file outside our
static files and the libraries' own data."""

import builtins
import io
import socket
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from accounts.models import Role
from feedback.models import QuestionKind
from ideas.models import ActionStatus, Stage
from processes.models import MapKind, ValueClass
from projects.models import ProjectRole
from reports import document, pdf
from tests.factories import (
    ActionFactory,
    AnswerFactory,
    FormFactory,
    GoalFactory,
    IdeaFactory,
    LaneFactory,
    MeasurementFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    ProblemNoteFactory,
    ProcessMapFactory,
    ProjectFactory,
    QuestionFactory,
    ResponseFactory,
    StepFactory,
    TeamMemberFactory,
    UserFactory,
)
from tests.reports.pdftools import text

pytestmark = pytest.mark.usefixtures("in_english")

#: Markup that would fetch, read or restyle if it were not escaped.
HOSTILE = [
    "<img src=http://127.0.0.1:9/x>",
    "<link rel=stylesheet href=file:///etc/passwd>",
    "<style>@import url(http://127.0.0.1:9/a.css);</style>",
    "x{background:url(file:///etc/passwd)}",
    "<svg><image href=file:///etc/passwd /></svg>",
    "<object data=ftp://127.0.0.1:9/o></object>",
]
#: Our own templates, which Django reads.
TEMPLATES = Path(settings.BASE_DIR, "templates").resolve()
#: A word no line holds.
LONG_WORD = "Plunderogheft" * 30


def hostile(n: int, limit: int = 200) -> str:
    return HOSTILE[n % len(HOSTILE)][:limit]


def hostile_project():
    """A project with a map, a future map, a form with answers, ideas, actions
    and goals: hostile markup in every field the report prints."""
    organisation = OrganisationFactory(name=hostile(0) + " kommune")
    owner = UserFactory(full_name=hostile(1, 100))
    MembershipFactory(organisation=organisation, user=owner, role=Role.FACILITATOR)
    project = ProjectFactory(
        organisation=organisation,
        title=hostile(2),
        process_name=hostile(3),
        process_start=hostile(4),
        process_end=hostile(5),
        background=" ".join(HOSTILE) + " " + LONG_WORD,
        mandate=" ".join(reversed(HOSTILE)),
        benefit_plan=hostile(1),
        lessons_learned=hostile(0) + "\n\n" + LONG_WORD,
        next_steps=hostile(4),
        phase=6,
    )
    TeamMemberFactory(project=project, user=owner, role=ProjectRole.FACILITATOR)
    PartnershipFactory(project=project, organisation=OrganisationFactory(name=hostile(3)))
    goal = GoalFactory(project=project, name=hostile(2), baseline_date=date(2026, 1, 1))
    MeasurementFactory(goal=goal, date=date(2026, 3, 1), value=Decimal(40))

    current = ProcessMapFactory(
        project=project, name=hostile(0, 120), start_point=hostile(1), end_point=hostile(2)
    )
    lanes = [LaneFactory(map=current, name=hostile(n, 80)) for n in range(2)]
    steps = [
        StepFactory(
            map=current,
            lane=lanes[n % 2],
            title=hostile(n, 120) if n else LONG_WORD[:120],
            value_class=(ValueClass.WASTE, ValueClass.VALUE_ADDING, ValueClass.NECESSARY)[n % 3],
            waste_types=["waiting"] if n % 3 == 0 else [],
        )
        for n in range(5)
    ]
    ProblemNoteFactory(step=steps[0], text=hostile(4), waste_type="defects")
    future = ProcessMapFactory(
        project=project, kind=MapKind.FUTURE, based_on=current, name=hostile(5, 120)
    )
    future_lane = LaneFactory(map=future, name=hostile(3, 80))
    for n, step in enumerate(steps[:3]):
        StepFactory(map=future, lane=future_lane, title=step.title, origin=step, order=n)

    form = FormFactory(project=project, title=hostile(1, 120), intro=hostile(2))
    scale = QuestionFactory(form=form, text=hostile(3), kind=QuestionKind.SATISFACTION)
    choice = QuestionFactory(
        form=form,
        text=hostile(4),
        kind=QuestionKind.SINGLE,
        options=[{"nb": hostile(5)}, {"nb": hostile(0)}],
    )
    free = QuestionFactory(form=form, text=hostile(5), kind=QuestionKind.WHAT_MATTERS)
    answers = []
    for n in range(6):
        response = ResponseFactory(form=form)
        AnswerFactory(question=scale, response=response, number=1 + n % 5)
        AnswerFactory(question=choice, response=response, number=n % 2)
        answers.append(
            AnswerFactory(
                question=free, response=response, number=None, text=hostile(n) + " " + LONG_WORD
            )
        )
    for n in range(4):
        idea = IdeaFactory(
            project=project,
            title=hostile(n, 120),
            description=hostile(n + 1),
            stage=(Stage.SELECT, Stage.DONE, Stage.DEVELOP, Stage.IMPLEMENT)[n],
            effort=1 + n,
            effect=5 - n,
            expected_hours=Decimal(100),
            expected_nok=Decimal(50000),
            realised_hours=Decimal(40),
            realised_nok=Decimal(20000),
            freed_time_use=hostile(n + 2),
            realised_quality=hostile(n + 3),
            feedback_answer=answers[n],
        )
        ActionFactory(
            project=project,
            idea=idea,
            what=hostile(n + 1),
            owner=owner,
            due_date=date(2026, 5, 1),
            status=ActionStatus.IN_PROGRESS,
        )
    return project


@pytest.fixture
def guarded(monkeypatch):
    """Records every URL the fetcher is asked for and every file opened; any
    socket connection fails the test."""
    made = []
    real_fetcher = pdf.fetcher

    def spy_fetcher():
        made.append(real_fetcher())
        return made[-1]

    monkeypatch.setattr(pdf, "fetcher", spy_fetcher)

    def no_network(*args, **kwargs):
        raise AssertionError(f"a report opened a network connection: {args}")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket.socket, "connect_ex", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)

    import weasyprint  # noqa: F401 - loading its libraries is not the render's business

    opened: list[str] = []
    real_open = builtins.open

    def spy_open(file, *args, **kwargs):
        if isinstance(file, str | Path):
            opened.append(str(Path(file).resolve()))

        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy_open)
    monkeypatch.setattr(io, "open", spy_open)
    return made, opened


def test_hostile_markup_in_every_field_prints_as_text_and_fetches_nothing(db, guarded):
    fetchers, opened = guarded
    project = hostile_project()
    subject = document.Subject("final", "en", project.organisation, project)

    output = document.render(subject)

    assert output.startswith(b"%PDF")
    # The fetcher was asked for our stylesheet only.
    assert len(fetchers) == 1
    assert fetchers[0].asked == [pdf.STYLESHEET]
    # No file outside our static files and the libraries' own data (hyphenation
    # patterns) was opened; /etc/passwd above all.
    allowed = (str(pdf.static_root()), str(TEMPLATES), sys.prefix, sys.base_prefix)
    assert sorted({path for path in opened if not path.startswith(allowed)}) == []
    assert not any("passwd" in path for path in opened)
    # Every payload is printed literally.
    printed = text(output)
    for payload in HOSTILE:
        assert payload in printed, payload


def test_hostile_markup_reaches_the_html_escaped(db):
    project = hostile_project()
    html = document.html(document.Subject("final", "en", project.organisation, project))
    assert "<img src=http" not in html
    assert "<link rel=stylesheet href=file" not in html
    assert "<style>@import" not in html
    assert "<image href=file" not in html
    assert "&lt;img src=http://127.0.0.1:9/x&gt;" in html


def test_a_word_longer_than_a_line_stays_on_the_page(db):
    project = hostile_project()
    rendered = pdf.lay_out(
        document.html(document.Subject("final", "en", project.organisation, project))
    )
    checked = 0
    for page in rendered.document.pages:
        width = page._page_box.margin_width()
        for box in _descendants(page._page_box):
            if getattr(box, "text", None) and "Plunderoghef" in box.text:
                checked += 1
                assert box.position_x + box.width <= width + 0.5, box.text[:40]
    # In the background, the lessons, a step's title and the quoted answers.
    assert checked >= 5


def _descendants(box):
    stack = [box]
    while stack:
        box = stack.pop()
        yield box
        stack.extend(getattr(box, "children", []))


def test_the_status_and_portfolio_reports_escape_hostile_markup_too(db, guarded):
    fetchers, _opened = guarded
    project = hostile_project()
    for kind, subject_project in (("status", project), ("portfolio", None)):
        subject = document.Subject(kind, "en", project.organisation, subject_project)
        printed = text(document.render(subject))
        assert HOSTILE[2] in printed
    assert all(fetcher.asked == [pdf.STYLESHEET] for fetcher in fetchers)
