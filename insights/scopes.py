"""Where an indicator is counted: the nation, a region (county) or a municipality, by
their official codes (``nation``, ``region:23``, ``municipality:2380``)."""

from __future__ import annotations

from dataclasses import dataclass

from municipalities.models import Municipality, Region

NATION, REGION, MUNICIPALITY = "nation", "region", "municipality"


@dataclass(frozen=True)
class Scope:
    kind: str
    code: str = ""
    region_code: str = ""  # a municipality's region

    @classmethod
    def parse(cls, text: str) -> Scope:
        """A scope that exists; a ValueError for anything else."""
        kind, _colon, code = (text or "").partition(":")
        if kind == NATION and not code:
            return cls(NATION)
        if kind == REGION and Region.objects.filter(code=code).exists():
            return cls(REGION, code)
        if kind == MUNICIPALITY:
            region = (
                Municipality.objects.filter(code=code)
                .values_list("region__code", flat=True)
                .first()
            )
            if region is not None:
                return cls(MUNICIPALITY, code, region)
        raise ValueError(text)

    def __str__(self) -> str:
        return self.kind if self.kind == NATION else f"{self.kind}:{self.code}"
