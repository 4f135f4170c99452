"""The employers' fixed vocabularies: size classes and sectors.

Sectors are the 21 sections (A to U) of the Swedish Standard Industrial Classification,
SNI 2007, as Statistics Sweden (SCB) names them, shortened where the official name is
long. Source: SCB, "Standard för svensk näringsgrensindelning (SNI) 2007", section
level; recalled on 2026-11-23, not read from scb.se (out of this machine's reach). SCB
is introducing SNI 2025, whose sections differ in places: an editor should check these
against scb.se and move to SNI 2025 when the register does.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SizeClass(models.TextChoices):
    MICRO = "1-9", _("1–9 employees")  # noqa: RUF001 (a range)
    SMALL = "10-49", _("10–49 employees")  # noqa: RUF001
    MEDIUM = "50-249", _("50–249 employees")  # noqa: RUF001
    LARGE = "250+", _("250 employees or more")


class Sector(models.TextChoices):
    A = "A", _("Agriculture, forestry and fishing")
    B = "B", _("Mining and quarrying")
    C = "C", _("Manufacturing")
    D = "D", _("Electricity, gas, heating and cooling supply")
    E = "E", _("Water supply, sewerage and waste management")
    F = "F", _("Construction")
    G = "G", _("Wholesale and retail trade; repair of motor vehicles")
    H = "H", _("Transport and storage")
    I = "I", _("Hotels and restaurants")  # noqa: E741 (SNI's own letter)
    J = "J", _("Information and communication")
    K = "K", _("Financial and insurance activities")
    L = "L", _("Real estate activities")
    M = "M", _("Legal, financial, scientific and technical services")
    N = "N", _("Rental, property services, travel and other support services")
    O = "O", _("Public administration and defence; compulsory social insurance")  # noqa: E741
    P = "P", _("Education")
    Q = "Q", _("Health care and social work")
    R = "R", _("Arts, entertainment and recreation")
    S = "S", _("Other service activities")
    T = "T", _("Households as employers")
    U = "U", _("International organisations and embassies")


class Readiness(models.TextChoices):
    """The one scale every readiness question is answered on."""

    NOT_YET = "not_yet", _("Not yet")
    STARTED = "started", _("Started")
    MOSTLY = "mostly", _("Mostly in place")
    IN_PLACE = "in_place", _("In place")
    NOT_APPLICABLE = "not_applicable", _("Does not apply to us")


# Points of each answer (of 3); "does not apply" leaves the question out of the score.
READINESS_POINTS = {
    Readiness.NOT_YET: 0,
    Readiness.STARTED: 1,
    Readiness.MOSTLY: 2,
    Readiness.IN_PLACE: 3,
}
