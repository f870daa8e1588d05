"""The resident's page: where the error summary leads, what it says once, and
the style sheet it relies on."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from feedback.submission import field_name
from tests.feedback.helpers import form_with_every_kind, good_answers, post, shown_again

pytestmark = pytest.mark.django_db


def text(language, msgid):
    with translation.override(language):
        return gettext(msgid)


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


def test_the_page_says_once_that_it_takes_a_minute_and_warns_once_per_text(client, project):
    from feedback import services
    from feedback.models import FormStatus
    from feedback.templates import NO_PERSONAL_DATA, SERVICE_SURVEY

    form = services.create_from_template(project, SERVICE_SURVEY, by=None)
    form.status = FormStatus.OPEN
    form.save()
    # A form made before: its free-text question carries the warning as its help.
    form.questions.filter(kind="what_matters").update(help=NO_PERSONAL_DATA["nb"])
    html = client.get(f"/f/{form.token}/").content.decode()
    assert "minutt" not in form.intro and "minute" not in form.intro_en
    assert NO_PERSONAL_DATA["nb"] not in html
    warning = text("nb", "Do not write names or other personal information.")
    free = form.questions.filter(kind__in=["what_matters", "long_text", "short_text"]).count()
    assert html.count(warning) == free
