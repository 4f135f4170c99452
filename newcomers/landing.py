"""Where a newcomer lands after signing in (registered with ``accounts.landing``)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

from .models import NewcomerProfile
from .services import invitation_open_for


def newcomer_landing(request: HttpRequest) -> str | None:
    """An open invitation first (it survives sign-up and a sign-in in another
    browser), then the person's steps."""
    invitation = invitation_open_for(request.user)
    if invitation is not None:
        return reverse("newcomers:join", kwargs={"token": invitation.token})
    if NewcomerProfile.objects.filter(user=request.user).exists():
        return reverse("newcomers:journey")
    return None


def wizard_landing(request: HttpRequest) -> str | None:
    """Someone with no role yet is someone about to move: the wizard's first step."""
    if request.user.is_staff:
        return None
    return reverse("newcomers:start")
