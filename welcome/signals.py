"""A newcomer's letter goes out as soon as it is due: when they agree to be contacted
or change their municipality or arrival date (the hourly task catches the rest, such as
an arrival date coming near)."""

from __future__ import annotations

from django.db import transaction

from newcomers.models import Consent, NewcomerProfile


def _send_soon(profile_ids: list[int]) -> None:
    from .tasks import welcome_letters_send

    transaction.on_commit(lambda: welcome_letters_send.delay(profile_ids))


# A save that names its fields and none of these cannot make a letter due.
LETTER_FIELDS = {"municipality", "arrival_date"}


def profile_saved(sender, instance: NewcomerProfile, update_fields=None, **kwargs) -> None:
    if update_fields is not None and not LETTER_FIELDS & set(update_fields):
        return
    if instance.municipality_id and instance.arrival_date:
        _send_soon([instance.pk])


def consent_saved(sender, instance: Consent, **kwargs) -> None:
    if instance.kind == Consent.Kind.MUNICIPALITY_CONTACT and instance.revoked_at is None:
        ids = list(
            NewcomerProfile.objects.filter(user_id=instance.user_id).values_list("pk", flat=True)
        )
        if ids:
            _send_soon(ids)


def connect() -> None:
    from django.db.models.signals import post_save

    post_save.connect(profile_saved, sender=NewcomerProfile, dispatch_uid="welcome-profile")
    post_save.connect(consent_saved, sender=Consent, dispatch_uid="welcome-consent")
