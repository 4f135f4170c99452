"""The standard onboarding plan, seeded from ``data/onboarding.json``."""

from __future__ import annotations

import json
from pathlib import Path

from newcomers.seed import sources_seed, standard_template, steps_write

from .kind import ONBOARDING

DATA = Path(__file__).resolve().parent.parent / "data" / "onboarding.json"
TEMPLATE_NAME = {
    "sv": "Introduktionsplan för en internationell rekrytering",
    "en": "Onboarding plan for an international hire",
    "ar": "خطة استقبال موظف من الخارج",
    "uk": "План адаптації працівника з-за кордону",
}


def onboarding_seed() -> int:
    sources_seed()
    template = standard_template(ONBOARDING, TEMPLATE_NAME)
    return steps_write(template, json.loads(DATA.read_text(encoding="utf-8"))["steps"])
