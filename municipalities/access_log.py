"""The access log: every officer action on a person's data, written as it happens and
shown to the person under "My data"."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from accounts.models import User

from .models import Officer, OfficerAccess


def access_record(*, officer: Officer, people: Iterable[User | int], action: str) -> None:
    """Record that ``officer`` did ``action`` on each person's data (one query)."""
    name = officer.user.get_full_name()
    workplace = officer.workplace
    OfficerAccess.objects.bulk_create(
        OfficerAccess(
            person_id=person if isinstance(person, int) else person.pk,
            officer=officer,
            officer_name=name,
            workplace=workplace,
            action=action,
        )
        for person in people
    )


def accesses_of(user: User) -> QuerySet[OfficerAccess]:
    """What officers did with the person's data, newest first."""
    return OfficerAccess.objects.filter(person=user).order_by("-at", "-pk")
