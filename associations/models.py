"""The directory of associations, shaped like Open Referral HSDS 3: an organisation
offers services (the activities newcomers can join), each at a location (or online),
on a weekly schedule, in some languages, free or with a fee, for an audience.

Entries are moderated by the editors of the municipality (``Service.State``); only an
approved service verified within ``HIDE_AFTER_MONTHS`` is public. Texts are plain
paragraphs, never HTML, in the languages the association writes them in.
"""

from __future__ import annotations

import uuid
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from municipalities.models import Municipality

from .choices import LANGUAGE_NAMES, SPOKEN_LANGUAGES, Audience, Category, Weekday

FLAG_AFTER_MONTHS = 12  # not verified for a year: flagged to editors and representative
HIDE_AFTER_MONTHS = 18  # not verified for a year and a half: no longer public


def months_ago(months: int, today: date) -> date:
    """The same day ``months`` months earlier (the last day of a shorter month)."""
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    month += 1
    for day in (today.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


class Organization(models.Model):
    uuid = models.UUIDField(_("public identifier"), default=uuid.uuid4, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("about the association"), max_length=4000, blank=True)
    email = models.EmailField(_("email address"), blank=True)
    website = models.URLField(_("website"), max_length=300, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="organizations",
    )
    representatives = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("representatives"),
        blank=True,
        related_name="organizations",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("association")
        verbose_name_plural = _("associations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Location(models.Model):
    """Where an association meets: a street address in a municipality."""

    uuid = models.UUIDField(_("public identifier"), default=uuid.uuid4, unique=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("association"),
        on_delete=models.CASCADE,
        related_name="locations",
    )
    name = models.CharField(_("name of the place"), max_length=200, blank=True)
    address = models.CharField(_("street address"), max_length=200)
    postal_code = models.CharField(_("postal code"), max_length=6)
    city = models.CharField(_("city"), max_length=100)
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")

    def __str__(self) -> str:
        return self.name or self.address


class Service(models.Model):
    """An activity an association offers: a language café, a football team, a mentor."""

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("waiting for the municipality")
        CHANGES = "changes_requested", _("changes asked for")
        APPROVED = "approved", _("published")
        REJECTED = "rejected", _("not published")

    uuid = models.UUIDField(_("public identifier"), default=uuid.uuid4, unique=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("association"),
        on_delete=models.CASCADE,
        related_name="services",
    )
    name = models.CharField(_("name of the activity"), max_length=200)
    description = models.TextField(_("what happens"), max_length=4000)
    category = models.CharField(_("category"), max_length=30, choices=Category.choices)
    audience = models.CharField(
        _("for whom"), max_length=20, choices=Audience.choices, default=Audience.EVERYONE
    )
    is_free = models.BooleanField(_("free of charge"), default=True)
    fees_description = models.CharField(
        _("what it costs"), max_length=300, blank=True, help_text=_("When it is not free.")
    )
    location = models.ForeignKey(
        Location,
        verbose_name=_("place"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="services",
    )
    online_url = models.URLField(_("online link"), max_length=300, blank=True)
    email = models.EmailField(_("contact email"), blank=True)
    phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.DRAFT, db_index=True
    )
    moderation_note = models.TextField(
        _("message from the municipality"), max_length=2000, blank=True
    )
    # Each submission is a round; a decision's mail is sent once per round.
    moderation_round = models.PositiveIntegerField(_("times submitted"), default=0)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    last_verified_on = models.DateField(_("last checked by the association"), null=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["name", "pk"]
        indexes = [
            models.Index(fields=["state", "last_verified_on"], name="service_public"),
            models.Index(fields=["category"], name="service_category"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        # A place or an online link: the association's form checks it (the place is
        # written with the activity, after this).
        errors = {}
        if not self.is_free and not self.fees_description.strip():
            errors["fees_description"] = _("Say what it costs, or mark it as free.")
        if errors:
            raise ValidationError(errors)

    @classmethod
    def public(cls, today: date | None = None) -> models.QuerySet[Service]:
        """Approved and checked by the association within the last 18 months."""
        today = today or timezone.localdate()
        return cls.objects.filter(
            state=cls.State.APPROVED,
            last_verified_on__gte=months_ago(HIDE_AFTER_MONTHS, today),
        )

    @property
    def weekly_times(self) -> list[Schedule]:
        """Its times from Monday to Sunday (from the prefetched schedules)."""
        week = list(Weekday.values)
        return sorted(self.schedules.all(), key=lambda s: (week.index(s.byday), s.opens_at))

    @property
    def municipality(self) -> Municipality:
        return self.location.municipality if self.location else self.organization.municipality


class Schedule(models.Model):
    """A weekly time the activity takes place, as HSDS and RFC 5545 write it."""

    service = models.ForeignKey(
        Service, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="schedules"
    )
    byday = models.CharField(_("weekday"), max_length=2, choices=Weekday.choices)
    opens_at = models.TimeField(_("starts at"))
    closes_at = models.TimeField(_("ends at"))

    class Meta:
        verbose_name = _("time")
        verbose_name_plural = _("times")
        ordering = ["service", "byday", "opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="schedule_closes_after_it_opens",
            )
        ]

    def __str__(self) -> str:
        return f"{self.byday} {self.opens_at:%H:%M}-{self.closes_at:%H:%M}"

    def clean(self) -> None:
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("It must end after it starts.")})


class Language(models.Model):
    """A language spoken at the activity (ISO 639-1), one row each as HSDS has it."""

    service = models.ForeignKey(
        Service, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="languages"
    )
    code = models.CharField(
        _("language"), max_length=3, choices=[(code, code) for code in SPOKEN_LANGUAGES]
    )

    class Meta:
        verbose_name = _("language spoken")
        verbose_name_plural = _("languages spoken")
        constraints = [
            models.UniqueConstraint(fields=["service", "code"], name="one_row_per_language")
        ]
        indexes = [models.Index(fields=["code"], name="language_code")]

    def __str__(self) -> str:
        return self.code

    @property
    def name(self) -> str:
        return LANGUAGE_NAMES.get(self.code, self.code)
