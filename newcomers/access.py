"""The newcomer role: a signed-in user with a profile, reaching only their own data."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from accounts.access import role_required

from .models import NewcomerProfile


def newcomer_for(user) -> NewcomerProfile | None:
    return NewcomerProfile.objects.select_related("municipality", "user").filter(user=user).first()


def start_the_wizard(request: HttpRequest) -> HttpResponse:
    return redirect("newcomers:start")  # signed in, no profile yet: tell us about the move


# A stranger signs in; a user without a profile starts the wizard. The view gets
# ``request.profile``.
newcomer_required = role_required(
    holder=newcomer_for, attribute="profile", without_role=start_the_wizard
)
