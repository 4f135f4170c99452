"""What an editor writes is text with a little markup, never a template.

The body is cleaned to an allowlist of tags and attributes (nh3, the Rust ammonia
sanitiser) when it is saved and again when a letter is written; a text without block
markup is read as paragraphs separated by blank lines. The plain-text part of a mail is
made from the same cleaned markup.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import nh3

ALLOWED_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "h2", "h3", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_SCHEMES = {"https", "mailto", "tel"}
_BLOCK = re.compile(r"<(p|ul|ol|h2|h3)\b")


def _clean(markup: str) -> str:
    return nh3.clean(
        markup,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


def body_clean(text: str) -> str:
    """The editor's text as safe markup: only the allowed tags, links only to https,
    mail and telephone addresses, and every link opened without the letter's context.
    Text without block markup is read as paragraphs (blank lines) and line breaks."""
    cleaned = _clean(text.replace("\r\n", "\n"))
    if not _BLOCK.search(cleaned):
        blocks = [block.strip() for block in re.split(r"\n\s*\n", cleaned)]
        cleaned = _clean(
            "".join("<p>" + "<br>".join(block.splitlines()) + "</p>" for block in blocks if block)
        )
    return cleaned


class _Text(HTMLParser):
    BLOCKS = {"p", "h2", "h3", "ul", "ol"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.href: str | None = None
        self.link_start = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self.parts.append("\n\n")
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "a":
            self.href = dict(attrs).get("href")
            self.link_start = len(self.parts)

    def handle_endtag(self, tag):
        if tag == "a" and self.href:
            address = self.href.removeprefix("mailto:").removeprefix("tel:")
            if "".join(self.parts[self.link_start :]).strip() != address:
                self.parts.append(f" ({address})")
            self.href = None

    def handle_data(self, data):
        self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(markup: str) -> str:
    """Clean markup as plain text for the text part of a mail."""
    parser = _Text()
    parser.feed(markup)
    text = "".join(parser.parts)
    text = "\n".join(line.strip() for line in text.splitlines())
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
