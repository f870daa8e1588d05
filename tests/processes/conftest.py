import pytest
from django.utils import translation


@pytest.fixture
def in_english(settings):
    """For tests that read the English source texts: pages answer in English
    and drawings are made with English active."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
