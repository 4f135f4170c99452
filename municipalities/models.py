from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
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
    regional authority) of a county and so for all its municipalities."""

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

    def clean(self) -> None:
        if self.municipality_id and self.municipality.region_id != self.region_id:
            raise ValidationError(
                {"municipality": _("The municipality must lie in the officer's county.")}
            )
