"""Who sees which figures (decision 0011): the nation's and the regions' are published
for everyone; a municipality's are for staff and for officers of that municipality or
of its region (no officer sees another municipality's figures below region level)."""

from __future__ import annotations

from django.db.models import Q

from municipalities.models import Officer

from .scopes import MUNICIPALITY, Scope


def may_see(user, scope: Scope) -> bool:
    if scope.kind != MUNICIPALITY:
        return True
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    own = Q(municipality__code=scope.code) | Q(
        municipality__isnull=True, region__code=scope.region_code
    )
    return Officer.objects.filter(user=user).filter(own).exists()
