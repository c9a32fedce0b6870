"""Result lines: the reader's words marked in a headline, and the passage of a text where they gather."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from newsstand.search.text import WORD, stems

SNIPPET_WORDS = 30
LEAD_WORDS = 6  # of context before the first marked word
_WORD_TAIL = re.compile(r"\S*")  # punctuation that closes the last word shown


def _words_marked(text: str, wanted: set[str], language: str) -> tuple[list[re.Match[str]], list[bool]]:
    """The words of `text` (as matches, for their positions) and, for each, whether it stems to a wanted stem."""
    found = list(WORD.finditer(text))
    marked = [stem in wanted for stem in stems([match.group() for match in found], language)]
    return found, marked


def _html(text: str, found: list[re.Match[str]], marked: list[bool], start: int, end: int) -> str:
    """text from word `start` to word `end` (exclusive), escaped, marked words wrapped in <mark>."""
    pieces: list[str] = []
    position = found[start].start()
    for match, is_marked in zip(found[start:end], marked[start:end], strict=True):
        pieces.append(escape(text[position : match.start()]))
        pieces.append(f"<mark>{escape(match.group())}</mark>" if is_marked else escape(match.group()))
        position = match.end()
    tail = _WORD_TAIL.match(text, position)
    pieces.append(escape(tail.group() if tail else ""))
    return "".join(pieces)


def text_highlighted(text: str, wanted: set[str], language: str) -> SafeString:
    found, marked = _words_marked(text, wanted, language)
    if not found:
        return mark_safe(escape(text))
    lead = escape(text[: found[0].start()])
    return mark_safe(lead + _html(text, found, marked, 0, len(found)))


def text_snippet(text: str, wanted: set[str], language: str, *, length: int = SNIPPET_WORDS) -> SafeString:
    """The `length` words of `text` holding most of the wanted words (the opening when none), marked, with an
    ellipsis where the text goes on."""
    found, marked = _words_marked(text, wanted, language)
    if not found:
        return mark_safe("")
    start = _densest_window(marked, length)
    end = min(start + length, len(found))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(found) else ""
    return mark_safe(prefix + _html(text, found, marked, start, end) + suffix)


def _densest_window(hits: list[bool], length: int) -> int:
    """Start of a window of `length` words holding the most hits, opening a few words before its first hit."""
    if len(hits) <= length or not any(hits):
        return 0
    count = best = sum(hits[:length])
    best_start = 0
    for start in range(1, len(hits) - length + 1):
        count += hits[start + length - 1] - hits[start - 1]
        if count > best:
            best_start, best = start, count
    first_hit = hits.index(True, best_start)
    return max(0, min(first_hit - LEAD_WORDS, len(hits) - length))
