"""The indicators' figures as last computed, a quarter at a time (decision 0011).

These are the raw figures, small ones included: they never leave the database as they
are; ``insights.figures`` suppresses what it reads from them. Only the beat (and the
first request for a quarter never computed) writes them.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ComputedQuarter(models.Model):
    quarter = models.CharField(_("quarter"), max_length=6, unique=True)
    computed_at = models.DateTimeField(_("computed"))

    class Meta:
        verbose_name = _("computed quarter")
        verbose_name_plural = _("computed quarters")
        ordering = ["-quarter"]

    def __str__(self) -> str:
        return self.quarter


class StoredFigure(models.Model):
    quarter = models.CharField(_("quarter"), max_length=6)
    scope = models.CharField(_("scope"), max_length=24)
    key = models.CharField(_("indicator"), max_length=60)
    part = models.CharField(_("part"), max_length=40, blank=True)
    people = models.PositiveIntegerField(_("people or organisations"))
    value = models.FloatField(_("value"), null=True)

    class Meta:
        verbose_name = _("computed figure")
        verbose_name_plural = _("computed figures")
        ordering = ["quarter", "scope", "key", "part"]
        constraints = [
            models.UniqueConstraint(
                fields=["quarter", "scope", "key", "part"], name="one_figure_per_cell"
            )
        ]

    def __str__(self) -> str:
        return f"{self.quarter} {self.scope} {self.key} {self.part}".strip()
