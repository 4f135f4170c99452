"""Fill translations into a catalogue: `po_fill.py LANG FILE.json` with {msgid: msgstr}.

An entry with a context is keyed "context\u0004msgid"; plural entries take a list.
`po_fill.py --english` makes the English catalogue the identity (msgstr = msgid) and
clears fuzzy flags. A maintenance helper for translators.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def fill(language: str, translations: dict[str, str | list[str]]) -> int:
    path = ROOT / "locale" / language / "LC_MESSAGES" / "django.po"
    catalogue = polib.pofile(str(path), wrapwidth=79)
    done = 0
    for entry in catalogue:
        # An entry with a context is keyed "context\u0004msgid", as gettext does.
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if key not in translations:
            continue
        value = translations[key]
        if entry.msgid_plural:
            entry.msgstr_plural = dict(enumerate(value))
        else:
            entry.msgstr = value
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        done += 1
    catalogue.save(str(path))
    return done


def english_identity() -> int:
    path = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"
    catalogue = polib.pofile(str(path), wrapwidth=79)
    for entry in catalogue:
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
        else:
            entry.msgstr = entry.msgid
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
    catalogue.save(str(path))
    return len(catalogue)


if __name__ == "__main__":
    if sys.argv[1] == "--english":
        print(english_identity())
    else:
        language, source = sys.argv[1], sys.argv[2]
        print(fill(language, json.loads(Path(source).read_text(encoding="utf-8"))))
