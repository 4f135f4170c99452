"""Who sees which figures (decision 0011): the nation's and the regions' are published
for everyone; a municipality's are for staff and for officers whose area holds it
(``Officer.municipalities``): no officer sees another municipality's figures below
region level. The dashboard offers exactly the places of ``viewer_for``, and the API
answers a municipality's figures to the same people."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from municipalities.access import officer_for
from municipalities.models import Region

from .scopes import MUNICIPALITY, NATION, REGION, Scope


@dataclass(frozen=True)
class Viewer:
    """The places someone may see on the dashboard, their own first."""

    scopes: list[tuple[str, str]]  # (scope, its name)

    def sees(self, scope: str) -> bool:
        return any(scope == own for own, _name in self.scopes)


def _scopes_of_regions(regions) -> list[tuple[str, str]]:
    """Each region, then its municipalities, by name (two queries)."""
    scopes = []
    for region in regions.order_by("name").prefetch_related("municipalities"):
        scopes.append((f"{REGION}:{region.code}", region.name))
        towns = sorted(region.municipalities.all(), key=lambda m: m.name)
        scopes += [(f"{MUNICIPALITY}:{m.code}", m.name) for m in towns]
    return scopes


def viewer_for(user) -> Viewer | None:
    """Staff: everywhere. An officer: the municipalities of their area and its region."""
    if user.is_staff:
        return Viewer([(NATION, _("Sweden")), *_scopes_of_regions(Region.objects.all())])
    officer = officer_for(user)
    if officer is None:
        return None
    area = [(f"{MUNICIPALITY}:{m.code}", m.name) for m in officer.municipalities().order_by("name")]
    region = (f"{REGION}:{officer.region.code}", officer.region.name)
    return Viewer([*area, region] if officer.municipality_id else [region, *area])


def may_see(user, scope: Scope) -> bool:
    if scope.kind != MUNICIPALITY:
        return True
    viewer = viewer_for(user) if user.is_authenticated else None
    return viewer is not None and viewer.sees(str(scope))
