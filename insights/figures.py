"""Each indicator's figure for a scope and a quarter, with small numbers suppressed."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from django.db import connection
from django.db.models import Aggregate, Count, FloatField, QuerySet, Sum

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
    if indicator.measure == MEDIAN:
        found = mine.aggregate(people=Count("who", distinct=True), **_median())  # one query
        if found["people"] < THRESHOLD:
            return SUPPRESSED
        if "median" not in found:  # not PostgreSQL (the embedded database): by hand
            found["median"] = statistics.median(mine.values_list("value", flat=True))
        return Figure(_rounded(found["median"]), False)
    found = mine.aggregate(
        people=Count("who", distinct=True), yes_sum=Sum("value"), of_sum=Sum("of")
    )
    if found["people"] < THRESHOLD or not found["of_sum"]:
        return SUPPRESSED
    return Figure(round(found["yes_sum"] / found["of_sum"], 3), False)


class Median(Aggregate):
    function = "PERCENTILE_CONT"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


def _median() -> dict:
    return {"median": Median("value")} if connection.vendor == "postgresql" else {}


def _rounded(number: float) -> float | int:
    return int(number) if float(number).is_integer() else round(number, 1)


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
