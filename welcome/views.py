"""The officer desk: newcomers who have agreed to be contacted by their municipality."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from newcomers.selectors import newcomers_for_officer

from .access import officer_required


@officer_required
def officer_desk(request: HttpRequest) -> HttpResponse:
    page = Paginator(newcomers_for_officer(officer=request.officer), 25).get_page(
        request.GET.get("page")
    )
    return render(request, "welcome/desk.html", {"officer": request.officer, "page": page})
