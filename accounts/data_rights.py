"""A person's data rights across every app: download everything, erase everything.

Each app says what it holds about a person by registering a ``PersonalData`` (in its
``AppConfig.ready``): a part of the export, and what erasure does with its rows. This
module knows no app above it; the apps come to it.

Erasure runs in one transaction, the highest app first, then removes what accounts
itself holds (sessions on every device, admin log lines, the outbox's mail) and the
user, whose rows cascade. An app that must act after the account is gone (re-assemble
a partner's journey without the person's facts) returns a function to run then.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.admin.models import LogEntry
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from outbox.personal import messages_export, messages_scrub

from .models import User

AfterErasure = Callable[[], None]


@dataclass(frozen=True)
class PersonalData:
    app: str
    export: Callable[[User], dict]  # sections of the download, by name
    erase: Callable[[User], AfterErasure | None] | None = None


_registry: list[PersonalData] = []


def personal_data_register(entry: PersonalData) -> None:
    if all(existing.app != entry.app for existing in _registry):
        _registry.append(entry)


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _account_sections(user: User) -> dict:
    return {
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "preferred_language": user.preferred_language,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
        },
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user).order_by("email")
        ],
        "authenticators": [  # which kinds and since when; never the secrets
            {"type": a.type, "created_at": _iso(a.created_at)}
            for a in Authenticator.objects.filter(user=user).order_by("created_at")
        ],
        "emails": messages_export(user_id=user.pk, email=user.email),
    }


def account_export(*, user: User) -> dict:
    """Everything stored about ``user``, as JSON-ready data, every app's part in it."""
    data = _account_sections(user)
    for entry in _registry:
        data.update(entry.export(user))
    return data


def _sessions_end(user: User) -> None:
    """Every session of the person, on every device (they hold the address too)."""
    user_id = str(user.pk)
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        data = session.get_decoded()
        if data.get("_auth_user_id") == user_id or user.email in str(data):
            session.delete()


def _admin_log_scrub(user: User) -> None:
    """Staff edits of the person's rows are logged under their address."""
    LogEntry.objects.filter(object_repr__icontains=user.email).update(
        object_repr="erased", change_message=""
    )


@transaction.atomic
def account_erase(*, user: User) -> None:
    """Erase a person: after this, nothing in the database identifies them."""
    afterwards = [entry.erase(user) for entry in reversed(_registry) if entry.erase]
    messages_scrub(user_id=user.pk, email=user.email)
    _sessions_end(user)
    _admin_log_scrub(user)
    user.delete()
    for then in afterwards:
        if then is not None:
            then()
