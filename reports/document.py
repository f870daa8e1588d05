"""The PDF report as a document: what it is about, its fingerprint, and its rendering.

The pipeline (``reports.models``, ``reports.tasks``) relies on exactly this:

- ``Subject``: what a report is about (kind, language, project or organisation, period);
- ``fingerprint(subject)``: a hash of every figure and text the report would show plus the
  template version, so an unchanged project re-uses its report;
- ``render(subject)``: the PDF's bytes, or ``TooManyPages`` when it would exceed
  ``MAX_PAGES``; a fetch outside our static files aborts the render.
"""

import hashlib
from dataclasses import dataclass
from datetime import date

from accounts.models import Organisation
from projects.models import Project

#: A report longer than this is refused with a message, never written.
MAX_PAGES = 200

#: Raised when the change in layout or wording makes every older file stale.
TEMPLATE_VERSION = "1"


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


def fingerprint(subject: Subject) -> str:
    # Placeholder until the sections exist: the subject and the template version.
    parts = [
        TEMPLATE_VERSION,
        subject.kind,
        subject.language,
        str(subject.organisation.pk),
        str(subject.project.pk if subject.project else ""),
        str(subject.period or ""),
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def render(subject: Subject) -> bytes:
    from django.utils.html import escape
    from weasyprint import HTML

    title = escape(subject.project.name if subject.project else subject.organisation.name)
    html = (
        f'<html lang="{subject.language}"><head><title>{title}</title></head>'
        f"<body><h1>{title}</h1></body></html>"
    )
    document = HTML(string=html).render()
    if len(document.pages) > MAX_PAGES:
        raise TooManyPages(len(document.pages))
    return document.write_pdf(pdf_variant="pdf/ua-1")
