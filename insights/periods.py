"""Quarters, the periods every indicator is counted over ("2026Q3"), in Swedish time."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone

_QUARTER = re.compile(r"(\d{4})Q([1-4])")


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> Quarter:
        """``2026Q3``; a ValueError for anything else."""
        match = _QUARTER.fullmatch(text or "")
        if match is None:
            raise ValueError(text)
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def begun(cls, text: str) -> Quarter:
        """A quarter from ``FIRST`` that has begun (in Sweden); a ValueError for anything
        else. The bound keeps what anyone may ask for (and what is then computed and
        kept, ``insights.store``) to a few dozen quarters, not every year since 0001."""
        quarter = cls.parse(text)
        if not FIRST <= quarter <= cls.current():
            raise ValueError(text)
        return quarter

    @classmethod
    def current(cls) -> Quarter:
        return cls.containing(timezone.localdate())

    @classmethod
    def containing(cls, day: date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def first_day(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def next(self) -> Quarter:
        return (
            Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)
        )

    @property
    def previous(self) -> Quarter:
        return (
            Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)
        )

    def moments(self) -> tuple[datetime, datetime]:
        """Its first moment and the next quarter's, in Swedish time."""
        start = datetime.combine(self.first_day, datetime.min.time())
        end = datetime.combine(self.next.first_day, datetime.min.time())
        return timezone.make_aware(start), timezone.make_aware(end)

    def __str__(self) -> str:
        return f"{self.year}Q{self.number}"


FIRST = Quarter(2020, 1)
"""The first quarter figures are given for: before Landa, only arrival dates of people
who joined later could fall, and those a few years back at most."""
