"""HTML to PDF with WeasyPrint, reading nothing but our own static files.

QUALITY.md S8: a report makes no network request and reads no file outside
``static/``. Every resource WeasyPrint would load (the stylesheet, an
``@import``, a ``url()``, an image, an SVG ``<image>``, an attachment) goes
through ``StaticFetcher``, given to the HTML and to every stylesheet alike.
It serves ``static:css/report.css`` (our own scheme) and ``file:`` URLs whose
resolved path lies inside the static directory; anything else — http, https,
ftp, data, a ``file:`` elsewhere, a path that climbs out with ``..`` or a
symbolic link — raises ``FatalURLFetchingError``, which aborts the render
(an ordinary exception would only be logged and the render would go on;
where WeasyPrint swallows even that, in an SVG's ``<image>``, ``lay_out``
and ``write`` raise it themselves).
Nothing is redirected: the fetcher opens files itself and never calls
urllib. Presentational hints stay off (CVE-2026-49452).

WeasyPrint is imported inside the functions (DESIGN.md: never at import time).
"""

import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings

#: The kinds of file a report may load (no guessing from the system's lists).
TYPES = {
    ".css": "text/css",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
}

#: Our own scheme for a static file: ``static:css/report.css``.
SCHEME = "static"
STYLESHEET = f"{SCHEME}:css/report.css"


def static_root() -> Path:
    """The directory of our own static files (``static/`` in the repository)."""
    return Path(settings.STATICFILES_DIRS[0]).resolve()


def _fetcher_class():
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    class StaticFetcher(URLFetcher):
        """Serves files from the static directory; refuses everything else."""

        def __init__(self):
            super().__init__(allowed_protocols={SCHEME, "file"}, allow_redirects=False, timeout=1)
            self.root = static_root()
            #: Every URL asked for, and those refused, in order.
            self.asked: list[str] = []
            self.refused: list[str] = []

        def fetch(self, url, headers=None):
            self.asked.append(url)
            path = self.resolve(url)
            if path is None:
                self.refused.append(url)
                raise FatalURLFetchingError(f"not one of our static files: {url[:200]}")
            content_type = TYPES.get(path.suffix.lower(), "application/octet-stream")
            return URLFetcherResponse(
                path.as_uri(), path.read_bytes(), {"Content-Type": content_type}
            )

        def resolve(self, url: str) -> Path | None:
            """The file inside the static directory that ``url`` names, or None."""
            parts = urlsplit(url)
            scheme = parts.scheme.lower()
            if scheme == SCHEME:
                relative = unquote(parts.path).lstrip("/")
                candidate = self.root / relative
            elif scheme == "file" and parts.netloc in ("", "localhost"):
                candidate = Path(unquote(parts.path))
            else:
                return None
            try:
                path = candidate.resolve(strict=True)
            except (OSError, RuntimeError):
                return None
            if not path.is_relative_to(self.root) or not path.is_file():
                return None
            return path

    return StaticFetcher


def fetcher():
    """A new ``StaticFetcher`` (a ``weasyprint.urls.URLFetcher``)."""
    return _fetcher_class()()


def _refuse_if_asked_outside(url_fetcher) -> None:
    """WeasyPrint lets an SVG's ``<image>`` fail quietly, even on a fatal
    fetching error: the fetcher refused it (nothing was read), and the render
    stops here all the same."""
    if url_fetcher.refused:
        from weasyprint.urls import FatalURLFetchingError

        raise FatalURLFetchingError(f"not one of our static files: {url_fetcher.refused[0][:200]}")


@dataclass
class Rendered:
    """A laid-out document and what it took: ``layout`` seconds from HTML to
    pages; ``pdf`` is filled by ``write``."""

    document: object
    pages: int
    layout: float
    fetcher: object
    pdf: bytes = b""
    write: float = 0.0


def lay_out(html: str, *, url_fetcher=None) -> Rendered:
    """Parse and lay out ``html`` with our stylesheet; nothing is written yet."""
    from weasyprint import CSS, HTML

    url_fetcher = url_fetcher or fetcher()
    started = time.perf_counter()
    stylesheet = CSS(url=STYLESHEET, url_fetcher=url_fetcher)
    document = HTML(string=html, url_fetcher=url_fetcher).render(
        stylesheets=[stylesheet],
        presentational_hints=False,
        pdf_variant="pdf/ua-1",
    )
    _refuse_if_asked_outside(url_fetcher)
    return Rendered(
        document=document,
        pages=len(document.pages),
        layout=time.perf_counter() - started,
        fetcher=url_fetcher,
    )


def write(rendered: Rendered) -> bytes:
    """The laid-out document as a tagged PDF (PDF/UA-1: language, title, tags)."""
    started = time.perf_counter()
    pdf = rendered.document.write_pdf(pdf_variant="pdf/ua-1")
    _refuse_if_asked_outside(rendered.fetcher)
    rendered.pdf = pdf
    rendered.write = time.perf_counter() - started
    return rendered.pdf
