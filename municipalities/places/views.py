"""Place pages: a region's and a municipality's, for everyone; and the form their
editors keep them with.

The public views get ``links`` (what the national guides and step pages are) from the
project's URLs, see ``links.py``. The editing views are for editors (``editor_required``): an
officer who is not an editor gets 403, like any other role; an editor finds nothing
(404) outside their own area (``Officer.edits_place_of``).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ..access import editor_for, editor_required
from ..feedback import FeedbackTarget, feedback_receive
from ..models import Municipality, Officer, PlacePage, Region
from .forms import PlacePageForm
from .links import PlaceLinks
from .selectors import Place, municipality_place, region_place


def place_index(request: HttpRequest) -> HttpResponse:
    regions = Region.objects.order_by("code")
    return render(request, "municipalities/places/index.html", {"regions": regions})


def _editor_of(request: HttpRequest) -> Officer | None:
    """The signed-in editor, for the link to the form (the form checks again)."""
    return editor_for(request.user) if request.user.is_authenticated else None


def _render_place(request: HttpRequest, place: Place, can_edit: bool) -> HttpResponse:
    """The page; a reader's feedback is posted to it (``feedback_receive``)."""
    target = FeedbackTarget(municipality=place.municipality, region=place.region)
    form, done = feedback_receive(request, target)
    if done is not None:
        return done
    context = {"place": place, "can_edit": can_edit, "feedback_form": form}
    status = 400 if form.errors else 200
    return render(request, "municipalities/places/place.html", context, status=status)


def region_page(request: HttpRequest, region_slug: str, links: PlaceLinks) -> HttpResponse:
    place = region_place(region_slug=region_slug, links=links, language=get_language())
    if place is None:
        raise Http404
    editor = _editor_of(request)
    return _render_place(
        request, place, bool(editor and editor.edits_place_of(region=place.region))
    )


def municipality_page(
    request: HttpRequest, region_slug: str, municipality_slug: str, links: PlaceLinks
) -> HttpResponse:
    place = municipality_place(
        region_slug=region_slug,
        municipality_slug=municipality_slug,
        links=links,
        language=get_language(),
    )
    if place is None:
        raise Http404
    editor = _editor_of(request)
    can_edit = bool(editor and editor.edits_place_of(municipality=place.municipality))
    return _render_place(request, place, can_edit)


def _edit(request: HttpRequest, *, page: PlacePage, name: str, public_url: str) -> HttpResponse:
    form = PlacePageForm(request.POST or None, instance=page)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("The page is saved."))
            return redirect(public_url)
        status = 400
    else:
        status = 200
    context = {"form": form, "name": name, "page": page, "public_url": public_url}
    return render(request, "municipalities/places/edit.html", context, status=status)


@editor_required
def region_page_edit(request: HttpRequest, region_slug: str) -> HttpResponse:
    officer: Officer = request.officer
    region = get_object_or_404(Region, slug=region_slug)
    if not officer.edits_place_of(region=region):
        raise Http404
    page = PlacePage.objects.filter(region=region).first() or PlacePage(region=region)
    public_url = reverse("places:region", kwargs={"region_slug": region.slug})
    return _edit(request, page=page, name=region.name, public_url=public_url)


@editor_required
def municipality_page_edit(
    request: HttpRequest, region_slug: str, municipality_slug: str
) -> HttpResponse:
    officer: Officer = request.officer
    municipality = get_object_or_404(
        Municipality.objects.select_related("region"),
        slug=municipality_slug,
        region__slug=region_slug,
    )
    if not officer.edits_place_of(municipality=municipality):
        raise Http404
    page = PlacePage.objects.filter(municipality=municipality).first() or PlacePage(
        municipality=municipality
    )
    return _edit(
        request,
        page=page,
        name=municipality.name,
        public_url=municipality.get_absolute_url(),
    )
