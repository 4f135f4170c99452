"""The officer role: who counts as a municipal officer, and the guard for their pages."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from portal.access import second_factor_check

from .models import Officer


def officer_for(user) -> Officer | None:
    if not user.is_authenticated:
        return None
    return Officer.objects.select_related("municipality", "region").filter(user=user).first()


def officer_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A stranger is sent to sign in, any other role gets 403, and an officer whose
    session has not passed a second factor is sent to set one up or to enter a code.
    The view gets ``request.officer``."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        officer = officer_for(request.user)
        if officer is None:
            raise PermissionDenied
        refusal = second_factor_check(request)
        if refusal is not None:
            return refusal
        request.officer = officer
        return view(request, *args, **kwargs)

    return wrapper
