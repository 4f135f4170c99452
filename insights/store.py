"""Computing a quarter's figures for every place at once, and keeping them
(decision 0011).

An indicator's rows for a quarter are grouped three times in the database, by
municipality, by region and for the nation, so one quarter is three queries an
indicator whatever the number of places: every municipality's, region's and the
nation's figures, the people (or organisations) each rests on, and, for an indicator
with parts, the same by part. ``quarter_refresh`` replaces a quarter's figures in one
transaction, so a reader sees the old figures or the new, never half. The beat refreshes
the current and the last quarter every quarter of an hour and every quarter computed
before nightly (``tasks``); a quarter nobody computed yet is computed when first asked.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from datetime import datetime

from django.db import connection, transaction
from django.db.models import Aggregate, Count, FloatField, QuerySet, Sum
from django.utils import timezone

from .indicators import COUNT, INDICATORS, MEDIAN, SHARE, Indicator
from .models import ComputedQuarter, StoredFigure
from .periods import Quarter
from .scopes import MUNICIPALITY, NATION, REGION

LEVELS = ((MUNICIPALITY, "m_code"), (REGION, "r_code"), (NATION, None))


class Median(Aggregate):
    function = "PERCENTILE_CONT"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


def _scope(kind: str, code: str | None) -> str:
    return NATION if kind == NATION else f"{kind}:{code}"


def _grouped(indicator: Indicator, rows: QuerySet, group: list[str]) -> list[dict]:
    """One dict a group: its fields, ``people`` and the measure's sums or median."""
    aggregates = {"people": Count("who", distinct=True)}
    if indicator.measure == SHARE:
        aggregates |= {"yes_sum": Sum("value"), "of_sum": Sum("of")}
    by_hand = indicator.measure == MEDIAN and connection.vendor != "postgresql"
    if indicator.measure == MEDIAN and not by_hand:
        aggregates["median"] = Median("value")
    found = (
        list(rows.values(*group).annotate(**aggregates).order_by())
        if group
        else [rows.aggregate(**aggregates)]
    )
    if by_hand:  # the embedded database has no percentile: a few rows, by hand
        values = defaultdict(list)
        for *keys, value in rows.values_list(*group, "value"):
            values[tuple(keys)].append(value)
        for row in found:
            kept = values.get(tuple(row[field] for field in group))
            row["median"] = statistics.median(kept) if kept else None
    return found


def _value(indicator: Indicator, row: dict) -> float | None:
    if indicator.measure == COUNT:
        return row["people"]
    if indicator.measure == SHARE:
        return row["yes_sum"] / row["of_sum"] if row.get("of_sum") else None
    return row.get("median")


def quarter_compute(quarter: Quarter) -> list[StoredFigure]:
    made = []
    for indicator in INDICATORS:
        rows = indicator.source(quarter)
        for parted in (False, True) if indicator.parts else (False,):
            for kind, field in LEVELS:
                group = [name for name in (field, "part" if parted else None) if name]
                for row in _grouped(indicator, rows, group):
                    if field and row[field] is None:  # a row with no place
                        continue
                    made.append(
                        StoredFigure(
                            quarter=str(quarter),
                            scope=_scope(kind, row.get(field)),
                            key=indicator.key,
                            part=(row.get("part") or "") if parted else "",
                            people=row["people"],
                            value=_value(indicator, row),
                        )
                    )
    return made


def quarter_refresh(quarter: Quarter) -> datetime:
    """Compute the quarter's figures afresh and put them in place of the old."""
    started = timezone.now()
    made = quarter_compute(quarter)
    with transaction.atomic():
        ComputedQuarter.objects.bulk_create(
            [ComputedQuarter(quarter=str(quarter), computed_at=started)], ignore_conflicts=True
        )
        stamp = ComputedQuarter.objects.select_for_update().get(quarter=str(quarter))
        StoredFigure.objects.filter(quarter=str(quarter)).delete()
        StoredFigure.objects.bulk_create(made, batch_size=1000)
        stamp.computed_at = started
        stamp.save(update_fields=["computed_at"])
    return started


def computed_at(quarters: list[Quarter]) -> dict[Quarter, datetime]:
    """When each quarter's figures were computed (one query); a quarter never computed
    is computed now."""
    stamps = dict(
        ComputedQuarter.objects.filter(quarter__in=[str(q) for q in quarters]).values_list(
            "quarter", "computed_at"
        )
    )
    return {q: stamps.get(str(q)) or quarter_refresh(q) for q in quarters}


def quarters_refresh(*, recent_only: bool) -> int:
    """The current and last quarter, or every quarter computed before as well."""
    current = Quarter.current()
    wanted = {current, current.previous}
    if not recent_only:
        computed = ComputedQuarter.objects.values_list("quarter", flat=True)
        wanted |= {Quarter.parse(quarter) for quarter in computed}
    for quarter in sorted(wanted):
        quarter_refresh(quarter)
    return len(wanted)
