"""Each indicator's figure for a scope and a quarter, with small numbers suppressed."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Q, QuerySet

from municipalities.models import Municipality, Region

from .indicators import COUNT, INDICATORS, MEDIAN, Indicator
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
    rows = indicator.source(quarter)
    if indicator.measure == COUNT:
        return _count(rows, scope, parts)
    mine = rows.filter(**_in_scope(scope))
    if mine.aggregate(people=Count("who", distinct=True))["people"] < THRESHOLD:
        return SUPPRESSED
    if indicator.measure == MEDIAN:
        values = [_number(value) for value in mine.values_list("value", flat=True)]
        return Figure(statistics.median(values), False)
    shares = mine.aggregate(rows=Count("pk"), yes=Count("pk", filter=Q(value=True)))
    return Figure(round(shares["yes"] / shares["rows"], 3), False)


def _number(value: object) -> float | int:
    """A median's value: a number, or a number of days (never below 0)."""
    return max(0, value.days) if isinstance(value, timedelta) else value


def _in_scope(scope: Scope) -> dict[str, str]:
    if scope.kind == REGION:
        return {"r_code": scope.code}
    if scope.kind == MUNICIPALITY:
        return {"m_code": scope.code}
    return {}


def _count(rows: QuerySet, scope: Scope, parts: set[str]) -> Figure:
    """Distinct ``who``; suppressed among the parts of the total it belongs to."""
    if scope.kind == NATION:
        count = rows.aggregate(n=Count("who", distinct=True))["n"]
        return Figure(count, False) if count >= THRESHOLD else SUPPRESSED
    if scope.kind == REGION:
        grouped = rows.values("r_code").annotate(n=Count("who", distinct=True))
        found = {row["r_code"]: row["n"] for row in grouped}
    else:
        siblings = rows.filter(r_code=scope.region_code)
        grouped = siblings.values("m_code").annotate(n=Count("who", distinct=True))
        found = {row["m_code"]: row["n"] for row in grouped}
    counts = {part: found.get(part, 0) for part in parts}
    if scope.code in hidden(counts):
        return SUPPRESSED
    return Figure(counts[scope.code], False)
