"""Steps 2 and 3 of reading a PDF edition: page furniture and boxed text taken out of the flow, then the rest in
reading order by recursive cuts: a vertical cut at a column gutter no line crosses, else a horizontal cut at the gap
next to a line that spans columns (a headline), so that text under a spanning headline is read after everything
above it, column by column."""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Sequence

import pymupdf

from newsstand.ingestion.pdf.lines import LARGER_RATIO, SMALLER_RATIO, BodyStyle, Line, is_headline, same_style

# Furniture bands: running heads and folios sit this close to the top or the bottom of the page.
FURNITURE_BAND = 0.075
ADVERTISEMENT = re.compile(r"^(advertisement|annonse|anzeige|publicité|annonce|publicidad|anuncio|إعلان|ad)$", re.I)

# --- 2. furniture --------------------------------------------------------------------------------------------


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", text.casefold()).strip()


def furniture_split(
    pages: Sequence[list[Line]],
    heights: Sequence[float],
    body: BodyStyle,
    boxes: Sequence[list[pymupdf.Rect]] = (),
) -> tuple[list[list[Line]], list[str]]:
    """Lines with furniture removed, and each page's section as its running head names it ("" when none).

    Furniture: in the top or bottom band, and either a folio (digits), or text whose shape recurs on other pages,
    or text smaller than the body. The section is the running-head text that is not the same on every page.
    """
    recurring = Counter(
        _shape(line.text)
        for page, height in zip(pages, heights, strict=True)
        for line in page
        if _in_band(line, height)
    )
    everywhere = {shape for shape, count in recurring.items() if count >= max(2, int(0.8 * len(pages)))}
    kept_pages: list[list[Line]] = []
    sections: list[str] = []
    for page, height in zip(pages, heights, strict=True):
        kept: list[Line] = []
        section = ""
        page_boxes = boxes[len(kept_pages)] if boxes else []
        for line in page:
            if not _in_band(line, height) or any(_within(line, box) for box in page_boxes):
                kept.append(line)
                continue
            shape = _shape(line.text)
            is_folio = bool(re.fullmatch(r"[#\s\-–—|/.·]*", shape)) or bool(
                re.fullmatch(r"(page|side|seite|p\.)\s*#", shape)
            )
            if is_folio or recurring[shape] >= 2 or line.size <= body.size * SMALLER_RATIO:
                if not is_folio and shape not in everywhere and not section and _looks_like_section(line.text):
                    section = line.text.strip()
                continue
            kept.append(line)
        kept_pages.append(kept)
        sections.append(section)
    return kept_pages, sections


def _looks_like_section(text: str) -> bool:
    return 1 <= len(text.split()) <= 4 and not re.search(r"\d", text)


def _in_band(line: Line, height: float) -> bool:
    return line.y1 < height * FURNITURE_BAND or line.y0 > height * (1 - FURNITURE_BAND)


def boxes_of(page: pymupdf.Page) -> list[pymupdf.Rect]:
    """Framed or tinted rectangles big enough to hold text: sidebars and advertisements."""
    found = []
    for drawing in page.get_drawings():
        rect = drawing.get("rect")
        if rect is None or rect.width < 60 or rect.height < 40:
            continue
        if rect.width > page.rect.width * 0.95 and rect.height > page.rect.height * 0.9:
            continue  # a page background or frame
        found.append(pymupdf.Rect(rect))
    return found


# A box with fewer lines of body text than this is an advertisement (a brand, a slogan, an address), not a story.
BOX_MIN_BODY_LINES = 3


def boxes_apply(lines: list[Line], boxes: list[pymupdf.Rect], body: BodyStyle) -> tuple[list[Line], list[list[Line]]]:
    """Take boxed text out of the page's flow: advertisements (labelled so, or without running text) are
    dropped, sidebars (a title over running text) come back as groups of lines to become stories of their own."""
    inside: dict[int, int] = {}
    for number, box in sorted(enumerate(boxes), key=lambda item: item[1].get_area()):
        for line in lines:
            if id(line) not in inside and _within(line, box):
                inside[id(line)] = number
    groups: dict[int, list[Line]] = {}
    for line in lines:
        if id(line) in inside:
            groups.setdefault(inside[id(line)], []).append(line)
    flow = [line for line in lines if id(line) not in inside]
    sidebars = []
    for group in groups.values():
        # running text: plain lines no larger than the body (a sidebar's facts are often smaller); an advert's
        # lines are a brand, a slogan and an address in display sizes
        running = sum(1 for line in group if line.size <= body.size * LARGER_RATIO and not line.bold)
        labelled = any(ADVERTISEMENT.match(line.text.strip(" :·-–")) for line in group)
        if labelled or running < BOX_MIN_BODY_LINES:
            continue
        ordered = sorted(group, key=lambda line: (line.y0, line.x0))
        if ordered[0].bold or ordered[0].size >= body.size * LARGER_RATIO:
            sidebars.append(ordered)
        else:
            flow.extend(group)  # a frame around part of a story: it stays in the flow
    return flow, sidebars


def _within(line: Line, box: pymupdf.Rect, slack: float = 2.0) -> bool:
    return bool(
        line.x0 >= box.x0 - slack
        and line.x1 <= box.x1 + slack
        and line.y0 >= box.y0 - slack
        and line.y1 <= box.y1 + slack
    )


# --- 3. reading order ----------------------------------------------------------------------------------------


def reading_order(lines: list[Line], body: BodyStyle) -> list[Line]:
    """Lines in the order a reader reads them, by recursive cuts (see the module's docstring)."""
    if len(lines) <= 1:
        return list(lines)
    row = _row_cut(lines, body)
    if row is not None:  # a row of the page's modules ends here: read it all before the next
        top = [line for line in lines if line.y1 <= row]
        bottom = [line for line in lines if line.y1 > row]
        return reading_order(top, body) + reading_order(bottom, body)
    vertical = _vertical_cut(lines, body)
    if vertical is not None:
        left = [line for line in lines if line.x1 <= vertical]
        right = [line for line in lines if line.x1 > vertical]
        return reading_order(left, body) + reading_order(right, body)
    horizontal = _horizontal_cut(lines, body)
    if horizontal is not None:
        top = [line for line in lines if line.y1 <= horizontal]
        bottom = [line for line in lines if line.y1 > horizontal]
        return reading_order(top, body) + reading_order(bottom, body)
    return sorted(lines, key=lambda line: (line.y0, line.x0))


def _gaps(intervals: list[tuple[float, float]], minimum: float) -> list[tuple[float, float]]:
    """Gaps at least `minimum` wide between the union of intervals."""
    intervals = sorted(intervals)
    gaps = []
    reach = intervals[0][1]
    for start, end in intervals[1:]:
        if start - reach >= minimum:
            gaps.append((reach, start))
        reach = max(reach, end)
    return gaps


def _vertical_cut(lines: list[Line], body: BodyStyle) -> float | None:
    """The leftmost column gutter that no line crosses, if any."""
    gaps = _gaps([(line.x0, line.x1) for line in lines], minimum=body.size * 0.6)
    return (gaps[0][0] + gaps[0][1]) / 2 if gaps else None


def _row_cut(lines: list[Line], body: BodyStyle) -> float | None:
    """A gap across the whole region, wider than the space between paragraphs, right above a headline: what is
    above is a row of stories that ends there."""
    gaps = _gaps([(line.y0, line.y1) for line in lines], minimum=body.line_gap * 0.7)
    for start, end in gaps:
        above = [line for line in lines if abs(line.y1 - start) < 1.0]
        for line in lines:
            if abs(line.y0 - end) < 1.0 and is_headline(line, body):
                if any(is_headline(other, body) and same_style(other, line) for other in above):
                    continue  # the second line of a headline, not a new row
                return (start + end) / 2
    return None


def _horizontal_cut(lines: list[Line], body: BodyStyle) -> float | None:
    """A horizontal gap to cut at: the topmost gap that lies right above or below a line spanning more than one
    column (a headline or a strip across the page). Failing that, the widest gap if clearly wider than the
    spacing of paragraphs."""
    gaps = _gaps([(line.y0, line.y1) for line in lines], minimum=0.2)
    if not gaps:
        return None
    column_width = _typical_column_width(lines, body)
    spanners = [line for line in lines if line.width > column_width * 1.35]
    for start, end in gaps:
        for line in spanners:
            if abs(line.y0 - end) < 1.0 or abs(line.y1 - start) < 1.0:
                return (start + end) / 2
    widest = max(gaps, key=lambda gap: gap[1] - gap[0])
    if widest[1] - widest[0] > body.line_gap * 1.6:
        return (widest[0] + widest[1]) / 2
    # A block of text beside which nothing stands: cutting at the first gap keeps top-to-bottom order.
    return (gaps[0][0] + gaps[0][1]) / 2


def _typical_column_width(lines: list[Line], body: BodyStyle) -> float:
    widths = [line.width for line in lines if abs(line.size - body.size) < 0.6 and len(line.text) > 20]
    return statistics.median(widths) if widths else max(line.width for line in lines)
