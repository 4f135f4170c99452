"""What the municipalities app holds about a person: an officer's role (the row goes
with the account; the export says where they work)."""

from __future__ import annotations

from accounts.data_rights import PersonalData
from accounts.models import User

from .models import Officer


def officer_export(user: User) -> dict:
    officer = Officer.objects.select_related("municipality", "region").filter(user=user).first()
    if officer is None:
        return {}
    return {
        "officer": {
            "municipality": officer.municipality.code if officer.municipality else None,
            "county": officer.region.code,
            "title": officer.title,
        }
    }


OFFICER_DATA = PersonalData(app="municipalities", export=officer_export)
