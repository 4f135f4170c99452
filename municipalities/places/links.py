"""What place pages take from the apps above this one, handed down by the project.

An empty section of a place page falls back to Landa's national guide of its topic, and
a municipality's own steps link to their public pages; guides and step pages belong to
the newcomers app, which sits above municipalities. So municipalities never imports it:
the project's URLs (``portal/urls.py``, the one layer that may read every app) give the
place views a ``PlaceLinks`` that says where those are. Without one a page still works,
with its own and its region's text only.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.urls import reverse

from checklists.models import ChecklistItem


@dataclass(frozen=True)
class GuideLink:
    title: str
    summary: str
    url: str


def _no_guides() -> QuerySet | None:
    return None


def _no_public_steps() -> QuerySet[ChecklistItem]:
    return ChecklistItem.objects.none()


@dataclass(frozen=True)
class PlaceLinks:
    # Published national guides: rows with ``topic``, ``title``, ``summary`` and
    # ``get_absolute_url``.
    guides: Callable[[], QuerySet | None] = _no_guides
    # The guide topic each section falls back to; a section not named here has none.
    guide_topics: Mapping[str, str] = field(default_factory=dict)
    # The checklist kind whose layer of this name, owned by a municipality, holds the
    # municipality's own steps; and the steps that have a public page, by key.
    steps_kind: str = ""
    steps_layer: str = "municipal"
    public_steps: Callable[[], QuerySet[ChecklistItem]] = _no_public_steps
    step_url_name: str = ""
    # The directory of associations' activities, filtered by ``?municipality=<code>``.
    directory_url_name: str = ""

    def directory_url(self, municipality) -> str:
        if not self.directory_url_name:
            return ""
        return f"{reverse(self.directory_url_name)}?municipality={municipality.code}"

    def guides_for(self, sections: Collection[str]) -> dict[str, GuideLink]:
        """The national guide of each of ``sections`` that has one (one query)."""
        topics = {self.guide_topics[s]: s for s in sections if s in self.guide_topics}
        guides = self.guides()
        if not topics or guides is None:
            return {}
        found: dict[str, GuideLink] = {}
        for guide in guides.filter(topic__in=list(topics)).order_by("topic", "pk"):
            found.setdefault(
                topics[guide.topic],
                GuideLink(title=guide.title, summary=guide.summary, url=guide.get_absolute_url()),
            )
        return found

    def step_pages(self, keys: Collection[str]) -> dict[str, str]:
        """The address of the public page of each of ``keys`` that has one (one query)."""
        if not keys or not self.step_url_name:
            return {}
        public = self.public_steps().filter(key__in=keys).values_list("key", flat=True)
        return {key: reverse(self.step_url_name, kwargs={"key": key}) for key in public}
