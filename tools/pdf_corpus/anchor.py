"""The anchor the extractor is measured beside: pymupdf4llm's Markdown of the PDF, split into stories at its
headings (a heading line starts a story; the blank-line-separated blocks under it are its paragraphs, their
lines joined). What a general-purpose PDF-to-text tool gives a newsstand without an extractor of its own."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

_HEADING = re.compile(r"^#{1,6}\s+(.*)$")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(.+?)\1")
_IMAGE_OR_RULE = re.compile(r"^(!\[.*\]\(.*\)|[-*_]{3,}|\|.*\|)$")


@dataclass
class AnchorStory:
    headline: str
    paragraphs: list[str] = field(default_factory=list)


def _plain(text: str) -> str:
    return " ".join(_EMPHASIS.sub(r"\2", text).split())


def markdown_stories(markdown: str) -> list[AnchorStory]:
    stories: list[AnchorStory] = []
    block: list[str] = []

    def flush() -> None:
        text = _plain(" ".join(block))
        if text and stories:
            stories[-1].paragraphs.append(text)
        block.clear()

    for line in markdown.splitlines():
        stripped = line.strip()
        heading = _HEADING.match(stripped)
        if heading:
            flush()
            stories.append(AnchorStory(headline=_plain(heading.group(1))))
        elif not stripped or _IMAGE_OR_RULE.match(stripped):
            flush()
        else:
            block.append(stripped)
    flush()
    return [story for story in stories if story.paragraphs]


def pdf_anchor_stories(pdf: Path) -> list[AnchorStory]:
    import pymupdf4llm  # noqa: PLC0415  (a dev dependency, for the bench alone)

    return markdown_stories(pymupdf4llm.to_markdown(str(pdf), show_progress=False))
