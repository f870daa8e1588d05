"""The idea board's cards as HTML, built in Python.

Three hundred ideas through the template engine cost most of a request
(every variable looked up, every URL reversed, every word translated per
card). Here each fixed word is translated once per request, each route
reversed once and filled in with the ids (``processes.board_html.Urls``),
and a plural once per count. Everything people typed (titles, names) is
escaped; the markup is the one the templates made.
"""

from urllib.parse import quote

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ideas.quadrants import OFF_MATRIX
from processes.board_html import Urls, escape
from processes.models import WasteType


class Plurals:
    """A plural message, translated once per count. ``word(n)`` calls
    ``ngettext`` with the two forms written out, where the message extraction
    finds them."""

    def __init__(self, word):
        self.word = word
        self.done: dict[int, str] = {}

    def __call__(self, n: int) -> str:
        if n not in self.done:
            self.done[n] = escape(self.word(n) % {"n": n})
        return self.done[n]


class BoardCards:
    """The cards of one board, for one request."""

    def __init__(self, *, slug: str, may_move: bool, back: str, moves: dict[str, list[str]]):
        self.urls = Urls(slug, "ideas")
        self.may_move = may_move
        self.back = escape(quote(back, safe=""))
        self.moves = {stage: " ".join(allowed) for stage, allowed in moves.items()}
        # Worded outside the f-strings below, where the message extraction finds them.
        self.votes = Plurals(lambda n: ngettext("%(n)s vote", "%(n)s votes", n))
        self.comments = Plurals(lambda n: ngettext("%(n)s comment", "%(n)s comments", n))
        self.effect = escape(_("Effect %(n)s"))
        self.effort = escape(_("Effort %(n)s"))
        self.owner = escape(_("Owner: %(name)s"))
        self.drag = escape(_("Drag «%(title)s»"))
        self.move_word = escape(_("Move"))
        self.waste_word = escape(_("Waste types"))
        self.waste = {code: escape(label) for code, label in WasteType.choices}

    def card(self, idea) -> str:
        pk = idea.pk
        title = escape(idea.title)
        move_url = self.urls("move", pk)
        parts = [
            f'<li class="idea-card" id="idea-{pk}" data-idea="{pk}" data-stage="{idea.stage}"'
            ' tabindex="-1"',
        ]
        if self.may_move:
            parts.append(f' data-move-url="{move_url}" data-moves="{self.moves[idea.stage]}"')
        parts.append('><div class="idea-card__head">')
        if self.may_move:
            drag = self.drag % {"title": title}
            parts.append(
                f'<button type="button" class="idea-card__handle" id="handle-{pk}" hidden'
                ' aria-describedby="idea-drag-help"><span aria-hidden="true">⠿</span>'
                f'<span class="visually-hidden">{drag}</span></button>'
            )
        meta = [
            f"<span>{self.votes(idea.votes_count)}</span>",
            f"<span>{self.comments(idea.comments_count)}</span>",
        ]
        if idea.effect:
            meta.append(f"<span>{self.effect % {'n': idea.effect}}</span>")
        if idea.effort:
            meta.append(f"<span>{self.effort % {'n': idea.effort}}</span>")
        parts.append(
            f'<a class="idea-card__title" id="idea-{pk}-title" href="{self.urls("idea", pk)}">'
            f'{title}</a></div><p class="idea-card__meta">{" · ".join(meta)}</p>'
        )
        if idea.owner_id:
            owner = self.owner % {"name": escape(idea.owner.display_name)}
            parts.append(f'<p class="idea-card__owner">{owner}</p>')
        chips = "".join(
            f'<li class="chip">{self.waste[code]}</li>'
            for code in idea.waste_types
            if code in self.waste
        )
        if chips:
            label = self.waste_word
            parts.append(f'<ul class="idea-card__waste" aria-label="{label}">{chips}</ul>')
        if self.may_move:
            parts.append(
                f'<a class="button button--small idea-card__move" id="move-{pk}"'
                f' href="{move_url}?back={self.back}">{self.move_word}'
                f'<span class="visually-hidden"> «{title}»</span></a>'
            )
        parts.append("</li>")
        return "".join(parts)

    def cards(self, ideas) -> SafeString:
        return mark_safe("".join(self.card(idea) for idea in ideas))  # noqa: S308 - escaped


class MatrixHtml:
    """The matrix's idea cards and the rows of its score table, for one request."""

    def __init__(
        self, request, *, slug: str, can_edit: bool, show_all: bool, page: int, moved, refused=None
    ):
        from django.middleware.csrf import get_token

        self.can_edit = can_edit
        self.moved = moved
        # (idea id, effort, effect, message): a refused score, shown on its row
        # with what the person chose.
        self.refused = refused
        self.urls = Urls(slug, "ideas")
        hidden = [("csrfmiddlewaretoken", escape(get_token(request)))] if can_edit else []
        if show_all:
            hidden.append(("all", "1"))
        if page > 1:
            hidden.append(("page", page))
        self.hidden = "".join(
            f'<input type="hidden" name="{name}" value="{value}">' for name, value in hidden
        )
        self.effort = escape(_("Effort"))
        self.effect = escape(_("Effect"))
        self.place = escape(_("Place"))
        self.not_placed = escape(_("Not placed yet"))
        self.where = escape(_("%(quadrant)s (effort %(effort)s, effect %(effect)s)"))
        # Column names for a phone, where each row is a card (.stack-on-phone).
        self.column = {
            "stage": escape(_("Stage")),
            "where": escape(_("Where")),
            "scores": escape(_("Effort and effect")),
        }

    def card(self, idea) -> str:
        pk = idea.pk
        classes = "matrix-idea"
        if idea.stage in OFF_MATRIX:
            classes += " matrix-idea--closed"
        if self.moved == pk:
            classes += " matrix-idea--moved"
        data = ""
        described = ""
        if self.can_edit:
            data = (
                f' data-score-url="{self.urls("score", pk)}" data-effort="{idea.effort or ""}"'
                f' data-effect="{idea.effect or ""}"'
            )
            described = ' aria-describedby="matrix-help"'
        return (
            f'<li class="{classes}" id="idea-{pk}" data-idea="{pk}"{data}>'
            f'<a class="matrix-idea__title" id="idea-link-{pk}" href="{self.urls("idea", pk)}"'
            f"{described}>{escape(idea.title)}</a>"
            f'<span class="matrix-idea__stage">{escape(idea.stage_label)}</span></li>'
        )

    def cards(self, ideas) -> SafeString:
        return mark_safe("".join(self.card(idea) for idea in ideas))  # noqa: S308 - escaped

    def _select(self, name: str, pk: int, current, invalid: bool = False) -> str:
        current = str(current or "")
        options = "".join(
            f'<option value="{n}"{" selected" if current == str(n) else ""}>{n}</option>'
            for n in range(1, 6)
        )
        attributes = f' aria-invalid="true" aria-describedby="score-error-{pk}"' if invalid else ""
        return (
            f'<select name="{name}" id="{name}-{pk}"{attributes}>'
            f'<option value="">–</option>{options}</select>'
        )

    def row(self, idea) -> str:
        pk = idea.pk
        title = escape(idea.title)
        if getattr(idea, "quadrant", None):
            where = self.where % {
                "quadrant": escape(idea.quadrant_label),
                "effort": idea.effort,
                "effect": idea.effect,
            }
        else:
            where = self.not_placed
        cells = [
            f'<tr id="row-{pk}"><th scope="row"><a href="{self.urls("idea", pk)}">{title}</a>'
            f'</th><td data-label="{self.column["stage"]}">{escape(idea.stage_label)}</td>'
            f'<td data-label="{self.column["where"]}">{where}</td>'
        ]
        if self.can_edit:
            url = self.urls("score", pk)
            named = f'<span class="visually-hidden"> – {title}</span>'
            effort, effect, error = idea.effort, idea.effect, ""
            refused = self.refused is not None and self.refused[0] == pk
            if refused:
                _pk, effort, effect, message = self.refused
                error = f'<p class="errorlist" id="score-error-{pk}">{escape(message)}</p>'
            cells.append(
                f'<td data-label="{self.column["scores"]}">'
                f'<form class="matrix-score" method="post" action="{url}" hx-post="{url}"'
                f' hx-target="#matrix" hx-swap="outerHTML">{self.hidden}'
                f'<label for="effort-{pk}">{self.effort}{named}</label>'
                f"{self._select('effort', pk, effort, refused)}"
                f'<label for="effect-{pk}">{self.effect}{named}</label>'
                f"{self._select('effect', pk, effect, refused)}"
                f'<button type="submit" class="button button--small" id="save-{pk}">'
                f'{self.place}<span class="visually-hidden"> {title}</span></button>'
                f"{error}</form></td>"
            )
        cells.append("</tr>")
        return "".join(cells)

    def rows(self, ideas) -> SafeString:
        return mark_safe("".join(self.row(idea) for idea in ideas))  # noqa: S308 - escaped
