"""A count's last quarters as bars, drawn on the server as SVG (no JavaScript), with a
title and a description for screen readers; the page shows the same figures as a
table. A suppressed quarter has no bar and says so."""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

from .figures import Figure
from .periods import Quarter

WIDTH, HEIGHT, PAD, LABEL = 320, 160, 24, 16


def shown(figure: Figure) -> str:
    return _("fewer than 5") if figure.suppressed else str(figure.value)


def bars_svg(chart_id: str, title: str, points: list[tuple[Quarter, Figure]]) -> SafeString:
    rtl = get_language_bidi()  # time runs the way the page reads, as in its table
    top = max((f.value for _q, f in points if f.value is not None), default=0) or 1
    slot = (WIDTH - 2 * PAD) / len(points)
    floor = HEIGHT - PAD - LABEL

    def bar(index: int, quarter: Quarter, figure: Figure) -> tuple:
        height = 0 if figure.value is None else (floor - PAD) * figure.value / top
        x = PAD + index * slot + slot * 0.2
        return (
            f"{x:.1f}",
            f"{floor - height:.1f}",
            f"{slot * 0.6:.1f}",
            f"{height:.1f}",
            f"{x + slot * 0.3:.1f}",
            f"{floor - height - 4:.1f}",
            "" if figure.value is None else figure.value,
            f"{HEIGHT - PAD + 4:.1f}",
            str(quarter),
        )

    drawn = format_html_join(
        "",
        '<rect x="{0}" y="{1}" width="{2}" height="{3}" fill="#0b4f6c"></rect>'
        '<text x="{4}" y="{5}" text-anchor="middle" font-size="12" fill="#1a1a1a">{6}</text>'
        '<text x="{4}" y="{7}" text-anchor="middle" font-size="12" fill="#1a1a1a">{8}</text>',
        (bar(len(points) - 1 - i if rtl else i, q, f) for i, (q, f) in enumerate(points)),
    )
    description = "; ".join(f"{quarter}: {shown(figure)}" for quarter, figure in points)
    return format_html(
        '<svg class="indicator-chart" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
        'role="img" aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>'
        '<line x1="{pad}" y1="{floor}" x2="{right}" y2="{floor}" stroke="#767676"></line>'
        "{bars}</svg>",
        w=WIDTH,
        h=HEIGHT,
        id=chart_id,
        title=title,
        desc=description,
        pad=PAD,
        floor=f"{floor:.1f}",
        right=WIDTH - PAD,
        bars=drawn,
    )
