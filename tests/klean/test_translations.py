"""Bokmål and nynorsk are complete, and nynorsk is nynorsk."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from klean.management.commands.check_translations import REQUIRED_COMPLETE, po_entries


def catalogue(language: str) -> Path:
    return Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po"


def test_bokmal_and_nynorsk_have_no_missing_or_fuzzy_strings():
    assert set(REQUIRED_COMPLETE) == {"nb", "nn"}
    call_command("check_translations")


def test_the_check_fails_on_a_fuzzy_entry(tmp_path, settings):
    for language in ("nb", "nn"):
        folder = tmp_path / language / "LC_MESSAGES"
        folder.mkdir(parents=True)
        (folder / "django.po").write_text(
            'msgid ""\nmsgstr ""\n\n#, fuzzy\nmsgid "Team"\nmsgstr "Lag"\n', encoding="utf-8"
        )
    settings.LOCALE_PATHS = [tmp_path]
    with pytest.raises(CommandError, match="fuzzy"):
        call_command("check_translations")


# Bokmål forms that have no place in nynorsk text (GLOSSARY.md).
BOKMAL_ONLY = ["ikke", "hvordan", "hva", "hvem", "noen", "være", "bare", "medlemmer", "uten"]


@pytest.mark.parametrize("word", BOKMAL_ONLY)
def test_nynorsk_has_no_bokmal_forms(word):
    found = [
        msgid
        for msgid, msgstrs, _fuzzy in po_entries(catalogue("nn"))
        if any(re.search(rf"\b{word}\b", text, re.IGNORECASE) for text in msgstrs)
    ]
    assert not found, f"“{word}” in nynorsk: {found}"
