"""Scoring a readiness check: from 0 to 100 per area and overall, and the actions its
weak answers call for.

Each answer earns points of 3 (``choices.READINESS_POINTS``): not yet 0, started 1,
mostly in place 2, in place 3. An area's score is its points as a share of the most it
could have, over the questions that apply: "does not apply" leaves a question out, and
a question not answered counts as "not yet" (an answer nobody gave is not readiness).
An area where nothing applies has no score. The overall score is the mean of the areas
that have one, so that each area weighs the same however many questions it has.

An action is the advice of a question answered "not yet" or "started", keyed by the
question: those not yet started come first, then area by area, in the questions' order.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..choices import READINESS_POINTS, Readiness

WEAK = (Readiness.NOT_YET, Readiness.STARTED)
MAX_POINTS = 3


@dataclass(frozen=True)
class Score:
    areas: dict[str, int | None]
    overall: int | None
    actions: list[str]

    def as_json(self) -> dict:
        return {"areas": self.areas, "overall": self.overall, "actions": self.actions}


def score(answers: dict[str, str], questions: list[tuple[str, str]]) -> Score:
    """``questions``: ``(key, area)`` in order; ``answers``: key → a ``Readiness`` value."""
    earned: dict[str, int] = {}
    possible: dict[str, int] = {}
    not_yet, started = [], []
    for key, area in questions:
        earned.setdefault(area, 0)
        possible.setdefault(area, 0)
        value = answers.get(key, Readiness.NOT_YET)
        if value == Readiness.NOT_APPLICABLE:
            continue
        earned[area] += READINESS_POINTS[value]
        possible[area] += MAX_POINTS
        if value == Readiness.NOT_YET:
            not_yet.append(key)
        elif value == Readiness.STARTED:
            started.append(key)
    areas = {
        area: round(100 * earned[area] / possible[area]) if possible[area] else None
        for area in earned
    }
    scored = [value for value in areas.values() if value is not None]
    overall = round(sum(scored) / len(scored)) if scored else None
    return Score(areas=areas, overall=overall, actions=not_yet + started)
