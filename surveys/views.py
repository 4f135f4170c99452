"""The survey's page, opened from the mail's personal link without signing in.

The link's token is the only key: an unknown one is 404, as any page that is not
there. The page is never stored by a cache and never indexed; the site's referrer
policy (same origin) keeps the token from leaving through a link on it. (No referrer
at all would make the browser send ``Origin: null`` with the form, which Django's
CSRF check rightly refuses.) An answered, declined or closed survey
says so and takes no answer (410 once closed, 409 when already answered or declined).
"""

from __future__ import annotations

from functools import wraps

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .forms import SurveyForm
from .services import invitation_for, survey_answer, survey_decline
from .waves import BY_KEY

CLOSED_STATUS = {"expired": 410, "answered": 409, "declined": 409}


def _by_token(view):
    @wraps(view)
    @never_cache
    def wrapped(request: HttpRequest, token: str) -> HttpResponse:
        invitation = invitation_for(token)
        if invitation is None:
            raise Http404
        response = view(request, invitation, token)
        response["X-Robots-Tag"] = "noindex"
        return response

    return wrapped


def _closed(request: HttpRequest, invitation, status: int = 200) -> HttpResponse:
    return render(request, "surveys/closed.html", {"state": invitation.state}, status=status)


@_by_token
def answer(request: HttpRequest, invitation, token: str) -> HttpResponse:
    state = invitation.state
    if state != "open":
        status = CLOSED_STATUS[state] if request.method == "POST" or state == "expired" else 200
        return _closed(request, invitation, status)
    wave = BY_KEY[invitation.wave]
    form = SurveyForm(request.POST or None, wave=wave, invitation=invitation)
    if request.method == "POST" and form.is_valid():
        survey_answer(invitation, form.answers())  # a second tab's answer came first: fine
        return redirect("surveys:answer", token=token)
    status = 400 if form.errors else 200
    context = {"form": form, "wave": wave, "invitation": invitation, "token": token}
    return render(request, "surveys/answer.html", context, status=status)


@require_POST
@_by_token
def decline(request: HttpRequest, invitation, token: str) -> HttpResponse:
    if invitation.state != "open":
        return _closed(request, invitation, CLOSED_STATUS[invitation.state])
    survey_decline(invitation)
    return redirect("surveys:answer", token=token)
