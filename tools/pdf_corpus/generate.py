"""Builds a corpus of test editions from a seed: edition-XX.pdf beside edition-XX.json (its ground truth).

The same seed gives the same editions and the same truth on the same machine (fonts are the machine's; a frame
that overflows in a producer is planned again with less text, so another set of fonts may shift the text).
The spread: editions alternate producers, then newspaper and magazine, and cycle through the languages; page
grids run from 3 to 6 columns for newspapers and 2 to 3 for magazines; page counts from 4 to `max_pages`.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tools.pdf_corpus.ground_truth import EditionTruth, edition_truth_dump
from tools.pdf_corpus.layouts import EditionLayout, EditionSpec, LayoutOverflowError
from tools.pdf_corpus.planning import edition_layout_build
from tools.pdf_corpus.producers import PRODUCERS, chromium, pymupdf_story
from tools.pdf_corpus.vocabulary import LANGUAGES

# Each try plans every frame with less text than the one before: the estimates are for the widest faces.
FILLS = (1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4)


@dataclass(frozen=True)
class GeneratedEdition:
    pdf: Path
    truth: Path
    spec: EditionSpec


def corpus_plan(
    *, count: int, seed: int, producers: Sequence[str] = PRODUCERS, max_pages: int = 16, min_pages: int = 4
) -> list[EditionSpec]:
    """What each edition of the corpus will be: producer, kind, language, grid, pages and its own seed."""
    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    newspaper_grids, magazine_grids = [3, 4, 5, 6], [2, 3]
    specs = []
    for index in range(count):
        producer = producers[index % len(producers)]
        kind = ("newspaper", "magazine")[(index // len(producers)) % 2]
        language = LANGUAGES[(index + index // 4) % len(LANGUAGES)]
        grids = newspaper_grids if kind == "newspaper" else magazine_grids
        grid = grids[(index // 2) % len(grids)]
        pages = rng.randint(min_pages, max(min_pages, max_pages))
        specs.append(
            EditionSpec(name=f"edition-{index + 1:02d}", seed=rng.randrange(1 << 31), kind=kind, language=language,
                        page_count=pages, grid=grid, producer=producer)
        )  # fmt: skip
    return specs


def editions_render(specs: Sequence[EditionSpec]) -> list[tuple[EditionLayout, bytes]]:
    """Lay out and render each edition, planning it again with less text while a frame overflows."""
    done: dict[str, tuple[EditionLayout, bytes]] = {}
    pending = list(specs)
    errors: dict[str, str] = {}
    for fill in FILLS:
        if not pending:
            break
        layouts = [edition_layout_build(spec, fill=fill) for spec in pending]
        browser_layouts = [layout for layout, spec in zip(layouts, pending, strict=True) if spec.producer == "chromium"]
        browser_results = iter(chromium.editions_pdf_render(browser_layouts) if browser_layouts else [])
        still: list[EditionSpec] = []
        for spec, layout in zip(pending, layouts, strict=True):
            result: bytes | LayoutOverflowError
            if spec.producer == "chromium":
                result = next(browser_results)
            else:
                try:
                    result = pymupdf_story.edition_pdf_render(layout)
                except LayoutOverflowError as error:
                    result = error
            if isinstance(result, LayoutOverflowError):
                errors[spec.name] = str(result)
                still.append(spec)
            else:
                done[spec.name] = (layout, result)
        pending = still
    if pending:
        details = "; ".join(f"{spec.name}: {errors[spec.name]}" for spec in pending)
        raise RuntimeError(f"editions that overflow even with little text ({details}); try another seed")
    return [done[spec.name] for spec in specs]


def edition_truth(spec: EditionSpec, layout: EditionLayout, pdf_name: str) -> EditionTruth:
    return EditionTruth(
        producer=spec.producer,
        layout=spec.kind,
        language=spec.language,
        page_count=len(layout.pages),
        stories=layout.stories,
        source=pdf_name,
        columns=layout.grid,
        page_size=(layout.width, layout.height),
    )


def corpus_generate(
    folder: Path,
    *,
    count: int,
    seed: int,
    producers: Sequence[str] = PRODUCERS,
    max_pages: int = 16,
    min_pages: int = 4,
) -> list[GeneratedEdition]:
    """Write `count` editions into `folder` (created if missing) and return where each PDF and truth went."""
    unknown = set(producers) - set(PRODUCERS)
    if unknown:
        raise ValueError(f"unknown producers {sorted(unknown)}; choose from {', '.join(PRODUCERS)}")
    if "chromium" in producers and not chromium.chromium_available():
        raise RuntimeError(f"Chromium is not at {chromium.CHROMIUM} (apt-get install chromium, or NEWSSTAND_CHROMIUM)")
    folder.mkdir(parents=True, exist_ok=True)
    specs = corpus_plan(count=count, seed=seed, producers=producers, max_pages=max_pages, min_pages=min_pages)
    generated = []
    for spec, (layout, pdf) in zip(specs, editions_render(specs), strict=True):
        pdf_path, truth_path = folder / f"{spec.name}.pdf", folder / f"{spec.name}.json"
        pdf_path.write_bytes(pdf)
        edition_truth_dump(edition_truth(spec, layout, pdf_path.name), truth_path)
        generated.append(GeneratedEdition(pdf=pdf_path, truth=truth_path, spec=spec))
    return generated
