"""The occupations jobs are filed under: a selection of SSYK 2012 unit groups with their
names in every language (``data/occupations.json``, which says where they come from).
Safe to run again: matched by code."""

from __future__ import annotations

import json
from pathlib import Path

from django.db import transaction

from newcomers.seed import translated

from ..models import Occupation

DATA = Path(__file__).resolve().parent.parent / "data" / "occupations.json"


@transaction.atomic
def occupations_seed() -> int:
    entries = json.loads(DATA.read_text(encoding="utf-8"))["occupations"]
    for entry in entries:
        Occupation.objects.update_or_create(
            code=entry["code"], defaults=translated("name", entry["name"])
        )
    return len(entries)
