"""Readers' feedback ("Was this page helpful?" and what they were looking for) on any
page a municipality's editors own: place pages, directory entries and events in their
area. One way to receive it, used by each page's view: the page is posted to, the
answer saved, and the page shown again (a form with an error keeps what was typed).
Anonymous, so limited per address (``place_feedback`` rate)."""

from __future__ import annotations

from dataclasses import dataclass

from allauth.core import ratelimit
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
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
    request: HttpRequest, target: FeedbackTarget
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
        helpful=form.cleaned_data["helpful"],
        comment=form.cleaned_data["comment"].strip(),
        language=get_language(),
    )
    messages.success(request, _("Thank you. The editors of this page will read it."))
    return form, redirect(f"{request.path}#feedback")
