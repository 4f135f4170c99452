"""The progress chart: each finished check's overall score over time, drawn on the
server as SVG (no JavaScript), with a title and description for screen readers; the
page shows the same figures as a table beside it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

WIDTH, HEIGHT, PAD = 320, 180, 32


@dataclass(frozen=True)
class Point:
    day: date
    overall: int


def progress_svg(points: list[Point]) -> SafeString:
    if not points:
        return SafeString("")
    step = (WIDTH - 2 * PAD) / max(len(points) - 1, 1)

    def x(index: int) -> float:
        return PAD + index * step if len(points) > 1 else WIDTH / 2

    def y(value: int) -> float:
        return HEIGHT - PAD - (HEIGHT - 2 * PAD) * value / 100

    path = " ".join(f"{x(i):.1f},{y(p.overall):.1f}" for i, p in enumerate(points))
    description = "; ".join(
        _("%(day)s: %(score)s of 100") % {"day": date_format(p.day), "score": p.overall}
        for p in points
    )
    dots = format_html_join(
        "",
        '<circle cx="{0}" cy="{1}" r="4" fill="#0b4f6c"></circle>'
        '<text x="{0}" y="{2}" text-anchor="middle" font-size="12" fill="#1a1a1a">{3}</text>',
        (
            (f"{x(i):.1f}", f"{y(p.overall):.1f}", f"{y(p.overall) - 8:.1f}", p.overall)
            for i, p in enumerate(points)
        ),
    )
    return format_html(
        '<svg class="progress-chart" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" '
        'aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg">'
        '<title id="chart-title">{title}</title><desc id="chart-desc">{desc}</desc>'
        '<line x1="{pad}" y1="{base}" x2="{right}" y2="{base}" stroke="#767676"></line>'
        '<polyline points="{path}" fill="none" stroke="#0b4f6c" stroke-width="2"></polyline>'
        "{dots}</svg>",
        w=WIDTH,
        h=HEIGHT,
        title=_("Overall readiness, check by check"),
        desc=description,
        pad=PAD,
        base=HEIGHT - PAD,
        right=WIDTH - PAD,
        path=path,
        dots=dots,
    )
