"""The resident's page: where the error summary leads, what it says once, and
the style sheet it relies on."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from feedback.submission import field_name
from tests.feedback.helpers import form_with_every_kind, good_answers, post, shown_again

pytestmark = pytest.mark.django_db


def test_the_error_summary_leads_to_the_question_not_its_first_option(client):
    form, questions = form_with_every_kind()
    broken = {**good_answers(questions), field_name(questions["satisfaction"]): ""}
    html = shown_again(client, post(client, form, broken)).content.decode()
    name = field_name(questions["satisfaction"])
    summary = re.search(r'<div class="error-summary"[^>]*>(.*?)</div>', html, re.S).group(1)
    assert f'href="#{name}"' in summary
    fieldset = re.search(rf'<fieldset[^>]* id="{name}"[^>]*>', html).group(0)
    assert 'tabindex="-1"' in fieldset, "a link's target takes the focus, legend and all"


def test_the_style_sheet_closes_every_block():
    """An unclosed block once put every rule after the resident's kiosk styles
    inside a media query, so the builder's address did not wrap on a phone."""
    css = (Path(settings.BASE_DIR) / "static/css/klean.css").read_text()
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    depth = 0
    for number, line in enumerate(css.splitlines(), start=1):
        depth += line.count("{") - line.count("}")
        assert depth >= 0, number
    assert depth == 0
