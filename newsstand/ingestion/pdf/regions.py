"""Where a story sits on its pages: rectangles in page coordinates (points, from the top left), made from the lines
and pictures the extractor gave the story. A column of the story is one rectangle; a gap in it (another story's
piece between two of its parts) starts another."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from newsstand.ingestion.pdf.lines import Line, Picture

# Lines further apart than this many of their own heights are two parts of the story, not one block.
PART_GAP_LINES = 2.5
# Rectangles grow by this much (points) around the text, so that a tap on the edge of a line still lands on it.
PADDING = 2.0


@dataclass(frozen=True)
class Region:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float

    def as_json(self) -> dict[str, object]:
        return {"page": self.page, "box": [round(self.x0, 1), round(self.y0, 1), round(self.x1, 1), round(self.y1, 1)]}


@dataclass
class _Block:
    x0: float
    y0: float
    x1: float
    y1: float
    gap: float  # how far below it the next line may start and still belong to it

    def takes(self, x0: float, y0: float, x1: float) -> bool:
        overlap = min(self.x1, x1) - max(self.x0, x0)
        return overlap > 0.5 * min(self.x1 - self.x0, x1 - x0) and y0 - self.y1 <= self.gap

    def grow(self, x0: float, y0: float, x1: float, y1: float) -> None:
        self.x0, self.y0, self.x1, self.y1 = min(self.x0, x0), min(self.y0, y0), max(self.x1, x1), max(self.y1, y1)


def story_regions(lines: Iterable[Line], pictures: Iterable[Picture] = ()) -> list[Region]:
    """The story's rectangles, page by page and, within a page, in the order of their first line."""
    by_page: dict[int, list[tuple[float, float, float, float, float]]] = defaultdict(list)
    for line in lines:
        by_page[line.page].append((line.x0, line.y0, line.x1, line.y1, line.height * PART_GAP_LINES))
    for picture in pictures:
        by_page[picture.page].append((picture.x0, picture.y0, picture.x1, picture.y1, 0.0))
    regions: list[Region] = []
    for page in sorted(by_page):
        for block in _blocks(by_page[page]):
            regions.append(Region(page, block.x0 - PADDING, block.y0 - PADDING, block.x1 + PADDING, block.y1 + PADDING))
    return regions


def _blocks(boxes: list[tuple[float, float, float, float, float]]) -> list[_Block]:
    """Boxes read top to bottom within columns become blocks: a box joins the block above it in its column when
    it starts close enough below it; pictures (gap 0) join only what they touch."""
    blocks: list[_Block] = []
    for x0, y0, x1, y1, gap in sorted(boxes, key=lambda box: (box[1], box[0])):
        block = next((b for b in reversed(blocks) if b.takes(x0, y0, x1)), None)
        if block is None:
            blocks.append(_Block(x0, y0, x1, y1, gap))
        else:
            block.grow(x0, y0, x1, y1)
            block.gap = max(block.gap, gap)
    return _merged(blocks)


def _merged(blocks: list[_Block]) -> list[_Block]:
    """Blocks that overlap (a headline across two columns over both) become one."""
    merged: list[_Block] = []
    for block in blocks:
        into = next((m for m in merged if m.x0 < block.x1 and block.x0 < m.x1 and m.y0 < block.y1 and block.y0 < m.y1),
                    None)  # fmt: skip
        if into is None:
            merged.append(block)
        else:
            into.grow(block.x0, block.y0, block.x1, block.y1)
    return merged
