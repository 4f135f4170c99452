"""Content text as written in the seed files: paragraphs separated by a blank line,
a paragraph starting with "## " a heading (guides)."""

from __future__ import annotations


def paragraphs(text: str) -> list[str]:
    return [part.strip() for part in text.split("\n\n") if part.strip()]


def first_paragraph(text: str) -> str:
    """The first paragraph that is not a heading: a step's or guide's summary line."""
    return next((part for part in paragraphs(text) if not part.startswith("#")), "")
