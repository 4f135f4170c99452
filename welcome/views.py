"""The officer desk: newcomers who have agreed to be contacted by their municipality,
with their household in brief and how far their journey has come."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from municipalities.access import officer_required
from municipalities.access_log import access_record
from municipalities.models import OfficerAccess
from newcomers.selectors import newcomers_for_officer

from .desk import progress_by_profile


@officer_required
def officer_desk(request: HttpRequest) -> HttpResponse:
    page = Paginator(newcomers_for_officer(officer=request.officer), 25).get_page(
        request.GET.get("page")
    )
    profiles = list(page.object_list)
    progress = progress_by_profile(profiles)
    for profile in profiles:
        profile.progress = progress.get(profile.pk)
    access_record(
        officer=request.officer,
        people=[profile.user_id for profile in page],
        action=OfficerAccess.Action.LISTED,
    )
    return render(request, "welcome/desk.html", {"officer": request.officer, "page": page})
