"""Text as imported pages give it, made readable: one definition for every part of web and feed import."""

from __future__ import annotations

import unicodedata
from typing import Any


def text_clean(text: str) -> str:
    """One line of readable text: C1 control characters that old Windows pages produce are read as the
    Windows-1252 quotes and dashes they were meant to be, whitespace collapses, Unicode is NFC."""
    text = text.translate(_C1_AS_CP1252)
    return unicodedata.normalize("NFC", " ".join(text.split()))


_C1_AS_CP1252 = {code: bytes([code]).decode("cp1252", errors="ignore") or None for code in range(0x80, 0xA0)}


def text_folded(text: str) -> str:
    """Cleaned and case-folded: for comparing a line with the headline or standfirst it may repeat."""
    return text_clean(text).casefold()


def element_text(element: Any) -> str:
    """All an element's words, nested blocks apart by a space ("Newsletter" + "Sign up", not "NewsletterSign up")."""
    return " ".join(" ".join(element.itertext()).split())
