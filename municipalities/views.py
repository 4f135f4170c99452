from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from .collation import swedish
from .models import Region


def area(request: HttpRequest) -> HttpResponse:
    regions = Region.objects.order_by("code")
    return render(request, "municipalities/area.html", {"regions": regions})


def region_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A county as the municipality area lists it: its code, its regional authority, its
    municipalities with their codes.

    Kept, not redirected to the county's place page (``places:region``): this is the
    reference for municipal staff (codes, for one), that one is for the people who move
    there, and links, bookmarks and the benchmarks know this address. Each links to the
    other, and every municipality here links to its place page.
    """
    region = get_object_or_404(Region, slug=slug)
    municipalities = region.municipalities.order_by(swedish("name"))
    return render(
        request,
        "municipalities/region.html",
        {"region": region, "municipalities": municipalities},
    )


def associations(request: HttpRequest) -> HttpResponse:
    return render(request, "municipalities/associations.html")
