"""Step 5 of reading a PDF edition, within a story: its lines grouped into paragraphs (indents, gaps, sentence
ends, crossheads) and joined, with line-end hyphens undone where the word exists whole (Vocabulary)."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable

from newsstand.ingestion.pdf.lines import BodyStyle, Line

HYPHENS = ("-", "\u00ad", "\u2010")


def paragraphs_of(lines: list[Line], body: BodyStyle, vocabulary: Vocabulary) -> list[tuple[str, bool]]:
    """Group lines into paragraphs, each with whether it is a crosshead: a new one after a gap wider than the
    leading, at an indent, at a change of weight (crossheads), or after a line that ends a sentence where the next
    word would have fitted."""
    leading = _usual_gap(lines, body)
    edges = _column_edges(lines, body)
    paragraphs: list[list[Line]] = []
    for index, line in enumerate(lines):
        previous = lines[index - 1] if index else None
        following = lines[index + 1] if index + 1 < len(lines) else None
        if previous is None or _starts_paragraph(previous, line, following, body, leading, edges[index - 1]):
            paragraphs.append([])
        paragraphs[-1].append(line)
    texts = [(join_lines([line.text for line in group], vocabulary), _is_crosshead(group)) for group in paragraphs]
    return [(text, heading) for text, heading in texts if text]


def _is_crosshead(group: list[Line]) -> bool:
    return len(group) <= 2 and all(line.bold for line in group) and len(" ".join(line.text for line in group)) < 80


def _column_edges(lines: list[Line], body: BodyStyle) -> list[float]:
    """For each line, the right edge of its column: the furthest any line starting where it starts reaches."""
    reach: dict[tuple[int, int], float] = {}
    slot = body.size * 3

    def key(line: Line) -> tuple[int, int]:
        return line.page, int(line.x0 // slot)

    for line in lines:
        reach[key(line)] = max(reach.get(key(line), 0.0), line.x1)
    # an indented first line starts in the next slot: look one slot left too
    return [max(reach[key(line)], reach.get((line.page, key(line)[1] - 1), 0.0)) for line in lines]


def _usual_gap(lines: list[Line], body: BodyStyle) -> float:
    """The space between two lines of one paragraph: the most common gap between lines that follow each other."""
    gaps = [
        round(line.y0 - previous.y1, 1)
        for previous, line in itertools.pairwise(lines)
        if previous.page == line.page and abs(line.x0 - previous.x0) < body.size * 3 and line.y0 > previous.y0
    ]
    return Counter(gaps).most_common(1)[0][0] if gaps else body.size * 0.3


def _starts_paragraph(
    previous: Line, line: Line, following: Line | None, body: BodyStyle, leading: float, edge: float
) -> bool:
    if previous.bold != line.bold:
        return True
    new_column = previous.page != line.page or line.x0 > previous.x1 or line.y0 < previous.y0 - body.size
    if new_column:
        # the paragraph goes on in the next column unless the last one ended, or this line is indented
        indented = following is not None and body.size * 0.6 < line.x0 - following.x0 < body.size * 4
        return indented or _ended_early(previous, line, edge)
    if line.y0 - previous.y1 > leading + body.size * 0.3:
        return True
    if body.size * 0.6 < line.x0 - previous.x0 < body.size * 4:
        return True  # first-line indent
    return _ended_early(previous, line, edge)


# The width of an average character, as a share of the type size: enough to tell whether a word would fit.
CHARACTER_WIDTH = 0.6


def _ended_early(previous: Line, line: Line, edge: float) -> bool:
    """The line ends a sentence, and the next line's first word would have fitted after it: the typesetter broke
    the line because the paragraph ended, not for want of room (works for ragged and justified text alike)."""
    if not previous.text.rstrip().endswith((".", "!", "?", ":", "”", "»", '"', "“", "…")):
        return False
    first_word = line.text.split()[0] if line.text.split() else ""
    needed = (len(first_word) + 1) * previous.size * CHARACTER_WIDTH
    return previous.x1 + needed < edge


def join_lines(parts: list[str], words: Vocabulary | None = None) -> str:
    """Join a paragraph's lines, undoing hyphenation at line ends but keeping the hyphen of a compound broken at
    its own hyphen ("Nordvåg-" + "halvøya"). See Vocabulary.hyphen_kept for how the two are told apart."""
    text = ""
    for part in (part.strip() for part in parts):
        if not text:
            text = part
        elif text.endswith(HYPHENS) and part[:1].isalpha() and part[:1].islower():
            kept = words is not None and text[-1] != "\u00ad" and words.hyphen_kept(text[:-1], part)
            text = text + part if kept else text[:-1] + part
        elif text.endswith("-") and part[:1].isupper():
            text = text + part  # a compound broken at its own hyphen: "Sainte-" + "Catherine"
        else:
            text = f"{text} {part}"
    return re.sub(r"[ \t\r\n]+", " ", text).strip(" \t\r\n")


class Vocabulary:
    """The edition's words as printed inside lines, to tell a hyphenated word ("re-" + "turn") from a compound
    ("aide-" + "soignante"): the form seen elsewhere in the edition wins; when neither is, the edition's habit
    does (a producer that never hyphenates leaves only compounds at line ends)."""

    def __init__(self, lines: Iterable[Line]) -> None:
        self.whole: Counter[str] = Counter()
        endings: list[tuple[str, str]] = []
        previous: Line | None = None
        for line in lines:
            tokens = line.text.split()
            self.whole.update(token.strip(".,;:!?«»“”\"'()").casefold() for token in tokens[1:-1])
            if previous is not None and previous.text.endswith("-") and tokens:
                endings.append((previous.text.split()[-1][:-1], tokens[0]))
            previous = line
        joined = sum(1 for first, second in endings if self._seen(first + second))
        compounds = sum(1 for first, second in endings if self._seen(f"{first}-{second}"))
        self.hyphenates = joined > compounds

    def _seen(self, word: str) -> bool:
        return self.whole[word.strip(".,;:!?«»“”\"'()").casefold()] > 0

    def hyphen_kept(self, before: str, after: str) -> bool:
        first = before.split()[-1] if before.split() else ""
        second = after.split()[0] if after.split() else ""
        if self._seen(f"{first}-{second}"):
            return True
        if self._seen(first + second):
            return False
        return not self.hyphenates
