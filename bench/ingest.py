"""`make bench-ingest`: the story extractor scored against ground truth, and the ingestion's page work timed beside
a plain PyMuPDF + Pillow loop over the same pages in the same run, as a ratio.

    python bench/ingest.py [--editions 12] [--corpus generated|real|all] [--seed 20260806] [--repeat 1] [--per-document]

Corpora: `generated` is --editions test editions (both producers, newspapers and magazines, four languages;
tools/pdf_corpus) kept in var/bench-ingest/ and made again only when the seed, the count or the generator's code
or word lists change; `real` is what real publishers made: every PDF in tools/pdf_corpus/real/ with its truth
beside it, and newsstand/ingestion/tests/data/federal-register-2020-17221.pdf (where each comes from: SOURCES.md
beside it). A 300-page edition, the generated editions bound one after another, is timed too, for the memory that
300 pages take.

Accuracy: `stories_extract` (newsstand.ingestion.pdf, imported only when this script runs) reads each PDF;
tools/pdf_corpus/scoring.py gives story precision, recall and F1 (equal normalised headlines and bodies at least
0.98 similar, one-to-one by Hungarian matching; F1 at the lenient 0.9 beside it), paragraph exactness,
reading-order accuracy, standfirst and byline accuracy, and the true captions found inside bodies. Beside it, in
the same run, the anchor: pymupdf4llm's Markdown split at its headings (tools/pdf_corpus/anchor.py), scored the
same way. Without the extractor the script says so and times the pages alone.

Timing: each run is a child process (this script with --child), so that its peak RSS (os.wait4's ru_maxrss) is
its own. `newsstand` opens each PDF with pdf_open, renders it with pdf_pages_render at settings.NEWSSTAND_PAGE_WIDTHS
plus the thumbnail (WebP, settings.NEWSSTAND_WEBP_QUALITY), writes every image to a scratch folder and runs
stories_extract. `plain` renders each page with PyMuPDF's get_pixmap at each of the same widths and the
thumbnail width, encodes with Pillow's WebP at the same quality and method, and writes the same files, one page
at a time. The ratio is newsstand seconds over plain seconds; with --repeat N the runs alternate and the
fastest of each kind counts (other work on a shared machine only ever slows a run down).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "var" / "bench-ingest"
FEDERAL_REGISTER_PDF = ROOT / "newsstand" / "ingestion" / "tests" / "data" / "federal-register-2020-17221.pdf"
REAL_CORPUS = ROOT / "tools" / "pdf_corpus" / "real"
LONG_EDITION_PAGES = 300
SEED = 20260806


def django_setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django

    django.setup()


def extractor() -> Any | None:
    """stories_extract, or None while the extractor has not been written."""
    try:
        from newsstand.ingestion.pdf import stories_extract
    except ImportError:
        return None
    return stories_extract


# --- the children: one run over a list of PDFs, reporting pages, seconds and (for newsstand) the stories --------


def child(mode: str, pdfs: list[Path], scratch: Path, predictions: Path | None) -> None:
    django_setup()
    from django.conf import settings

    widths, thumbnail, quality = (
        list(settings.NEWSSTAND_PAGE_WIDTHS),
        settings.NEWSSTAND_THUMBNAIL_WIDTH,
        settings.NEWSSTAND_WEBP_QUALITY,
    )
    extract = extractor() if mode == "newsstand" else None
    found: dict[str, list[dict[str, Any]]] = {}
    pages = 0
    extract_seconds = 0.0
    started = time.perf_counter()
    for pdf in pdfs:
        data = pdf.read_bytes()
        if mode == "newsstand":
            pages += newsstand_pages(data, scratch, widths, thumbnail, quality)
            if extract is not None:
                before = time.perf_counter()
                stories = extract(data)
                extract_seconds += time.perf_counter() - before
                found[pdf.name] = [
                    {"headline": s.headline, "standfirst": s.standfirst, "byline": s.byline,
                     "paragraphs": list(s.paragraphs), "captions": list(s.captions)}
                    for s in stories
                ]  # fmt: skip
        else:
            pages += plain_pages(data, scratch, widths, thumbnail, quality)
    seconds = time.perf_counter() - started
    if predictions is not None and extract is not None:
        predictions.write_text(json.dumps(found, ensure_ascii=False), encoding="utf-8")
    print(json.dumps({"pages": pages, "seconds": seconds, "extract_seconds": extract_seconds}))


def newsstand_pages(data: bytes, scratch: Path, widths: list[int], thumbnail: int, quality: int) -> int:
    from newsstand.ingestion.pdf import pdf_open, pdf_pages_render

    count = 0
    with pdf_open(data) as document:
        for rendered in pdf_pages_render(document, widths=widths, thumbnail_width=thumbnail, quality=quality):
            for width, content in rendered.images.items():
                (scratch / f"{rendered.number:04d}-{width}.webp").write_bytes(content)
            (scratch / f"{rendered.number:04d}-thumb.webp").write_bytes(rendered.thumbnail)
            count += 1
    return count


def plain_pages(data: bytes, scratch: Path, widths: list[int], thumbnail: int, quality: int) -> int:
    import pymupdf
    from PIL import Image

    count = 0
    with pymupdf.open(stream=data, filetype="pdf") as document:
        for page in document:
            for width in [*widths, thumbnail]:
                zoom = width / page.rect.width
                pixmap = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False)
                image = Image.frombytes("RGB", (pixmap.width, pixmap.height), pixmap.samples)
                buffer = io.BytesIO()
                image.save(buffer, format="WEBP", quality=quality, method=4)
                label = "thumb" if width == thumbnail else str(width)
                (scratch / f"{page.number + 1:04d}-{label}.webp").write_bytes(buffer.getvalue())
            count += 1
    return count


# --- the parent -------------------------------------------------------------------------------------------------


@dataclass
class Run:
    pages: int
    seconds: float
    extract_seconds: float
    peak_rss_mb: float


def run_child(mode: str, pdfs: list[Path], predictions: Path | None = None) -> Run:
    scratch = OUTPUT / f"scratch-{mode}"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    command = [sys.executable, __file__, "--child", mode, "--scratch", str(scratch)]
    if predictions is not None:
        command += ["--predictions", str(predictions)]
    process = subprocess.Popen([*command, *map(str, pdfs)], stdout=subprocess.PIPE, cwd=ROOT)
    assert process.stdout is not None
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    shutil.rmtree(scratch, ignore_errors=True)
    if process.returncode != 0:
        raise SystemExit(f"the {mode} run failed (exit {process.returncode}); see its output above")
    result = json.loads(output.decode().strip().splitlines()[-1])
    return Run(result["pages"], result["seconds"], result["extract_seconds"], usage.ru_maxrss / 1024)


def corpus_key(count: int, seed: int, producers: tuple[str, ...]) -> str:
    """Changes with the seed, the count, the producers and the generator's code and word lists: never a stale corpus."""
    digest = hashlib.sha256()
    corpus = ROOT / "tools" / "pdf_corpus"
    generator = [path for path in corpus.rglob("*.py") if "tests" not in path.relative_to(corpus).parts]
    for path in sorted([*generator, *(corpus / "vocabularies").glob("*.json")]):
        digest.update(path.read_bytes())
    return f"generated-{seed}-{count}-{'+'.join(producers)}-{digest.hexdigest()[:10]}"


def generated_corpus(count: int, seed: int) -> tuple[list[Path], list[Path]]:
    """The generated editions' PDFs and truths, made once per key."""
    from tools.pdf_corpus.generate import corpus_generate
    from tools.pdf_corpus.producers import PRODUCERS, chromium

    producers: tuple[str, ...] = PRODUCERS
    if not chromium.chromium_available():
        print(f"Chromium is not at {chromium.CHROMIUM}: the generated corpus uses PyMuPDF only")
        producers = ("pymupdf-story",)
    folder = OUTPUT / corpus_key(count, seed, producers)
    if not (folder / "complete").exists():
        shutil.rmtree(folder, ignore_errors=True)
        started = time.perf_counter()
        corpus_generate(folder, count=count, seed=seed, producers=producers)
        (folder / "complete").touch()
        print(f"generated {count} editions into {folder.relative_to(ROOT)} in {time.perf_counter() - started:.0f} s")
    pdfs = sorted(folder.glob("edition-??.pdf"))
    return pdfs, [pdf.with_suffix(".json") for pdf in pdfs]


def long_edition(pdfs: list[Path]) -> Path:
    """A 300-page edition: the generated editions bound one after another, again and again."""
    import pymupdf

    path = pdfs[0].parent / f"edition-{LONG_EDITION_PAGES}.pdf"
    if path.exists():
        return path
    with pymupdf.open() as bound:
        while bound.page_count < LONG_EDITION_PAGES:
            for pdf in pdfs:
                with pymupdf.open(pdf) as part:
                    needed = LONG_EDITION_PAGES - bound.page_count
                    bound.insert_pdf(part, to_page=min(part.page_count, needed) - 1)
                if bound.page_count >= LONG_EDITION_PAGES:
                    break
        bound.save(path, garbage=3, deflate=True)
    return path


def real_corpus() -> tuple[list[Path], list[Path]]:
    """Real publishers' PDFs with their truths: tools/pdf_corpus/real/ and the Federal Register."""
    pdfs = [pdf for pdf in sorted(REAL_CORPUS.glob("*.pdf")) if pdf.with_suffix(".json").exists()]
    pdfs.append(FEDERAL_REGISTER_PDF)
    return pdfs, [pdf.with_suffix(".json") for pdf in pdfs]


ACCURACY_HEADER = (
    f"{'corpus':<28}{'true':>6}{'found':>7}{'P':>7}{'R':>7}{'F1':>7}{'F1@.9':>7}{'exact':>7}{'order':>7}"
    f"{'stfirst':>8}{'byline':>8}{'capt.in':>8}"
)


def accuracy_lines(name: str, pdfs: list[Path], truths: list[Path], found: dict[str, list[Any]], *,
                   per_document: bool) -> list[str]:  # fmt: skip
    """The corpus's line (and one per document when asked): strict scores, the lenient F1, the body measures."""
    from tools.pdf_corpus.ground_truth import StoryTruth, edition_truth_load
    from tools.pdf_corpus.scoring import LENIENT_SIMILARITY, corpus_score, edition_score

    strict, lenient, lines = [], [], []
    for pdf, truth_path in zip(pdfs, truths, strict=True):
        truth = edition_truth_load(truth_path)
        predicted = [
            StoryTruth(headline=s["headline"], standfirst=s.get("standfirst", ""), byline=s.get("byline", ""),
                       paragraphs=s["paragraphs"], captions=s.get("captions", []))
            for s in found.get(pdf.name, [])
        ]  # fmt: skip
        strict.append(edition_score(truth.stories, predicted, name=pdf.name))
        lenient.append(edition_score(truth.stories, predicted, name=pdf.name, similarity=LENIENT_SIMILARITY))
        if per_document:
            lines.append(_accuracy_line(f"  {pdf.stem[:26]}", corpus_score(strict[-1:]), corpus_score(lenient[-1:])))
    return [_accuracy_line(name, corpus_score(strict), corpus_score(lenient)), *lines]


def _accuracy_line(name: str, result: Any, lenient: Any) -> str:
    return (
        f"{name:<28}{result.true_stories:>6}{result.predicted_stories:>7}{result.precision:>7.3f}"
        f"{result.recall:>7.3f}{result.f1:>7.3f}{lenient.f1:>7.3f}{result.paragraph_exactness:>7.3f}"
        f"{result.reading_order:>7.3f}{result.standfirst_accuracy:>8.3f}{result.byline_accuracy:>8.3f}"
        f"{f'{result.captions_in_body}/{result.captions_true}':>8}"
    )


def anchor_found(pdfs: list[Path]) -> dict[str, list[Any]] | None:
    """pymupdf4llm's stories for each PDF, or None when it is not installed."""
    try:
        from tools.pdf_corpus.anchor import pdf_anchor_stories
    except ImportError:
        return None
    try:
        return {pdf.name: [vars(story) for story in pdf_anchor_stories(pdf)] for pdf in pdfs}
    except ImportError:
        return None


def timing_line(name: str, pdfs: list[Path], predictions: Path | None, repeat: int) -> str:
    """The best of `repeat` alternating runs of each kind: other work on the machine only ever slows a run down."""
    runs: dict[str, list[Run]] = {"newsstand": [], "plain": []}
    for _ in range(repeat):
        runs["newsstand"].append(run_child("newsstand", pdfs, predictions))
        runs["plain"].append(run_child("plain", pdfs))
    newsstand, plain = (min(runs[mode], key=lambda run: run.seconds) for mode in ("newsstand", "plain"))
    return (
        f"{name:<18}{newsstand.pages:>6}{newsstand.pages / newsstand.seconds:>10.2f}"
        f"{plain.pages / plain.seconds:>10.2f}"
        f"{newsstand.seconds / plain.seconds:>8.2f}{newsstand.extract_seconds:>10.1f}"
        f"{newsstand.peak_rss_mb:>10.0f}{plain.peak_rss_mb:>9.0f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--editions", type=int, default=12)
    parser.add_argument("--corpus", choices=["generated", "real", "all"], default="all")
    parser.add_argument("--per-document", action="store_true", help="a line per document under each corpus")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--repeat", type=int, default=1, help="timed runs of each kind; the fastest counts")
    parser.add_argument("--child", choices=["newsstand", "plain"], help=argparse.SUPPRESS)
    parser.add_argument("--scratch", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--predictions", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("pdfs", nargs="*", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.pdfs, args.scratch, args.predictions)
        return
    django_setup()
    OUTPUT.mkdir(parents=True, exist_ok=True)
    corpora: list[tuple[str, list[Path], list[Path]]] = []
    if args.corpus in ("generated", "all"):
        pdfs, truths = generated_corpus(args.editions, args.seed)
        corpora.append((f"generated ({len(pdfs)})", pdfs, truths))
    if args.corpus in ("real", "all"):
        pdfs, truths = real_corpus()
        corpora.append((f"real-world ({len(pdfs)})", pdfs, truths))
    available = extractor() is not None
    timings, accuracies = [], []
    for name, pdfs, truths in corpora:
        predictions = OUTPUT / f"predictions-{name.split()[0]}.json" if available else None
        timings.append(timing_line(name, pdfs, predictions, args.repeat))
        if predictions is not None:
            found = json.loads(predictions.read_text(encoding="utf-8"))
            accuracies += accuracy_lines(name, pdfs, truths, found, per_document=args.per_document)
        anchor = anchor_found(pdfs)
        if anchor is not None:
            anchor_name = f"{name.split()[0]} · pymupdf4llm"
            accuracies += accuracy_lines(anchor_name, pdfs, truths, anchor, per_document=False)
    if args.corpus in ("generated", "all"):
        long = [long_edition(corpora[0][1])]
        timings.append(timing_line(f"{LONG_EDITION_PAGES}-page edition", long, None, args.repeat))
    print("\nStory extraction against the ground truth")
    if not available:
        print("extractor not available (newsstand.ingestion.pdf.stories_extract): accuracy not measured")
    else:
        print(ACCURACY_HEADER)
        print("\n".join(accuracies))
    print("\nPage work: newsstand (pdf_pages_render + stories_extract) beside a plain PyMuPDF + Pillow loop")
    print(
        f"{'corpus':<18}{'pages':>6}{'pages/s':>10}{'plain/s':>10}{'ratio':>8}{'extract s':>10}"
        f"{'peak MB':>10}{'plain MB':>9}"
    )
    print("\n".join(timings))


if __name__ == "__main__":
    main()
