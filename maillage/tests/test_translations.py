"""A shipped UI string without a fr, en or es translation fails the suite."""

import os
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
DOMAINS = ["django", "djangojs"]


def catalogue(language: str, domain: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}.po"


def _missing(po: polib.POFile) -> list[str]:
    return [
        entry.msgid
        for entry in po
        if not entry.obsolete and (not entry.translated() or "fuzzy" in entry.flags)
    ]


@pytest.mark.parametrize("language", settings.REQUIRED_LANGUAGES)
def test_every_catalogued_string_is_translated(language):
    path = catalogue(language, "django")
    assert path.exists(), f"{path} is missing: run `make messages` and translate it"
    missing = _missing(polib.pofile(str(path)))
    assert not missing, f"{len(missing)} untranslated strings in {path}: {missing[:10]}"


@pytest.mark.parametrize("language", [code for code, _ in settings.LANGUAGES])
def test_every_language_has_a_catalogue(language):
    assert catalogue(language, "django").exists()


def test_catalogues_hold_every_string_of_the_code(tmp_path, settings):
    """Extract the strings of the code afresh and compare with the committed catalogue."""
    if not shutil.which("xgettext"):
        if os.environ.get("MAILLAGE_REQUIRE_GETTEXT"):
            pytest.fail("GNU gettext (xgettext) is required to check the catalogues")
        pytest.skip("GNU gettext is missing: cannot extract strings (apt-get install gettext)")
    settings.LOCALE_PATHS = [tmp_path]
    root = Path(settings.BASE_DIR)
    previous = Path.cwd()
    os.chdir(root)
    try:
        call_command(
            "makemessages",
            locale=["fr"],
            # The real catalogues must not be found (makemessages would write into them).
            ignore_patterns=[
                ".venv/*",
                "node_modules/*",
                "bench/*",
                "data/*",
                "staticfiles/*",
                "maillage/locale",
            ],
            verbosity=0,
        )
    finally:
        os.chdir(previous)
    extracted = {entry.msgid for entry in polib.pofile(str(tmp_path / "fr/LC_MESSAGES/django.po"))}
    assert len(extracted) > 300, "the extraction found almost nothing: is the walk broken?"
    for language in settings.REQUIRED_LANGUAGES:
        committed = polib.pofile(str(catalogue(language, "django")))
        known = {entry.msgid for entry in committed if not entry.obsolete}
        absent = sorted(extracted - known)
        assert not absent, (
            f"{len(absent)} strings of the code are not in {language}'s catalogue "
            f"(run `make messages` and translate): {absent[:10]}"
        )
