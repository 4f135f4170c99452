"""Each indicator's figure for a scope and a quarter, with small numbers suppressed,
read from the figures last computed (``insights.store``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from municipalities.models import Municipality, Region

from .indicators import COUNT, INDICATORS, SHARE, Indicator
from .models import StoredFigure
from .periods import Quarter
from .privacy import THRESHOLD, hidden, hidden_cells
from .scopes import MUNICIPALITY, REGION, Scope
from .store import computed_at


@dataclass(frozen=True)
class Figure:
    value: float | int | None
    suppressed: bool

    def as_json(self) -> dict:
        return {"value": self.value, "suppressed": self.suppressed}


SUPPRESSED = Figure(None, True)


@dataclass(frozen=True)
class Figures:
    """A scope's figures for a quarter: by indicator, and by part of those with parts."""

    whole: dict[str, Figure]
    parts: dict[str, list[tuple[str, str, Figure]]]  # key → (part, its name, figure)
    computed_at: datetime

    def __getitem__(self, key: str) -> Figure:
        return self.whole[key]

    def items(self):
        return self.whole.items()


def figures(
    scope: Scope, quarter: Quarter, indicators: tuple[Indicator, ...] = INDICATORS
) -> Figures:
    return figures_over(scope, [quarter], indicators)[quarter]


def figures_over(
    scope: Scope, quarters: list[Quarter], indicators: tuple[Indicator, ...] = INDICATORS
) -> dict[Quarter, Figures]:
    """The scope's figures for each quarter, in three queries whatever their number (and
    the occupations, for the parts): when the quarters were computed, the places the
    scope's counts are decided among, and the stored figures of those places."""
    stamps = computed_at(quarters)
    siblings = _siblings(scope)
    stored = StoredFigure.objects.filter(
        quarter__in=[str(q) for q in quarters],
        scope__in=[str(scope), *siblings],
        key__in=[indicator.key for indicator in indicators],
    ).values_list("quarter", "scope", "key", "part", "people", "value")
    # quarter → (indicator, part) → place → (people, value)
    cells: dict[str, dict[tuple[str, str], dict[str, tuple[int, float | None]]]] = {}
    for quarter, place, key, part, people, value in stored:
        cells.setdefault(quarter, {}).setdefault((key, part), {})[place] = (people, value)
    named = {i.key: i.parts() for i in indicators if i.parts}
    found = {}
    for quarter in quarters:
        mine = cells.get(str(quarter), {})
        whole = {
            i.key: _figure(i, str(scope), siblings, mine.get((i.key, ""), {})) for i in indicators
        }
        parts = {
            i.key: _parts(i, named[i.key], str(scope), siblings, mine)
            for i in indicators
            if i.parts
        }
        found[quarter] = Figures(whole, parts, stamps[quarter])
    return found


def _parts(
    indicator: Indicator, named: list[tuple[str, str]], scope: str, siblings: list[str], cells: dict
) -> list:
    """A share's parts each on its own base; a count's parts suppressed in the table of
    the places it is decided among by their parts (``privacy.hidden_cells``)."""
    if indicator.measure != COUNT:
        return [
            (part, name, _figure(indicator, scope, siblings, cells.get((indicator.key, part), {})))
            for part, name in named
        ]
    places = siblings or [scope]
    whole = cells.get((indicator.key, ""), {})
    rows_hidden = _hidden_places(places, siblings, whole)
    table = {
        (place, part): cells.get((indicator.key, part), {}).get(place, (0, None))[0]
        for place in places
        for part, _name in named
    }
    hide = hidden_cells(table, rows_hidden, columns=bool(siblings))
    return [
        (part, name, SUPPRESSED if (scope, part) in hide else Figure(table[(scope, part)], False))
        for part, name in named
    ]


def _siblings(scope: Scope) -> list[str]:
    """The parts of the total a count of the scope is one of: every region, or every
    municipality of its region (none for the nation)."""
    if scope.kind == REGION:
        codes = Region.objects.values_list("code", flat=True)
    elif scope.kind == MUNICIPALITY:
        codes = Municipality.objects.filter(region__code=scope.region_code).values_list(
            "code", flat=True
        )
    else:
        return []
    return [f"{scope.kind}:{code}" for code in codes]


def _figure(
    indicator: Indicator, scope: str, siblings: list[str], cells: dict[str, tuple]
) -> Figure:
    """``cells``: place → (people, value), for the scope and its siblings."""
    people, value = cells.get(scope, (0, None))
    if indicator.measure == COUNT:
        hide = _hidden_places(siblings or [scope], siblings, cells)
        return SUPPRESSED if scope in hide else Figure(people, False)
    if people < THRESHOLD or value is None:
        return SUPPRESSED
    if indicator.measure == SHARE:
        return Figure(round(value, 3), False)
    return Figure(_rounded(value), False)


def _hidden_places(places: list[str], siblings: list[str], cells: dict) -> set[str]:
    """Which places' counts are suppressed: among the parts of their total (the
    siblings), or, for the nation, below the threshold."""
    counts = {place: cells.get(place, (0, None))[0] for place in places}
    if siblings:
        return hidden(counts)
    return {place for place, count in counts.items() if count < THRESHOLD}


def _rounded(number: float) -> float | int:
    return int(number) if float(number).is_integer() else round(number, 1)
