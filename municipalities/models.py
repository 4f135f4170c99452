from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

region_code_validator = RegexValidator(r"^\d{2}$", _("A county code has two digits."))
municipality_code_validator = RegexValidator(r"^\d{4}$", _("A municipality code has four digits."))


class Region(models.Model):
    """One of Sweden's 21 counties (län), by its official two-digit code.

    A county (län) is a territory; the region (``regional_body``, such as Region
    Jämtland Härjedalen) is the elected regional authority for the same territory, and
    the employer of regional officers. In Gotland a municipality has that role.
    """

    code = models.CharField(
        _("county code"), max_length=2, unique=True, validators=[region_code_validator]
    )
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    regional_body = models.CharField(
        _("region (regional authority)"),
        max_length=100,
        blank=True,
        help_text=_("The elected regional authority for this county, such as Region Skåne."),
    )

    class Meta:
        verbose_name = _("county")
        verbose_name_plural = _("counties")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("municipalities:region", kwargs={"slug": self.slug})


class Municipality(models.Model):
    """One of Sweden's 290 municipalities (kommun), by its official four-digit code."""

    code = models.CharField(
        _("municipality code"), max_length=4, unique=True, validators=[municipality_code_validator]
    )
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    region = models.ForeignKey(
        Region, verbose_name=_("county"), on_delete=models.PROTECT, related_name="municipalities"
    )

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Officer(models.Model):
    """A user who works for a municipality or, with no municipality, for the region (the
    regional authority) of a county and so for all its municipalities.

    Every officer works on the desk (newcomers who agreed to be contacted, their cases
    and letters); an editor also writes what the municipality publishes: its welcome
    letters, its own steps and its place page. Staff appoint both in the admin.
    """

    class Role(models.TextChoices):
        OFFICER = "officer", _("officer")
        EDITOR = "editor", _("editor")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="officer",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="officers",
    )
    region = models.ForeignKey(
        Region, verbose_name=_("county"), on_delete=models.CASCADE, related_name="officers"
    )
    title = models.CharField(_("job title"), max_length=150, blank=True)
    role = models.CharField(
        _("role"),
        max_length=10,
        choices=Role.choices,
        default=Role.OFFICER,
        help_text=_("An editor also writes the welcome letters, own steps and place pages."),
    )

    class Meta:
        verbose_name = _("municipal officer")
        verbose_name_plural = _("municipal officers")

    def __str__(self) -> str:
        return f"{self.user} ({self.workplace})"

    @property
    def workplace(self) -> str:
        """Where the officer works: their municipality, or their county's region."""
        if self.municipality_id:
            return self.municipality.name
        return self.region.regional_body or self.region.name

    @property
    def is_editor(self) -> bool:
        return self.role == self.Role.EDITOR

    def covers(self, municipality: Municipality | None) -> bool:
        """Whether a municipality lies in the officer's area (theirs, or their region's)."""
        if municipality is None:
            return False
        if self.municipality_id:
            return municipality.pk == self.municipality_id
        return municipality.region_id == self.region_id

    def municipalities(self) -> models.QuerySet[Municipality]:
        """The municipalities in the officer's area."""
        if self.municipality_id:
            return Municipality.objects.filter(pk=self.municipality_id)
        return Municipality.objects.filter(region_id=self.region_id)

    def clean(self) -> None:
        if self.municipality_id and self.municipality.region_id != self.region_id:
            raise ValidationError(
                {"municipality": _("The municipality must lie in the officer's county.")}
            )


class OfficerAccess(models.Model):
    """One officer action on a person's data, as the person sees it under "My data".

    Who did it is kept as written at the time (name and workplace), so that the line
    stays readable after the officer leaves; the row goes with the person's account.
    """

    class Action(models.TextChoices):
        LISTED = "listed", _("saw your name, language and arrival on the officers' desk")
        VIEWED = "viewed", _("opened your case")
        CASE_UPDATED = "case_updated", _("updated your case")
        ASSIGNED = "assigned", _("assigned a contact person to you")
        LETTER_SENT = "letter_sent", _("sent you a welcome letter")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="officer_accesses",
    )
    officer = models.ForeignKey(
        Officer,
        verbose_name=_("officer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="accesses",
    )
    officer_name = models.CharField(_("officer's name"), max_length=150)
    workplace = models.CharField(_("workplace"), max_length=150)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("officer access")
        verbose_name_plural = _("officer accesses")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["person", "-at"], name="officer_access_person")]

    def __str__(self) -> str:
        return f"{self.officer_name}: {self.get_action_display()}"
