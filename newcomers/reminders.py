"""The reminder digest: open steps due within a week and overdue ones, per person.

Sent through the outbox in the person's language. The idempotency key holds the day
and the state of the steps it lists, so the same digest is never sent twice in a day,
however often the job runs.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Window
from django.db.models.functions import Mod, RowNumber
from django.urls import reverse
from django.utils import translation
from modeltranslation.utils import build_localized_fieldname, resolution_order

from checklists.selectors import items_needing_attention
from outbox.mail import MessageTemplate, PendingMessage, message_enqueue_many, site_address
from outbox.models import OutgoingMessage

from .journey import JOURNEY
from .models import NewcomerProfile

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "landa.reminders.unsubscribe"
MONDAY = 0


def unsubscribe_token(user_id: int) -> str:
    return signing.dumps(user_id, salt=UNSUBSCRIBE_SALT)


def unsubscribe_user_id(token: str) -> int | None:
    try:
        return int(signing.loads(token, salt=UNSUBSCRIBE_SALT))
    except (signing.BadSignature, ValueError, TypeError):
        return None


@dataclass(frozen=True)
class DigestStep:
    key: str
    title: str
    due_date: date

    def for_template(self) -> dict[str, str]:
        # A dict: the template engine tries a key before an attribute, and a failed
        # key lookup (an exception) per variable is what made a digest slow to render.
        return {"title": self.title, "due": self.due_date.isoformat()}


@dataclass
class DigestPerson:
    user_id: int
    email: str
    language: str
    name: str = ""
    steps: list[DigestStep] = field(default_factory=list)


def _by_key(step: DigestStep) -> str:
    return step.key


DIGEST_BATCH = 1000  # people per insert; memory stays flat in the number of newcomers
PEOPLE_PER_TASK = 5000  # a daily run is split into tasks of this many people


def reminders_ranges(*, today: date) -> list[tuple[int, int | None]]:
    """Split today's recipients into ranges of profile ids, about ``PEOPLE_PER_TASK``
    people each, that workers render side by side. A range is ``(first, before)``; the
    last one is open (``before`` is None)."""
    starts = list(
        reminder_recipients(today=today)
        .annotate(number=Window(RowNumber(), order_by="pk"))
        .annotate(place=Mod("number", PEOPLE_PER_TASK))
        .filter(place=1 % PEOPLE_PER_TASK)  # the first of each range, counted in SQL
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return list(zip(starts, [*starts[1:], None], strict=True))


def reminder_recipients(*, today: date):
    """Profiles whose reminders go out on ``today`` (daily; weekly ones on Mondays)."""
    frequencies = [NewcomerProfile.Reminders.DAILY]
    if today.weekday() == MONDAY:
        frequencies.append(NewcomerProfile.Reminders.WEEKLY)
    return NewcomerProfile.objects.filter(reminders__in=frequencies, user__is_active=True)


def reminders_send(*, today: date, first: int | None = None, before: int | None = None) -> int:
    """Queue today's digests for profiles ``first`` ≤ id < ``before`` (everyone by default);
    return how many were queued (not counting repeats).

    Built for a whole country's newcomers: one streamed query reads only what a digest
    shows (each step's titles, not its four languages' bodies); people come out of it
    one at a time; a digest already queued today is skipped before it is rendered; the
    templates and links are looked up once per run, not per person; digests are stored
    a batch at a time and handed to the broker many per task. Time grows linearly,
    and memory not at all, with the number of newcomers.
    """
    writer = DigestWriter(today=today)
    people = _people_due(today=today, first=first, before=before)
    queued = 0
    while batch := list(itertools.islice(people, DIGEST_BATCH)):
        keys = {person.user_id: writer.key(person) for person in batch}
        done = set(
            OutgoingMessage.objects.filter(idempotency_key__in=keys.values()).values_list(
                "idempotency_key", flat=True
            )
        )
        digests = [_digest_or_none(writer, p) for p in batch if keys[p.user_id] not in done]
        with transaction.atomic():
            queued += message_enqueue_many(messages=[d for d in digests if d is not None])
    return queued


def _digest_or_none(writer: DigestWriter, person: DigestPerson) -> PendingMessage | None:
    """One person's digest; a failure to render it is logged and skips only them."""
    try:
        return writer.write(person)
    except Exception:  # isolate one person's bad data or template error from the rest
        logger.exception("Reminders: could not write the digest of user %s", person.user_id)
        return None


def _people_due(
    *, today: date, first: int | None = None, before: int | None = None
) -> Iterator[DigestPerson]:
    languages = [code for code, _name in settings.LANGUAGES]
    rows = items_needing_attention(today=today).filter(
        instance__kind=JOURNEY.key, instance__newcomer__in=reminder_recipients(today=today)
    )
    if first is not None:
        rows = rows.filter(instance__subject_id__gte=first)
    if before is not None:
        rows = rows.filter(instance__subject_id__lt=before)
    rows = rows.order_by("instance__subject_id", "due_date", "position").values_list(
        "instance__subject_id",
        "instance__newcomer__user_id",
        "instance__newcomer__user__email",
        "instance__newcomer__user__preferred_language",
        "instance__newcomer__user__display_name",
        "key",
        "due_date",
        *(build_localized_fieldname("item__title", code) for code in languages),
    )
    # Where each language finds its title among the columns, fallbacks included, as
    # modeltranslation reads it: looked up once, not per step.
    title_order = {
        code: [languages.index(c) for c in resolution_order(code) if c in languages]
        for code in languages
    }
    for _profile, group in itertools.groupby(rows.iterator(chunk_size=5000), key=itemgetter(0)):
        person = None
        for _profile_id, user_id, email, language, name, key, due_date, *titles in group:
            person = person or DigestPerson(
                user_id=user_id, email=email, language=language, name=name
            )
            order = title_order.get(language) or title_order[settings.LANGUAGE_CODE]
            title = next((titles[i] for i in order if titles[i]), "")
            person.steps.append(DigestStep(key=key, title=title, due_date=due_date))
        yield person


class DigestWriter:
    """Renders digests for one run: templates loaded and links reversed once."""

    SLOT = "--slot--"  # reversed once per language, the token filled in per person

    def __init__(self, *, today: date) -> None:
        self.today = today
        self.template = MessageTemplate.load("newcomers/email/reminder_digest")
        self.paths: dict[str, tuple[str, str]] = {}

    def _paths(self, language: str) -> tuple[str, str]:
        if language not in self.paths:
            with translation.override(language):
                self.paths[language] = (
                    reverse("newcomers:journey"),
                    reverse("newcomers:unsubscribe", kwargs={"token": self.SLOT}),
                )
        return self.paths[language]

    def key(self, person: DigestPerson) -> str:
        """Holds the day and the state of the steps listed: the same digest is never
        queued twice in a day, however often the job runs."""
        state = "|".join(f"{s.key}:{s.due_date}" for s in sorted(person.steps, key=_by_key))
        digest = hashlib.sha256(state.encode()).hexdigest()[:16]
        return f"digest:{person.user_id}:{self.today.isoformat()}:{digest}"

    def write(self, person: DigestPerson) -> PendingMessage:
        journey_path, unsubscribe_path = self._paths(person.language)
        unsubscribe_path = unsubscribe_path.replace(self.SLOT, unsubscribe_token(person.user_id))
        unsubscribe_url = f"{site_address()}{unsubscribe_path}"
        rendered = self.template.render(
            context={
                "overdue": [s.for_template() for s in person.steps if s.due_date < self.today],
                "upcoming": [s.for_template() for s in person.steps if s.due_date >= self.today],
                "journey_path": journey_path,
                "unsubscribe_url": unsubscribe_url,
                "name": person.name,
            },
            language=person.language,
            headers={
                "List-Unsubscribe": f"<{unsubscribe_url}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
        return PendingMessage(
            kind="reminder_digest",
            recipient=person.email,
            rendered=rendered,
            language=person.language,
            idempotency_key=self.key(person),
            user_id=person.user_id,
        )
