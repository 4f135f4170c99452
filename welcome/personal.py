"""What the welcome app holds about a person: the welcome letters written to them (the
rows go with their profile when the account is erased). Print runs hold residents who
are not on Landa; they are deleted after ``print_runs.KEEP_DAYS``."""

from __future__ import annotations

from accounts.data_rights import PersonalData
from accounts.models import User

from .models import WelcomeLetter


def letters_export(user: User) -> dict:
    return {
        "welcome_letters": [
            {
                "municipality": letter.municipality.code,
                "language": letter.language,
                "subject": letter.subject,
                "letter": letter.body_html,
                "written": letter.created_at.isoformat(),
            }
            for letter in WelcomeLetter.objects.filter(profile__user=user)
            .select_related("municipality")
            .order_by("created_at", "pk")
        ]
    }


LETTERS_DATA = PersonalData(app="welcome", export=letters_export)
