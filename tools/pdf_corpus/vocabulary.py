"""Each language's word lists for the test editions, read once from `vocabularies/<code>.json` beside this module.

A file's keys are the fields of `Vocabulary` but `code` (the file's name): strings, or lists of strings where the
field is a tuple. `content.Writer` builds the text from them; what the marks inside the words mean is said there.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

FOLDER = Path(__file__).parent / "vocabularies"

# The order in which the generator cycles through the languages: a seed's corpus depends on it.
LANGUAGES: tuple[str, ...] = ("en", "nb", "de", "fr")


@dataclass(frozen=True)
class Vocabulary:
    code: str
    by: str
    and_word: str
    photo: str  # the caption credit's label, with its punctuation: "Photo:", "Photo :"
    continued_on: str  # "{page}" is replaced
    continued_from: str
    fact_titles: tuple[str, ...]  # "{topic}" is replaced
    contents: str
    page_label: str  # "page" in the contents list: "{page}" is replaced
    quote_open: str
    quote_close: str
    says: str  # "{quote}", "{name}", "{role}" are replaced
    according_to: str  # "{clause}", "{source}" are replaced
    conjunctions: tuple[str, ...]
    weekdays: tuple[str, ...]
    months: tuple[str, ...]
    date_format: str  # "{weekday}", "{day}", "{month}", "{year}"
    sections: tuple[str, ...]
    newspapers: tuple[str, ...]
    magazines: tuple[str, ...]
    subjects: tuple[str, ...]
    predicates: tuple[str, ...]
    adverbials: tuple[str, ...]
    sources: tuple[str, ...]
    quotes: tuple[str, ...]
    roles: tuple[str, ...]
    first_names: tuple[str, ...]
    last_names: tuple[str, ...]
    headline_subjects: tuple[str, ...]
    headline_predicates: tuple[str, ...]
    crossheads: tuple[str, ...]
    caption_subjects: tuple[str, ...]
    caption_predicates: tuple[str, ...]
    fact_labels: tuple[str, ...]
    fact_values: tuple[str, ...]
    ad_brands: tuple[str, ...]
    ad_slogans: tuple[str, ...]
    ad_offers: tuple[str, ...]


def vocabulary_load(code: str) -> Vocabulary:
    """The vocabulary in `vocabularies/<code>.json`; a missing, unknown or mistyped key names the file and the key."""
    path = FOLDER / f"{code}.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    kinds = {field.name: field.type for field in fields(Vocabulary) if field.name != "code"}
    if set(data) != set(kinds):
        missing, unknown = sorted(set(kinds) - set(data)), sorted(set(data) - set(kinds))
        raise ValueError(f"{path}: keys missing {missing}, unknown {unknown}; the keys are Vocabulary's fields")
    values: dict[str, Any] = {}
    for name, value in data.items():
        if kinds[name] == "str" and isinstance(value, str):
            values[name] = value
        elif kinds[name] != "str" and isinstance(value, list) and all(isinstance(item, str) for item in value):
            values[name] = tuple(value)
        else:
            expected = "a string" if kinds[name] == "str" else "a list of strings"
            raise ValueError(f"{path}: {name!r} must be {expected}")
    return Vocabulary(code=code, **values)


VOCABULARIES: dict[str, Vocabulary] = {code: vocabulary_load(code) for code in LANGUAGES}
