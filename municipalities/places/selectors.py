"""Reading place pages: each section of a municipality's page from its own text, else
its region's, else the national guide of the topic, and saying which it is.

Every page is a handful of queries, whatever the number of municipalities, pages or
steps: the place with its region, both pages in one query, the guides of the sections
still empty in one, the municipality's own steps in one and which of them have a public
page in one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import get_language_info

from checklists.models import ChecklistItem

from ..collation import swedish
from ..models import Municipality, PlacePage, Region
from .links import GuideLink, PlaceLinks


class Origin:
    """Where the text of a section comes from."""

    OWN = "own"  # the place's own page
    REGION = "region"  # the region's page, for a municipality
    GUIDE = "guide"  # Landa's national guide of the topic
    NONE = "none"  # nothing yet


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    origin: str
    text: str = ""
    language: str = ""  # the language the text is written in
    guide: GuideLink | None = None

    @property
    def direction(self) -> str:
        return "rtl" if self.language and get_language_info(self.language)["bidi"] else "ltr"


@dataclass(frozen=True)
class PageSource:
    """Where a page's text comes from, as ``includes/sources.html`` shows it. The pages
    of Swedish municipalities and regions are in Swedish."""

    title: str
    url: str
    language: str = "sv"


@dataclass(frozen=True)
class OwnStep:
    title: str
    url: str = ""  # its public page, when it has one


@dataclass(frozen=True)
class Place:
    """A municipality's or a region's page as it is shown."""

    region: Region
    municipality: Municipality | None
    page: PlacePage | None
    region_page: PlacePage | None
    sections: list[Section]
    own_steps: list[OwnStep] = field(default_factory=list)
    municipalities: list[Municipality] = field(default_factory=list)
    directory_url: str = ""  # the municipality's associations and activities

    @property
    def name(self) -> str:
        return self.municipality.name if self.municipality else self.region.name

    @property
    def has_contact(self) -> bool:
        """Whether the place's own page says whom to contact (never its region's: the
        region's office does not answer for a municipality)."""
        page = self.page
        return page is not None and any(
            (
                page.contact_name,
                page.contact_address,
                page.contact_phone,
                page.contact_email,
                page.contact_url,
                page.opening_hours,
            )
        )

    @property
    def website(self) -> str:
        return self.page.website if self.page else ""

    @property
    def sources(self) -> list[PageSource]:
        page = self.page
        if page is None or not page.source_url:
            return []
        return [PageSource(title=page.source_title or page.source_url, url=page.source_url)]


def sections_compose(
    *, pages: Sequence[tuple[str, PlacePage | None]], links: PlaceLinks, language: str
) -> list[Section]:
    """Each section from the first of ``pages`` (``(origin, page)``, nearest first) that
    has text for it in ``language`` or a fallback language, else its national guide."""
    found: dict[str, Section] = {}
    for key in PlacePage.SECTIONS:
        heading = capfirst(PlacePage._meta.get_field(key).verbose_name)
        for origin, page in pages:
            written = page.text_of(key, language) if page is not None else None
            if written is not None:
                text, written_in = written
                found[key] = Section(key, heading, origin, text=text, language=written_in)
                break
    missing = [key for key in PlacePage.SECTIONS if key not in found]
    guides = links.guides_for(missing)
    for key in missing:
        heading = capfirst(PlacePage._meta.get_field(key).verbose_name)
        guide = guides.get(key)
        found[key] = Section(key, heading, Origin.GUIDE if guide else Origin.NONE, guide=guide)
    return [found[key] for key in PlacePage.SECTIONS]


def own_steps_of(*, municipality: Municipality, links: PlaceLinks) -> list[OwnStep]:
    """The titles of the municipality's own steps (the active template of its layer),
    each linked to its public page when it has one."""
    if not links.steps_kind:
        return []
    items = list(
        ChecklistItem.objects.filter(
            template__kind=links.steps_kind,
            template__layer=links.steps_layer,
            template__owner_type=ContentType.objects.get_for_model(Municipality),
            template__owner_id=municipality.pk,
            template__is_active=True,
        )
    )
    pages = links.step_pages([item.key for item in items])
    return [OwnStep(title=item.title, url=pages.get(item.key, "")) for item in items]


def municipality_place(
    *, region_slug: str, municipality_slug: str, links: PlaceLinks, language: str
) -> Place | None:
    municipality = (
        Municipality.objects.select_related("region")
        .filter(slug=municipality_slug, region__slug=region_slug)
        .first()
    )
    if municipality is None:
        return None
    region = municipality.region
    pages = PlacePage.objects.filter(Q(municipality=municipality) | Q(region=region))
    page = region_page = None
    for candidate in pages:
        if candidate.municipality_id:
            page = candidate
        else:
            region_page = candidate
    sections = sections_compose(
        pages=[(Origin.OWN, page), (Origin.REGION, region_page)], links=links, language=language
    )
    return Place(
        region=region,
        municipality=municipality,
        page=page,
        region_page=region_page,
        sections=sections,
        own_steps=own_steps_of(municipality=municipality, links=links),
        directory_url=links.directory_url(municipality),
    )


def region_place(*, region_slug: str, links: PlaceLinks, language: str) -> Place | None:
    region = Region.objects.filter(slug=region_slug).first()
    if region is None:
        return None
    page = PlacePage.objects.filter(region=region).first()
    return Place(
        region=region,
        municipality=None,
        page=page,
        region_page=None,
        sections=sections_compose(pages=[(Origin.OWN, page)], links=links, language=language),
        municipalities=list(region.municipalities.order_by(swedish("name"))),
    )
