"""Lays out a demo edition as a real PDF with PyMuPDF's Story API: a cover, then stories in columns.

Newspapers flow every story through 3 columns, one after another; magazines start each story on a new page in
2 columns. The PDF is what a publisher would upload; the builder also reports the pages each story landed on.
"""

from __future__ import annotations

import html
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pymupdf

PAGE = pymupdf.Rect(0, 0, 595, 842)  # A4 in points
MARGIN, GUTTER, HEAD = 40.0, 16.0, 64.0

CSS = """
* { font-family: serif; }
body { font-size: 9.5pt; line-height: 1.32; color: #1b1b1f; }
p { margin: 0 0 5pt 0; text-align: left; }
h1 { font-size: 19pt; line-height: 1.1; margin: 2pt 0 5pt 0; font-weight: bold; }
h3 { font-size: 11pt; margin: 7pt 0 3pt 0; font-weight: bold; }
.kicker { font-family: sans-serif; font-size: 7.5pt; font-weight: bold; color: #b3261e; margin: 0 0 2pt 0; }
.standfirst { font-size: 11pt; font-style: italic; margin: 0 0 5pt 0; text-align: left; }
.byline { font-family: sans-serif; font-size: 7.5pt; font-weight: bold; margin: 0 0 6pt 0; text-align: left; }
.caption { font-family: sans-serif; font-size: 7pt; color: #55555c; margin: 2pt 0 8pt 0; text-align: left; }
.quote { font-size: 13pt; font-style: italic; color: #b3261e; margin: 6pt 0 8pt 0; text-align: left; }
.end { font-size: 2pt; margin: 0 0 16pt 0; }
.cover-title { font-family: sans-serif; font-size: 40pt; font-weight: bold; color: #ffffff; margin: 0; }
.cover-date { font-family: sans-serif; font-size: 11pt; color: #ffffff; margin: 2pt 0 0 0; }
.cover-line { font-size: 15pt; font-weight: bold; margin: 10pt 0 1pt 0; text-align: left; }
.cover-sub { font-size: 10pt; margin: 0; text-align: left; }
"""


@dataclass(frozen=True)
class EditionLayout:
    pdf: bytes
    story_pages: list[list[int]]  # for each story, the page numbers it appears on


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def story_html(index: int, story: Mapping[str, Any], picture_names: Mapping[int, str]) -> str:
    parts = [
        f'<p class="kicker">{_e(story.get("section", "").upper())}</p>',
        f'<h1 id="s{index}">{_e(story["headline"])}</h1>',
    ]
    if story.get("standfirst"):
        parts.append(f'<p class="standfirst">{_e(story["standfirst"])}</p>')
    if story.get("byline"):
        parts.append(f'<p class="byline">{_e(story["byline"])}</p>')
    for number, block in enumerate(story["body"]):
        kind = block["type"]
        if kind == "paragraph":
            parts.append(f"<p>{_e(block['text'])}</p>")
        elif kind == "heading":
            parts.append(f"<h3>{_e(block['text'])}</h3>")
        elif kind == "quote":
            parts.append(f'<p class="quote">“{_e(block["text"])}”</p>')
        elif kind == "image" and number in picture_names:
            caption = " ".join(filter(None, [block.get("caption", ""), block.get("credit", "")]))
            parts.append(f'<img src="{picture_names[number]}" width="100%"/><p class="caption">{_e(caption)}</p>')
    parts.append(f'<p class="end" id="e{index}"> </p>')
    return "".join(parts)


def _columns(count: int, top: float) -> list[pymupdf.Rect]:
    width = (PAGE.width - 2 * MARGIN - (count - 1) * GUTTER) / count
    return [
        pymupdf.Rect(MARGIN + i * (width + GUTTER), top, MARGIN + i * (width + GUTTER) + width, PAGE.height - MARGIN)
        for i in range(count)
    ]


def edition_pdf_build(
    *,
    publication: Mapping[str, Any],
    edition: Mapping[str, Any],
    issue_date_text: str,
    cover_picture: bytes,
    pictures: Mapping[tuple[int, int], bytes],
) -> EditionLayout:
    """`pictures` maps (story index, body block index) to JPEG bytes; `cover_picture` is the cover's image."""
    archive = pymupdf.Archive()
    archive.add(cover_picture, "cover.jpg")
    names: dict[int, dict[int, str]] = {}
    for (story_index, block_index), content in pictures.items():
        name = f"s{story_index}-b{block_index}.jpg"
        archive.add(content, name)
        names.setdefault(story_index, {})[block_index] = name

    stories: Sequence[Mapping[str, Any]] = edition["stories"]
    magazine = publication["kind"] == "magazine"
    flows = (
        [story_html(i, story, names.get(i, {})) for i, story in enumerate(stories)]
        if magazine
        else ["".join(story_html(i, story, names.get(i, {})) for i, story in enumerate(stories))]
    )
    positions: dict[str, int] = {}
    buffer = io.BytesIO()
    writer = pymupdf.DocumentWriter(buffer)
    _cover_write(writer, archive, publication, edition, issue_date_text)
    page_number = 1
    for flow in flows:
        story = pymupdf.Story(html=f"<body>{flow}</body>", user_css=CSS, archive=archive)
        more = True
        while more:
            page_number += 1
            device = writer.begin_page(PAGE)
            for column in _columns(2 if magazine else 3, HEAD):
                more, _ = story.place(column)
                story.element_positions(_recorder(positions), {"page_number": page_number})
                story.draw(device)
                if not more:
                    break
            writer.end_page()
    writer.close()
    pdf = _decorate(buffer.getvalue(), publication, issue_date_text)
    story_pages = [
        list(range(positions[f"s{i}"], positions.get(f"e{i}", positions[f"s{i}"]) + 1)) for i in range(len(stories))
    ]
    return EditionLayout(pdf=pdf, story_pages=story_pages)


def _recorder(positions: dict[str, int]):  # type: ignore[no-untyped-def]
    def record(position: Any) -> None:
        if position.id and position.id not in positions:
            positions[position.id] = position.page_number

    return record


def _cover_write(
    writer: pymupdf.DocumentWriter,
    archive: pymupdf.Archive,
    publication: Mapping[str, Any],
    edition: Mapping[str, Any],
    issue_date_text: str,
) -> None:
    label = f" · {edition['label']}" if edition.get("label") else ""
    lines = "".join(
        f'<p class="cover-line">{_e(story["headline"])}</p><p class="cover-sub">{_e(story.get("standfirst", ""))}</p>'
        for story in edition["stories"][:4]
    )
    masthead = pymupdf.Story(
        html=f'<p class="cover-title">{_e(publication["title"])}</p>'
        f'<p class="cover-date">{_e(issue_date_text)}{_e(label)}</p>',
        user_css=CSS,
    )
    body = pymupdf.Story(html=f'<img src="cover.jpg" width="100%"/>{lines}', user_css=CSS, archive=archive)
    device = writer.begin_page(PAGE)
    masthead.place(pymupdf.Rect(MARGIN, 30, PAGE.width - MARGIN, 130))
    masthead.draw(device)
    body.place(pymupdf.Rect(MARGIN, 160, PAGE.width - MARGIN, PAGE.height - MARGIN))
    body.draw(device)
    writer.end_page()


def _decorate(pdf: bytes, publication: Mapping[str, Any], issue_date_text: str) -> bytes:
    """Draw what flowing text cannot: the cover's colour band, running heads and folios, column rules."""
    document = pymupdf.open(stream=pdf, filetype="pdf")
    colour = tuple(int(publication["colour"][i : i + 2], 16) / 255 for i in (1, 3, 5))
    document.set_metadata({"title": f"{publication['title']}, {issue_date_text}", "creator": "Newsstand demo"})
    for page in document:
        if page.number == 0:
            page.draw_rect(pymupdf.Rect(0, 0, PAGE.width, 140), color=None, fill=colour, overlay=False)
            continue
        page.insert_text((MARGIN, 40), publication["title"].upper(), fontname="hebo", fontsize=8, color=colour)
        page.insert_text((PAGE.width / 2 - 40, 40), issue_date_text, fontname="helv", fontsize=8)
        folio = str(page.number + 1)
        page.insert_text((PAGE.width - MARGIN - 6 * len(folio), 40), folio, fontname="hebo", fontsize=8)
        page.draw_line((MARGIN, 48), (PAGE.width - MARGIN, 48), color=colour, width=1.2)
    output: bytes = document.tobytes(garbage=3, deflate=True)
    document.close()
    return output
