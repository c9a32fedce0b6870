"""Draws an edition layout with PyMuPDF: each frame's head and flow are MuPDF Story HTML placed in the frame and
its columns; boxes, rules, running heads and folios are drawn on the finished pages with PyMuPDF's base fonts.

MuPDF shapes text with HarfBuzz, so its text layer carries ligature characters (U+FB01 "ﬁ", U+FB03 "ﬃ"), and a
soft hyphen that breaks a line becomes a plain "-" at the line's end.
"""

from __future__ import annotations

import io
from typing import Any

import pymupdf

from tools.pdf_corpus.layouts import FRAME_PADDING, RUNNING_HEAD, Block, EditionLayout, Frame, LayoutOverflowError
from tools.pdf_corpus.markup import blocks_html, picture_jpeg, stylesheet

NAME = "pymupdf-story"
HEAD_GAP = 4.0


def _picture_name(block: Block) -> str:
    return f"picture-{block.picture}.jpg"


def edition_pdf_render(layout: EditionLayout) -> bytes:
    """The edition as PDF bytes; raises LayoutOverflowError when a frame's blocks do not fit."""
    archive = pymupdf.Archive()
    for page in layout.pages:
        for frame in page.frames:
            for block in frame.head + frame.flow:
                if block.kind == "picture" and block.picture is not None:
                    archive.add(picture_jpeg(block.picture, block.aspect), _picture_name(block))
    css = stylesheet(layout, serif="serif", sans="sans-serif")
    buffer = io.BytesIO()
    writer = pymupdf.DocumentWriter(buffer)
    for page in layout.pages:
        device = writer.begin_page(pymupdf.Rect(0, 0, layout.width, layout.height))
        for index, frame in enumerate(page.frames):
            try:
                _frame_draw(layout, frame, device, css, archive)
            except LayoutOverflowError as error:
                raise LayoutOverflowError(f"page {page.number}, frame {index} ({frame.kind}): {error}") from None
        writer.end_page()
    writer.close()
    return _decorate(buffer.getvalue(), layout)


def _story(blocks: list[Block], css: str, archive: Any) -> Any:
    return pymupdf.Story(html=f"<body>{blocks_html(blocks, _picture_name)}</body>", user_css=css, archive=archive)


def _frame_draw(layout: EditionLayout, frame: Frame, device: Any, css: str, archive: Any) -> None:
    inner = frame.box.inset(FRAME_PADDING) if frame.boxed else frame.box
    top = inner.y0
    if frame.head:
        story = _story(frame.head, css, archive)
        rect = pymupdf.Rect(inner.x0, inner.y0, inner.x1, inner.y1)
        more, filled_tuple = story.place(rect)
        filled = pymupdf.Rect(filled_tuple)
        if more:
            raise LayoutOverflowError("the head does not fit")
        if frame.kind == "ad":  # advertisements are centred in their box
            story.reset()
            shift = max(0.0, (inner.height - (filled.y1 - inner.y0)) / 2)
            story.place(pymupdf.Rect(inner.x0, inner.y0 + shift, inner.x1, inner.y1))
        story.draw(device)
        top = filled.y1 + HEAD_GAP
    if not frame.flow:
        return
    width = layout.column_width(frame.columns, inner.width)
    lefts = [inner.x0 + i * (width + layout.gutter) for i in range(frame.columns)]
    story = _story(frame.flow, css, archive)
    bottom = inner.y1
    if frame.balanced:
        bottom = _balanced_bottom(story, lefts, width, top, inner.y1)
        story.reset()
    more = True
    for left in lefts:
        more, _ = story.place(pymupdf.Rect(left, top, left + width, bottom))
        story.draw(device)
        if not more:
            break
    if more:
        raise LayoutOverflowError(f"the flow does not fit in {frame.columns} columns of {bottom - top:.0f} pt")


def _balanced_bottom(story: Any, lefts: list[float], width: float, top: float, bottom: float) -> float:
    """The lowest column bottom at which the flow still fits: columns of (nearly) equal height."""

    def fits(height: float) -> bool:
        story.reset()
        for left in lefts:
            more, _ = story.place(pymupdf.Rect(left, top, left + width, top + height))
            if not more:
                return True
        return False

    low, high = 20.0, bottom - top
    if not fits(high):
        return bottom
    while high - low > 2:
        middle = (low + high) / 2
        if fits(middle):
            high = middle
        else:
            low = middle
    return top + high + 1


def _decorate(pdf: bytes, layout: EditionLayout) -> bytes:
    """Boxes and rules under the text, then running heads and folios: what flowing text cannot draw."""
    document = pymupdf.open(stream=pdf, filetype="pdf")
    document.set_metadata({"title": f"{layout.title}, {layout.date_text}", "creator": "Newsstand test corpus"})
    margin, width = layout.margin, layout.width
    for page_layout, page in zip(layout.pages, document, strict=True):
        for frame in page_layout.frames:
            box = pymupdf.Rect(frame.box.x0, frame.box.y0, frame.box.x1, frame.box.y1)
            if frame.kind == "ad":
                page.draw_rect(box, color=(0.1, 0.1, 0.1), fill=(1.0, 0.97, 0.9), width=2, overlay=False)
            elif frame.boxed:
                page.draw_rect(box, color=(0.35, 0.35, 0.35), fill=(0.95, 0.94, 0.91), width=0.8, overlay=False)
            elif frame.kind == "story" and frame.box.y0 > margin + RUNNING_HEAD + 20:
                y = frame.box.y0 - 7
                page.draw_line((frame.box.x0, y), (frame.box.x1, y), color=(0.2, 0.2, 0.2), width=0.5)
        if page_layout.running_head:
            y = margin + 10
            page.insert_text((margin, y), layout.title.upper(), fontname="hebo", fontsize=8)
            section = page_layout.section
            length = pymupdf.get_text_length(section, fontname="helv", fontsize=8)
            page.insert_text(((width - length) / 2, y), section, fontname="helv", fontsize=8)
            length = pymupdf.get_text_length(layout.date_text, fontname="helv", fontsize=8)
            page.insert_text((width - margin - length, y), layout.date_text, fontname="helv", fontsize=8)
            page.draw_line((margin, y + 6), (width - margin, y + 6), color=(0, 0, 0), width=0.8)
        if page_layout.folio:
            folio = str(page_layout.number)
            length = pymupdf.get_text_length(folio, fontname="hebo", fontsize=9)
            if layout.kind == "magazine":
                x = margin if page_layout.number % 2 == 0 else width - margin - length
            else:
                x = (width - length) / 2
            page.insert_text((x, layout.height - margin - 2), folio, fontname="hebo", fontsize=9)
    output: bytes = document.tobytes(garbage=3, deflate=True)
    document.close()
    return output
