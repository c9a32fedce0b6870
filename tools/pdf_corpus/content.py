"""Seeded newspaper text in English, Norwegian Bokmål, German and French, built from each language's word lists.

Everything a test edition prints comes from here: headlines, standfirsts, bylines with the language's "By" word,
paragraphs, crossheads, quotes, captions, pull quotes, sidebars, advertisements, jump lines and running-head
dates. A `|` inside a word marks where it may be hyphenated: the truth drops the marks, the producers turn them
into soft hyphens, so a line may end in "infra-" and go on with "structure". The lists (`vocabulary`, read from
`vocabularies/<code>.json`) are full of ligature candidates (fi, fl, ff, ffi, ffl) and of words with real hyphens
("well-known", "Nord-Norge"), which must keep their hyphen when a line breaks after it.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from tools.pdf_corpus.vocabulary import VOCABULARIES

SOFT_HYPHEN_MARK = "|"
NBSP = "\u00a0"


def plain(text: str) -> str:
    """The text as the truth has it: without hyphenation marks."""
    return text.replace(SOFT_HYPHEN_MARK, "")


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class Sidebar:
    title: str
    items: list[str]


@dataclass(frozen=True)
class Advertisement:
    brand: str
    slogan: str
    offer: str
    contact: str


class Writer:
    """Text for one edition in one language. Headlines and sidebar titles never repeat within the edition."""

    def __init__(self, language: str, rng: random.Random) -> None:
        self.words = VOCABULARIES[language]
        self.rng = rng
        self._titles_used: set[str] = set()

    def _pick(self, options: tuple[str, ...]) -> str:
        return options[self.rng.randrange(len(options))]

    def _unique(self, make: list[str]) -> str:
        for candidate in make:
            if candidate not in self._titles_used:
                self._titles_used.add(candidate)
                return candidate
        raise ValueError("the word lists ran out of distinct headlines; generate a smaller edition")

    def headline(self) -> str:
        words = self.words
        candidates = [f"{s} {p}" for s in words.headline_subjects for p in words.headline_predicates]
        self.rng.shuffle(candidates)
        return self._unique(candidates)

    def sidebar_title(self) -> str:
        words = self.words
        candidates = [t.format(topic=s) for t in words.fact_titles for s in words.headline_subjects]
        self.rng.shuffle(candidates)
        return self._unique(candidates)

    def name(self) -> str:
        return f"{self._pick(self.words.first_names)} {self._pick(self.words.last_names)}"

    def byline(self) -> str:
        if self.rng.random() < 0.2:
            return f"{self.words.by} {self.name()} {self.words.and_word} {self.name()}"
        return f"{self.words.by} {self.name()}"

    def clause(self) -> str:
        words = self.words
        clause = f"{self._pick(words.subjects)} {self._pick(words.predicates)}"
        if self.rng.random() < 0.7:
            clause += f" {self._pick(words.adverbials)}"
        return clause

    def sentence(self) -> str:
        words = self.words
        roll = self.rng.random()
        if roll < 0.25:
            text = f"{self.clause()}, {self._pick(words.conjunctions)} {self.clause()}."
        elif roll < 0.4:
            text = words.according_to.format(clause=self.clause(), source=self._pick(words.sources))
        else:
            text = f"{self.clause()}."
        return _capitalised(text)

    def quote(self) -> str:
        words = self.words
        quote = f"{words.quote_open}{self._pick(words.quotes)}{',' if words.code == 'en' else ''}{words.quote_close}"
        return words.says.format(quote=quote, name=self.name(), role=self._pick(words.roles))

    def paragraph(self) -> str:
        if self.rng.random() < 0.15:
            return f"{self.quote()} {self.sentence()}"
        return " ".join(self.sentence() for _ in range(self.rng.randint(2, 5)))

    def standfirst(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(1, 2)))

    def crosshead(self) -> str:
        return self._pick(self.words.crossheads)

    def caption(self) -> str:
        words = self.words
        subject, predicate = self._pick(words.caption_subjects), self._pick(words.caption_predicates)
        return f"{subject} {predicate} {self._pick(words.adverbials)}. {words.photo} {self.name()}"

    def pull_quote(self, paragraphs: list[str]) -> str:
        """A sentence of the story itself, as magazines and newspapers repeat one in large type."""
        sentences = [
            s
            for p in paragraphs
            for s in sentences_split(plain(p))
            if 30 <= len(s) <= 140 and max(len(w) for w in s.split()) <= 14  # set large, and never hyphenated
        ]
        return self._pick(tuple(sentences)) if sentences else plain(paragraphs[0])[:120]

    def sidebar(self) -> Sidebar:
        words = self.words
        count = self.rng.randint(3, 5)
        labels = self.rng.sample(range(len(words.fact_labels)), count)
        items = [f"{words.fact_labels[i]}: {words.fact_values[i]}" for i in labels]
        if words.code == "fr":
            items = [item.replace(": ", f"{NBSP}: ", 1) for item in items]
        items.append(self.sentence())
        return Sidebar(title=self.sidebar_title(), items=items)

    def advertisement(self) -> Advertisement:
        words = self.words
        index = self.rng.randrange(len(words.ad_brands))
        brand = words.ad_brands[index]
        domain = "".join(c for c in plain(brand).lower() if c.isascii() and c.isalnum())
        return Advertisement(
            brand=brand,
            slogan=words.ad_slogans[index],
            offer=self._pick(words.ad_offers),
            contact=f"www.{domain}.example",
        )

    def continued_on(self, page: int) -> str:
        return self.words.continued_on.format(page=page)

    def continued_from(self, page: int) -> str:
        return self.words.continued_from.format(page=page)

    def date_text(self, date: datetime.date) -> str:
        words = self.words
        return words.date_format.format(
            weekday=_capitalised(words.weekdays[date.weekday()])
            if words.code != "nb"
            else words.weekdays[date.weekday()],
            day=date.day,
            month=words.months[date.month - 1],
            year=date.year,
        )


def sentences_split(text: str) -> list[str]:
    """Split at the sentence ends this module writes: ". " followed by a capital letter or an opening quote."""
    pieces, start = [], 0
    for index in range(len(text) - 2):
        if text[index] == "." and text[index + 1] == " " and (text[index + 2].isupper() or text[index + 2] in "“«„"):
            pieces.append(text[start : index + 1])
            start = index + 2
    pieces.append(text[start:])
    return [p for p in pieces if p]
