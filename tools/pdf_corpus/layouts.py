"""The layout of a test edition: pages, frames on a column grid, and the blocks each frame prints.

A layout is planned before any PDF exists, so the truth is known exactly: which paragraphs each frame holds,
where a story jumps, what is furniture. Producers (`producers/`) only draw it. Decisions a reader of the truth
needs:

* A story frame prints its head (headline, standfirst, byline, maybe a lead picture with its caption) across the
  frame, then its flow (paragraphs, crossheads, pictures with captions, a pull quote) through the frame's
  columns, top to bottom, left to right.
* Newspaper jumps: a story on page 1 or 2 may end its frame with "Continued on page N" (in its language) and go on
  in a frame on page N headed by the headline again (or one word of it) and "Continued from page M". The truth
  is one story on both pages; the jump lines and the jump head are furniture. A paragraph may break at a
  sentence end across the jump, and a magazine feature's paragraph across pages: the truth has it whole.
* Crossheads are paragraphs of the body; pull quotes repeat a sentence of the body in large type and are not in
  the truth body; captions are in the story's captions, in print order.
* Sidebars (boxed fact boxes beside a story) are stories of their own: headline = the box's title, paragraphs =
  its items, section = the page's section, no byline or standfirst. They are short and boxed, and an extractor
  that folds them into the neighbouring story's body has made an error the score should see.
* Advertisements (boxed), mastheads, running heads (publication, section, date), folios, magazine covers with
  their cover lines and contents pages are furniture: no story, even though cover lines and contents entries
  repeat headlines.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from tools.pdf_corpus.content import plain
from tools.pdf_corpus.ground_truth import StoryTruth

RUNNING_HEAD = 26.0  # room above the content for the running head and its rule
FRAME_PADDING = 6.0  # inside boxed frames (sidebars, advertisements)
LINE = 1.25  # line-height of running text, in ems, in every producer's stylesheet


class LayoutOverflowError(Exception):
    """A producer could not fit a frame's blocks into the frame; the generator plans the edition fuller-spaced."""


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    def inset(self, by: float) -> Box:
        return Box(self.x0 + by, self.y0 + by, self.x1 - by, self.y1 - by)


@dataclass
class Block:
    """One printed element. `text` keeps the hyphenation marks; `picture` is a picture's seed."""

    kind: str
    text: str = ""
    picture: int | None = None
    aspect: float = 0.0  # a picture's height / width
    size: float = 0.0  # headline size in pt, when it differs per frame


@dataclass
class Frame:
    kind: str  # story, sidebar, ad, masthead, cover, contents
    box: Box
    columns: int
    head: list[Block] = field(default_factory=list)
    flow: list[Block] = field(default_factory=list)
    balanced: bool = False  # columns of equal height rather than filled one after the other
    boxed: bool = False


@dataclass
class PageLayout:
    number: int
    section: str
    frames: list[Frame] = field(default_factory=list)
    running_head: bool = True
    folio: bool = True


@dataclass
class EditionLayout:
    kind: str  # newspaper or magazine
    language: str
    title: str
    date_text: str
    size_name: str
    width: float
    height: float
    margin: float
    gutter: float
    grid: int  # columns of the page grid
    body_size: float
    serif_body: bool
    justify: bool
    wide_faces: bool  # producers that can choose faces take wide ones (DejaVu) rather than narrow (Liberation)
    pages: list[PageLayout] = field(default_factory=list)
    stories: list[StoryTruth] = field(default_factory=list)

    def column_width(self, columns: int, width: float) -> float:
        return (width - (columns - 1) * self.gutter) / columns


@dataclass
class EditionSpec:
    """What the generator asks for; the planner decides everything else from the seed."""

    name: str
    seed: int
    kind: str
    language: str
    page_count: int
    grid: int
    producer: str


# --- estimating heights: conservative, so that what the planner puts in a frame fits in every producer ---------


def text_height(text: str, width: float, size: float, *, factor: float = 0.5, line: float = LINE) -> float:
    """Height of `text` set in `width` at `size`, assuming wide glyphs (DejaVu is the widest face we use)."""
    per_line = max(6.0, width / (factor * size))
    lines = max(1, math.ceil(len(plain(text)) * 1.08 / per_line + 0.35))
    return lines * size * line


def block_height(block: Block, width: float, body: float) -> float:
    kind = block.kind
    if kind == "paragraph" or kind == "sidebar_item":
        return text_height(block.text, width, body) + 0.4 * body
    if kind == "crosshead":
        return text_height(block.text, width, 1.1 * body, factor=0.6) + 0.9 * body
    if kind == "pullquote":
        return text_height(block.text, width, 1.5 * body, factor=0.6, line=1.2) + 1.6 * body + 4
    if kind == "picture":
        return width * block.aspect + 0.3 * body
    if kind == "caption":
        return text_height(block.text, width, 0.8 * body, factor=0.6, line=1.2) + 0.8 * body
    if kind in ("jump_to", "jump_from"):
        return 0.9 * body * LINE + 0.5 * body
    if kind == "headline":
        return text_height(block.text, width, block.size, factor=0.6, line=1.1) + 0.35 * block.size
    if kind == "jump_head":
        return text_height(block.text, width, block.size or 1.6 * body, factor=0.6, line=1.1) + 0.3 * body
    if kind == "standfirst":
        return text_height(block.text, width, 1.2 * body, factor=0.58) + 0.5 * body
    if kind == "byline":
        return text_height(block.text, width, 0.85 * body, factor=0.62) + 0.6 * body
    if kind == "ad_brand":
        return text_height(block.text, width, block.size, factor=0.62, line=1.1) + 0.6 * body
    if kind == "ad_slogan":
        return text_height(block.text, width, 1.6 * body, factor=0.55, line=1.2) + 0.6 * body
    if kind == "ad_offer":
        return text_height(block.text, width, 1.9 * body, factor=0.62, line=1.2) + 0.6 * body
    if kind == "ad_contact":
        return text_height(block.text, width, body, factor=0.55, line=1.2)
    if kind == "sidebar_title":
        return text_height(block.text, width, 1.2 * body, factor=0.6, line=1.15) + 0.5 * body
    raise ValueError(f"no height estimate for block kind {kind!r}")


def blocks_height(blocks: list[Block], width: float, body: float) -> float:
    return sum(block_height(b, width, body) for b in blocks)
