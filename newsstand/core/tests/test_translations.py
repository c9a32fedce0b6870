"""Every interface language is complete: no untranslated or fuzzy entry ships."""

import contextlib
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management import call_command

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


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext's xgettext (Debian package gettext)")
def test_catalogs_hold_every_string_of_the_code(tmp_path, settings):
    """A string marked for translation but missing from the .po files (makemessages not run) fails here."""
    # A copy of the code without locale/, so that makemessages writes a fresh catalog and touches none of ours.
    for folder in ("config", "newsstand", "templates"):
        shutil.copytree(Path(settings.BASE_DIR) / folder, tmp_path / folder)
    (tmp_path / "fresh").mkdir()
    settings.LOCALE_PATHS = [tmp_path / "fresh"]
    with contextlib.chdir(tmp_path):
        call_command("makemessages", locale=["nb"], verbosity=0)
    with (
        (tmp_path / "fresh" / "nb" / "LC_MESSAGES" / "django.po").open("rb") as fresh,
        CATALOGS["nb"].open("rb") as ours,
    ):
        wanted = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(fresh) if m.id}
        have = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(ours) if m.id}
    assert sorted(wanted - have) == [], "run makemessages for every language and translate the new strings"
