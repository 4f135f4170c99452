"""Events: welcome events, language cafés, move-in evenings, by a municipality or an
association, with registration, a waiting list promoted by itself when a place frees
up, and a reminder the day before.

Times are stored in UTC and shown in Europe/Stockholm (``TIME_ZONE``). Title and text
are translated fields (``translation.py``); a language left empty falls back to English,
then Swedish.
"""

from __future__ import annotations

import itertools
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from associations.models import Organization
from municipalities.models import Municipality


def unique_treating_nulls_alike(
    fields: list[str],
    *,
    nullable: list[str],
    name: str,
    condition: models.Q | None = None,
) -> list[models.UniqueConstraint]:
    """Unique together where an empty (NULL) nullable field counts as one value, on
    every database: one partial constraint per combination of the nullable fields being
    empty or not (``nulls_distinct=False`` would do it on PostgreSQL 15 alone, and
    SQLite, which ``make run`` uses, would have no constraint)."""
    constraints = []
    for filled in itertools.product((False, True), repeat=len(nullable)):
        which = models.Q(
            **{f"{field}__isnull": not has for field, has in zip(nullable, filled, strict=True)}
        )
        named = [field for field, has in zip(nullable, filled, strict=True) if has]
        suffix = "".join(field[0] for field in named) or "n"
        constraints.append(
            models.UniqueConstraint(
                fields=[*fields, *named],
                condition=which & condition if condition is not None else which,
                name=f"{name}_{suffix}",
            )
        )
    return constraints


class EventSeries(models.Model):
    """Events that repeat by an RFC 5545 recurrence rule (an ``RRULE`` value); each
    occurrence is an event of its own (``Event.series``, see ``series``)."""

    class Frequency(models.TextChoices):
        WEEKLY = "weekly", _("every week")
        FORTNIGHTLY = "fortnightly", _("every other week")
        MONTHLY = "monthly", _("every month")
        OTHER = "other", _("repeats")  # an imported rule of another kind

    uuid = models.UUIDField(_("public identifier"), default=uuid.uuid4, unique=True)
    rule = models.CharField(_("recurrence rule (RFC 5545)"), max_length=500)
    frequency = models.CharField(_("repeats"), max_length=12, choices=Frequency.choices)
    until = models.DateField(_("repeats until"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("series of events")
        verbose_name_plural = _("series of events")

    def __str__(self) -> str:
        return f"{self.get_frequency_display()} ({self.rule})"

    def get_calendar_url(self) -> str:
        return reverse("events:series_ics", kwargs={"uuid": self.uuid})


class Event(models.Model):
    uuid = models.UUIDField(_("public identifier"), default=uuid.uuid4, unique=True)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="events",
        help_text=_("Where it takes place, or whose event it is when it is online."),
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("association"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="events",
        help_text=_("Empty: the municipality's own event."),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what happens"), max_length=4000)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), max_length=300, blank=True)
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    # Imported from a calendar (``importing``): which one, and the event's UID there,
    # so that importing again updates it instead of adding it twice.
    source = models.ForeignKey(
        "CalendarSource",
        verbose_name=_("imported from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
    )
    source_uid = models.CharField(_("identifier in the calendar"), max_length=300, blank=True)
    # One of a series: the start its rule gave it (RFC 5545's RECURRENCE-ID), which stays
    # when this occurrence alone is moved.
    series = models.ForeignKey(
        EventSeries,
        verbose_name=_("series"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
    )
    recurrence_id = models.DateTimeField(_("start in the series"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["municipality", "starts_at"], name="event_municipality"),
            models.Index(fields=["series", "recurrence_id"], name="event_series"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="event_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=models.Q(capacity__isnull=True) | models.Q(capacity__gte=1),
                name="event_capacity_at_least_one",
            ),
            *unique_treating_nulls_alike(
                ["municipality", "source_uid"],
                nullable=["organization", "recurrence_id"],
                condition=~models.Q(source_uid=""),
                name="one_event_per_imported_uid",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", kwargs={"uuid": self.uuid})

    def clean(self) -> None:
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("It must end after it starts.")
        if not self.place and not self.online_url:
            errors["place"] = _("Give a place or an online link.")
        if errors:
            raise ValidationError(errors)

    @property
    def organizer(self) -> str:
        return self.organization.name if self.organization_id else self.municipality.name


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("has a place")
        WAITING = "waiting", _("on the waiting list")
        CANCELLED = "cancelled", _("cancelled")

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="event_registrations",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    # Each promotion from the waiting list is mailed once (``promoted-<pk>``).
    promoted_at = models.DateTimeField(_("moved up from the waiting list"), null=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=~models.Q(status="cancelled"),
                name="one_active_registration",
            )
        ]
        indexes = [
            models.Index(fields=["event", "status", "created_at"], name="registration_queue")
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.event}"


class CalendarSource(models.Model):
    """A calendar a municipality or an association already keeps (an iCalendar
    address), imported and kept in sync so that nobody types its events twice."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.CASCADE, related_name="+"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("association"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="calendars",
        help_text=_("Empty: the municipality's own calendar."),
    )
    url = models.URLField(_("calendar address (iCalendar)"), max_length=500)
    last_synced_at = models.DateTimeField(_("last read"), null=True, blank=True)
    last_error = models.CharField(_("last problem"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("imported calendar")
        verbose_name_plural = _("imported calendars")
        constraints = [
            *unique_treating_nulls_alike(
                ["municipality", "url"], nullable=["organization"], name="one_source_per_url"
            )
        ]

    def __str__(self) -> str:
        return self.url
