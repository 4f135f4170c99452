"""Welcome letters: a municipality's templates, each letter sent, and print runs for new
residents who are not on Landa."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from checklists.models import ChecklistInstance
from municipalities.models import Municipality, Officer
from newcomers.models import NewcomerProfile
from outbox.models import OutgoingMessage


class LetterTemplate(models.Model):
    """A municipality's welcome letter in one language, written by its editors.

    ``body`` is stored sanitised (see ``letters.sanitise``) and holds only the safe
    placeholders of ``letters.placeholders``; it is never run as a template. Each change
    of the text raises ``version``: a letter records the version it was written from.
    """

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="letter_templates",
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("letter"), max_length=20_000)
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    days_before_arrival = models.PositiveSmallIntegerField(
        _("send this many days before arrival"), default=14
    )
    is_active = models.BooleanField(_("in use"), default=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    updated_at = models.DateTimeField(_("changed"), default=timezone.now, editable=False)
    updated_by = models.ForeignKey(
        Officer,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        verbose_name = _("welcome letter template")
        verbose_name_plural = _("welcome letter templates")
        ordering = ["municipality__name", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "language"], name="one_letter_template_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality} ({self.language})"


class WelcomeLetter(models.Model):
    """A welcome letter written to a newcomer on Landa, as it was sent.

    A newcomer gets one automatically per municipality (``sequence`` 0); an officer's
    resend adds the next sequence. The unique constraint makes the automatic letter
    exactly once under duplicate tasks and restarts.
    """

    profile = models.ForeignKey(
        NewcomerProfile,
        verbose_name=_("newcomer"),
        on_delete=models.CASCADE,
        related_name="welcome_letters",
    )
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.CASCADE, related_name="+"
    )
    template = models.ForeignKey(
        LetterTemplate,
        verbose_name=_("template"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="letters",
    )
    template_version = models.PositiveIntegerField(_("template version"))
    sequence = models.PositiveSmallIntegerField(_("sent as"), default=0)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    # The newcomer's language when no template existed in it (the letter fell back).
    wanted_language = models.CharField(
        _("language asked for"), max_length=8, choices=settings.LANGUAGES, blank=True
    )
    subject = models.CharField(_("subject"), max_length=300)
    body_html = models.TextField(_("letter"))
    message = models.ForeignKey(
        OutgoingMessage,
        verbose_name=_("email"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    sent_by = models.ForeignKey(
        Officer,
        verbose_name=_("resent by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        verbose_name = _("welcome letter")
        verbose_name_plural = _("welcome letters")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "municipality", "sequence"], name="one_letter_per_sequence"
            )
        ]
        indexes = [models.Index(fields=["municipality", "-created_at"], name="letter_history")]

    def __str__(self) -> str:
        return self.subject

    @property
    def fell_back(self) -> bool:
        return bool(self.wanted_language) and self.wanted_language != self.language


class PrintRun(models.Model):
    """Letters for new residents who are not on Landa, from an officer's CSV, printed as
    one PDF. The residents' names and addresses are kept only until ``delete_after``."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.CASCADE, related_name="+"
    )
    created_by = models.ForeignKey(
        Officer,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    file_name = models.CharField(_("file"), max_length=200)
    created_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    delete_after = models.DateField(_("delete after"))

    class Meta:
        verbose_name = _("print run")
        verbose_name_plural = _("print runs")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.file_name


class PrintLetter(models.Model):
    run = models.ForeignKey(
        PrintRun, verbose_name=_("print run"), on_delete=models.CASCADE, related_name="letters"
    )
    line = models.PositiveIntegerField(_("line in the file"))
    name = models.CharField(_("name"), max_length=150)
    address = models.CharField(_("street address"), max_length=200)
    postal_code = models.CharField(_("postal code"), max_length=6)
    city = models.CharField(_("city"), max_length=100)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    wanted_language = models.CharField(_("language asked for"), max_length=8, blank=True)

    class Meta:
        verbose_name = _("printed letter")
        verbose_name_plural = _("printed letters")
        ordering = ["run", "line"]

    def __str__(self) -> str:
        return self.name


class Case(models.Model):
    """A municipality's case for a newcomer who agreed to be contacted: who their
    contact person is, and the officers' checklist for them (``cases.kind.CASE``, a
    checklist kind whose subject is the case). Opened when an officer first opens the
    newcomer on the desk; it goes with the profile when the account is erased.
    """

    profile = models.ForeignKey(
        NewcomerProfile, verbose_name=_("newcomer"), on_delete=models.CASCADE, related_name="cases"
    )
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.CASCADE, related_name="+"
    )
    contact_person = models.ForeignKey(
        Officer,
        verbose_name=_("contact person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases",
    )
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    checklists = GenericRelation(
        ChecklistInstance,
        content_type_field="subject_type",
        object_id_field="subject_id",
        related_query_name="case",
    )

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "municipality"], name="one_case_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return f"{self.profile} ({self.municipality})"


class MeetingSlot(models.Model):
    """A time an officer offers for a meeting with a newcomer of their area (a first
    meeting, a talk about the partner's career). A newcomer who agreed to be contacted
    books it; the booking is one conditional update, so of two people booking at once
    exactly one gets it."""

    uuid = models.UUIDField(_("public identifier"), default=uuid.uuid4, unique=True)
    officer = models.ForeignKey(
        Officer, verbose_name=_("contact person"), on_delete=models.CASCADE, related_name="slots"
    )
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.CASCADE, related_name="+"
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), max_length=300, blank=True)
    booked_by = models.ForeignKey(
        NewcomerProfile,
        verbose_name=_("booked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
    )
    booked_at = models.DateTimeField(_("booked"), null=True, blank=True)

    class Meta:
        verbose_name = _("meeting time")
        verbose_name_plural = _("meeting times")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_it_starts",
            )
        ]
        indexes = [models.Index(fields=["municipality", "starts_at"], name="meeting_slots")]

    def __str__(self) -> str:
        return f"{self.officer} {self.starts_at:%Y-%m-%d %H:%M}"
