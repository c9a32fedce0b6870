"""Boilerplate kept and story lost: Newsstand's web import against trafilatura alone, on the hand-written article
pages of newsstand/ingestion/tests/data/web/ (news sites, magazines and blogs in English, Norwegian, German and
French, each with subscription boxes inside the <article>, newsletter sign-ups, "read more" links and more).

    python bench/web_boilerplate.py [--lines]

For each page and in total: boilerplate lines kept (lines of the output that are not in the page's true story)
and story lines lost (true lines missing from the output), for ours, trafilatura's default extraction and
trafilatura with favor_precision. Captions, a quotation's source, the headline and the standfirst count as
neither. Lines are compared after the same normalisation (whitespace, Unicode NFC, Windows-1252 quotes) on both
sides, and trafilatura's "quotation + its source" line counts as the quotation, so that only boilerplate and lost
story make a difference. Exits non-zero unless ours keeps fewer boilerplate lines than trafilatura and loses no
story line.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "newsstand" / "ingestion" / "tests" / "data" / "web"


@dataclass
class Score:
    boilerplate: list[str]
    lost: list[str]


def score(lines: list[str], truth: dict[str, Any], clean: Any) -> Score:
    true_lines = [clean(line) for line in truth["lines"]]
    neutral = {clean(line) for line in [*truth["neutral"], *truth["captions"], truth["headline"], truth["standfirst"]]}
    found: set[str] = set()
    boilerplate: list[str] = []
    for raw in lines:
        line = clean(raw)
        if not line or line in neutral:
            continue
        match = next((t for t in true_lines if line == t or any(line == f"{t} {n}" for n in neutral)), None)
        if match is None:
            boilerplate.append(line)
        else:
            found.add(match)
    return Score(boilerplate=boilerplate, lost=[line for line in true_lines if line not in found])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", action="store_true", help="print the boilerplate lines kept and story lines lost")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django

    django.setup()
    import trafilatura

    from newsstand.ingestion.web.story import html_story_extract
    from newsstand.ingestion.web.text import text_clean

    truths = json.loads((PAGES / "truth.json").read_text(encoding="utf-8"))
    names = sorted(name for name in truths if not name.startswith("_"))
    extractors: dict[str, Callable[[bytes], list[str]]] = {
        "ours": lambda content: [
            block["text"] for block in html_story_extract(content).body if block["type"] != "image"
        ],
        "trafilatura": lambda content: (trafilatura.extract(content, include_comments=False) or "").splitlines(),
        "trafilatura+precision": lambda content: (
            trafilatura.extract(content, include_comments=False, favor_precision=True) or ""
        ).splitlines(),
    }
    totals = {name: [0, 0] for name in extractors}
    header = f"{'page':32}" + "".join(f"{name:>24}" for name in extractors)
    print("boilerplate lines kept / story lines lost")
    print(header)
    print("-" * len(header))
    details: list[str] = []
    for page in names:
        content = (PAGES / page).read_bytes()
        row = f"{page.removesuffix('.html'):32}"
        for name, extract in extractors.items():
            result = score(extract(content), truths[page], text_clean)
            totals[name][0] += len(result.boilerplate)
            totals[name][1] += len(result.lost)
            row += f"{f'{len(result.boilerplate)} / {len(result.lost)}':>24}"
            details += [f"  {page} {name} kept:  {line}" for line in result.boilerplate]
            details += [f"  {page} {name} lost:  {line}" for line in result.lost]
        print(row)
    print("-" * len(header))
    print(f"{f'total ({len(names)} pages)':32}" + "".join(f"{f'{b} / {lost}':>24}" for b, lost in totals.values()))
    story_lines = sum(len(truths[page]["lines"]) for page in names)
    print(f"\n{story_lines} story lines in all.", end=" ")
    ours, baseline = totals["ours"], totals["trafilatura"]
    print(f"Ours keeps {ours[0]} boilerplate lines against trafilatura's {baseline[0]}, and loses {ours[1]}.")
    if args.lines and details:
        print("\n" + "\n".join(details))
    return 0 if ours[0] < baseline[0] and ours[1] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
