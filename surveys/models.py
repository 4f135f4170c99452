"""A follow-up survey sent to one person for one wave, and its answer (decision 0012).

One row a person and wave (an employer's: a hire and wave), made when the invitation is
queued and never made again: whether it is answered, declined or left to expire, that
person is not asked for that wave again. The link's token is kept only as a digest;
the mail holds the token itself, and the outbox blanks the mail's body once delivered.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .waves import WaveKey


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Lives(models.TextChoices):
    MUNICIPALITY = "municipality", _("In the same municipality")
    SWEDEN = "sweden", _("Somewhere else in Sweden")
    ABROAD = "abroad", _("Outside Sweden")


class Occupation(models.TextChoices):
    WORK = "work", _("I work")
    STUDY = "study", _("I study")
    SEEKING = "seeking", _("I am looking for work")
    OTHER = "other", _("None of these")


IN_WORK_OR_STUDY = (Occupation.WORK, Occupation.STUDY)


class SurveyInvitationQuerySet(models.QuerySet):
    def still_open(self) -> SurveyInvitationQuerySet:
        """Neither answered nor declined, and not expired (``state`` is ``open``)."""
        return self.filter(
            answered_at__isnull=True, declined_at__isnull=True, expires_at__gt=timezone.now()
        )


class SurveyInvitation(models.Model):
    wave = models.CharField(_("wave"), max_length=20, choices=WaveKey.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person asked"),
        on_delete=models.SET_NULL,  # an answer outlives its account, without it
        null=True,
        blank=True,
        related_name="survey_invitations",
    )
    hire = models.ForeignKey(
        "employers.Hire",
        verbose_name=_("hire"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_invitations",
    )
    organization = models.ForeignKey(
        "employers.Organization",
        verbose_name=_("employer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_invitations",
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        verbose_name=_("municipality counted in"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    token_digest = models.CharField(_("link digest"), max_length=64, unique=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    expires_at = models.DateTimeField(_("link expires"))
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    declined_at = models.DateTimeField(_("declined"), null=True, blank=True)
    lives = models.CharField(_("lives"), max_length=12, choices=Lives.choices, blank=True)
    occupation = models.CharField(
        _("occupation"), max_length=12, choices=Occupation.choices, blank=True
    )
    satisfaction = models.PositiveSmallIntegerField(
        _("satisfaction, 1 to 5"), null=True, blank=True
    )
    still_employed = models.BooleanField(_("still employed"), null=True, blank=True)

    objects = SurveyInvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["wave", "user"],
                condition=models.Q(hire__isnull=True, user__isnull=False),
                name="one_survey_per_person_and_wave",
            ),
            models.UniqueConstraint(
                fields=["wave", "hire"],
                condition=models.Q(hire__isnull=False),
                name="one_survey_per_hire_and_wave",
            ),
            models.CheckConstraint(
                condition=models.Q(satisfaction__isnull=True)
                | models.Q(satisfaction__gte=1, satisfaction__lte=5),
                name="satisfaction_one_to_five",
            ),
            models.CheckConstraint(
                condition=models.Q(answered_at__isnull=True) | models.Q(declined_at__isnull=True),
                name="answered_or_declined",
            ),
        ]
        indexes = [models.Index(fields=["wave", "answered_at"], name="survey_answered")]

    def __str__(self) -> str:
        return f"{self.get_wave_display()} #{self.pk}"

    @property
    def state(self) -> str:
        """``answered``, ``declined``, ``expired`` or ``open`` (as ``still_open`` asks)."""
        if self.answered_at:
            return "answered"
        if self.declined_at:
            return "declined"
        if self.expires_at <= timezone.now():
            return "expired"
        return "open"
