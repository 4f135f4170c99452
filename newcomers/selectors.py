from __future__ import annotations

from django.db.models import QuerySet

from municipalities.models import Officer

from .models import Consent, NewcomerProfile


def newcomers_for_officer(*, officer: Officer) -> QuerySet[NewcomerProfile]:
    """Newcomers to the officer's municipality (or region) who consented to contact."""
    consenting = Consent.objects.filter(
        kind=Consent.Kind.MUNICIPALITY_CONTACT, revoked_at__isnull=True
    ).values("user_id")
    profiles = NewcomerProfile.objects.filter(user_id__in=consenting)
    if officer.municipality_id:
        profiles = profiles.filter(municipality_id=officer.municipality_id)
    else:
        profiles = profiles.filter(municipality__region_id=officer.region_id)
    return profiles.select_related("user", "municipality").order_by("arrival_date", "pk")
