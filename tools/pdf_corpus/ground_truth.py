"""The ground truth of an edition: the stories a perfect extractor returns, as JSON beside the PDF.

Format (one file per edition, UTF-8, `"format": 1`)::

    {"format": 1, "source": "edition-03.pdf", "producer": "chromium", "layout": "newspaper", "language": "nb",
     "page_count": 8, "columns": 5, "page_size": [893.0, 1332.0],
     "stories": [{"headline": "...", "standfirst": "...", "byline": "Av Kari Nordmann", "section": "Nyheter",
                  "paragraphs": ["...", "..."], "pages": [1, 5], "captions": ["... Foto: Ola Fjeld"]}]}

`producer`, `layout`, `language`, `page_count` and `stories` are always there; `source` (the PDF's file name),
`columns` (the page grid), `page_size` (points) and `notes` are optional. Stories are in print order of their
first frame. The text is what a reader sees: hyphenation at line ends undone, soft hyphens and ligatures
resolved, paragraphs whole even when a column, a page or a jump breaks them, whitespace as single spaces
(non-breaking spaces of French typography kept). `pages` are 1-based and list every page the story prints on.
What counts as a story in generated editions (sidebars are stories of their own; jump lines, pull quotes, ads,
running heads, folios, covers and contents pages are not) is explained in `layouts`.

The real-world yardstick, `newsstand/ingestion/tests/data/federal-register-2020-17221.json`, describes the PDF
beside it, `federal-register-2020-17221.pdf`: 15 pages of the US Federal Register of 6 August 2020 (Vol. 85,
No. 152, pages 47698–47712), from the test fixtures of the pdfplumber project (`tests/pdfs/`, commit 147f2c4; a
work of the US government, public domain; see `SOURCES.md` in that folder). Decisions for it:

* Two stories, one per document: the Boeing 737 MAX proposed airworthiness directive (FR Doc. 2020–17221, pages
  1–15, figure pages included) and the Pilatus PC–12 one, which begins on page 15 and is cut off where the file
  ends; its truth is what the file holds.
* headline = the document's title ("Airworthiness Directives; The Boeing Company Airplanes"); standfirst = the
  SUMMARY text without its label; byline = the AGENCY text without its label (who issues the document: the
  gazette's byline); section = "Proposed Rules", the section of the gazette that the running head names.
* Not in the truth: the head matter above the title (department, agency, CFR part, docket, RIN), the ACTION
  line, the page-1 section banner and its explanatory box, running heads, folios, the "VerDate …" production
  line and the rotated margin notes, "[FR Doc. …]" and "BILLING CODE" lines, the figures (checklists printed as
  pictures, their titles inside the pictures: no text captions) and the ESTIMATED COSTS table.
* Body: from DATES to the signature, in reading order (column by column, and band by band where a figure cuts a
  page), labelled paragraphs keeping their labels ("DATES: …"), headings and bullets as paragraphs of their
  own, the GPO's doubled quotes (‘‘ ’’) as printed. Footnote markers are dropped from the text; the footnotes
  follow the signature, in number order, each starting with its number ("1 Preliminary KNKT…"). The typesetter
  does not hyphenate words: every hyphen or dash at a line end (non-normal, FAA–2020–0686, https://) is real,
  and lines are joined without a space after it. Spacing accents are composed ("Agência", not "Ageˆncia").
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

FORMAT = 1


@dataclass
class StoryTruth:
    headline: str
    standfirst: str = ""
    byline: str = ""
    section: str = ""
    paragraphs: list[str] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)


@dataclass
class EditionTruth:
    producer: str
    layout: str
    language: str
    page_count: int
    stories: list[StoryTruth]
    source: str = ""
    columns: int = 0
    page_size: tuple[float, float] | None = None
    notes: str = ""


def edition_truth_to_dict(truth: EditionTruth) -> dict[str, Any]:
    data: dict[str, Any] = {"format": FORMAT}
    if truth.source:
        data["source"] = truth.source
    data |= {"producer": truth.producer, "layout": truth.layout, "language": truth.language,
             "page_count": truth.page_count}  # fmt: skip
    if truth.columns:
        data["columns"] = truth.columns
    if truth.page_size:
        data["page_size"] = list(truth.page_size)
    if truth.notes:
        data["notes"] = truth.notes
    data["stories"] = [asdict(story) for story in truth.stories]
    return data


def edition_truth_from_dict(data: dict[str, Any]) -> EditionTruth:
    if data.get("format") != FORMAT:
        raise ValueError(f"ground truth format {data.get('format')!r} is not {FORMAT}; regenerate the corpus")
    page_size = data.get("page_size")
    return EditionTruth(
        producer=data["producer"],
        layout=data["layout"],
        language=data["language"],
        page_count=int(data["page_count"]),
        stories=[
            StoryTruth(
                headline=story["headline"],
                standfirst=story.get("standfirst", ""),
                byline=story.get("byline", ""),
                section=story.get("section", ""),
                paragraphs=list(story["paragraphs"]),
                pages=[int(page) for page in story["pages"]],
                captions=list(story.get("captions", [])),
            )
            for story in data["stories"]
        ],
        source=data.get("source", ""),
        columns=int(data.get("columns", 0)),
        page_size=(float(page_size[0]), float(page_size[1])) if page_size else None,
        notes=data.get("notes", ""),
    )


def edition_truth_dump(truth: EditionTruth, path: Path) -> None:
    """Write the truth as indented JSON, so that a diff of two generations reads story by story."""
    text = json.dumps(edition_truth_to_dict(truth), ensure_ascii=False, indent=1)
    path.write_text(text + "\n", encoding="utf-8")


def edition_truth_load(path: Path) -> EditionTruth:
    return edition_truth_from_dict(json.loads(path.read_text(encoding="utf-8")))
