"""A project's ideas and action plan as CSV or XLSX, streamed.

XLSX holds both tables, a sheet each; CSV holds one table, the ideas or
(``kind="actions"``) the actions. CSV is UTF-8 with a byte-order mark and
";" between cells, numbers with the language's decimal comma; in both
formats a text a spreadsheet would run as a formula is made plain text
(``klean.spreadsheet``), and XLSX keeps every text an inline string with the
control characters XML cannot hold taken out. An idea proposed anonymously
is exported as anonymous.

Both formats are written while the rows are read (``klean.spreadsheet``'s
streamed writers, ``.iterator()`` in chunks, the people joined in the same
query), so the first bytes leave at once and the memory stays flat: one
query per table, whatever the number of rows.
"""

from collections.abc import Iterable, Iterator

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from ideas.models import NEEDS_REASON, Action, Idea, Stage, StageChange, Vote
from klean import spreadsheet
from processes.models import Step, WasteType

KINDS = ("ideas", "actions")
#: Rows fetched from the database at a time.
CHUNK = 2000


def _day(value, *, as_text: bool):
    if value is None:
        return ""
    return date_format(value, "SHORT_DATE_FORMAT") if as_text else value


def _person(user) -> str:
    return user.display_name if user is not None else ""


def idea_header() -> list[str]:
    return [
        _("No."),
        _("Idea"),
        _("Description"),
        _("Problem it addresses"),
        _("Stage"),
        _("Why parked or rejected"),
        _("Source"),
        _("Proposed by"),
        _("Votes"),
        _("Waste types"),
        _("Process steps"),
        _("Effect"),
        _("Effort"),
        _("Type"),
        _("Owner"),
        _("Due date"),
        _("Expected hours per year"),
        _("Expected NOK per year"),
        _("Expected quality gain"),
        _("Realised hours per year"),
        _("Realised NOK per year"),
        _("Realised quality gain"),
        _("What the freed time is used for"),
    ]


def idea_rows(project, *, as_text: bool) -> Iterator[list]:
    """The ideas in the order of the pipeline (collect first, then parked and
    rejected), the newest first within a stage; the steps fetched a chunk at
    a time, the votes and the reason for parking or rejecting in the same
    query as the ideas."""
    anonymous = pgettext("proposer", "Anonymous")
    waste = dict(WasteType.choices)
    order = Case(
        *(When(stage=stage, then=Value(n)) for n, stage in enumerate(Stage.values)),
        output_field=IntegerField(),
    )
    reason = (
        StageChange.objects.filter(idea=OuterRef("pk"), to_stage=OuterRef("stage"))
        .filter(to_stage__in=NEEDS_REASON)
        .order_by("-at", "-pk")
        .values("note")[:1]
    )
    votes = (
        Vote.objects.filter(idea=OuterRef("pk"))
        .order_by()
        .values("idea")
        .annotate(n=Count("pk"))
        .values("n")
    )
    ideas = (
        Idea.objects.filter(project=project)
        .select_related("proposed_by", "owner")
        .prefetch_related(Prefetch("steps", queryset=Step.objects.order_by("order", "pk")))
        .annotate(
            stage_order=order,
            number=Window(RowNumber(), order_by=[F("created_at").asc(), F("pk").asc()]),
            reason=Subquery(reason),
            votes_count=Coalesce(Subquery(votes, output_field=IntegerField()), Value(0)),
        )
        .order_by("stage_order", "-created_at", "-pk")
        .iterator(chunk_size=CHUNK)
    )
    for idea in ideas:
        yield [
            idea.number,
            idea.title,
            idea.description,
            idea.problem,
            idea.get_stage_display(),
            idea.reason or "",
            idea.get_source_display(),
            anonymous if idea.anonymous else _person(idea.proposed_by),
            idea.votes_count,
            ", ".join(str(waste[code]) for code in idea.waste_types if code in waste),
            ", ".join(f"{step.order}. {step.title}" for step in idea.steps.all()),
            idea.effect,
            idea.effort,
            idea.get_kind_display() if idea.kind else "",
            _person(idea.owner),
            _day(idea.due_date, as_text=as_text),
            idea.expected_hours,
            idea.expected_nok,
            idea.expected_quality,
            idea.realised_hours,
            idea.realised_nok,
            idea.realised_quality,
            idea.freed_time_use,
        ]


def action_header() -> list[str]:
    return [_("Action"), _("Owner"), _("Due date"), _("Status"), _("Idea")]


def action_rows(project, *, as_text: bool) -> Iterator[list]:
    actions = (
        Action.objects.filter(project=project)
        .select_related("owner", "idea")
        .order_by("due_date", "pk")
        .iterator(chunk_size=CHUNK)
    )
    for action in actions:
        yield [
            action.what,
            _person(action.owner),
            _day(action.due_date, as_text=as_text),
            action.get_status_display(),
            action.idea.title if action.idea else "",
        ]


def csv_stream(project, kind: str) -> Iterator[bytes]:
    """The ideas, or (``kind="actions"``) the action plan, as CSV."""
    if kind == "actions":
        return spreadsheet.csv_stream(action_header(), action_rows(project, as_text=True))
    return spreadsheet.csv_stream(idea_header(), idea_rows(project, as_text=True))


def _plain(rows: Iterable[list]) -> Iterator[list]:
    """Rows whose texts a spreadsheet will not run, as in the CSV."""
    for row in rows:
        yield [spreadsheet.neutralise(value) for value in row]


def xlsx_stream(project) -> Iterator[bytes]:
    """The ideas and the action plan, a sheet each."""
    return spreadsheet.xlsx_stream(
        [
            (_("Ideas"), idea_header(), _plain(idea_rows(project, as_text=False))),
            (_("Action plan"), action_header(), _plain(action_rows(project, as_text=False))),
        ]
    )
