"""The words a PDF page prints, each with its box: what the replica view marks when a reader searches the edition."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pymupdf


@dataclass(frozen=True)
class PageWord:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


def pdf_page_words(document: pymupdf.Document, numbers: Iterable[int]) -> dict[int, list[PageWord]]:
    """The words of the pages numbered `numbers` (1-based; numbers past the end are left out)."""
    found: dict[int, list[PageWord]] = {}
    for number in numbers:
        if 1 <= number <= document.page_count:
            entries = document[number - 1].get_text("words")
            found[number] = [PageWord(entry[4], *entry[:4]) for entry in entries]
    return found
