"""A PDF edition's text layer → its stories: headline, standfirst, byline, section, paragraphs, pages, captions.

The method, page by page:
1. lines with their style (size, weight, slant, font); the body style is the edition's most common one;
2. page furniture left out: running heads and folios in the top and bottom bands (their words give the section),
   and boxed advertisements;
3. reading order by recursive cuts: a vertical cut at a column gutter no line crosses, else a horizontal cut at
   the gap next to a line that spans columns (a headline), so that text under a spanning headline is read after
   everything above it, column by column;
4. the ordered lines become stories: each headline (text clearly larger than the body) starts one; what comes
   before the first headline of a page continues the last story of the page before (text flowing on);
   "Continued on page N" / "Continued from page M" lines join a story's parts across pages;
5. within a story: standfirst (larger or slanted text right under the headline), byline ("By", "Av", "Von",
   "Par" …), captions (small text by a picture), pull quotes (larger text amid the body, repeating it) and
   crossheads; paragraphs from indents and gaps, with line-end hyphens undone where the word exists whole.
No database here: ingestion services store what this returns.
"""

from __future__ import annotations

import itertools
import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import pymupdf

EXTRACTOR_VERSION = 1

# Lines this much larger than the body text are headlines; between the body and this, standfirsts and quotes.
HEADLINE_RATIO = 1.3
LARGER_RATIO = 1.08
# Slanted, not bold, text between HEADLINE_RATIO and this is a pull quote, not a headline.
DISPLAY_RATIO = 1.8
SMALLER_RATIO = 0.92
# Furniture bands: running heads and folios sit this close to the top or the bottom of the page.
FURNITURE_BAND = 0.075
# A story with fewer body words than this is a cover line, a teaser or a box label, not a story.
MIN_STORY_WORDS = 16
MIN_SIDEBAR_WORDS = 5
# A headline that is another's with at most its last few letters cut off is the same story's (a cover line and
# the story it announces, where the layout broke a long word).
NAMESAKE_SHARE = 0.9

# A byline starts with the language's "By", capitalised as a byline is (not "by" inside a sentence).
BYLINE = re.compile(
    r"^(By|BY|Av|AV|Von|VON|Par|PAR|Por|POR|Door|Af|AF|Di|Från|Text:|Tekst:|Texte\s*:|Texto\s*:|بقلم|كتب)\s+\S"
)
CONTINUED_ON = re.compile(
    r"(continued on|cont(?:inued)?\.? on|see|turn to|fortsetter på|fortsetter|fortsettelse på|fortsetzung auf|"
    r"weiter auf|suite (?:en |à la )?page|lire la suite page|continúa en|sigue en|continua a)\s*(?:page|p\.|side|"
    r"s\.|seite|página|pág\.|pagina)?\s*(\d+)",
    re.IGNORECASE,
)
CONTINUED_FROM = re.compile(
    r"(continued from|cont(?:inued)?\.? from|fortsatt fra|fortsettelse fra|fortsetzung von|"
    r"suite de la page|viene de|continuación de|continua da)\s*(?:page|p\.|side|s\.|seite|página|pág\.|"
    r"pagina)?\s*(\d+)",
    re.IGNORECASE,
)
ADVERTISEMENT = re.compile(r"^(advertisement|annonse|anzeige|publicité|annonce|publicidad|anuncio|إعلان|ad)$", re.I)
LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
HYPHENS = ("-", "\u00ad", "\u2010")
# Pieces of one printed line are at most this far apart (in ems): a stretched word space, not a column gutter.
WORD_GAP = 0.45


@dataclass
class Line:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    size: float
    bold: bool
    italic: bool
    font: str

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass
class Picture:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass
class ExtractedImage:
    """A picture of the story (where it is on its page) and its caption."""

    picture: Picture
    caption: str


@dataclass
class ExtractedStory:
    headline: str
    standfirst: str = ""
    byline: str = ""
    section: str = ""
    paragraphs: list[str] = field(default_factory=list)
    crossheads: set[int] = field(default_factory=set)  # which paragraphs are crossheads
    pages: list[int] = field(default_factory=list)
    images: list[ExtractedImage] = field(default_factory=list)
    # where the story goes on, while joining jumps; a sidebar's lines until they become paragraphs
    jumps_to: int | None = None
    sidebar_lines: list[Line] = field(default_factory=list, repr=False)

    @property
    def captions(self) -> list[str]:
        return [image.caption for image in self.images]

    @property
    def word_count(self) -> int:
        return sum(len(paragraph.split()) for paragraph in self.paragraphs)


@dataclass(frozen=True)
class BodyStyle:
    size: float
    font: str
    line_gap: float


# --- 1. lines ------------------------------------------------------------------------------------------------


def _clean(text: str) -> str:
    """Ligatures as letters; soft hyphens out of words. A soft hyphen that ends a line (alone, or printed as one
    with a hyphen) stays as the mark of a word broken by hyphenation, for _join_lines."""
    for ligature, letters in LIGATURES.items():
        text = text.replace(ligature, letters)
    text = text.rstrip().replace("\u00ad\u2010", "\u00ad").replace("\u00ad-", "\u00ad")
    text = re.sub("\u00ad(?!$)", "", text)
    return unicodedata.normalize("NFC", text)


def page_lines(page: pymupdf.Page) -> tuple[list[Line], list[Picture]]:
    """The page's text lines with their dominant style, and its pictures, in page coordinates."""
    flags = pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_MEDIABOX_CLIP | pymupdf.TEXT_PRESERVE_IMAGES
    content = page.get_text("dict", flags=flags)
    lines: list[Line] = []
    pictures: list[Picture] = []
    number = page.number + 1
    for block in content["blocks"]:
        if block["type"] == 1:
            x0, y0, x1, y1 = block["bbox"]
            if (x1 - x0) * (y1 - y0) > 400:
                pictures.append(Picture(number, x0, y0, x1, y1))
            continue
        for raw in block["lines"]:
            spans = [span for span in raw["spans"] if span["text"].strip()]
            if not spans:
                continue
            text = _clean("".join(span["text"] for span in raw["spans"])).strip()
            if not text:
                continue
            dominant = max(spans, key=lambda span: len(span["text"].strip()))
            x0, y0, x1, y1 = raw["bbox"]
            lines.append(
                Line(
                    page=number, x0=x0, y0=y0, x1=x1, y1=y1, text=text, size=round(dominant["size"], 1),
                    bold=bool(dominant["flags"] & 16) or "bold" in dominant["font"].lower(),
                    italic=bool(dominant["flags"] & 2) or "italic" in dominant["font"].lower()
                    or "oblique" in dominant["font"].lower(),
                    font=dominant["font"],
                )
            )  # fmt: skip
    return _merge_same_baseline(lines), pictures


def _merge_same_baseline(lines: list[Line]) -> list[Line]:
    """PDF producers often cut one printed line into several pieces (per word or per style): join the pieces that
    share a baseline and touch, so that a line is a line."""
    lines.sort(key=lambda line: (round(line.y1), line.x0))
    merged: list[Line] = []
    for line in lines:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and abs(previous.y1 - line.y1) < 0.35 * line.size
            and 0 <= line.x0 - previous.x1 < WORD_GAP * line.size
            and abs(previous.size - line.size) < 0.6 * line.size
        ):
            joiner = "" if previous.text.endswith(" ") else " "
            previous.text = (previous.text + joiner + line.text).strip()
            previous.x1 = max(previous.x1, line.x1)
            previous.y0 = min(previous.y0, line.y0)
            continue
        merged.append(line)
    return merged


def body_style(lines: Iterable[Line]) -> BodyStyle:
    """The edition's body text: the size and font carrying the most characters; its usual line spacing."""
    weight: Counter[tuple[float, str]] = Counter()
    for line in lines:
        weight[(line.size, line.font)] += len(line.text)
    if not weight:
        return BodyStyle(size=10.0, font="", line_gap=12.0)
    (size, font), _ = weight.most_common(1)[0]
    return BodyStyle(size=size, font=font, line_gap=size * 1.25)


# --- 2. furniture --------------------------------------------------------------------------------------------


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", text.casefold()).strip()


def furniture_split(
    pages: Sequence[list[Line]],
    heights: Sequence[float],
    body: BodyStyle,
    boxes: Sequence[list[pymupdf.Rect]] = (),
) -> tuple[list[list[Line]], list[str]]:
    """Lines with furniture removed, and each page's section as its running head names it ("" when none).

    Furniture: in the top or bottom band, and either a folio (digits), or text whose shape recurs on other pages,
    or text smaller than the body. The section is the running-head text that is not the same on every page.
    """
    recurring = Counter(
        _shape(line.text)
        for page, height in zip(pages, heights, strict=True)
        for line in page
        if _in_band(line, height)
    )
    everywhere = {shape for shape, count in recurring.items() if count >= max(2, int(0.8 * len(pages)))}
    kept_pages: list[list[Line]] = []
    sections: list[str] = []
    for page, height in zip(pages, heights, strict=True):
        kept: list[Line] = []
        section = ""
        page_boxes = boxes[len(kept_pages)] if boxes else []
        for line in page:
            if not _in_band(line, height) or any(_within(line, box) for box in page_boxes):
                kept.append(line)
                continue
            shape = _shape(line.text)
            is_folio = bool(re.fullmatch(r"[#\s\-–—|/.·]*", shape)) or bool(
                re.fullmatch(r"(page|side|seite|p\.)\s*#", shape)
            )
            if is_folio or recurring[shape] >= 2 or line.size <= body.size * SMALLER_RATIO:
                if not is_folio and shape not in everywhere and not section and _looks_like_section(line.text):
                    section = line.text.strip()
                continue
            kept.append(line)
        kept_pages.append(kept)
        sections.append(section)
    return kept_pages, sections


def _looks_like_section(text: str) -> bool:
    return 1 <= len(text.split()) <= 4 and not re.search(r"\d", text)


def _in_band(line: Line, height: float) -> bool:
    return line.y1 < height * FURNITURE_BAND or line.y0 > height * (1 - FURNITURE_BAND)


def boxes_of(page: pymupdf.Page) -> list[pymupdf.Rect]:
    """Framed or tinted rectangles big enough to hold text: sidebars and advertisements."""
    found = []
    for drawing in page.get_drawings():
        rect = drawing.get("rect")
        if rect is None or rect.width < 60 or rect.height < 40:
            continue
        if rect.width > page.rect.width * 0.95 and rect.height > page.rect.height * 0.9:
            continue  # a page background or frame
        found.append(pymupdf.Rect(rect))
    return found


# A box with fewer lines of body text than this is an advertisement (a brand, a slogan, an address), not a story.
BOX_MIN_BODY_LINES = 3


def boxes_apply(lines: list[Line], boxes: list[pymupdf.Rect], body: BodyStyle) -> tuple[list[Line], list[list[Line]]]:
    """Take boxed text out of the page's flow: advertisements (labelled so, or without running text) are
    dropped, sidebars (a title over running text) come back as groups of lines to become stories of their own."""
    inside: dict[int, int] = {}
    for number, box in sorted(enumerate(boxes), key=lambda item: item[1].get_area()):
        for line in lines:
            if id(line) not in inside and _within(line, box):
                inside[id(line)] = number
    groups: dict[int, list[Line]] = {}
    for line in lines:
        if id(line) in inside:
            groups.setdefault(inside[id(line)], []).append(line)
    flow = [line for line in lines if id(line) not in inside]
    sidebars = []
    for group in groups.values():
        # running text: plain lines no larger than the body (a sidebar's facts are often smaller); an advert's
        # lines are a brand, a slogan and an address in display sizes
        running = sum(1 for line in group if line.size <= body.size * LARGER_RATIO and not line.bold)
        labelled = any(ADVERTISEMENT.match(line.text.strip(" :·-–")) for line in group)
        if labelled or running < BOX_MIN_BODY_LINES:
            continue
        ordered = sorted(group, key=lambda line: (line.y0, line.x0))
        if ordered[0].bold or ordered[0].size >= body.size * LARGER_RATIO:
            sidebars.append(ordered)
        else:
            flow.extend(group)  # a frame around part of a story: it stays in the flow
    return flow, sidebars


def _within(line: Line, box: pymupdf.Rect, slack: float = 2.0) -> bool:
    return bool(
        line.x0 >= box.x0 - slack
        and line.x1 <= box.x1 + slack
        and line.y0 >= box.y0 - slack
        and line.y1 <= box.y1 + slack
    )


# --- 3. reading order ----------------------------------------------------------------------------------------


def reading_order(lines: list[Line], body: BodyStyle) -> list[Line]:
    """Lines in the order a reader reads them, by recursive cuts (see the module's docstring)."""
    if len(lines) <= 1:
        return list(lines)
    row = _row_cut(lines, body)
    if row is not None:  # a row of the page's modules ends here: read it all before the next
        top = [line for line in lines if line.y1 <= row]
        bottom = [line for line in lines if line.y1 > row]
        return reading_order(top, body) + reading_order(bottom, body)
    vertical = _vertical_cut(lines, body)
    if vertical is not None:
        left = [line for line in lines if line.x1 <= vertical]
        right = [line for line in lines if line.x1 > vertical]
        return reading_order(left, body) + reading_order(right, body)
    horizontal = _horizontal_cut(lines, body)
    if horizontal is not None:
        top = [line for line in lines if line.y1 <= horizontal]
        bottom = [line for line in lines if line.y1 > horizontal]
        return reading_order(top, body) + reading_order(bottom, body)
    return sorted(lines, key=lambda line: (line.y0, line.x0))


def _gaps(intervals: list[tuple[float, float]], minimum: float) -> list[tuple[float, float]]:
    """Gaps at least `minimum` wide between the union of intervals."""
    intervals = sorted(intervals)
    gaps = []
    reach = intervals[0][1]
    for start, end in intervals[1:]:
        if start - reach >= minimum:
            gaps.append((reach, start))
        reach = max(reach, end)
    return gaps


def _vertical_cut(lines: list[Line], body: BodyStyle) -> float | None:
    """The leftmost column gutter that no line crosses, if any."""
    gaps = _gaps([(line.x0, line.x1) for line in lines], minimum=body.size * 0.6)
    return (gaps[0][0] + gaps[0][1]) / 2 if gaps else None


def _row_cut(lines: list[Line], body: BodyStyle) -> float | None:
    """A gap across the whole region, wider than the space between paragraphs, right above a headline: what is
    above is a row of stories that ends there."""
    gaps = _gaps([(line.y0, line.y1) for line in lines], minimum=body.line_gap * 0.7)
    for start, end in gaps:
        above = [line for line in lines if abs(line.y1 - start) < 1.0]
        for line in lines:
            if abs(line.y0 - end) < 1.0 and _is_headline(line, body):
                if any(_is_headline(other, body) and _same_style(other, line) for other in above):
                    continue  # the second line of a headline, not a new row
                return (start + end) / 2
    return None


def _horizontal_cut(lines: list[Line], body: BodyStyle) -> float | None:
    """A horizontal gap to cut at: the topmost gap that lies right above or below a line spanning more than one
    column (a headline or a strip across the page). Failing that, the widest gap if clearly wider than the
    spacing of paragraphs."""
    gaps = _gaps([(line.y0, line.y1) for line in lines], minimum=0.2)
    if not gaps:
        return None
    column_width = _typical_column_width(lines, body)
    spanners = [line for line in lines if line.width > column_width * 1.35]
    for start, end in gaps:
        for line in spanners:
            if abs(line.y0 - end) < 1.0 or abs(line.y1 - start) < 1.0:
                return (start + end) / 2
    widest = max(gaps, key=lambda gap: gap[1] - gap[0])
    if widest[1] - widest[0] > body.line_gap * 1.6:
        return (widest[0] + widest[1]) / 2
    # A block of text beside which nothing stands: cutting at the first gap keeps top-to-bottom order.
    return (gaps[0][0] + gaps[0][1]) / 2


def _typical_column_width(lines: list[Line], body: BodyStyle) -> float:
    widths = [line.width for line in lines if abs(line.size - body.size) < 0.6 and len(line.text) > 20]
    return statistics.median(widths) if widths else max(line.width for line in lines)


# --- 4 and 5. stories ----------------------------------------------------------------------------------------


@dataclass
class _Draft:
    story: ExtractedStory
    lines: list[Line] = field(default_factory=list)
    headline_style: Line | None = None


def _headline_goes_on(current: _Draft | None, first: Line, number: int, position: int) -> bool:
    """A headline that opens a page and continues the one that closed the page before, with nothing between:
    one headline broken by the page turn."""
    return (
        current is not None
        and position == 0
        and not current.lines
        and current.headline_style is not None
        and current.story.pages == [number - 1]
        and _same_style(first, current.headline_style)
    )


def stories_extract(pdf: bytes | pymupdf.Document) -> list[ExtractedStory]:
    """The edition's stories in the order of their first page. See the module's docstring for the method."""
    document = pymupdf.open(stream=pdf, filetype="pdf") if isinstance(pdf, bytes) else pdf
    try:
        raw_pages, pictures, heights, boxes = [], [], [], []
        for page in document:
            lines, page_pictures = page_lines(page)
            raw_pages.append(lines)
            boxes.append(boxes_of(page))
            pictures.append(page_pictures)
            heights.append(page.rect.height)
    finally:
        if isinstance(pdf, bytes):
            document.close()
    body = body_style(line for page in raw_pages for line in page)
    pages, sections = furniture_split(raw_pages, heights, body, boxes)
    sidebars: list[ExtractedStory] = []
    for number, page_boxes in enumerate(boxes, start=1):
        pages[number - 1], groups = boxes_apply(pages[number - 1], page_boxes, body)
        sidebars += [_sidebar_story(group, number, sections[number - 1], body) for group in groups]
    drafts: list[_Draft] = []
    current: _Draft | None = None
    pending_section = ""
    ordered_pages = [reading_order(lines, body) for lines in pages]
    for number, (ordered, section) in enumerate(zip(ordered_pages, sections, strict=True), start=1):
        captions = _caption_lines(ordered, pictures[number - 1], body)
        index = 0
        while index < len(ordered):
            line = ordered[index]
            index += 1
            if id(line) in captions:
                if current is not None:
                    _caption_add(current.story, pictures[number - 1][captions[id(line)]], line.text)
                continue
            continued_from = CONTINUED_FROM.search(line.text)
            if continued_from and len(line.text) < 80:
                target = _jumping_story(drafts, int(continued_from.group(2)), number)
                if target is not None:
                    current = target
                    _page_add(current.story, number)
                continue
            document_title = _is_document_title(ordered, index - 1, body)
            if _is_headline(line, body) or document_title:
                headline_lines = [line]
                while index < len(ordered) and (
                    _continues_headline(headline_lines[-1], ordered[index], body)
                    or (document_title and _continues_title(headline_lines[-1], ordered[index]))
                ):
                    headline_lines.append(ordered[index])
                    index += 1
                headline_text = _join_lines([part.text for part in headline_lines], None)
                jump = _jump_head_target(ordered, index, drafts, number, headline_text)
                if jump is not None:
                    current = jump
                    _page_add(current.story, number)
                    if index < len(ordered) and CONTINUED_FROM.search(ordered[index].text):
                        index += 1  # the "continued from" line under the jump head
                    continue
                if _headline_goes_on(current, headline_lines[0], number, index - len(headline_lines)):
                    assert current is not None
                    current.story.headline = _join_lines([current.story.headline, headline_text], None)
                    _page_add(current.story, number)
                    continue
                current = _Draft(
                    ExtractedStory(headline=headline_text, section=pending_section or section, pages=[number]),
                    headline_style=headline_lines[0],
                )
                pending_section = ""
                drafts.append(current)
                continue
            jump_to = CONTINUED_ON.search(line.text)
            if jump_to and len(line.text) < 80:
                if current is not None:
                    current.story.jumps_to = int(jump_to.group(2))
                continue
            if _is_kicker(line, body) and index < len(ordered) and _is_headline(ordered[index], body):
                pending_section = line.text.strip().title() if line.text.isupper() else line.text.strip()
                continue
            if current is None:
                continue  # text before any story: a masthead, a cover line
            _page_add(current.story, number)
            current.lines.append(line)
    vocabulary = Vocabulary(line for page in ordered_pages for line in page)
    stories = [_story_finish(draft, body, vocabulary) for draft in drafts]
    stories = [story for story in stories if story.word_count >= MIN_STORY_WORDS]
    # a framed box with a title over running text is a sidebar however short
    stories += [_sidebar_finish(sidebar, body, vocabulary) for sidebar in sidebars]
    return _teasers_dropped([story for story in stories if story.word_count >= MIN_SIDEBAR_WORDS])


def _teasers_dropped(stories: list[ExtractedStory]) -> list[ExtractedStory]:
    """A cover or front-page teaser repeats a story's headline: keep the story (the longest of the namesakes).
    Namesakes may differ a little, where a layout broke a long word of one of them; the headline kept is the
    one without the break ("Weihnachtsmark t" → "Weihnachtsmarkt")."""
    groups: list[list[ExtractedStory]] = []
    for story in stories:
        key = headline_key(story.headline)
        group = next((group for group in groups if _namesakes(key, headline_key(group[0].headline))), None)
        if group is None:
            groups.append([story])
        else:
            group.append(story)
    kept = []
    for group in groups:
        longest = max(group, key=lambda story: story.word_count)
        longest.headline = max((story.headline for story in group), key=_headline_wholeness)
        kept.append(longest)
    return [story for story in stories if any(story is chosen for chosen in kept)]


def headline_key(headline: str) -> str:
    """A headline as compared: case and spacing ignored."""
    return " ".join(headline.casefold().split())


def _namesakes(first: str, second: str) -> bool:
    """The same headline, but for the last letters a layout may have cut off or carried over."""
    if first == second:
        return True
    short, long = sorted((first.replace(" ", ""), second.replace(" ", "")), key=len)
    return long.startswith(short) and len(short) >= NAMESAKE_SHARE * len(long)


def _headline_wholeness(headline: str) -> tuple[int, int]:
    """Among namesakes, the whole one: the most letters, then the fewest breaks."""
    return len(headline.replace(" ", "")), -headline.count(" ")


def _caption_add(story: ExtractedStory, picture: Picture, text: str) -> None:
    """The picture joins the story with its caption; a caption's further lines join the caption."""
    for image in story.images:
        if image.picture is picture:
            image.caption = f"{image.caption} {text}".strip()
            return
    story.images.append(ExtractedImage(picture=picture, caption=text))


def _sidebar_story(group: list[Line], number: int, section: str, body: BodyStyle) -> ExtractedStory:
    """A boxed sidebar: its title line is the headline; the rest is kept for _sidebar_finish."""
    title = [group[0]]
    while len(title) < len(group) and _same_style(group[len(title)], group[0]):
        title.append(group[len(title)])
    story = ExtractedStory(headline=_join_lines([line.text for line in title]), section=section, pages=[number])
    story.sidebar_lines = group[len(title) :]
    return story


def _sidebar_finish(story: ExtractedStory, body: BodyStyle, vocabulary: Vocabulary) -> ExtractedStory:
    _paragraphs_set(story, _paragraphs(story.sidebar_lines, body, vocabulary))
    story.sidebar_lines = []
    return story


def _page_add(story: ExtractedStory, number: int) -> None:
    if number not in story.pages:
        story.pages.append(number)


QUOTE_MARKS = ("“", "”", "«", "»", "„", '"', "‘", "’", "‹", "›")


def _is_headline(line: Line, body: BodyStyle) -> bool:
    """Clearly larger than the body; a pull quote (slanted, in quotation marks) is not one."""
    if line.size < body.size * HEADLINE_RATIO or len(line.text) <= 1:
        return False
    slanted_only = line.italic and not line.bold
    return not (slanted_only and (line.size < body.size * DISPLAY_RATIO or _looks_quoted(line)))


def _looks_quoted(line: Line) -> bool:
    return line.italic and not line.bold and (line.text.startswith(QUOTE_MARKS) or line.text.endswith(QUOTE_MARKS))


def _continues_headline(previous: Line, line: Line, body: BodyStyle) -> bool:
    """The next line of the same headline: as large, and below it in the same column or at the top of the next
    (not a neighbouring story's headline beside it)."""
    # (any length: a layout may carry the last letters of a long word over to a line of their own)
    if not (line.size >= body.size * HEADLINE_RATIO and _same_style(line, previous) and line.page == previous.page):
        return False
    below = previous.y0 < line.y0 < previous.y1 + line.size and min(line.x1, previous.x1) > max(line.x0, previous.x0)
    next_column = line.x0 >= previous.x1 - 1 and line.y0 < previous.y0 - line.size  # flowed on to the next column
    return below or next_column


def _same_style(line: Line, other: Line) -> bool:
    return abs(line.size - other.size) < 0.6 and line.bold == other.bold


def _is_kicker(line: Line, body: BodyStyle) -> bool:
    """A section label above a headline: short, small or capitals, usually bold."""
    return len(line.text.split()) <= 4 and (line.text.isupper() or line.size < body.size) and line.text[-1:] not in ".,"


def _jumping_story(drafts: list[_Draft], from_page: int, to_page: int) -> _Draft | None:
    """The story that left page `from_page` for `to_page` ("Continued on page …")."""
    for draft in reversed(drafts):
        if from_page in draft.story.pages and draft.story.jumps_to == to_page:
            return draft
    for draft in reversed(drafts):
        if from_page in draft.story.pages:
            return draft
    return None


def _jump_head_target(
    ordered: list[Line], index: int, drafts: list[_Draft], number: int, headline: str
) -> _Draft | None:
    """A jump head: a headline followed by "Continued from page M", or one that repeats words of the headline of
    a story announced as continuing on this page. The story goes on; none starts. When several stories continue
    here, the head's words say which."""
    wanted = headline_key(headline)
    for draft in reversed(drafts):
        known = headline_key(draft.story.headline)
        if draft.story.jumps_to == number and wanted and wanted in known:
            return draft
    if index < len(ordered):
        match = CONTINUED_FROM.search(ordered[index].text)
        if match and len(ordered[index].text) < 80:
            return _jumping_story(drafts, int(match.group(2)), number)
    return None


def _caption_lines(lines: list[Line], pictures: list[Picture], body: BodyStyle) -> dict[int, int]:
    """Lines smaller than the body right under a picture and within its width (and the lines that carry such a
    caption on), each mapped to its picture's index."""
    found: dict[int, int] = {}
    for number, picture in enumerate(pictures):
        for line in lines:
            if line.size > body.size * SMALLER_RATIO or line.x0 < picture.x0 - 4 or line.x1 > picture.x1 + 4:
                continue
            if 0 <= line.y0 - picture.y1 < body.line_gap * 3 and id(line) not in found:
                found[id(line)] = number
        grown = True
        while grown:
            grown = False
            for line in lines:
                if id(line) in found or line.size > body.size * SMALLER_RATIO:
                    continue
                above = next(
                    (other for other in lines if found.get(id(other)) == number and _follows(other, line, body)), None
                )
                if above is not None:
                    found[id(line)] = number
                    grown = True
    return found


def _follows(above: Line, line: Line, body: BodyStyle) -> bool:
    return (
        above.page == line.page
        and 0 <= line.y0 - above.y1 < body.line_gap * 0.8
        and abs(line.x0 - above.x0) < body.size * 2
        and abs(line.size - above.size) < 0.5
    )


# Official documents (gazettes, registers) open with labelled parts: who issues it (the byline), what it is, and a
# summary (the standfirst). A title of theirs is bold at the body's size, in another face, over such a label.
LABEL = re.compile(r"^([A-ZÆØÅÄÖÜÉ][A-ZÆØÅÄÖÜÉ .]{2,30}):\s*")
LABEL_ROLES = {"AGENCY": "byline", "ACTION": "", "SUMMARY": "standfirst"}


def _is_document_title(ordered: list[Line], index: int, body: BodyStyle) -> bool:
    """Bold, about the body's size but another face, a few words, and a labelled part (AGENCY: …) soon after."""
    line = ordered[index]
    if not line.bold or abs(line.size - body.size) > 1.0 or line.font[:4] == body.font[:4]:
        return False
    if len(line.text.split()) < 2 or LABEL.match(line.text):
        return False
    following = ordered[index + 1 : index + 4]
    return any((label := LABEL.match(other.text)) is not None and label.group(1) in LABEL_ROLES for other in following)


def _continues_title(previous: Line, line: Line) -> bool:
    return (
        line.bold and line.font == previous.font and abs(line.size - previous.size) < 0.5 and not LABEL.match(line.text)
    )


def _labelled_opening(story: ExtractedStory, lines: list[Line], vocabulary: Vocabulary) -> list[Line]:
    """Take AGENCY: / ACTION: / SUMMARY: parts off the top of a document into its byline and standfirst."""
    index = 0
    while index < len(lines):
        label = LABEL.match(lines[index].text)
        if label is None or label.group(1) not in LABEL_ROLES:
            break
        role = LABEL_ROLES[label.group(1)]
        part = [lines[index].text[label.end() :]]
        index += 1
        while index < len(lines) and not LABEL.match(lines[index].text):
            part.append(lines[index].text)
            index += 1
        if role:
            setattr(story, role, _join_lines(part, vocabulary))
    return lines[index:]


def _story_finish(draft: _Draft, body: BodyStyle, vocabulary: Vocabulary) -> ExtractedStory:
    """Standfirst, byline, pull quotes, crossheads and paragraphs from the story's own lines."""
    story = draft.story
    lines = _labelled_opening(story, draft.lines, vocabulary)
    index = 0
    standfirst: list[Line] = []
    while index < len(lines) and _is_standfirst(lines[index], body) and not BYLINE.match(lines[index].text):
        standfirst.append(lines[index])
        index += 1
    if index < len(lines) and BYLINE.match(lines[index].text) and len(lines[index].text) < 100:
        story.byline = lines[index].text.strip()
        index += 1
        while index < len(lines) and _is_standfirst(lines[index], body) and not story.standfirst and not standfirst:
            standfirst.append(lines[index])
            index += 1
    if standfirst or not story.standfirst:  # (a document's SUMMARY: may have given it already)
        story.standfirst = _join_lines([line.text for line in standfirst], vocabulary)
    text_lines = [line for line in lines[index:] if not _is_pull_quote(line, body)]
    if not story.byline:
        for position, line in enumerate(text_lines[:3]):
            if BYLINE.match(line.text) and len(line.text) < 80:
                story.byline = line.text.strip()
                del text_lines[position]
                break
    _paragraphs_set(story, _paragraphs(text_lines, body, vocabulary))
    story.pages.sort()
    return story


def _is_standfirst(line: Line, body: BodyStyle) -> bool:
    return (line.size >= body.size * LARGER_RATIO and not _is_headline(line, body)) or (
        line.italic and abs(line.size - body.size) < 0.6 and not line.bold
    )


def _is_pull_quote(line: Line, body: BodyStyle) -> bool:
    """Larger text amid the body that repeats it: slanted or in quotation marks, or much larger. A crosshead
    (bold, about the body's size) is not one: it stays, as a paragraph of its own."""
    if line.size < body.size * LARGER_RATIO:
        return False
    return line.italic or _looks_quoted(line) or line.size >= body.size * 1.25


def _paragraphs(lines: list[Line], body: BodyStyle, vocabulary: Vocabulary) -> list[tuple[str, bool]]:
    """Group lines into paragraphs, each with whether it is a crosshead: a new one after a gap wider than the
    leading, at an indent, at a change of weight (crossheads), or after a line that ends a sentence where the next
    word would have fitted."""
    leading = _usual_gap(lines, body)
    edges = _column_edges(lines, body)
    paragraphs: list[list[Line]] = []
    for index, line in enumerate(lines):
        previous = lines[index - 1] if index else None
        following = lines[index + 1] if index + 1 < len(lines) else None
        if previous is None or _starts_paragraph(previous, line, following, body, leading, edges[index - 1]):
            paragraphs.append([])
        paragraphs[-1].append(line)
    texts = [(_join_lines([line.text for line in group], vocabulary), _is_crosshead(group)) for group in paragraphs]
    return [(text, heading) for text, heading in texts if text]


def _paragraphs_set(story: ExtractedStory, paragraphs: list[tuple[str, bool]]) -> None:
    story.paragraphs = [text for text, _heading in paragraphs]
    story.crossheads = {index for index, (_text, heading) in enumerate(paragraphs) if heading}


def _is_crosshead(group: list[Line]) -> bool:
    return len(group) <= 2 and all(line.bold for line in group) and len(" ".join(line.text for line in group)) < 80


def _column_edges(lines: list[Line], body: BodyStyle) -> list[float]:
    """For each line, the right edge of its column: the furthest any line starting where it starts reaches."""
    reach: dict[tuple[int, int], float] = {}
    slot = body.size * 3

    def key(line: Line) -> tuple[int, int]:
        return line.page, int(line.x0 // slot)

    for line in lines:
        reach[key(line)] = max(reach.get(key(line), 0.0), line.x1)
    # an indented first line starts in the next slot: look one slot left too
    return [max(reach[key(line)], reach.get((line.page, key(line)[1] - 1), 0.0)) for line in lines]


def _usual_gap(lines: list[Line], body: BodyStyle) -> float:
    """The space between two lines of one paragraph: the most common gap between lines that follow each other."""
    gaps = [
        round(line.y0 - previous.y1, 1)
        for previous, line in itertools.pairwise(lines)
        if previous.page == line.page and abs(line.x0 - previous.x0) < body.size * 3 and line.y0 > previous.y0
    ]
    return Counter(gaps).most_common(1)[0][0] if gaps else body.size * 0.3


def _starts_paragraph(
    previous: Line, line: Line, following: Line | None, body: BodyStyle, leading: float, edge: float
) -> bool:
    if previous.bold != line.bold:
        return True
    new_column = previous.page != line.page or line.x0 > previous.x1 or line.y0 < previous.y0 - body.size
    if new_column:
        # the paragraph goes on in the next column unless the last one ended, or this line is indented
        indented = following is not None and body.size * 0.6 < line.x0 - following.x0 < body.size * 4
        return indented or _ended_early(previous, line, edge)
    if line.y0 - previous.y1 > leading + body.size * 0.3:
        return True
    if body.size * 0.6 < line.x0 - previous.x0 < body.size * 4:
        return True  # first-line indent
    return _ended_early(previous, line, edge)


# The width of an average character, as a share of the type size: enough to tell whether a word would fit.
CHARACTER_WIDTH = 0.6


def _ended_early(previous: Line, line: Line, edge: float) -> bool:
    """The line ends a sentence, and the next line's first word would have fitted after it: the typesetter broke
    the line because the paragraph ended, not for want of room (works for ragged and justified text alike)."""
    if not previous.text.rstrip().endswith((".", "!", "?", ":", "”", "»", '"', "“", "…")):
        return False
    first_word = line.text.split()[0] if line.text.split() else ""
    needed = (len(first_word) + 1) * previous.size * CHARACTER_WIDTH
    return previous.x1 + needed < edge


def _join_lines(parts: list[str], words: Vocabulary | None = None) -> str:
    """Join a paragraph's lines, undoing hyphenation at line ends but keeping the hyphen of a compound broken at
    its own hyphen ("Nordvåg-" + "halvøya"). See Vocabulary.hyphen_kept for how the two are told apart."""
    text = ""
    for part in (part.strip() for part in parts):
        if not text:
            text = part
        elif text.endswith(HYPHENS) and part[:1].isalpha() and part[:1].islower():
            kept = words is not None and text[-1] != "\u00ad" and words.hyphen_kept(text[:-1], part)
            text = text + part if kept else text[:-1] + part
        elif text.endswith("-") and part[:1].isupper():
            text = text + part  # a compound broken at its own hyphen: "Sainte-" + "Catherine"
        else:
            text = f"{text} {part}"
    return re.sub(r"[ \t\r\n]+", " ", text).strip(" \t\r\n")


class Vocabulary:
    """The edition's words as printed inside lines, to tell a hyphenated word ("re-" + "turn") from a compound
    ("aide-" + "soignante"): the form seen elsewhere in the edition wins; when neither is, the edition's habit
    does (a producer that never hyphenates leaves only compounds at line ends)."""

    def __init__(self, lines: Iterable[Line]) -> None:
        self.whole: Counter[str] = Counter()
        endings: list[tuple[str, str]] = []
        previous: Line | None = None
        for line in lines:
            tokens = line.text.split()
            self.whole.update(token.strip(".,;:!?«»“”\"'()").casefold() for token in tokens[1:-1])
            if previous is not None and previous.text.endswith("-") and tokens:
                endings.append((previous.text.split()[-1][:-1], tokens[0]))
            previous = line
        joined = sum(1 for first, second in endings if self._seen(first + second))
        compounds = sum(1 for first, second in endings if self._seen(f"{first}-{second}"))
        self.hyphenates = joined > compounds

    def _seen(self, word: str) -> bool:
        return self.whole[word.strip(".,;:!?«»“”\"'()").casefold()] > 0

    def hyphen_kept(self, before: str, after: str) -> bool:
        first = before.split()[-1] if before.split() else ""
        second = after.split()[0] if after.split() else ""
        if self._seen(f"{first}-{second}"):
            return True
        if self._seen(first + second):
            return False
        return not self.hyphenates
