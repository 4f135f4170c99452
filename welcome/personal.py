"""What the welcome app holds about a person: the welcome letters written to them and
their cases at municipalities with the case checklist (the rows go with their profile
when the account is erased). Print runs hold residents who
are not on Landa; they are deleted after ``print_runs.KEEP_DAYS``."""

from __future__ import annotations

from accounts.data_rights import PersonalData
from accounts.models import User
from checklists.models import InstanceItem

from .models import Case, WelcomeLetter


def _case_export(case: Case) -> dict:
    contact = case.contact_person
    steps = InstanceItem.objects.filter(instance__case=case).select_related("item")
    return {
        "municipality": case.municipality.code,
        "opened": case.opened_at.isoformat(),
        "contact_person": contact.user.get_full_name() if contact else "",
        "steps": [
            {
                "step": row.item.title,
                "applies": row.state == InstanceItem.State.ACTIVE,
                "done": row.done_at.isoformat() if row.done_at else None,
            }
            for row in steps
        ],
    }


def letters_export(user: User) -> dict:
    cases = Case.objects.filter(profile__user=user).select_related(
        "municipality", "contact_person__user"
    )
    return {
        "cases": [_case_export(case) for case in cases.order_by("opened_at", "pk")],
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
        ],
    }


LETTERS_DATA = PersonalData(app="welcome", export=letters_export)
