"""Compile locale/*.po to .mo with Python alone (no GNU gettext needed for `make run`)."""

from __future__ import annotations

import ast
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _unquote(line: str) -> str:
    return ast.literal_eval(line)


def parse_po(path: Path) -> dict[str, str]:
    """Translated entries of a .po file; keys join context and plural ids as gettext does."""
    messages: dict[str, str] = {}
    entry: dict[str, str] = {}
    field = ""
    fuzzy = False

    def flush() -> None:
        nonlocal entry, fuzzy
        if "msgid" in entry and (not fuzzy or not entry["msgid"]):
            key = entry["msgid"]
            if "msgctxt" in entry:
                key = f"{entry['msgctxt']}\x04{key}"
            if "msgid_plural" in entry:
                key = f"{key}\x00{entry['msgid_plural']}"
                forms = [entry[k] for k in sorted(k for k in entry if k.startswith("msgstr["))]
                value = "\x00".join(forms)
            else:
                value = entry.get("msgstr", "")
            if value.replace("\x00", "") or not entry["msgid"]:
                messages[key] = value
        entry, fuzzy = {}, False

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            flush()
            continue
        if line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
            continue
        if line.startswith("#"):
            continue
        if line.startswith('"'):
            entry[field] += _unquote(line)
            continue
        keyword, _, rest = line.partition(" ")
        if keyword == "msgid" and "msgid" in entry and field.startswith("msgstr"):
            flush()
        field = keyword
        entry[field] = _unquote(rest)
    flush()
    return messages


def write_mo(messages: dict[str, str], path: Path) -> None:
    keys = sorted(messages)
    ids = b"".join(k.encode() + b"\0" for k in keys)
    strs = b"".join(messages[k].encode() + b"\0" for k in keys)
    offsets, id_pos, str_pos = [], 0, 0
    for k in keys:
        kb, vb = k.encode(), messages[k].encode()
        offsets.append((len(kb), id_pos, len(vb), str_pos))
        id_pos += len(kb) + 1
        str_pos += len(vb) + 1
    header = 7 * 4
    id_table = header
    str_table = id_table + len(keys) * 8
    ids_start = str_table + len(keys) * 8
    strs_start = ids_start + len(ids)
    output = struct.pack("Iiiiiii", 0x950412DE, 0, len(keys), id_table, str_table, 0, 0)
    for length, pos, _l, _p in offsets:
        output += struct.pack("ii", length, ids_start + pos)
    for _l, _p, length, pos in offsets:
        output += struct.pack("ii", length, strs_start + pos)
    path.write_bytes(output + ids + strs)


def main() -> int:
    for po in sorted(ROOT.glob("locale/*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            write_mo(parse_po(po), mo)
    return 0


if __name__ == "__main__":
    sys.exit(main())
