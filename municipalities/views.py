from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from .collation import swedish
from .models import Region


def area(request: HttpRequest) -> HttpResponse:
    regions = Region.objects.order_by("code")
    return render(request, "municipalities/area.html", {"regions": regions})


def region_detail(request: HttpRequest, slug: str) -> HttpResponse:
    region = get_object_or_404(Region, slug=slug)
    municipalities = region.municipalities.order_by(swedish("name"))
    return render(
        request,
        "municipalities/region.html",
        {"region": region, "municipalities": municipalities},
    )


def associations(request: HttpRequest) -> HttpResponse:
    return render(request, "municipalities/associations.html")
