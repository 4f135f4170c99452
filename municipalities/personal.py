"""What the municipalities app holds about a person: an officer's role (the row goes
with the account; the export says where they work), and the log of what officers did
with the person's data (it goes with the account too)."""

from __future__ import annotations

from accounts.data_rights import PersonalData
from accounts.models import User

from .models import Officer, OfficerAccess


def officer_export(user: User) -> dict:
    sections: dict = {
        "officer_accesses": [
            {
                "officer": access.officer_name,
                "workplace": access.workplace,
                "action": access.action,
                "at": access.at.isoformat(),
            }
            for access in OfficerAccess.objects.filter(person=user).order_by("at", "pk")
        ]
    }
    officer = Officer.objects.select_related("municipality", "region").filter(user=user).first()
    if officer is not None:
        sections["officer"] = {
            "municipality": officer.municipality.code if officer.municipality else None,
            "county": officer.region.code,
            "title": officer.title,
            "role": officer.role,
        }
    return sections


OFFICER_DATA = PersonalData(app="municipalities", export=officer_export)
