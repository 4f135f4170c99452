"""What the directory holds about a person: the associations they represent. The
associations and their activities are theirs, not the person's, and stay when the
person's account is erased (their place as a representative goes with it)."""

from __future__ import annotations

from accounts.data_rights import PersonalData
from accounts.models import User

from .models import Organization


def associations_export(user: User) -> dict:
    return {
        "associations_you_represent": [
            {"name": organization.name, "municipality": organization.municipality.code}
            for organization in Organization.objects.filter(representatives=user)
            .select_related("municipality")
            .order_by("pk")
        ]
    }


ASSOCIATIONS_DATA = PersonalData(app="associations", export=associations_export)
