"""The report's URL fetcher serves our static files and aborts the render for
anything else (QUALITY.md S8)."""

import pytest
from weasyprint.urls import FatalURLFetchingError

from reports import pdf

REFUSED = [
    "http://127.0.0.1:9/x.css",
    "https://example.org/x.css",
    "ftp://127.0.0.1:9/x.css",
    "data:text/css,body{color:red}",
    "file:///etc/passwd",
    "file://remote-host/static/css/report.css",
    "static:../klean/settings.py",
    "static:css/../../klean/settings.py",
    "static:%2e%2e/klean/settings.py",
    "static:css/missing.css",
    "static:css",
    "gopher://127.0.0.1:9/",
    "javascript:alert(1)",
]


@pytest.fixture
def fetcher():
    return pdf.fetcher()


@pytest.mark.parametrize("url", REFUSED)
def test_the_fetcher_refuses_everything_but_our_static_files(fetcher, url):
    with pytest.raises(FatalURLFetchingError):
        fetcher.fetch(url)
    assert fetcher.asked == [url]


def test_the_fetcher_refuses_a_file_url_outside_the_static_directory(fetcher):
    outside = pdf.static_root().parent / "klean" / "settings.py"
    with pytest.raises(FatalURLFetchingError):
        fetcher.fetch(outside.as_uri())
    escaping = f"file://{pdf.static_root()}/../klean/settings.py"
    with pytest.raises(FatalURLFetchingError):
        fetcher.fetch(escaping)


def test_the_fetcher_refuses_a_link_that_leads_out_of_the_static_directory(
    fetcher, tmp_path, settings
):
    static = tmp_path / "static"
    static.mkdir()
    (static / "secret").symlink_to("/etc/passwd")
    settings.STATICFILES_DIRS = [static]
    fetcher = pdf.fetcher()
    with pytest.raises(FatalURLFetchingError):
        fetcher.fetch("static:secret")


def test_the_fetcher_serves_our_stylesheet(fetcher):
    response = fetcher.fetch(pdf.STYLESHEET)
    assert response.content_type == "text/css"
    assert b"@page" in response.read()
    response.close()
    as_file = fetcher.fetch((pdf.static_root() / "css" / "report.css").as_uri())
    assert as_file.read().startswith(b"/*")
    as_file.close()


@pytest.mark.parametrize(
    "markup",
    [
        '<link rel="stylesheet" href="file:///etc/passwd">',
        '<img src="http://127.0.0.1:9/x.png" alt="x">',
        "<style>@import url(http://127.0.0.1:9/a.css);</style>",
        '<p style="background: url(file:///etc/passwd)">x</p>',
        '<svg><image href="file:///etc/passwd" width="10" height="10"/></svg>',
    ],
)
def test_a_fetch_outside_our_static_files_aborts_the_render(markup):
    """Escaping keeps user text from ever being markup; if markup that loads
    something got into a report anyway, the render stops instead of loading it."""
    html = f'<html lang="nb"><head><title>T</title></head><body>{markup}</body></html>'
    with pytest.raises(FatalURLFetchingError):
        # An SVG's image is loaded when the page is drawn: at writing.
        pdf.write(pdf.lay_out(html))
