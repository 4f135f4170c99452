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

from checklists.models import ChecklistItem
from checklists.services import checklist_steps
from newcomers.seed import sources_seed, standard_template, steps_write

from .kind import AREAS, READINESS, anonymous_facts

DATA = Path(__file__).resolve().parent.parent / "data" / "readiness.json"
TEMPLATE_NAME = {
    "sv": "Beredskap för internationell rekrytering",
    "en": "Readiness for international recruitment",
    "ar": "الجاهزية للتوظيف الدولي",
    "uk": "Готовність до міжнародного найму",
}


def readiness_seed() -> int:
    sources_seed()
    template = standard_template(READINESS, TEMPLATE_NAME)
    data = json.loads(DATA.read_text(encoding="utf-8"))
    return steps_write(template, data["questions"], phase_field="area")


@dataclass(frozen=True)
class Area:
    key: str
    label: str
    questions: list[ChecklistItem]


def questions_by_area() -> list[Area]:
    """The public check's questions, by area, in order, in the active language (a few
    queries)."""
    steps = checklist_steps(kind=READINESS, facts=anonymous_facts())
    return [
        Area(
            key=area.value,
            label=str(area.label),
            questions=[step.item for step in steps if step.item.phase == area.value],
        )
        for area in AREAS
    ]
