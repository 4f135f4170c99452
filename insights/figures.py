"""Each indicator's figure for a scope and a quarter, with small numbers suppressed."""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass

from municipalities.models import Municipality, Region

from .indicators import COUNT, INDICATORS, MEDIAN, Indicator, Row
from .periods import Quarter
from .privacy import THRESHOLD, hidden
from .scopes import MUNICIPALITY, NATION, REGION, Scope


@dataclass(frozen=True)
class Figure:
    value: float | int | None
    suppressed: bool

    def as_json(self) -> dict:
        return {"value": self.value, "suppressed": self.suppressed}


NOT_MEASURED = Figure(None, False)
SUPPRESSED = Figure(None, True)


def figures(
    scope: Scope, quarter: Quarter, indicators: tuple[Indicator, ...] = INDICATORS
) -> dict[str, Figure]:
    parts = _parts(scope)
    return {i.key: _figure(i, scope, quarter, parts) for i in indicators}


def _parts(scope: Scope) -> set[str]:
    """The parts of the total a count of the scope is one of: every region, or every
    municipality of its region (none for the nation)."""
    if scope.kind == REGION:
        return set(Region.objects.values_list("code", flat=True))
    if scope.kind == MUNICIPALITY:
        siblings = Municipality.objects.filter(region__code=scope.region_code)
        return set(siblings.values_list("code", flat=True))
    return set()


def _figure(indicator: Indicator, scope: Scope, quarter: Quarter, parts: set[str]) -> Figure:
    if indicator.source is None:
        return NOT_MEASURED
    rows = list(indicator.source(quarter))
    if indicator.measure == COUNT:
        return _count(rows, scope, parts)
    return _statistic(rows, scope, indicator.measure)


def _count(rows: list[Row], scope: Scope, parts: set[str]) -> Figure:
    """Distinct ``who``; suppressed among the parts of the total it belongs to."""
    if scope.kind == NATION:
        count = len({who for _m, _r, who, _v in rows})
        return Figure(count, False) if count >= THRESHOLD else SUPPRESSED
    place = 1 if scope.kind == REGION else 0
    whos: dict[str, set] = defaultdict(set)
    for row in rows:
        if row[place] in parts:
            whos[row[place]].add(row[2])
    counts = {part: len(whos[part]) for part in parts}
    if scope.code in hidden(counts):
        return SUPPRESSED
    return Figure(counts[scope.code], False)


def _in_scope(row: Row, scope: Scope) -> bool:
    return (
        scope.kind == NATION
        or (scope.kind == REGION and row[1] == scope.code)
        or (scope.kind == MUNICIPALITY and row[0] == scope.code)
    )


def _statistic(rows: list[Row], scope: Scope, measure: str) -> Figure:
    """A share (of true values) or a median, on at least ``THRESHOLD`` ``who``."""
    mine = [row for row in rows if _in_scope(row, scope)]
    if len({who for _m, _r, who, _v in mine}) < THRESHOLD:
        return SUPPRESSED
    values = [value for _m, _r, _who, value in mine]
    if measure == MEDIAN:
        return Figure(statistics.median(values), False)
    return Figure(round(sum(bool(value) for value in values) / len(values), 3), False)
