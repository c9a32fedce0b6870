"""Every interface language is complete: no untranslated or fuzzy entry ships."""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings

CATALOGS = {
    code: Path(settings.BASE_DIR) / "locale" / code / "LC_MESSAGES" / "django.po"
    for code, _ in settings.LANGUAGES
    if code != "en"
}


@pytest.mark.parametrize("language", sorted(CATALOGS))
def test_catalog_is_complete(language):
    with CATALOGS[language].open("rb") as handle:
        catalog = read_po(handle, locale=language.replace("nb", "nb_NO"))
    entries = [message for message in catalog if message.id]
    untranslated = [
        message.id
        for message in entries
        if not message.string or (isinstance(message.string, tuple) and not all(message.string))
    ]
    fuzzy = [message.id for message in entries if message.fuzzy]
    assert entries
    assert untranslated == []
    assert fuzzy == []
