"""The readiness questions: seeding them into the engine, and reading them back.

The questions and their advice live in ``data/readiness.json`` in every enabled
language, each with a stable key, its area, the authority it concerns and the sources
behind its facts, and the day it was checked. Seeding is safe to run again: questions
are matched by key and updated. A question's title is the statement the employer
agrees with or not; its body is the advice that goes into the action plan.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from checklists.models import Authority, ChecklistItem, ChecklistTemplate
from checklists.services import checklist_steps
from newcomers.seed import review_fields, sources_named, sources_seed, translated

from .kind import AREAS, READINESS, anonymous_facts

DATA = Path(__file__).resolve().parent.parent / "data" / "readiness.json"
TEMPLATE_NAME = {
    "sv": "Beredskap för internationell rekrytering",
    "en": "Readiness for international recruitment",
    "ar": "الجاهزية للتوظيف الدولي",
    "uk": "Готовність до міжнародного найму",
}


@transaction.atomic
def readiness_seed() -> int:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    sources = sources_seed()
    authorities = {authority.key: authority for authority in Authority.objects.all()}
    template, _created = ChecklistTemplate.objects.update_or_create(
        kind=READINESS.key,
        layer="standard",
        owner_id=None,
        defaults=translated("name", TEMPLATE_NAME),
    )
    areas = {area.value for area in AREAS}
    for entry in data["questions"]:
        if entry["area"] not in areas:
            raise ValueError(f"{entry['key']}: unknown area {entry['area']}")
        item, _created = ChecklistItem.objects.update_or_create(
            template=template,
            key=entry["key"],
            defaults={
                "phase": entry["area"],
                "authority": authorities.get(entry["authority"]),
                "due_offset_days": None,
                "condition": {"all": []},
                "link_url": entry.get("link", ""),
                **review_fields(entry),
                **translated("title", entry["title"]),
                **translated("body", entry["body"]),
            },
        )
        item.sources.set(sources_named(entry["sources"], sources, entry["key"]))
    return len(data["questions"])


@dataclass(frozen=True)
class Area:
    key: str
    label: str
    questions: list[ChecklistItem]


def questions_by_area(facts=None) -> list[Area]:
    """The questions for these facts (the public check's by default), by area, in order,
    in the active language (a few queries)."""
    steps = checklist_steps(kind=READINESS, facts=facts or anonymous_facts())
    return [
        Area(
            key=area.value,
            label=str(area.label),
            questions=[step.item for step in steps if step.item.phase == area.value],
        )
        for area in AREAS
    ]
