"""Words for search: tokenising, per-language stemming, and reading a reader's query into words and phrases.

Nothing a reader types reaches a full-text engine as syntax: a query becomes plain words and quoted phrases,
and each backend writes its own query from those.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import Stemmer

# Snowball stemmers (PyStemmer) and PostgreSQL text-search configurations, per catalog language. Both implement
# the same Snowball algorithms, so the words the page highlights are the words the database matched.
SNOWBALL = {
    "ar": "arabic",
    "da": "danish",
    "de": "german",
    "en": "english",
    "es": "spanish",
    "fi": "finnish",
    "fr": "french",
    "it": "italian",
    "nb": "norwegian",
    "nl": "dutch",
    "nn": "norwegian",
    "no": "norwegian",
    "pt": "portuguese",
    "ru": "russian",
    "sv": "swedish",
    "tr": "turkish",
}
UNSTEMMED = "simple"

MAX_QUERY_CHARS = 300
MAX_QUERY_WORDS = 12

# Letters and digits; underscores and everything else separate words, as in the FTS5 tokenizer.
WORD = re.compile(r"[^\W_]+")
_PHRASE_OR_WORD = re.compile(r'"([^"]*)"|([^"\s]+)')


def snowball_name(language: str) -> str:
    return SNOWBALL.get(language.split("-")[0].lower(), UNSTEMMED)


@cache
def _stemmer(name: str) -> Stemmer.Stemmer | None:
    return None if name == UNSTEMMED else Stemmer.Stemmer(name)


# Arabic short-vowel marks (harakat) and tatweel: optional in writing, so typed queries usually lack them.
_ARABIC_OPTIONAL = dict.fromkeys([*range(0x064B, 0x0653), 0x0640])


def fold(word: str) -> str:
    """Lower case, and Arabic without its optional marks, so that a word matches however it was typed."""
    folded = word.casefold()
    if folded.isascii():
        return folded
    return unicodedata.normalize("NFC", folded.translate(_ARABIC_OPTIONAL))


def words(text: str) -> list[str]:
    return WORD.findall(text)


def stems(tokens: list[str], language: str) -> list[str]:
    """The Snowball stem of each token, in the language's stemmer (lower case only for unknown languages)."""
    folded = [fold(token) for token in tokens]
    stemmer = _stemmer(snowball_name(language))
    return stemmer.stemWords(folded) if stemmer else folded


def index_text(text: str, language: str) -> str:
    """The text as the SQLite index stores it: its stems, in order (so phrases still match)."""
    return " ".join(stems(words(text), language))


@dataclass(frozen=True)
class ParsedQuery:
    """What a reader asked for: words that must all occur, and phrases that must occur as written."""

    terms: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.terms and not self.phrases

    def all_words(self) -> list[str]:
        return [*self.terms, *(word for phrase in self.phrases for word in phrase)]

    def as_plain_text(self) -> str:
        """The query rewritten with nothing but words and balanced quotes: safe for websearch_to_tsquery."""
        parts = list(self.terms) + [f'"{" ".join(phrase)}"' for phrase in self.phrases]
        return " ".join(parts)


def query_parse(raw: str) -> ParsedQuery:
    """Read a reader's query: "quoted phrases" and words. Operators, stars, brackets and unbalanced quotes are
    not syntax here: they fall away as punctuation. The first MAX_QUERY_WORDS words count."""
    if raw.count('"') % 2:
        raw = raw.replace('"', " ")
    terms: list[str] = []
    phrases: list[tuple[str, ...]] = []
    budget = MAX_QUERY_WORDS
    for quoted, bare in _PHRASE_OR_WORD.findall(raw):
        found = words(quoted if quoted else bare)[:budget]
        budget -= len(found)
        if len(found) > 1 and quoted:
            phrases.append(tuple(found))
        else:
            terms.extend(found)
        if budget <= 0:
            break
    return ParsedQuery(terms=tuple(dict.fromkeys(terms)), phrases=tuple(dict.fromkeys(phrases)))
