"""Employers: an organisation (one per organisation number), its members (owners and
members) and the invitations that bring members in.

Every view starts from the signed-in person's membership (``views.member_required``), so
a member of one organisation never reaches another's rows (404).
"""

from __future__ import annotations

import secrets
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from checklists.models import subject_checklists
from municipalities.models import Municipality

from .choices import Readiness, Sector, SizeClass


class Organization(models.Model):
    uuid = models.UUIDField(_("public identifier"), default=uuid.uuid4, unique=True)
    org_number = models.CharField(
        _("organisation number"),
        max_length=11,
        unique=True,
        help_text=_("Ten digits, written like 556677-8899."),
    )
    name = models.CharField(_("name"), max_length=200)
    size_class = models.CharField(_("size"), max_length=10, choices=SizeClass.choices)
    sector = models.CharField(_("sector (SNI section)"), max_length=1, choices=Sector.choices)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="employers",
        help_text=_("Where the workplace is."),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("members"),
        through="Membership",
        related_name="employers",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("employer")
        verbose_name_plural = _("employers")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.org_number})"

    def get_absolute_url(self) -> str:
        return reverse("employers:organization", kwargs={"uuid": self.uuid})


class Membership(models.Model):
    class Role(models.TextChoices):
        OWNER = "owner", _("owner")
        MEMBER = "member", _("member")

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("employer"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    joined_at = models.DateTimeField(_("joined"), default=timezone.now)

    class Meta:
        verbose_name = _("member of an employer")
        verbose_name_plural = _("members of employers")
        ordering = ["joined_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "user"], name="one_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.organization} ({self.role})"


def new_token() -> str:
    return secrets.token_urlsafe(32)


class EmailInvitation(models.Model):
    """An invitation by email, which its link accepts once, for an account holding the
    invited address (verified), within the days its kind allows (``problem``)."""

    email = models.EmailField(_("email address"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_used(self) -> bool:
        return self.accepted_at is not None

    def problem(self, user, *, valid_days: int) -> str | None:
        """Why ``user`` may not accept it: ``used``, ``expired``, ``other_address``."""
        from allauth.account.models import EmailAddress

        if self.is_used:
            return "used"
        if self.created_at < timezone.now() - timedelta(days=valid_days):
            return "expired"
        held = EmailAddress.objects.filter(user=user, email__iexact=self.email, verified=True)
        return None if held.exists() else "other_address"


class MemberInvitation(EmailInvitation):
    """An owner invites a colleague by email (``services.INVITATION_VALID_DAYS``)."""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("employer"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    role = models.CharField(_("role"), max_length=10, choices=Membership.Role.choices)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation to an employer")
        verbose_name_plural = _("invitations to employers")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.email} → {self.organization}"

    @property
    def is_used(self) -> bool:
        return self.accepted_at is not None or self.cancelled_at is not None


class Assessment(models.Model):
    """One readiness self-assessment of an organisation. Its questions are a checklist of
    the ``readiness`` kind on the engine (``readiness.kind``); its answers are
    ``Answer`` rows, saved as members go, from any member. Taking it again later starts
    a new one, so that progress shows."""

    uuid = models.UUIDField(_("public identifier"), default=uuid.uuid4, unique=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("employer"),
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    # Kept when completed ({"areas": {area: score}, "overall": score}), so that a result
    # stays as it was when the questions change later.
    scores = models.JSONField(_("scores"), default=dict, blank=True)
    checklists = subject_checklists("assessment")

    class Meta:
        verbose_name = _("readiness check")
        verbose_name_plural = _("readiness checks")
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.organization} {self.started_at:%Y-%m-%d}"


class Answer(models.Model):
    assessment = models.ForeignKey(
        Assessment,
        verbose_name=_("readiness check"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    key = models.SlugField(_("question"), max_length=60)
    value = models.CharField(_("answer"), max_length=20, choices=Readiness.choices)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered"), default=timezone.now)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [models.UniqueConstraint(fields=["assessment", "key"], name="one_answer")]

    def __str__(self) -> str:
        return f"{self.key}: {self.value}"


class Occupation(models.Model):
    """An occupation of SSYK 2012 (a four-digit unit group), seeded from
    ``data/occupations.json``; its name is translated (``translation.py``)."""

    code = models.CharField(_("SSYK 2012 code"), max_length=4, unique=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("occupation")
        verbose_name_plural = _("occupations")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Job(models.Model):
    class WorkMode(models.TextChoices):
        ON_SITE = "on_site", _("At the workplace")
        HYBRID = "hybrid", _("Partly remote")
        REMOTE = "remote", _("Remote")

    uuid = models.UUIDField(_("public identifier"), default=uuid.uuid4, unique=True)
    organization = models.ForeignKey(
        Organization, verbose_name=_("employer"), on_delete=models.CASCADE, related_name="jobs"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("the job"), max_length=6000)
    occupation = models.ForeignKey(
        Occupation, verbose_name=_("occupation"), on_delete=models.PROTECT, related_name="jobs"
    )
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="jobs"
    )
    english_is_enough = models.BooleanField(
        _("English is enough"),
        default=False,
        help_text=_("The job can be done in English from the first day."),
    )
    work_mode = models.CharField(
        _("where the work is done"), max_length=10, choices=WorkMode.choices, default="on_site"
    )
    relocation_support = models.BooleanField(_("help with moving"), default=False)
    partner_support = models.BooleanField(_("support for a partner's career"), default=False)
    salary_min = models.PositiveIntegerField(
        _("salary from (kronor a month)"), null=True, blank=True
    )
    salary_max = models.PositiveIntegerField(
        _("salary up to (kronor a month)"), null=True, blank=True
    )
    apply_url = models.URLField(_("where to apply"), max_length=400)
    expires_on = models.DateField(_("last day to apply"))
    created_at = models.DateTimeField(_("published"), default=timezone.now)

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["expires_on", "municipality"], name="job_open")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(salary_min__isnull=True)
                | models.Q(salary_max__isnull=True)
                | models.Q(salary_min__lte=models.F("salary_max")),
                name="job_salary_range",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("employers:job", kwargs={"uuid": self.uuid})


class JobLanguage(models.Model):
    class Level(models.TextChoices):
        BASIC = "basic", _("basic")
        GOOD = "good", _("good")
        FLUENT = "fluent", _("fluent")

    job = models.ForeignKey(
        Job, verbose_name=_("job"), on_delete=models.CASCADE, related_name="languages"
    )
    code = models.CharField(_("language"), max_length=3)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)

    class Meta:
        verbose_name = _("language required")
        verbose_name_plural = _("languages required")
        constraints = [
            models.UniqueConstraint(fields=["job", "code"], name="one_level_per_language")
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.level}"

    @property
    def name(self) -> str:
        """The language as it calls itself (its readers find it whatever the page's)."""
        from associations.choices import LANGUAGE_NAMES

        return LANGUAGE_NAMES.get(self.code, self.code)


class Hire(EmailInvitation):
    """Someone the organisation hires from abroad, invited by email. When they accept
    (signed in, with their journey), the organisation's steps join their journey; the
    organisation sees their progress on those steps only while they agree to it.

    What the organisation states about the move (start, permit, family) is its own
    knowledge from the recruitment, never read from the person's journey; it shapes the
    organisation's onboarding plan for the hire (a checklist whose subject is the hire,
    which goes with it). ``partner_support`` is the tandem: the organisation offers the
    accompanying partner career support, and the partner's journey says so.
    """

    organization = models.ForeignKey(
        Organization, verbose_name=_("employer"), on_delete=models.CASCADE, related_name="hires"
    )
    role_title = models.CharField(_("role"), max_length=200)
    occupation = models.ForeignKey(
        "Occupation",
        verbose_name=_("occupation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hires",
        help_text=_("Counted in Landa's figures of international hires by occupation."),
    )
    profile = models.ForeignKey(
        "newcomers.NewcomerProfile",
        verbose_name=_("newcomer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hires",
    )
    starts_on = models.DateField(_("first working day"), null=True, blank=True)
    needs_permit = models.BooleanField(_("needs a work permit"), default=False)
    partner_moving = models.BooleanField(_("a partner is moving too"), default=False)
    children_moving = models.BooleanField(_("children are moving too"), default=False)
    partner_support = models.BooleanField(_("career support offered to the partner"), default=False)
    checklists = subject_checklists("hire")

    class Meta:
        verbose_name = _("hire")
        verbose_name_plural = _("hires")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile"],
                condition=models.Q(profile__isnull=False),
                name="one_employer_per_newcomer",
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.organization}"
