"""Who may reach what: the single home of role checks shared by views and tests.

Two-factor sign-in is required for staff (the admin) and for municipal officers
(their desk). A signed-in user without an authenticator is sent to set one up.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _


def user_has_mfa(user) -> bool:
    return bool(user.is_authenticated and is_mfa_enabled(user))


def ask_for_mfa(request: HttpRequest) -> HttpResponse:
    messages.warning(
        request,
        _("This area needs two-factor sign-in. Set up an authenticator app to continue."),
    )
    return redirect("mfa_index")


def mfa_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed in with a second factor configured, or redirected to get there."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not user_has_mfa(request.user):
            return ask_for_mfa(request)
        return view(request, *args, **kwargs)

    return wrapper


class StaffMFAMiddleware:
    """Keeps staff without a second factor out of the admin."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or "admin" not in match.namespaces:
            return None
        user = request.user
        if user.is_authenticated and user.is_staff and not user_has_mfa(user):
            return ask_for_mfa(request)
        return None
