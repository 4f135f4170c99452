"""The first place pages: Region Jämtland Härjedalen's and its eight municipalities',
from ``data/place_pages.json`` in every language.

The text is general, written from general knowledge on the day in the file, for the
editors of each place to check and complete (the note at the top of the file says so).
Only pages that do not exist yet are created: once a page exists its editor keeps it,
and running the seed again changes nothing.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import transaction

from ..models import Municipality, PlacePage, Region

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "place_pages.json"
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def _translated(field: str, values: dict[str, str], where: str) -> dict[str, str]:
    missing = [code for code in LANGUAGES if not values.get(code)]
    if missing:
        raise ValueError(f"{where}: {field} lacks {', '.join(missing)}")
    too_long = PlacePage._meta.get_field(field).max_length
    if any(len(values[code]) > too_long for code in LANGUAGES):
        raise ValueError(f"{where}: {field} is longer than {too_long} characters")
    return {f"{field}_{code}": values[code] for code in LANGUAGES}


def _fields(entry: dict, checked_on: date, where: str) -> dict:
    unknown = set(entry["sections"]) - set(PlacePage.SECTIONS)
    if unknown:
        raise ValueError(f"{where}: unknown sections {', '.join(sorted(unknown))}")
    fields = {
        "website": entry["website"],
        "source_url": entry["website"],
        "checked_on": checked_on,
        **_translated("source_title", entry["source_title"], where),
    }
    for section, texts in entry["sections"].items():
        fields.update(_translated(section, texts, where))
    return fields


def place_pages_load() -> dict:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


@transaction.atomic
def place_pages_seed() -> int:
    """Create the pages of the data file that are missing; return how many were created.
    Needs the geography (``geography_seed``) first."""
    data = place_pages_load()
    checked_on = date.fromisoformat(data["checked_on"])
    regions = Region.objects.in_bulk([e["code"] for e in data["regions"]], field_name="code")
    municipalities = Municipality.objects.in_bulk(
        [e["code"] for e in data["municipalities"]], field_name="code"
    )
    created = 0
    for entry in data["regions"]:
        where = f"county {entry['code']}"
        _page, was_created = PlacePage.objects.get_or_create(
            region=regions[entry["code"]], defaults=_fields(entry, checked_on, where)
        )
        created += was_created
    for entry in data["municipalities"]:
        where = f"municipality {entry['code']}"
        _page, was_created = PlacePage.objects.get_or_create(
            municipality=municipalities[entry["code"]], defaults=_fields(entry, checked_on, where)
        )
        created += was_created
    return created
