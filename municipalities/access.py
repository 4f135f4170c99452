"""The officer role: who counts as a municipal officer, and the guard for their pages."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from portal.access import ask_for_mfa, user_has_mfa

from .models import Officer


def officer_for(user) -> Officer | None:
    if not user.is_authenticated:
        return None
    return Officer.objects.select_related("municipality", "region").filter(user=user).first()


def officer_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A stranger is sent to sign in, any other role gets 403, and an officer without
    two-factor sign-in is sent to set it up. The view gets ``request.officer``."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        officer = officer_for(request.user)
        if officer is None:
            raise PermissionDenied
        if not user_has_mfa(request.user):
            return ask_for_mfa(request)
        request.officer = officer
        return view(request, *args, **kwargs)

    return wrapper
