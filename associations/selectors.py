"""Reading the public directory: approved activities checked within 18 months, with what
the list shows, in a fixed number of queries whatever their number."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import get_language

from municipalities.models import Municipality

from .models import Language, Schedule, Service
from .search import directory_search


@dataclass(frozen=True)
class DirectoryFilters:
    query: str = ""
    municipality: Municipality | None = None
    category: str = ""
    language: str = ""
    audience: str = ""
    weekday: str = ""
    free_only: bool = False


def in_area(municipalities) -> Q:
    """Held in one of the municipalities, or online by an association based there."""
    return Q(location__municipality__in=municipalities) | Q(
        location__isnull=True, organization__municipality__in=municipalities
    )


def in_municipality(municipality: Municipality) -> Q:
    return in_area([municipality])


def directory(filters: DirectoryFilters) -> QuerySet[Service]:
    services = Service.public()
    if filters.municipality is not None:
        services = services.filter(in_municipality(filters.municipality))
    if filters.category:
        services = services.filter(category=filters.category)
    if filters.audience:  # an activity for everyone is for them too
        services = services.filter(audience__in=[filters.audience, "everyone"])
    if filters.language:
        spoken = Language.objects.filter(service=OuterRef("pk"), code=filters.language)
        services = services.filter(Exists(spoken))
    if filters.weekday:
        held = Schedule.objects.filter(service=OuterRef("pk"), byday=filters.weekday)
        services = services.filter(Exists(held))
    if filters.free_only:
        services = services.filter(is_free=True)
    if filters.query:
        services = directory_search(services, filters.query, get_language())
    return services.select_related(
        "organization__municipality", "location__municipality"
    ).prefetch_related("schedules", "languages")


def activities_by_category(
    municipality: Municipality, *, per_category: int = 3, categories: tuple[str, ...] = ()
) -> dict:
    """Public activities in the municipality (or online from it), a few per category (of
    these categories if any are given), in the categories' order: what a welcome letter
    lists, what an employer's readiness plan points to (one query)."""
    from .choices import Category

    found: dict[str, list[Service]] = {}
    rows = Service.public().filter(in_municipality(municipality))
    if categories:
        rows = rows.filter(category__in=categories)
    rows = rows.select_related("organization").order_by("category", "name", "pk")
    for service in rows:
        group = found.setdefault(service.category, [])
        if len(group) < per_category:
            group.append(service)
    return {category: found[category] for category in Category.values if category in found}


def nearby_activities(
    municipality: Municipality, language: str, *, limit: int = 3, categories: tuple[str, ...] = ()
) -> list:
    """A few public activities in the municipality (or online from it), of these
    categories if any are given, those held in the reader's language first (one query):
    the journey's association step, an employer's partner support."""
    spoken = Language.objects.filter(service=OuterRef("pk"), code=language)
    rows = Service.public().filter(in_municipality(municipality))
    if categories:
        rows = rows.filter(category__in=categories)
    return list(
        rows.annotate(in_your_language=Exists(spoken))
        .select_related("organization")
        .order_by("-in_your_language", "name", "pk")[:limit]
    )
