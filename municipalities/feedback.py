"""Readers' feedback ("Was this page helpful?", "I could not find what I needed", and
what they were looking for) on every page.

A page a municipality's editors own (a place page, a directory entry or an event in
their area) carries the form itself, and the answer reaches those editors' to-do. Every
other page links to ``page_feedback`` (in the footer), whose answers Landa's staff read
in the admin. One way to receive it: the form is posted, the answer saved and the page
shown again (a form with an error keeps what was typed). Anonymous, so limited per
address (``place_feedback`` rate)."""

from __future__ import annotations

from dataclasses import dataclass

from allauth.core import ratelimit
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .models import Municipality, PlaceFeedback, Region
from .places.forms import FeedbackForm


@dataclass(frozen=True)
class FeedbackTarget:
    """Whose editors read it, and about what (a directory entry's or an event's title
    and address; empty for a place page)."""

    municipality: Municipality | None = None
    region: Region | None = None
    about_title: str = ""
    about_url: str = ""


def feedback_receive(
    request: HttpRequest, target: FeedbackTarget, *, back_to: str = ""
) -> tuple[FeedbackForm, HttpResponse | None]:
    """The form for the page, and a redirect when an answer was saved (or refused for
    the rate); on a form error the caller renders the page with status 400."""
    form = FeedbackForm(request.POST if request.method == "POST" else None)
    if request.method != "POST":
        return form, None
    if not ratelimit.consume(request, action="place_feedback"):
        messages.warning(request, _("You have answered many times. Try again later."))
        return form, redirect(request.path)
    if not form.is_valid():
        return form, None
    PlaceFeedback.objects.create(
        municipality=target.municipality,
        region=None if target.municipality else target.region,
        about_title=target.about_title[:200],
        about_url=target.about_url[:300],
        helpful=form.cleaned_data["answer"] == "yes",
        could_not_find=form.cleaned_data["answer"] == "missing",
        comment=form.cleaned_data["comment"].strip(),
        language=get_language(),
    )
    messages.success(request, _("Thank you. The editors of this page will read it."))
    return form, redirect(back_to or f"{request.path}#feedback")


def _page(request: HttpRequest) -> str:
    """The page the answer is about: an address on this site, else none."""
    page = (request.POST.get("page") or request.GET.get("page") or "")[:300]
    safe = page.startswith("/") and url_has_allowed_host_and_scheme(
        page, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return page if safe else ""


def page_feedback(request: HttpRequest) -> HttpResponse:
    """Feedback on any page of Landa (``?page=`` its address), for Landa's staff; after
    the answer the reader is back on that page."""
    page = _page(request)
    form, done = feedback_receive(request, FeedbackTarget(about_url=page), back_to=page)
    if done is not None:
        return done
    status = 400 if form.errors else 200
    return render(
        request,
        "municipalities/page_feedback.html",
        {"form": form, "feedback_form": form, "page": page},
        status=status,
    )
