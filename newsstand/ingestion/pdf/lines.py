"""Step 1 of reading a PDF edition: its text lines with their style (size, weight, slant, font), its pictures,
the edition's body style, and how a line's style compares with it (headline, quoted)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import pymupdf

# Lines this much larger than the body text are headlines; between the body and this, standfirsts and quotes.
HEADLINE_RATIO = 1.3
LARGER_RATIO = 1.08
# Slanted, not bold, text between HEADLINE_RATIO and this is a pull quote, not a headline.
DISPLAY_RATIO = 1.8
SMALLER_RATIO = 0.92
LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
# Pieces of one printed line are at most this far apart (in ems): a stretched word space, not a column gutter.
WORD_GAP = 0.45


@dataclass
class Line:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    size: float
    bold: bool
    italic: bool
    font: str

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass
class Picture:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class BodyStyle:
    size: float
    font: str
    line_gap: float


def _clean(text: str) -> str:
    """Ligatures as letters; soft hyphens out of words. A soft hyphen that ends a line (alone, or printed as one
    with a hyphen) stays as the mark of a word broken by hyphenation, for join_lines."""
    for ligature, letters in LIGATURES.items():
        text = text.replace(ligature, letters)
    text = text.rstrip().replace("\u00ad\u2010", "\u00ad").replace("\u00ad-", "\u00ad")
    text = re.sub("\u00ad(?!$)", "", text)
    return unicodedata.normalize("NFC", text)


def page_lines(page: pymupdf.Page) -> tuple[list[Line], list[Picture]]:
    """The page's text lines with their dominant style, and its pictures, in page coordinates."""
    flags = pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_MEDIABOX_CLIP | pymupdf.TEXT_PRESERVE_IMAGES
    content = page.get_text("dict", flags=flags)
    lines: list[Line] = []
    pictures: list[Picture] = []
    number = page.number + 1
    for block in content["blocks"]:
        if block["type"] == 1:
            x0, y0, x1, y1 = block["bbox"]
            if (x1 - x0) * (y1 - y0) > 400:
                pictures.append(Picture(number, x0, y0, x1, y1))
            continue
        for raw in block["lines"]:
            spans = [span for span in raw["spans"] if span["text"].strip()]
            if not spans:
                continue
            text = _clean("".join(span["text"] for span in raw["spans"])).strip()
            if not text:
                continue
            dominant = max(spans, key=lambda span: len(span["text"].strip()))
            x0, y0, x1, y1 = raw["bbox"]
            lines.append(
                Line(
                    page=number, x0=x0, y0=y0, x1=x1, y1=y1, text=text, size=round(dominant["size"], 1),
                    bold=bool(dominant["flags"] & 16) or "bold" in dominant["font"].lower(),
                    italic=bool(dominant["flags"] & 2) or "italic" in dominant["font"].lower()
                    or "oblique" in dominant["font"].lower(),
                    font=dominant["font"],
                )
            )  # fmt: skip
    return _merge_same_baseline(lines), pictures


def _merge_same_baseline(lines: list[Line]) -> list[Line]:
    """PDF producers often cut one printed line into several pieces (per word or per style): join the pieces that
    share a baseline and touch, so that a line is a line."""
    lines.sort(key=lambda line: (round(line.y1), line.x0))
    merged: list[Line] = []
    for line in lines:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and abs(previous.y1 - line.y1) < 0.35 * line.size
            and 0 <= line.x0 - previous.x1 < WORD_GAP * line.size
            and abs(previous.size - line.size) < 0.6 * line.size
        ):
            joiner = "" if previous.text.endswith(" ") else " "
            previous.text = (previous.text + joiner + line.text).strip()
            previous.x1 = max(previous.x1, line.x1)
            previous.y0 = min(previous.y0, line.y0)
            continue
        merged.append(line)
    return merged


def body_style(lines: Iterable[Line]) -> BodyStyle:
    """The edition's body text: the size and font carrying the most characters; its usual line spacing."""
    weight: Counter[tuple[float, str]] = Counter()
    for line in lines:
        weight[(line.size, line.font)] += len(line.text)
    if not weight:
        return BodyStyle(size=10.0, font="", line_gap=12.0)
    (size, font), _ = weight.most_common(1)[0]
    return BodyStyle(size=size, font=font, line_gap=size * 1.25)


# --- a line's style against the body's ---------------------------------------------------------------------


QUOTE_MARKS = ("“", "”", "«", "»", "„", '"', "‘", "’", "‹", "›")


def is_headline(line: Line, body: BodyStyle) -> bool:
    """Clearly larger than the body; a pull quote (slanted, in quotation marks) is not one."""
    if line.size < body.size * HEADLINE_RATIO or len(line.text) <= 1:
        return False
    slanted_only = line.italic and not line.bold
    return not (slanted_only and (line.size < body.size * DISPLAY_RATIO or looks_quoted(line)))


def looks_quoted(line: Line) -> bool:
    return line.italic and not line.bold and (line.text.startswith(QUOTE_MARKS) or line.text.endswith(QUOTE_MARKS))


def same_style(line: Line, other: Line) -> bool:
    return abs(line.size - other.size) < 0.6 and line.bold == other.bold
