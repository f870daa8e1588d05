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

from processes.board_html import PLACEHOLDER, escape
from processes.models import WasteType


class Urls:
    """One route of the ideas app for any idea id, reversed once."""

    def __init__(self, slug: str):
        from django.urls import reverse

        self.routes = {}
        for name in ("idea", "move"):
            url = escape(reverse(f"ideas:{name}", args=[slug, PLACEHOLDER]))
            self.routes[name] = url.rpartition(str(PLACEHOLDER))[::2]

    def __call__(self, name: str, pk: int) -> str:
        head, tail = self.routes[name]
        return f"{head}{pk}{tail}"


class Plurals:
    """``ngettext`` of one message, once per count."""

    def __init__(self, singular: str, plural: str):
        self.singular, self.plural = singular, plural
        self.done: dict[int, str] = {}

    def __call__(self, n: int) -> str:
        if n not in self.done:
            self.done[n] = escape(ngettext(self.singular, self.plural, n) % {"n": n})
        return self.done[n]


class BoardCards:
    """The cards of one board, for one request."""

    def __init__(self, *, slug: str, may_move: bool, back: str, moves: dict[str, list[str]]):
        self.urls = Urls(slug)
        self.may_move = may_move
        self.back = escape(quote(back, safe=""))
        self.moves = {stage: " ".join(allowed) for stage, allowed in moves.items()}
        # Worded outside the f-strings below, where the message extraction finds them.
        self.votes = Plurals("%(n)s vote", "%(n)s votes")
        self.comments = Plurals("%(n)s comment", "%(n)s comments")
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
