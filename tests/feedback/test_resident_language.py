"""Every message a resident reads follows the language the resident chose,
whatever language the browser asks for."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from feedback.submission import CONTACT_FIELD, EMAIL_FIELD
from tests.feedback.helpers import form_with_every_kind, post

pytestmark = pytest.mark.django_db


def text(language, msgid):
    with translation.override(language):
        return gettext(msgid)


@pytest.mark.parametrize("language", ["nn", "en"])
def test_error_messages_are_in_the_residents_language(client, language):
    form, _questions = form_with_every_kind()
    response = post(
        client,
        form,
        {"language": language, CONTACT_FIELD: "1", EMAIL_FIELD: ""},
        HTTP_ACCEPT_LANGUAGE="nb",
        follow=True,
    )
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    for msgid in ("Choose an answer.", "Write the e-mail address we may contact you at."):
        assert text(language, msgid) in html
        assert text("nb", msgid) not in html
