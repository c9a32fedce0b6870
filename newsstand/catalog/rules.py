"""Small catalog rules that several places ask: reserved URL slugs, ISSN check digits, reading time."""

import math

from django.utils.text import slugify

# First path segments the site uses itself; a publication slug may not take one of them.
RESERVED_SLUGS = frozenset(
    {
        "about", "account", "accounts", "admin", "api", "catalog", "categories", "feeds", "i18n", "media", "opds",
        "library", "payments", "plans",
        "news-sitemap.xml", "robots.txt", "search", "sitemap.xml", "static", "_bench",
    }
)  # fmt: skip

# Path segments under an edition's URL that are not stories.
RESERVED_STORY_SLUGS = frozenset({"pages", "pdf", "contents", "buy"})

WORDS_PER_MINUTE = 230


def issn_is_valid(value: str) -> bool:
    """True for an ISSN such as 2049-3630 whose last character is the right mod-11 check digit."""
    digits = value.replace("-", "").upper()
    if len(digits) != 8 or not digits[:7].isdigit() or not (digits[7].isdigit() or digits[7] == "X"):
        return False
    total = sum(int(d) * weight for d, weight in zip(digits[:7], range(8, 1, -1), strict=True))
    check = (11 - total % 11) % 11
    return digits[7] == ("X" if check == 10 else str(check))


def reading_minutes(word_count: int) -> int:
    return max(1, math.ceil(word_count / WORDS_PER_MINUTE))


# Letters that Unicode does not decompose to ASCII, so slugify() would drop them ("Økonomi" → "konomi").
_TRANSLITERATION = str.maketrans(
    {"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss", "œ": "oe", "Œ": "OE", "ł": "l", "Ł": "L", "đ": "d",
     "Đ": "D", "þ": "th", "Þ": "TH", "ð": "d", "Ð": "D", "’": "", "'": ""}
)  # fmt: skip


def slug_from_title(title: str, max_length: int = 80) -> str:
    """A readable ASCII slug: "Ferja får ny rute" → "ferja-far-ny-rute"."""
    slug = slugify(title.translate(_TRANSLITERATION))[:max_length].strip("-")
    return slug or "story"
