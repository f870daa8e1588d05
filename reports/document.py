"""The PDF report as a document: what it is about, its fingerprint, and its rendering.

The pipeline (``reports.models``, ``reports.tasks``) relies on exactly this:

- ``Subject``: what a report is about (kind, language, project or organisation, period);
- ``fingerprint(subject)``: a hash of every figure and text the report would show plus the
  template version, so an unchanged project re-uses its report;
- ``render(subject)``: the PDF's bytes, or ``TooManyPages`` when it would exceed
  ``MAX_PAGES``; a fetch outside our static files aborts the render.

The chapters come from the apps (``reports.sections``); the templates are
``templates/reports/pdf/``, the stylesheet ``static/css/report.css``, the
WeasyPrint call and its URL fetcher ``reports.pdf``.
"""

import hashlib
from dataclasses import dataclass
from datetime import date

from django.template.loader import render_to_string
from django.utils import timezone, translation

from accounts.models import Organisation
from projects.models import Project
from reports import pdf
from reports.sections import Document, assemble, view_model

#: A report longer than this is refused with a message, never written.
MAX_PAGES = 200

#: Raised when the change in layout or wording makes every older file stale.
TEMPLATE_VERSION = "3"


class TooManyPages(Exception):
    def __init__(self, pages: int):
        super().__init__(pages)
        self.pages = pages


@dataclass(frozen=True)
class Subject:
    """What one report is about. ``kind`` is ``final``, ``status`` or ``portfolio``;
    ``project`` is None for an organisation's portfolio, which covers ``period``."""

    kind: str
    language: str
    organisation: Organisation
    project: Project | None = None
    period: tuple[date, date] | None = None


def _digest(document: Document) -> str:
    return hashlib.sha256(f"{TEMPLATE_VERSION}\n{view_model(document)}".encode()).hexdigest()


def fingerprint(subject: Subject) -> str:
    """sha256 of everything the report would show, and of the template version."""
    with translation.override(subject.language):
        return _digest(assemble(subject))


def html(subject: Subject) -> str:
    """The report as one HTML document, in the subject's language."""
    with translation.override(subject.language):
        document = assemble(subject)
        return render_to_string(
            "reports/pdf/document.html",
            {
                "document": document,
                "version": _digest(document)[:10],
                "made_on": timezone.localdate(),
            },
        )


def render(subject: Subject) -> bytes:
    """The report as a tagged PDF (PDF/UA-1). Raises ``TooManyPages`` when the
    laid-out document is longer than ``MAX_PAGES``, before anything is written."""
    rendered = pdf.lay_out(html(subject))
    if rendered.pages > MAX_PAGES:
        raise TooManyPages(rendered.pages)
    return pdf.write(rendered)
