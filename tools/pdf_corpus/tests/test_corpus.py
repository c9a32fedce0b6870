"""The extraction yardstick: generated editions are deterministic and their truth is exactly what the PDFs print,
the Federal Register truth is in its file, and the scoring gives the numbers its definitions promise."""

import os
import random
import re
import unicodedata
from pathlib import Path

import pymupdf
import pytest
from django.conf import settings

from tools.pdf_corpus import anchor, scoring
from tools.pdf_corpus.content import Writer, sentences_split
from tools.pdf_corpus.generate import corpus_generate
from tools.pdf_corpus.ground_truth import (
    EditionTruth,
    StoryTruth,
    edition_truth_dump,
    edition_truth_load,
)
from tools.pdf_corpus.producers import PRODUCERS, chromium

# One worker generates the module's corpora and runs every test that reads them (pytest-xdist's loadgroup).
pytestmark = pytest.mark.xdist_group("pdf_corpus")

SEED = 20260806
FEDERAL_REGISTER = Path(settings.BASE_DIR) / "newsstand" / "ingestion" / "tests" / "data"  # the extractor's test data
FEDERAL_REGISTER_PDF = FEDERAL_REGISTER / "federal-register-2020-17221.pdf"
FEDERAL_REGISTER_TRUTH = FEDERAL_REGISTER / "federal-register-2020-17221.json"
SPACING_ACCENTS = "ˆ˜¸¨´`˚ˇ"


def browser_or_skip():
    """CI installs Chromium and sets NEWSSTAND_REQUIRE_BROWSER=1: there a missing browser fails, never skips."""
    if not chromium.chromium_available():
        message = f"the Chromium producer needs {chromium.CHROMIUM} (apt-get install chromium)"
        if os.environ.get("NEWSSTAND_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)


def flat(text):
    """Text reduced to what survives any producer and any line breaking: letters, digits and punctuation, in order.

    Compatibility decomposition resolves ligatures; accents (combining or spacing) go, so do hyphens (Chromium
    ends a line broken at a soft hyphen with U+00AD U+2010), soft hyphens and every kind of whitespace.
    """
    text = unicodedata.normalize("NFKD", text)
    return "".join(
        c
        for c in text
        if not unicodedata.combining(c) and not c.isspace() and c not in SPACING_ACCENTS + "-\u00ad\u2010\u2011"
    )


def found(paragraph, text):
    """The paragraph is in the text, whole or broken once at a sentence end (a jump, a page turn)."""
    if flat(paragraph) in text:
        return True
    sentences = sentences_split(paragraph)
    for cut in range(1, len(sentences)):
        first, rest = flat(" ".join(sentences[:cut])), flat(" ".join(sentences[cut:]))
        if first in text and rest in text[text.index(first) + len(first) :]:
            return True
    return False


@pytest.fixture(scope="module", params=PRODUCERS)
def corpus(request, tmp_path_factory):
    if request.param == "chromium":
        browser_or_skip()
    folder = tmp_path_factory.mktemp(request.param)
    return corpus_generate(folder, count=3, seed=SEED, producers=[request.param], max_pages=6)


@pytest.mark.parametrize("producer", PRODUCERS)
def test_the_same_seed_gives_the_same_truth(producer, tmp_path):
    if producer == "chromium":
        browser_or_skip()
    first = corpus_generate(tmp_path / "a", count=2, seed=SEED + 1, producers=[producer], max_pages=5)
    second = corpus_generate(tmp_path / "b", count=2, seed=SEED + 1, producers=[producer], max_pages=5)
    assert [e.truth.read_text() for e in first] == [e.truth.read_text() for e in second]
    if producer == "pymupdf-story":  # the seed matters (once is enough: Chromium is the slow producer)
        other = corpus_generate(tmp_path / "c", count=2, seed=SEED + 2, producers=[producer], max_pages=5)
        assert [e.truth.read_text() for e in first] != [e.truth.read_text() for e in other]


def test_each_edition_prints_exactly_its_truth(corpus):
    for edition in corpus:
        truth = edition_truth_load(edition.truth)
        with pymupdf.open(edition.pdf) as document:
            assert document.page_count == truth.page_count
            pages = {page.number + 1: flat(page.get_text()) for page in document}
        assert truth.stories, edition.pdf.name
        assert len({scoring.headline_normalise(s.headline) for s in truth.stories}) == len(truth.stories)
        for story in truth.stories:
            where = f"{edition.pdf.name}: {story.headline!r}"
            assert story.paragraphs, where
            assert flat(story.headline) in pages[story.pages[0]], where
            for text in (story.standfirst, story.byline, *story.captions):
                assert flat(text) in pages[story.pages[0]] or any(flat(text) in pages[p] for p in story.pages), where
            printed = "".join(pages[p] for p in story.pages)
            for paragraph in story.paragraphs:
                assert "|" not in paragraph, where
                assert found(paragraph, printed), f"{where}: {paragraph!r}"
            for number in story.pages:  # every listed page holds some of the story, no other page does
                assert any(flat(p)[:24] in pages[number] or flat(p)[-24:] in pages[number] for p in story.paragraphs)
            for number in set(pages) - set(story.pages):
                assert not any(len(p) > 120 and flat(p) in pages[number] for p in story.paragraphs), where


def test_the_corpus_spreads_over_layouts_languages_and_jumps(corpus):
    truths = [edition_truth_load(e.truth) for e in corpus]
    assert {t.layout for t in truths} == {"newspaper", "magazine"}
    assert len({t.language for t in truths}) == 3
    assert any(len(s.pages) > 1 for t in truths for s in t.stories), "no story continues on another page"
    assert any(s.captions for t in truths for s in t.stories)


def test_truth_scored_against_itself_is_perfect(corpus):
    truths = [edition_truth_load(e.truth) for e in corpus] + [edition_truth_load(FEDERAL_REGISTER_TRUTH)]
    result = scoring.corpus_score([scoring.edition_score(t.stories, t.stories) for t in truths])
    assert (result.precision, result.recall, result.f1) == (1.0, 1.0, 1.0)
    assert result.reading_order == 1.0
    assert result.paragraph_exactness == 1.0


def _story(writer, paragraphs=4):
    return StoryTruth(headline=writer.headline(), paragraphs=[" ".join(writer.sentence() for _ in range(4))
                                                              for _ in range(paragraphs)])  # fmt: skip


def test_merged_dropped_renamed_and_reordered_stories_score_as_defined():
    writer = Writer("en", random.Random(5))
    truth = [_story(writer, 3), _story(writer, 3), _story(writer), _story(writer), _story(writer), _story(writer)]
    merged_a, merged_b, _dropped, renamed, reordered, intact = truth
    p = reordered.paragraphs
    predicted = [
        StoryTruth(headline=merged_a.headline, paragraphs=merged_a.paragraphs + merged_b.paragraphs),
        StoryTruth(headline=renamed.headline + " again", paragraphs=renamed.paragraphs),
        StoryTruth(headline=reordered.headline, paragraphs=[p[0], p[2], p[1], p[3]]),
        StoryTruth(headline=f"  {intact.headline.upper()} ", paragraphs=intact.paragraphs),
    ]
    score = scoring.edition_score(truth, predicted)
    assert [(m.truth, m.predicted) for m in score.matches] == [(4, 2), (5, 3)]
    result = scoring.corpus_score([score])
    assert result.precision == pytest.approx(2 / 4)
    assert result.recall == pytest.approx(2 / 6)
    assert result.f1 == pytest.approx(0.4)
    assert result.reading_order == pytest.approx(5 / 6)  # (1, 2) is out of order in one story of two
    assert result.paragraph_exactness == 1.0
    assert scoring.body_similarity(merged_a.paragraphs, predicted[0].paragraphs) < scoring.MATCH_SIMILARITY


def test_paragraph_exactness_sees_hyphens_and_ligatures_the_match_forgives():
    true = StoryTruth(headline="Office", paragraphs=["The official infrastructure plan.", "A second paragraph."])
    extracted = StoryTruth(headline="Oﬃce", paragraphs=["The oﬃcial infra- structure plan.", "A second paragraph."])
    score = scoring.edition_score([true], [extracted])
    assert score.matched == 0  # "infra structure": 4 of 6 and 7 bigrams shared, similarity 0.62
    merged = StoryTruth(headline="OFFICE", paragraphs=["The ofﬁcial infrastructure plan. A second paragraph."])
    score = scoring.edition_score([true], [merged])
    assert score.matched == 1
    assert (score.order_pairs, score.order_correct) == (1, 1)  # merged paragraphs keep their order
    assert (score.paragraphs_true, score.paragraphs_exact) == (2, 0)


def test_headlines_are_compared_after_normalisation():
    assert scoring.headline_normalise("“Oﬃce”  –  ﬁnal\u00ad word ") == scoring.headline_normalise(
        '"office" - FINAL word'
    )


def test_ground_truth_round_trips_through_json(tmp_path):
    truth = EditionTruth(producer="chromium", layout="newspaper", language="fr", page_count=2, columns=4,
                         page_size=(842.0, 1191.0), source="e.pdf",
                         stories=[StoryTruth(headline="Titre", byline="Par Anne Roux", paragraphs=["«\u00a0Oui\u00a0»"],
                                             pages=[1, 2], captions=["Photo\u00a0: Léa"])])  # fmt: skip
    edition_truth_dump(truth, tmp_path / "e.json")
    assert edition_truth_load(tmp_path / "e.json") == truth


def test_the_federal_register_truth_is_in_the_file():
    truth = edition_truth_load(FEDERAL_REGISTER_TRUTH)
    with pymupdf.open(FEDERAL_REGISTER_PDF) as document:
        assert document.page_count == truth.page_count == 15
        text = flat("".join(_text_without_footnote_markers(page) for page in document))
    boeing, pilatus = truth.stories
    assert (boeing.pages, pilatus.pages) == (list(range(1, 16)), [15])
    for story in truth.stories:
        for part in (story.headline, story.standfirst, story.byline, *story.paragraphs):
            assert found_in_pieces(part, text), part
    assert boeing.paragraphs[-1].startswith("15 All of the checklists")  # footnotes follow the signature
    furniture = re.compile(r"Federal Register / Vol|VerDate|BILLING CODE|\[FR Doc|jbell on|</GPH>")
    assert not any(furniture.search(p) for s in truth.stories for p in s.paragraphs)


def found_in_pieces(paragraph, text, *, most=4):
    """The paragraph is in the text in at most `most` runs of words: the file's content stream does not follow
    the reading order (footnotes, columns and pages come between the parts of a paragraph). A word may break
    after a hyphen or a slash, as "Soekarno-" ends page 1 and "Hatta" begins page 2."""
    words = [w for w in re.findall(r"[^\s\-–/]*[\-–/]?", paragraph) if w]
    pieces = 0
    while words:
        low, high = 0, len(words)  # the longest run of leading words found: found runs are monotone in length
        while low < high:
            middle = (low + high + 1) // 2
            if flat(" ".join(words[:middle])) in text:
                low = middle
            else:
                high = middle - 1
        if low == 0:
            return False
        words, pieces = words[low:], pieces + 1
    return pieces <= most


def _text_without_footnote_markers(page):
    """The page's text without superscript footnote markers in running text (they start no line)."""
    out = []
    for block in page.get_text("dict")["blocks"]:
        for line in block.get("lines", []):
            largest = max(span["size"] for span in line["spans"])
            for index, span in enumerate(line["spans"]):
                marker = span["size"] < 0.8 * largest and span["text"].strip().isdigit()
                if not marker or index == 0:
                    out.append(span["text"])
            out.append("\n")
    return "".join(out)


def test_a_body_a_reader_would_see_as_wrong_no_longer_matches():
    writer = Writer("en", random.Random(11))
    true = _story(writer, 10)
    last_cut_short = true.paragraphs[-1].split(". ")[0]
    one_sentence_short = StoryTruth(headline=true.headline, paragraphs=[*true.paragraphs[:-1], last_cut_short])
    similarity = scoring.body_similarity(true.paragraphs, one_sentence_short.paragraphs)
    assert scoring.LENIENT_SIMILARITY <= similarity < scoring.MATCH_SIMILARITY
    assert scoring.edition_score([true], [one_sentence_short]).matched == 0
    lenient = scoring.edition_score([true], [one_sentence_short], similarity=scoring.LENIENT_SIMILARITY)
    assert lenient.matched == 1


def test_standfirst_byline_and_captions_read_into_the_body_are_counted():
    writer = Writer("en", random.Random(12))
    body = _story(writer, 6).paragraphs
    caption = "Divers inspect the damaged net at the farm on Friday. Photo: Ola Fjeld"
    true = StoryTruth(headline="Salmon escape", standfirst="Fourteen thousand fish got away.", byline="By Eli Sæbø",
                      paragraphs=body, captions=[caption])  # fmt: skip
    good = StoryTruth(headline="Salmon escape", standfirst="Fourteen thousand fish got away.", byline="By Eli  Sæbø",
                      paragraphs=body)  # fmt: skip
    wrong = StoryTruth(headline="Salmon escape", standfirst="", byline="By Eli Sæbø and",
                       paragraphs=[caption.replace("Photo:", "Photo"), *body])  # fmt: skip
    right = scoring.corpus_score([scoring.edition_score([true], [good])])
    assert (right.standfirst_accuracy, right.byline_accuracy, right.captions_in_body) == (1.0, 1.0, 0)
    off = scoring.corpus_score([scoring.edition_score([true], [wrong], similarity=scoring.LENIENT_SIMILARITY)])
    assert off.matched == 1
    assert (off.standfirst_accuracy, off.byline_accuracy, off.captions_in_body, off.captions_true) == (0.0, 0.0, 1, 1)


def test_the_anchor_splits_markdown_at_headings_into_plain_paragraphs():
    markdown = "**47698**\n\n# **Ferry to call at two harbours**\n\nThe ferry will\ncall at **two** more.\n\n" \
               "![](img.png)\n\nA second paragraph.\n\n## Letters\n\nDear editor,\nthanks.\n"  # fmt: skip
    stories = anchor.markdown_stories(markdown)
    assert [(s.headline, s.paragraphs) for s in stories] == [
        ("Ferry to call at two harbours", ["The ferry will call at two more.", "A second paragraph."]),
        ("Letters", ["Dear editor, thanks."]),
    ]
