"""The officer desk: newcomers who have agreed to be contacted by their municipality."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from municipalities.access_log import access_record
from municipalities.models import OfficerAccess
from newcomers.selectors import newcomers_for_officer

from .access import officer_required


@officer_required
def officer_desk(request: HttpRequest) -> HttpResponse:
    page = Paginator(newcomers_for_officer(officer=request.officer), 25).get_page(
        request.GET.get("page")
    )
    access_record(
        officer=request.officer,
        people=[profile.user_id for profile in page],
        action=OfficerAccess.Action.LISTED,
    )
    return render(request, "welcome/desk.html", {"officer": request.officer, "page": page})
