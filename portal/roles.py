"""Each role's way in: the links in the header, and where staff land after signing in."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from municipalities.models import Officer
from newcomers.models import NewcomerProfile


def staff_landing(request: HttpRequest) -> str | None:
    return reverse("admin:index") if request.user.is_staff else None


def role_links(request: HttpRequest) -> list[tuple[str, str]]:
    """``(label, url)`` of the areas a signed-in person has: the officer desk, their
    own steps, the administration. Someone with no role yet is offered the steps
    (the wizard starts there)."""
    user = request.user
    if not user.is_authenticated:
        return []
    roles = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .values(  # one query for both, on every page a signed-in person opens
            is_officer=Exists(Officer.objects.filter(user=OuterRef("pk"))),
            is_newcomer=Exists(NewcomerProfile.objects.filter(user=OuterRef("pk"))),
        )
        .first()
        or {}
    )
    is_officer = roles.get("is_officer", False)
    is_newcomer = roles.get("is_newcomer", False)
    links = []
    if is_officer:
        links.append((_("Officer desk"), reverse("officer_desk")))
    if is_newcomer or not (is_officer or user.is_staff):
        links.append((_("My steps"), reverse("newcomers:journey")))
    if user.is_staff:
        links.append((_("Administration"), reverse("admin:index")))
    return links
