"""What the surveys hold about a person, for their download and their erasure.

An answer is kept when its person's account is erased, without them: the row loses its
person and link, and keeps only the wave, the municipality it counts in, the day it was
answered and the choices made, which say nothing of who chose them and keep the
published figures true to who answered. Everything unanswered goes with the person.
"""

from __future__ import annotations

from django.db.models import CharField, F, Value
from django.db.models.functions import Cast, Concat

from accounts.data_rights import PersonalData
from accounts.models import User

from .models import SurveyInvitation


def surveys_export(user: User) -> dict:
    rows = SurveyInvitation.objects.filter(user=user).order_by("sent_at")
    fields = ("lives", "occupation", "satisfaction", "still_employed")
    return {
        "surveys": [
            {
                "wave": row.wave,
                "sent_at": row.sent_at.isoformat(),
                "answered_at": row.answered_at.isoformat() if row.answered_at else None,
                "declined_at": row.declined_at.isoformat() if row.declined_at else None,
                **{field: getattr(row, field) for field in fields if row.answered_at},
            }
            for row in rows
        ]
    }


def surveys_erase(user: User) -> None:
    mine = SurveyInvitation.objects.filter(user=user)
    mine.filter(answered_at__isnull=True).delete()
    mine.update(
        user=None,
        token_digest=Concat(Value("erased:"), Cast("pk", CharField())),
        sent_at=F("answered_at"),
        expires_at=F("answered_at"),
    )


SURVEYS_DATA = PersonalData(app="surveys", export=surveys_export, erase=surveys_erase)
