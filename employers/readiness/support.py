"""What an action of the readiness plan links to beyond its own advice: the guide a
newcomer reads on the same subject (which the employer can pass on), and local support
near the organisation: a few activities of the directory in a category, or the
municipality's events. Which question leads where is said in ``data/readiness.json``
(``guide``, ``local``); a plan without an organisation (the public check) gets the
guides and links to the directory and events without a place."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import urlencode

from django.urls import reverse

from associations.selectors import activities_by_category
from municipalities.models import Municipality
from newcomers.models import Guide

from .content import DATA

EVENTS = "events"


@cache
def _links() -> dict[str, tuple[str, str]]:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    return {
        entry["key"]: (entry.get("guide", ""), entry.get("local", ""))
        for entry in data["questions"]
        if entry.get("guide") or entry.get("local")
    }


@dataclass
class Support:
    guide: Guide | None = None
    activities: list = field(default_factory=list)
    more_url: str = ""  # the directory's or the events' list, for the place if known
    events: bool = False


def _list_url(name: str, municipality: Municipality | None, **filters: str) -> str:
    query = {"municipality": municipality.code} if municipality else {}
    query.update(filters)
    return reverse(name) + (f"?{urlencode(query)}" if query else "")


def plan_support(keys: list[str], municipality: Municipality | None) -> dict[str, Support]:
    """Support for each action key that has some (two queries whatever the plan)."""
    links = {key: _links()[key] for key in keys if key in _links()}
    slugs = {guide for guide, _local in links.values() if guide}
    guides = {guide.slug: guide for guide in Guide.objects.filter(slug__in=slugs)}
    wanted = tuple({local for _guide, local in links.values() if local and local != EVENTS})
    nearby = (
        activities_by_category(municipality, per_category=2, categories=wanted)
        if municipality and wanted
        else {}
    )
    support = {}
    for key, (slug, local) in links.items():
        found = Support(guide=guides.get(slug))
        if local == EVENTS:
            found.events = True
            found.more_url = _list_url("events:list", municipality)
        elif local:
            found.activities = nearby.get(local, [])
            found.more_url = _list_url("directory:list", municipality, category=local)
        support[key] = found
    return support


def actions_with_support(actions: list, municipality: Municipality | None) -> list:
    """The plan's actions (questions), each with ``support`` (or None) for the page."""
    support = plan_support([item.key for item in actions], municipality)
    for item in actions:
        item.support = support.get(item.key)
    return actions
