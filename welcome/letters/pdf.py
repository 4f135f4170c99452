"""Letters as PDF (WeasyPrint): one for a newcomer, or a print run of many, each page
in its reader's language and direction, with a QR code to Landa's journey preview.

WeasyPrint draws text with Pango; ``make test`` installs it (Debian's libpango and
DejaVu fonts, which cover Latin, Cyrillic and Arabic). Without Pango the PDF views
answer that PDFs are unavailable instead of failing (``pdf_available``).
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from functools import cache

import qrcode
import qrcode.image.svg
from django.template.loader import render_to_string
from django.utils import translation


@cache
def pdf_available() -> bool:
    try:
        import weasyprint  # noqa: F401
    except OSError:  # Pango missing
        return False
    return True


def qr_data_uri(url: str) -> str:
    """A QR code for ``url`` as an SVG data URI (drawn in vectors: sharp in print)."""
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


@dataclass(frozen=True)
class LetterPage:
    """One printed letter: to whom, in which language, what it says."""

    language: str
    body_html: str  # clean markup with escaped values
    municipality: str
    recipient_lines: tuple[str, ...] = ()
    qr_url: str = ""


def _page_html(page: LetterPage) -> str:
    with translation.override(page.language):
        return render_to_string(
            "welcome/letters/pdf_page.html",
            {
                "page": page,
                "qr": qr_data_uri(page.qr_url) if page.qr_url else "",
                "rtl": translation.get_language_bidi(),
            },
        )


def letters_pdf(pages: list[LetterPage], *, title: str) -> bytes:
    """One PDF with each letter starting on a new page."""
    from weasyprint import HTML

    html = render_to_string(
        "welcome/letters/pdf.html", {"pages": [_page_html(p) for p in pages], "title": title}
    )
    return HTML(string=html).write_pdf()
