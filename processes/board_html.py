"""The board's swimlanes, step cards and table rows as HTML, built in Python.

A map of 60 steps in 5 swimlanes is 60 cards, 240 empty places and 60 table
rows; through the template engine that took most of a request's time (every
variable looked up, every URL reversed, every word translated per card). Here
each fixed word is translated once per request, each route reversed once and
filled in with the ids, and the CSRF token fetched once. Everything people
typed (names, titles) is escaped; the markup is the one the templates made.
"""

from html import escape as _escape

from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from processes.models import VALUE_MARKS, LaneKind

#: A stand-in id, reversed once per route and replaced by each object's id.
PLACEHOLDER = 2147483647


def escape(text) -> str:
    """Django's ``escape`` (the standard library's, quotes too), without its
    lazy-string wrapper: it runs some 500 times per board."""
    return _escape(str(text))


class Urls:
    """The organisation's addresses of an app's routes (``namespace``), for any
    object id: each route reversed once, escaped, and filled in per id."""

    def __init__(self, slug: str, namespace: str = "processes"):
        self.slug = slug
        self.namespace = namespace
        self.routes = {}

    def __call__(self, name: str, pk: int) -> str:
        try:
            head, tail = self.routes[name]
        except KeyError:
            url = escape(reverse(f"{self.namespace}:{name}", args=[self.slug, PLACEHOLDER]))
            head, _placeholder, tail = url.rpartition(str(PLACEHOLDER))
            self.routes[name] = head, tail
        return f"{head}{pk}{tail}"


def _hidden(name: str, value) -> str:
    return f'<input type="hidden" name="{name}" value="{value}">'


class BoardHtml:
    """The lanes and the table rows of one board, for one request."""

    def __init__(self, request, *, process_map, lanes, steps, can_edit: bool, token: str):
        self.map = process_map
        self.lanes = lanes
        self.steps = steps
        self.can_edit = can_edit
        self.token = escape(token)
        self.urls = Urls(process_map.project.organisation.slug)
        self.version = int(process_map.version)
        if can_edit:
            csrf = escape(get_token(request))
            self.form_head = (
                _hidden("csrfmiddlewaretoken", csrf)
                + f'<input type="hidden" name="version" value="{self.version}" data-version>'
            )
        self.words = {
            key: escape(text)
            for key, text in {
                "step": _("Step"),
                "work": _("Work"),
                "wait": _("Wait"),
                "wastes": _("Waste types"),
                "edit": _("Edit"),
                "move": _("Move"),
                "add": _("Add"),
                "delete": _("Delete"),
            }.items()
        }
        self.kinds = {code: escape(label) for code, label in LaneKind.choices}
        self.handoff = escape(_("from %(lane)s"))
        self.drag = escape(_("Drag «%(title)s»"))
        self.notes = {}

    # --- Cards -----------------------------------------------------------------------

    def _notes(self, count: int) -> str:
        if count not in self.notes:
            self.notes[count] = ngettext(
                '%(n)s<span class="visually-hidden"> problem</span>',
                '%(n)s<span class="visually-hidden"> problems</span>',
                count,
            ) % {"n": count}
        return self.notes[count]

    def card(self, step) -> str:
        w = self.words
        pk = step.pk
        value = step.value_class or "none"
        letter, glyph = VALUE_MARKS[step.value_class]
        title = escape(step.title)
        page = self.urls("step", pk)
        parts = [
            f'<li class="step step--{value}{" step--handoff" if step.hand_off_from else ""}"'
            f' id="step-{pk}" data-step="{pk}"',
            f' data-move-url="{self.urls("step_move", pk)}"' if self.can_edit else "",
            f' tabindex="-1" aria-labelledby="step-{pk}-title">'
            '<div class="step__band" aria-hidden="true"></div><div class="step__top">'
            f'<span class="step__number"><span class="visually-hidden">{w["step"]} </span>'
            f"{step.number}</span>"
            f'<span class="vc vc--{value}"><span class="vc__glyph" aria-hidden="true">{glyph}'
            f'</span><span aria-hidden="true">{letter}</span>'
            f'<span class="visually-hidden">{escape(step.value_label)}</span></span>',
        ]
        if step.note_count:
            parts.append(f'<a href="{page}" class="step__notes">{self._notes(step.note_count)}</a>')
        parts.append("</div>")
        if step.hand_off_from:
            handoff = self.handoff % {"lane": escape(step.hand_off_from)}
            parts.append(
                f'<p class="step__handoff"><span aria-hidden="true">↱</span> {handoff}</p>'
            )
        parts.append(
            f'<h4 class="step__title" id="step-{pk}-title"><a href="{page}">{title}</a></h4>'
            f'<dl class="step__times"><div><dt>{w["work"]}</dt><dd>'
            f'<span aria-hidden="true">{step.processing_short}</span>'
            f'<span class="visually-hidden">{step.processing_long}</span></dd></div>'
            f'<div><dt>{w["wait"]}</dt><dd><span aria-hidden="true">{step.waiting_short}</span>'
            f'<span class="visually-hidden">{step.waiting_long}</span></dd></div></dl>'
        )
        if step.wastes:
            wastes = "".join(f"<li>{escape(waste)}</li>" for waste in step.wastes)
            parts.append(f'<ul class="step__wastes" aria-label="{w["wastes"]}">{wastes}</ul>')
        if self.can_edit:
            edit = self.urls("step_edit", pk)
            move = self.urls("step_move", pk)
            drag = self.drag % {"title": title}
            parts.append(
                '<div class="step__tools">'
                f'<button type="button" class="step__handle" id="handle-{pk}"'
                ' aria-describedby="board-drag-help"><span aria-hidden="true">⠿</span>'
                f'<span class="visually-hidden">{drag}</span></button>'
                f'<a class="button button--small" id="edit-{pk}" href="{edit}" hx-get="{edit}"'
                f' hx-target="#editor">{w["edit"]}'
                f'<span class="visually-hidden"> «{title}»</span></a>'
                f'<a class="button button--small" id="move-{pk}" href="{move}" hx-get="{move}"'
                f' hx-target="#editor">{w["move"]}'
                f'<span class="visually-hidden"> «{title}»</span></a></div>'
            )
        parts.append("</li>")
        return "".join(parts)

    # --- Lanes -----------------------------------------------------------------------

    def _lane_head(self, lane, lane_name: str, *, first: bool, last: bool) -> str:
        w = self.words
        pk = lane.pk
        kind = self.kinds.get(lane.kind, "")
        if lane.organisation_id:
            kind += f" · {escape(lane.organisation.name)}"
        head = [
            f'<div class="lane__head"><h3 class="lane__name" id="lane-{pk}-name">{lane_name}</h3>'
            f'<p class="lane__kind">{kind}</p>'
        ]
        if self.can_edit:
            add = self.urls("step_add", self.map.pk)
            edit = self.urls("lane_edit", pk)
            move = self.urls("lane_move", pk)
            delete = self.urls("lane_delete", pk)
            named = {"lane": lane_name}
            # Worded outside the f-strings below, where the message extraction finds them.
            new_step = _("New step in %(lane)s") % named
            step_in = _("step in %(lane)s") % named
            lane_up = _("Move %(lane)s up") % named
            lane_down = _("Move %(lane)s down") % named
            hidden_name = f'<span class="visually-hidden"> {lane_name}</span>'
            head.append(
                f'<form class="quick-add" method="post" action="{add}" hx-post="{add}"'
                f' hx-swap="none" novalidate data-board-form>{self.form_head}{_hidden("lane", pk)}'
                f"{_hidden('token', f'{self.token}-{pk}')}"
                f'<label for="add-title-{pk}" class="quick-add__label">'
                f"{new_step}</label>"
                f'<span class="quick-add__row"><input type="text" id="add-title-{pk}"'
                ' name="title" maxlength="120" required autocomplete="off">'
                f'<button type="submit" class="button button--small">{w["add"]}'
                f'<span class="visually-hidden"> {step_in}</span>'
                "</button></span></form>"
                '<div class="lane__tools">'
                f'<a class="button button--small button--quiet" id="lane-edit-{pk}"'
                f' href="{edit}" hx-get="{edit}" hx-target="#editor">{w["edit"]}{hidden_name}</a>'
                f'<form method="post" action="{move}" hx-post="{move}" hx-swap="none"'
                f' class="lane__move" data-board-form>{self.form_head}'
                '<button type="submit" name="offset" value="-1"'
                f' class="button button--small button--quiet" id="lane-up-{pk}"'
                f'{" disabled" if first else ""}><span aria-hidden="true">↑</span>'
                f'<span class="visually-hidden">{lane_up}</span></button>'
                '<button type="submit" name="offset" value="1"'
                f' class="button button--small button--quiet" id="lane-down-{pk}"'
                f'{" disabled" if last else ""}><span aria-hidden="true">↓</span>'
                f'<span class="visually-hidden">{lane_down}</span>'
                "</button></form>"
            )
            if lane.step_count:  # confirmed first, in the editor
                head.append(
                    f'<a class="button button--small button--danger" href="{delete}"'
                    f' hx-get="{delete}" hx-target="#editor" id="lane-delete-{pk}">'
                    f"{w['delete']}{hidden_name}</a>"
                )
            else:
                head.append(
                    f'<form method="post" action="{delete}" hx-post="{delete}" hx-swap="none"'
                    f' data-board-form>{self.form_head}<button type="submit"'
                    f' class="button button--small button--danger" id="lane-delete-{pk}">'
                    f"{w['delete']}{hidden_name}</button></form>"
                )
            head.append("</div>")
        head.append("</div>")
        return "".join(head)

    def lanes_html(self) -> SafeString:
        """Every lane: its head and its row of places, a card where the step is
        in this lane, an empty place (a drop target) where it is in another."""
        lane_names = {lane.pk: escape(lane.name) for lane in self.lanes}
        cards = {step.pk: self.card(step) for step in self.steps}
        slots = {
            step.pk: f'<li class="slot" data-step="{step.pk}" aria-hidden="true"></li>'
            for step in self.steps
        }
        html = []
        last = len(self.lanes) - 1
        for index, lane in enumerate(self.lanes):
            pk = lane.pk
            name = lane_names[pk]
            steps_in = _("Steps in %(lane)s") % {"lane": name}
            cells = "".join(
                cards[step.pk] if step.lane_id == pk else slots[step.pk] for step in self.steps
            )
            html.append(
                f'<div class="lane" id="lane-{pk}" tabindex="-1" role="group"'
                f' aria-labelledby="lane-{pk}-name">'
                f"{self._lane_head(lane, name, first=index == 0, last=index == last)}"
                f'<ol class="lane__steps" data-lane="{pk}"'
                f' aria-label="{steps_in}">{cells}</ol></div>'
            )
        return mark_safe("".join(html))  # noqa: S308 - every value above is escaped

    # --- The table -------------------------------------------------------------------

    def table_rows(self) -> SafeString:
        return mark_safe(  # noqa: S308 - every value is escaped
            "".join(
                f'<tr><td>{step.number}</td><th scope="row">{escape(step.title)}</th>'
                f"<td>{escape(step.lane_name)}</td><td>{escape(step.value_label)}</td>"
                f"<td>{step.processing_long}</td><td>{step.waiting_long}</td>"
                f"<td>{escape(', '.join(step.wastes))}</td><td>{step.note_count or 0}</td></tr>"
                for step in self.steps
            )
        )
