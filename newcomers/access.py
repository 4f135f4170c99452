"""The newcomer role: a signed-in user with a profile, reaching only their own data."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from .models import NewcomerProfile


def newcomer_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A stranger signs in; a user without a profile starts the wizard.

    The view gets ``request.profile``: every query of the view starts from it, so no
    identifier in a URL can reach another person's data.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        profile = (
            NewcomerProfile.objects.select_related("municipality", "user")
            .filter(user=request.user)
            .first()
        )
        if profile is None:
            return redirect("newcomers:start")
        request.profile = profile
        return view(request, *args, **kwargs)

    return wrapper
