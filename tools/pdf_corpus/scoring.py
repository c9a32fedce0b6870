"""Scores an extractor's stories against the ground truth: story precision, recall, F1 and reading order.

* Headlines are compared after `headline_normalise`: NFKC (ligatures become letters), soft hyphens removed,
  quotes and dashes unified, case folded, whitespace collapsed.
* Bodies are compared by `body_similarity`: the Dice coefficient of the multisets of word bigrams of the two
  bodies (words: NFKC, case-folded runs of letters and digits). It is linear in the text's length (a Counter of
  bigrams, no alignment), so 15 pages of a gazette against every candidate cost milliseconds; missing or extra
  text lowers it as an LCS ratio does (10 % of the words missing: 0.947); a badly joined hyphenation or a wrong
  word costs about two bigrams; but it does not care in which order the paragraphs come. That is on purpose:
  reading order is measured on its own (below), so a story read in the wrong column order is still found, and
  counted once as an ordering error rather than twice. A length bound skips pairs that cannot reach 0.9.
* A predicted story matches a true one when the headlines are equal and the bodies at least 0.98 similar
  (MATCH_SIMILARITY: a reader sees a body that is off by more; the earlier, lenient 0.9 is LENIENT_SIMILARITY and
  is reported beside it); matching is one-to-one, by the Hungarian method (scipy's linear_sum_assignment)
  maximising the number of matches, then their similarity. precision = matches / predicted, recall = matches /
  true, F1 their harmonic mean; over a corpus the counts are summed first (micro average).
* Reading-order accuracy, over matched pairs: the share of consecutive true paragraph pairs (i, i+1) whose
  locations in the prediction come in the same order. A true paragraph's location is the predicted paragraph
  most like it (Dice of word multisets; among equals the first after the previous paragraph's location) and,
  within it, where its first bigram occurs, so two paragraphs merged into one still have an order. A paragraph
  found nowhere makes both of its pairs wrong.
* Paragraph exactness, over matched pairs: the share of true paragraphs that the prediction has as one of its
  paragraphs, word for word (whitespace aside, no other normalisation): what is left of hyphenation, ligatures,
  soft hyphens and paragraph breaks.
* Standfirst and byline accuracy, over matched pairs: the share whose standfirst (byline) equals the truth's after
  `headline_normalise`, an empty one included (a story without one must not be given one).
* Captions in bodies: of the true captions of matched stories, how many the prediction has inside its body (a
  paragraph holding the caption's words, bigram Dice ≥ 0.9 with the caption or containing it): a caption read as
  the story's text. Wanted: none.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

import numpy as np

MATCH_SIMILARITY = 0.98
LENIENT_SIMILARITY = 0.9
CAPTION_SIMILARITY = 0.9

_QUOTES = str.maketrans(dict.fromkeys("‘’‚‛′`´", "'") | dict.fromkeys("“”„‟″«»‹›", '"'))
_DASHES = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]")
_WORD = re.compile(r"\w+")
T = TypeVar("T")


class StoryLike(Protocol):
    """What scoring reads of a story: the truth's StoryTruth and the extractor's ExtractedStory both qualify."""

    @property
    def headline(self) -> str: ...

    @property
    def paragraphs(self) -> Sequence[str]: ...


def _field(story: StoryLike, name: str) -> str:
    """standfirst or byline where the story has it (the truth and the extractor's stories do; anchors may not)."""
    return str(getattr(story, name, "") or "")


def _captions(story: StoryLike) -> list[str]:
    return list(getattr(story, "captions", []) or [])


def headline_normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    text = _DASHES.sub("-", text.translate(_QUOTES))
    return " ".join(text.casefold().split())


def words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text).replace("\u00ad", "").casefold())


def _bigrams(tokens: list[str]) -> Counter[tuple[str, ...]]:
    if len(tokens) < 2:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(itertools.pairwise(tokens))


def _dice(a: Counter[T], b: Counter[T]) -> float:
    total = a.total() + b.total()
    return 1.0 if total == 0 else 2 * (a & b).total() / total


def body_similarity(a: Sequence[str], b: Sequence[str], *, at_least: float = 0.0) -> float:
    """Dice of the word-bigram multisets of two bodies; 0.0 early when the lengths alone rule out `at_least`."""
    tokens_a, tokens_b = words(" ".join(a)), words(" ".join(b))
    size_a, size_b = len(tokens_a), len(tokens_b)
    if size_a + size_b and 2 * min(size_a, size_b) / (size_a + size_b) < at_least:
        return 0.0
    return _dice(_bigrams(tokens_a), _bigrams(tokens_b))


@dataclass(frozen=True)
class Match:
    truth: int
    predicted: int
    similarity: float


@dataclass
class EditionScore:
    name: str
    true_stories: int
    predicted_stories: int
    matches: list[Match] = field(default_factory=list)
    order_pairs: int = 0
    order_correct: int = 0
    paragraphs_true: int = 0
    paragraphs_exact: int = 0
    standfirsts_exact: int = 0
    bylines_exact: int = 0
    captions_true: int = 0
    captions_in_body: int = 0

    @property
    def matched(self) -> int:
        return len(self.matches)


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


@dataclass
class CorpusScore:
    editions: list[EditionScore] = field(default_factory=list)

    @property
    def true_stories(self) -> int:
        return sum(e.true_stories for e in self.editions)

    @property
    def predicted_stories(self) -> int:
        return sum(e.predicted_stories for e in self.editions)

    @property
    def matched(self) -> int:
        return sum(e.matched for e in self.editions)

    @property
    def precision(self) -> float:
        return _ratio(self.matched, self.predicted_stories)

    @property
    def recall(self) -> float:
        return _ratio(self.matched, self.true_stories)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def reading_order(self) -> float:
        """Over matched stories; 1.0 when no matched story has two paragraphs (nothing to put in order)."""
        pairs = sum(e.order_pairs for e in self.editions)
        return _ratio(sum(e.order_correct for e in self.editions), pairs) if pairs else 1.0

    @property
    def paragraph_exactness(self) -> float:
        return _ratio(sum(e.paragraphs_exact for e in self.editions), sum(e.paragraphs_true for e in self.editions))

    @property
    def standfirst_accuracy(self) -> float:
        return _ratio(sum(e.standfirsts_exact for e in self.editions), self.matched)

    @property
    def byline_accuracy(self) -> float:
        return _ratio(sum(e.bylines_exact for e in self.editions), self.matched)

    @property
    def captions_in_body(self) -> int:
        return sum(e.captions_in_body for e in self.editions)

    @property
    def captions_true(self) -> int:
        return sum(e.captions_true for e in self.editions)


def stories_match(
    truth: Sequence[StoryLike], predicted: Sequence[StoryLike], *, similarity: float = MATCH_SIMILARITY
) -> list[Match]:
    """One-to-one matches: equal normalised headlines and bodies at least `similarity` similar."""
    if not truth or not predicted:
        return []
    size = max(len(truth), len(predicted))
    weights = np.zeros((len(truth), len(predicted)))
    similarities: dict[tuple[int, int], float] = {}
    predicted_headlines = [headline_normalise(story.headline) for story in predicted]
    for i, true_story in enumerate(truth):
        headline = headline_normalise(true_story.headline)
        for j, story in enumerate(predicted):
            if predicted_headlines[j] != headline:
                continue
            alike = body_similarity(true_story.paragraphs, story.paragraphs, at_least=similarity)
            if alike >= similarity:
                similarities[i, j] = alike
                weights[i, j] = size + alike  # any extra match outweighs any gain in similarity
    # Imported here: SciPy takes a second to import, and most users of this module (the tests that import it to
    # compare bodies) never match stories.
    from scipy.optimize import linear_sum_assignment  # noqa: PLC0415

    rows, columns = linear_sum_assignment(weights, maximize=True)
    return [
        Match(int(i), int(j), similarities[int(i), int(j)])
        for i, j in zip(rows, columns, strict=True)
        if (int(i), int(j)) in similarities
    ]


def reading_order_pairs(truth: StoryLike, predicted: StoryLike) -> tuple[int, int]:
    """(consecutive true paragraph pairs, pairs in the same order in the prediction); see the module's notes."""
    true_words = [words(p) for p in truth.paragraphs]
    predicted_words = [words(p) for p in predicted.paragraphs]
    predicted_counts = [Counter(p) for p in predicted_words]
    predicted_bigrams = [
        {pair: index for index, pair in reversed(list(enumerate(itertools.pairwise(p))))} for p in predicted_words
    ]
    locations: list[tuple[int, int] | None] = []
    previous = (-1, -1)
    for tokens in true_words:
        counts = Counter(tokens)
        scores = [_dice(counts, other) if tokens else 0.0 for other in predicted_counts]
        best = max(scores, default=0.0)
        if best == 0.0:
            locations.append(None)
            continue
        candidates = [j for j, score in enumerate(scores) if score >= best - 1e-12]
        offsets = {j: _first_offset(tokens, predicted_bigrams[j]) for j in candidates}
        after = [j for j in candidates if (j, offsets[j]) > previous]
        chosen = after[0] if after else candidates[0]
        previous = (chosen, offsets[chosen])
        locations.append(previous)
    pairs = correct = 0
    for first, second in itertools.pairwise(locations):
        pairs += 1
        if first is not None and second is not None and first < second:
            correct += 1
    return pairs, correct


def _first_offset(tokens: list[str], bigram_positions: dict[tuple[str, str], int]) -> int:
    for pair in itertools.pairwise(tokens):
        if pair in bigram_positions:
            return bigram_positions[pair]
    return 0


def edition_score(
    truth: Sequence[StoryLike], predicted: Sequence[StoryLike], *, name: str = "", similarity: float = MATCH_SIMILARITY
) -> EditionScore:
    score = EditionScore(name=name, true_stories=len(truth), predicted_stories=len(predicted))
    score.matches = stories_match(truth, predicted, similarity=similarity)
    for match in score.matches:
        true_story, story = truth[match.truth], predicted[match.predicted]
        pairs, correct = reading_order_pairs(true_story, story)
        score.order_pairs += pairs
        score.order_correct += correct
        printed = {" ".join(p.split()) for p in story.paragraphs}
        score.paragraphs_true += len(true_story.paragraphs)
        score.paragraphs_exact += sum(" ".join(p.split()) in printed for p in true_story.paragraphs)
        for name in ("standfirst", "byline"):
            same = headline_normalise(_field(true_story, name)) == headline_normalise(_field(story, name))
            setattr(score, f"{name}s_exact", getattr(score, f"{name}s_exact") + same)
        captions = _captions(true_story)
        score.captions_true += len(captions)
        score.captions_in_body += sum(caption_in_body(caption, story.paragraphs) for caption in captions)
    return score


def caption_in_body(caption: str, paragraphs: Sequence[str]) -> bool:
    """The caption's words make up, or sit inside, one of the body's paragraphs."""
    wanted = words(caption)
    if len(wanted) < 3:  # "Photo: AP" alone says nothing about where it went
        return False
    needle = " ".join(wanted)
    for paragraph in paragraphs:
        tokens = words(paragraph)
        if needle in " ".join(tokens) or _dice(_bigrams(wanted), _bigrams(tokens)) >= CAPTION_SIMILARITY:
            return True
    return False


def corpus_score(editions: Sequence[EditionScore]) -> CorpusScore:
    return CorpusScore(editions=list(editions))
