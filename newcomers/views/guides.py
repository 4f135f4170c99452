"""National guides, their "was this helpful?" answers, and search."""

from __future__ import annotations

from allauth.core import ratelimit
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..choices import PHASE_CHOICES
from ..models import Guide, GuideFeedback
from ..search import search
from ..text import paragraphs


def guide_list(request: HttpRequest) -> HttpResponse:
    """Guides in the order of a move: by phase, then by topic as the topics are listed
    (work and permits before housing), not alphabetically by key."""
    phases = [value for value, _label in PHASE_CHOICES]
    topics = Guide.Topic.values
    guides = sorted(
        Guide.objects.filter(is_published=True),
        key=lambda guide: (phases.index(guide.phase), topics.index(guide.topic)),
    )
    return render(request, "newcomers/guide_list.html", {"guides": guides})


def guide_detail(request: HttpRequest, slug: str) -> HttpResponse:
    guide = get_object_or_404(Guide, slug=slug, is_published=True)
    return render(
        request,
        "newcomers/guide_detail.html",
        {"guide": guide, "paragraphs": paragraphs(guide.body)},
    )


@require_POST
def guide_feedback(request: HttpRequest, slug: str) -> HttpResponse:
    guide = get_object_or_404(Guide, slug=slug, is_published=True)
    answer = request.POST.get("helpful")
    if not ratelimit.consume(request, action="guide_feedback"):  # anonymous: per address
        messages.warning(request, _("You have answered many times. Try again later."))
        return redirect(guide.get_absolute_url())
    if answer in ("0", "1"):
        GuideFeedback.objects.create(guide=guide, helpful=answer == "1", language=get_language())
        messages.success(request, _("Thank you for your answer."))
    return redirect(guide.get_absolute_url())


def search_page(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    hits = search(query=query, language=get_language()) if query else []
    return render(request, "newcomers/search.html", {"query": query, "hits": hits})
