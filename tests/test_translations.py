"""Catalogues are whole for every enabled language, and compile as GNU msgfmt would."""

import gettext
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from scripts.compilemessages import parse_po, write_mo

LOCALE = Path(settings.BASE_DIR) / "locale"


def entries(po: Path) -> list[str]:
    text = po.read_text(encoding="utf-8")
    return [
        e
        for e in text.split("\n\n")
        if "msgid" in e and 'msgid ""\nmsgstr ""\n"' not in e and not e.lstrip().startswith("#~")
    ]


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_catalogue_is_complete_with_nothing_fuzzy(language):
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    assert po.exists(), f"no catalogue for {language}"
    bad = []
    for entry in entries(po):
        if re.search(r"^#,.*fuzzy", entry, re.M):
            bad.append(("fuzzy", entry))
        for match in re.finditer(r'^msgstr(\[\d+\])? "(.*)"$', entry, re.M):
            rest = entry[match.end() :]
            if match.group(2) == "" and not rest.startswith('\n"'):
                bad.append(("untranslated", entry))
    assert not bad, "\n\n".join(f"{kind}:\n{entry}" for kind, entry in bad[:10])


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_python_compiler_matches_msgfmt(language, tmp_path):
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("GNU gettext not installed")
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    subprocess.run([msgfmt, "--check", "-o", tmp_path / "gnu.mo", po], check=True)
    write_mo(parse_po(po), tmp_path / "ours.mo")
    ours = gettext.GNUTranslations((tmp_path / "ours.mo").open("rb"))._catalog
    gnu = gettext.GNUTranslations((tmp_path / "gnu.mo").open("rb"))._catalog
    ours.pop("", None), gnu.pop("", None)
    assert ours == gnu
