"""The public directory of associations' activities: a filtered, paginated list and a
page per activity. Everything here is public; nothing needs JavaScript."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from municipalities.feedback import FeedbackTarget, feedback_receive

from .forms import DirectoryFilterForm
from .models import Service
from .selectors import directory

PER_PAGE = 20


def directory_list(request: HttpRequest) -> HttpResponse:
    form = DirectoryFilterForm(request.GET)
    services = directory(form.filters())
    page = Paginator(services, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    return render(request, "associations/directory.html", context)


def service_detail(request: HttpRequest, uuid) -> HttpResponse:
    service = get_object_or_404(
        Service.public()
        .select_related("organization__municipality", "location__municipality")
        .prefetch_related("schedules", "languages"),
        uuid=uuid,
    )
    target = FeedbackTarget(
        municipality=service.municipality, about_title=service.name, about_url=request.path
    )
    form, done = feedback_receive(request, target)
    if done is not None:
        return done
    context = {"service": service, "feedback_form": form}
    return render(request, "associations/service.html", context, status=400 if form.errors else 200)
