"""Sweden's official geography: 21 counties and 290 municipalities.

Source: SCB's register of county and municipality codes (``data/municipalities.csv``,
valid from 2025-01-01). County names in English, Arabic and Ukrainian are
Landa's translations in ``data/county_names.csv``, which also names each county's
region, the elected regional authority (SKR's list of Sweden's 21 regions, checked
2026-11-23; Gotland's is the municipality, Region Gotland).
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from caching.content import content_changed

from .models import Municipality, Region

DATA_DIR = Path(__file__).resolve().parent / "data"


def _read(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@transaction.atomic
def geography_seed() -> tuple[int, int]:
    """Create or update every region and municipality; safe to run again."""
    rows = _read("municipalities.csv")
    names = {row["county_code"]: row for row in _read("county_names.csv")}
    regions: dict[str, Region] = {}
    for row in rows:
        code = row["county_code"]
        if code in regions:
            continue
        translated = names[code]
        regions[code], _created = Region.objects.update_or_create(
            code=code,
            defaults={
                "name_sv": row["county_name"],
                "name_en": translated["en"],
                "name_ar": translated["ar"],
                "name_uk": translated["uk"],
                "slug": slugify(row["county_name"]),
                "regional_body": translated["regional_body"],
            },
        )
    slug_counts = Counter(slugify(row["municipality_name"]) for row in rows)
    municipalities = []
    for row in rows:
        slug = slugify(row["municipality_name"])
        if slug_counts[slug] > 1:  # Håbo and Habo both slugify to "habo"
            slug = f"{slug}-{row['municipality_code']}"
        municipalities.append(
            Municipality(
                code=row["municipality_code"],
                name=row["municipality_name"],
                slug=slug,
                region=regions[row["county_code"]],
            )
        )
    # One statement for all 290, inserting or updating by code (the seed runs before
    # most tests, so its speed is the suite's).
    Municipality.objects.bulk_create(
        municipalities,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name", "slug", "region"],
    )
    content_changed()  # written without signals
    return len(regions), len(rows)
