"""Who may reach what: the one role check of every view, and the staff guard.

A role is something a signed-in user may *be*: a newcomer (they have a profile), a
municipal officer, staff. ``role_required`` is the single guard: a stranger is sent to
sign in; a signed-in user without the role is refused (403, or where the role says to
go, such as the newcomer wizard); with ``mfa``, the session must have passed a second
factor, not merely have one set up; the view gets the role's object on the request.

Two-factor sign-in is required for staff (the admin) and for municipal officers (their
desk). A user without an authenticator is sent to set one up; one whose session has
not passed it (signed in by password alone, or by a login code) is asked for a code.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from urllib.parse import urlencode

from allauth.account.authentication import get_authentication_records
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

View = Callable[..., HttpResponse]


def user_has_mfa(user) -> bool:
    return bool(user.is_authenticated and is_mfa_enabled(user))


def session_passed_mfa(request: HttpRequest) -> bool:
    """This session's sign-in included a second factor (allauth records each step)."""
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


def ask_for_mfa(request: HttpRequest) -> HttpResponse:
    messages.warning(
        request,
        _("This area needs two-factor sign-in. Set up an authenticator app to continue."),
    )
    return redirect("mfa_index")


def second_factor_check(request: HttpRequest) -> HttpResponse | None:
    """None when the signed-in user has passed a second factor in this session;
    otherwise where to go to set one up or to enter a code."""
    if not user_has_mfa(request.user):
        return ask_for_mfa(request)
    if not session_passed_mfa(request):
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse('mfa_reauthenticate')}?{query}")
    return None


def refuse(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied  # signed in, with another role


def role_required(
    *,
    holder: Callable[[object], object | None],
    attribute: str,
    mfa: bool = False,
    without_role: Callable[[HttpRequest], HttpResponse] = refuse,
) -> Callable[[View], View]:
    """The guard of a role's views.

    ``holder(user)`` returns the object that makes the user hold the role (a profile,
    an officer), or None. The view finds it as ``request.<attribute>``: every query of
    the view starts from it, so no identifier in a URL reaches another person's data.
    """

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            held = holder(request.user)
            if held is None:
                return without_role(request)
            if mfa and (refusal := second_factor_check(request)) is not None:
                return refusal
            setattr(request, attribute, held)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def admin_login(request: HttpRequest, extra_context=None) -> HttpResponse:
    """Django's own admin login form signs staff in with a password alone and without
    throttling, so every way into the admin goes through allauth's sign-in instead."""
    if request.user.is_authenticated:
        raise PermissionDenied  # signed in, but not staff: the wrong role
    target = request.GET.get("next") or reverse("admin:index")
    return redirect_to_login(target)


class StaffMFAMiddleware:
    """The admin's views are Django's, so its role check is a middleware: the admin is
    for staff (others get 403), and only once this session has passed a second factor."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or "admin" not in match.namespaces:
            return None
        user = request.user
        if not user.is_authenticated:
            return None  # the admin sends strangers to its login, which goes to allauth's
        if not user.is_staff:
            raise PermissionDenied  # signed in with another role
        return second_factor_check(request)
