from __future__ import annotations

import secrets
from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from checklists.models import Reviewed, Source, subject_checklists
from municipalities.models import Municipality

from .choices import CITIZENSHIP_CHOICES, DRIVING_LICENCE_CHOICES, PHASE_CHOICES, PURPOSE_CHOICES


class Household(models.Model):
    """The people who move together: one or two adults and their children."""

    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")

    def __str__(self) -> str:
        return _("Household %(id)s") % {"id": self.pk}


class NewcomerProfile(models.Model):
    class Reminders(models.TextChoices):
        OFF = "off", _("No reminders")
        DAILY = "daily", _("Daily digest")
        WEEKLY = "weekly", _("Weekly digest (Mondays)")

    class Role(models.TextChoices):
        MAIN = "main", _("moving for work, research or studies")
        PARTNER = "partner", _("accompanying partner")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="newcomer",
    )
    household = models.ForeignKey(
        Household,
        verbose_name=_("household"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
    )
    role = models.CharField(
        _("role in the household"), max_length=10, choices=Role.choices, default=Role.MAIN
    )
    citizenship = models.CharField(_("citizenship"), max_length=20, choices=CITIZENSHIP_CHOICES)
    purpose = models.CharField(_("purpose of the move"), max_length=20, choices=PURPOSE_CHOICES)
    stay_months = models.PositiveSmallIntegerField(_("planned stay in months"))
    arrival_date = models.DateField(_("arrival date"))
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("destination municipality"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="newcomers",
    )
    partner_moving = models.BooleanField(_("my partner is moving with me"), default=False)
    partner_working = models.BooleanField(_("my partner has a job in Sweden"), default=False)
    has_employer = models.BooleanField(_("I have an employer in Sweden"), default=False)
    driving_licence = models.CharField(
        _("where my driving licence was issued"),
        max_length=20,
        choices=DRIVING_LICENCE_CHOICES,
        default="none",
    )
    shares_household_facts = models.BooleanField(
        _("share household facts with my partner"),
        default=False,
        help_text=_(
            "Children, destination and arrival date are shared only when both partners agree."
        ),
    )
    reminders = models.CharField(
        _("reminders"), max_length=10, choices=Reminders.choices, default=Reminders.DAILY
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    # The journey is a checklist whose subject is this profile (``journey.JOURNEY``);
    # it goes with the profile, and queries can reach the profile from a checklist.
    checklists = subject_checklists("newcomer")

    class Meta:
        verbose_name = _("newcomer profile")
        verbose_name_plural = _("newcomer profiles")
        indexes = [models.Index(fields=["reminders"], name="profile_reminders")]

    def __str__(self) -> str:
        return str(self.user)


class Child(models.Model):
    """A child moving with a newcomer, kept by year of birth so the age stays current."""

    profile = models.ForeignKey(
        NewcomerProfile, verbose_name=_("parent"), on_delete=models.CASCADE, related_name="children"
    )
    birth_year = models.PositiveSmallIntegerField(_("year of birth"))

    class Meta:
        verbose_name = _("child")
        verbose_name_plural = _("children")
        ordering = ["-birth_year"]

    def __str__(self) -> str:
        return _("Child born %(year)s") % {"year": self.birth_year}

    def age(self, today: date | None = None) -> int:
        return max((today or timezone.localdate()).year - self.birth_year, 0)


def new_token() -> str:
    return secrets.token_urlsafe(32)


class PartnerInvitationQuerySet(models.QuerySet):
    def waiting(self) -> PartnerInvitationQuerySet:
        """Neither accepted nor cancelled (expired ones too: the page says so)."""
        return self.filter(accepted_at__isnull=True, cancelled_at__isnull=True)


class PartnerInvitation(models.Model):
    household = models.ForeignKey(
        Household, verbose_name=_("household"), on_delete=models.CASCADE, related_name="invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    email = models.EmailField(_("email address"))
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    # A cancelled invitation is kept (its link no longer works) so that the daily limit
    # on invitations counts it: cancelling and inviting again cannot send mail in bulk.
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    objects = PartnerInvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner invitation")
        verbose_name_plural = _("partner invitations")

    def __str__(self) -> str:
        return self.email


class Consent(models.Model):
    """A dated, revocable consent. The active one has no ``revoked_at``.

    Only consents for features that exist are offered (decision 0003). The follow-up
    surveys go only to those who agreed to them (decision 0012); the employer's view of
    progress is offered to a person whose employer's steps are on their journey.
    """

    class Kind(models.TextChoices):
        MUNICIPALITY_CONTACT = "municipality_contact", _("My municipality may contact me")
        EMPLOYER_PROGRESS = (
            "employer_progress",
            _("My employer may see my progress on the steps it added to my journey"),
        )
        SURVEYS = (
            "surveys",
            _("Landa may send me a few short follow-up surveys in the years after I arrive"),
        )

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="consents",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    given_at = models.DateTimeField(_("given"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"],
                condition=models.Q(revoked_at=None),
                name="one_active_consent_per_kind",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_kind_display()}"


class ErasedAccount(models.Model):
    """What remains of an erased account: anonymous counts, no personal data."""

    erased_on = models.DateField(_("erased in month"))
    municipality_code = models.CharField(_("municipality code"), max_length=4, blank=True)
    citizenship = models.CharField(_("citizenship"), max_length=20, blank=True)
    purpose = models.CharField(_("purpose of the move"), max_length=20, blank=True)
    steps_total = models.PositiveSmallIntegerField(_("steps"), default=0)
    steps_done = models.PositiveSmallIntegerField(_("steps done"), default=0)

    class Meta:
        verbose_name = _("erased account (anonymous)")
        verbose_name_plural = _("erased accounts (anonymous)")

    def __str__(self) -> str:
        return f"{self.erased_on:%Y-%m} {self.municipality_code}"


class Guide(Reviewed):
    class Topic(models.TextChoices):
        WORK_PERMITS = "work_permits", _("Work and permits")
        REGISTRATION_ID = "registration_id", _("Registration and ID")
        HOUSING = "housing", _("Housing")
        FAMILY_SCHOOL = "family_school", _("Family and school")
        HEALTH = "health", _("Health")
        LANGUAGE = "language", _("Language")
        MONEY_TAX = "money_tax", _("Money and tax")
        SOCIAL_LIFE = "social_life", _("Social life")
        PARTNER_CAREERS = "partner_careers", _("Partner careers")
        RETURNING_SWEDES = "returning_swedes", _("Returning Swedes")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    phase = models.CharField(_("phase"), max_length=20, choices=PHASE_CHOICES)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=400)
    body = models.TextField(_("body"))
    sources = models.ManyToManyField(
        Source, verbose_name=_("sources"), blank=True, related_name="guides"
    )
    is_published = models.BooleanField(_("published"), default=True)

    class Meta:
        verbose_name = _("guide")
        verbose_name_plural = _("guides")
        ordering = ["topic"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("newcomers:guide", kwargs={"slug": self.slug})


class GuideFeedback(models.Model):
    guide = models.ForeignKey(
        Guide, verbose_name=_("guide"), on_delete=models.CASCADE, related_name="feedback"
    )
    helpful = models.BooleanField(_("helpful"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("guide feedback")
        verbose_name_plural = _("guide feedback")

    def __str__(self) -> str:
        return f"{self.guide}: {'+' if self.helpful else '-'}"
