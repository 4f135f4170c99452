"""A CSV of new residents who are not on Landa, read whole or refused whole.

Columns (a header row, comma or semicolon separated, UTF-8): ``name``, ``address``,
``postal_code``, ``city`` and, if known, ``language`` (sv, en, ar, uk; empty: the
letter's fallback). Every row is checked; a file with any error is refused with each
line and its reason, and nothing is stored.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

MAX_ROWS = 300
MAX_BYTES = 1_000_000
REQUIRED = ("name", "address", "postal_code", "city")
POSTAL_CODE = re.compile(r"^\d{3} ?\d{2}$")
LIMITS = {"name": 150, "address": 200, "city": 100}


@dataclass(frozen=True)
class Resident:
    line: int
    name: str
    address: str
    postal_code: str
    city: str
    language: str  # "" when not known


class ResidentsRefused(ValueError):
    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


def _decode(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise ResidentsRefused([_("The file is larger than 1 MB.")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ResidentsRefused(
            [_("The file is not UTF-8 text. Save it from your spreadsheet as CSV UTF-8.")]
        ) from error


def residents_read(data: bytes) -> list[Resident]:
    text = _decode(data)
    if not text.strip():
        raise ResidentsRefused([_("The file is empty.")])
    delimiter = ";" if text.splitlines()[0].count(";") > text.splitlines()[0].count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [(name or "").strip().lower() for name in reader.fieldnames or []]
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        raise ResidentsRefused(
            [_("Line 1: the columns %(columns)s are missing.") % {"columns": ", ".join(missing)}]
        )
    reader.fieldnames = header
    languages = {code for code, _name in settings.LANGUAGES}
    residents, problems = [], []
    for row in reader:
        line = reader.line_num
        if len(residents) + len(problems) >= MAX_ROWS:
            raise ResidentsRefused(
                [_("The file has more than %(max)s residents; split it.") % {"max": MAX_ROWS}]
            )
        if None in row:
            problems.append(_("Line %(line)s: more fields than columns.") % {"line": line})
            continue
        values = {key: (value or "").strip() for key, value in row.items()}
        if not any(values.values()):
            continue
        row_problems = []
        for column in REQUIRED:
            if not values.get(column):
                row_problems.append(
                    _("Line %(line)s: %(column)s is empty.") % {"line": line, "column": column}
                )
        for column, limit in LIMITS.items():
            if len(values.get(column, "")) > limit:
                row_problems.append(
                    _("Line %(line)s: %(column)s is longer than %(limit)s characters.")
                    % {"line": line, "column": column, "limit": limit}
                )
        if values.get("postal_code") and not POSTAL_CODE.match(values["postal_code"]):
            row_problems.append(
                _("Line %(line)s: the postal code “%(code)s” is not five digits.")
                % {"line": line, "code": values["postal_code"][:20]}
            )
        language = values.get("language", "").lower()
        if language and language not in languages:
            row_problems.append(
                _("Line %(line)s: the language “%(language)s” is not one of %(languages)s.")
                % {
                    "line": line,
                    "language": language[:20],
                    "languages": ", ".join(sorted(languages)),
                }
            )
        if row_problems:
            problems.extend(row_problems)
            continue
        code = values["postal_code"].replace(" ", "")
        residents.append(
            Resident(
                line=line,
                name=values["name"],
                address=values["address"],
                postal_code=f"{code[:3]} {code[3:]}",
                city=values["city"],
                language=language,
            )
        )
    if problems:
        raise ResidentsRefused(problems)
    if not residents:
        raise ResidentsRefused([_("The file has no residents.")])
    return residents
