"""Steps 4 and 5 of reading a PDF edition: its ordered lines become stories (headlines, jumps across pages,
sidebars, official documents' titles, teasers dropped), each with its standfirst, byline, captions and paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pymupdf

from newsstand.ingestion.pdf.layout import boxes_apply, boxes_of, furniture_split, reading_order
from newsstand.ingestion.pdf.lines import (
    HEADLINE_RATIO,
    LARGER_RATIO,
    SMALLER_RATIO,
    BodyStyle,
    Line,
    Picture,
    body_style,
    is_headline,
    looks_quoted,
    page_lines,
    same_style,
)
from newsstand.ingestion.pdf.paragraphs import Vocabulary, join_lines, paragraphs_of
from newsstand.ingestion.pdf.regions import Region, story_regions

# 2: stories know the regions of the pages they occupy.
EXTRACTOR_VERSION = 2

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
    regions: list[Region] = field(default_factory=list)  # where it sits on its pages
    # lines of the story that are not its body's (headline, captions, jump heads): they count for its regions
    marked_lines: list[Line] = field(default_factory=list, repr=False)
    # where the story goes on, while joining jumps; a sidebar's lines until they become paragraphs
    jumps_to: int | None = None
    sidebar_lines: list[Line] = field(default_factory=list, repr=False)

    @property
    def captions(self) -> list[str]:
        return [image.caption for image in self.images]

    @property
    def word_count(self) -> int:
        return sum(len(paragraph.split()) for paragraph in self.paragraphs)


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
        and same_style(first, current.headline_style)
    )


def stories_extract(pdf: bytes | pymupdf.Document) -> list[ExtractedStory]:
    """The edition's stories in the order of their first page. See the package's docstring for the method."""
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
                    current.story.marked_lines.append(line)
                continue
            continued_from = CONTINUED_FROM.search(line.text)
            if continued_from and len(line.text) < 80:
                target = _jumping_story(drafts, int(continued_from.group(2)), number)
                if target is not None:
                    current = target
                    _page_add(current.story, number)
                continue
            document_title = _is_document_title(ordered, index - 1, body)
            if is_headline(line, body) or document_title:
                headline_lines = [line]
                while index < len(ordered) and (
                    _continues_headline(headline_lines[-1], ordered[index], body)
                    or (document_title and _continues_title(headline_lines[-1], ordered[index]))
                ):
                    headline_lines.append(ordered[index])
                    index += 1
                headline_text = join_lines([part.text for part in headline_lines], None)
                jump = _jump_head_target(ordered, index, drafts, number, headline_text)
                if jump is not None:
                    current = jump
                    current.story.marked_lines += headline_lines
                    _page_add(current.story, number)
                    if index < len(ordered) and CONTINUED_FROM.search(ordered[index].text):
                        index += 1  # the "continued from" line under the jump head
                    continue
                if _headline_goes_on(current, headline_lines[0], number, index - len(headline_lines)):
                    assert current is not None
                    current.story.headline = join_lines([current.story.headline, headline_text], None)
                    current.story.marked_lines += headline_lines
                    _page_add(current.story, number)
                    continue
                current = _Draft(
                    ExtractedStory(headline=headline_text, section=pending_section or section, pages=[number],
                                   marked_lines=list(headline_lines)),
                    headline_style=headline_lines[0],
                )  # fmt: skip
                pending_section = ""
                drafts.append(current)
                continue
            jump_to = CONTINUED_ON.search(line.text)
            if jump_to and len(line.text) < 80:
                if current is not None:
                    current.story.jumps_to = int(jump_to.group(2))
                continue
            if _is_kicker(line, body) and index < len(ordered) and is_headline(ordered[index], body):
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
    while len(title) < len(group) and same_style(group[len(title)], group[0]):
        title.append(group[len(title)])
    story = ExtractedStory(headline=join_lines([line.text for line in title]), section=section, pages=[number])
    story.sidebar_lines = group[len(title) :]
    story.marked_lines = list(group)
    return story


def _sidebar_finish(story: ExtractedStory, body: BodyStyle, vocabulary: Vocabulary) -> ExtractedStory:
    _paragraphs_set(story, paragraphs_of(story.sidebar_lines, body, vocabulary))
    story.sidebar_lines = []
    _regions_set(story, [])
    return story


def _regions_set(story: ExtractedStory, body_lines: list[Line]) -> None:
    story.regions = story_regions([*story.marked_lines, *body_lines], [image.picture for image in story.images])
    story.marked_lines = []


def _page_add(story: ExtractedStory, number: int) -> None:
    if number not in story.pages:
        story.pages.append(number)


def _continues_headline(previous: Line, line: Line, body: BodyStyle) -> bool:
    """The next line of the same headline: as large, and below it in the same column or at the top of the next
    (not a neighbouring story's headline beside it)."""
    # (any length: a layout may carry the last letters of a long word over to a line of their own)
    if not (line.size >= body.size * HEADLINE_RATIO and same_style(line, previous) and line.page == previous.page):
        return False
    below = previous.y0 < line.y0 < previous.y1 + line.size and min(line.x1, previous.x1) > max(line.x0, previous.x0)
    next_column = line.x0 >= previous.x1 - 1 and line.y0 < previous.y0 - line.size  # flowed on to the next column
    return below or next_column


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
            setattr(story, role, join_lines(part, vocabulary))
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
        byline = [lines[index]]
        index += 1
        while index < len(lines) and _byline_goes_on(byline[-1], lines[index], body):
            byline.append(lines[index])
            index += 1
        story.byline = join_lines([line.text for line in byline], vocabulary).strip()
        while index < len(lines) and _is_standfirst(lines[index], body) and not story.standfirst and not standfirst:
            standfirst.append(lines[index])
            index += 1
    if standfirst or not story.standfirst:  # (a document's SUMMARY: may have given it already)
        story.standfirst = join_lines([line.text for line in standfirst], vocabulary)
    text_lines = [line for line in lines[index:] if not _is_pull_quote(line, body)]
    if not story.byline:
        for position, line in enumerate(text_lines[:3]):
            if BYLINE.match(line.text) and len(line.text) < 80:
                story.byline = line.text.strip()
                del text_lines[position]
                break
    _paragraphs_set(story, paragraphs_of(text_lines, body, vocabulary))
    story.pages.sort()
    _regions_set(story, draft.lines)
    return story


def _byline_goes_on(previous: Line, line: Line, body: BodyStyle) -> bool:
    """A byline too long for its column wraps: the next line, right under it in its own style (not the body's),
    is more of it ("By Helen Marchant and Sophie" / "Lancaster")."""
    in_body_style = line.font == body.font and not line.bold and abs(line.size - body.size) < 0.6
    gap = line.y0 - previous.y1  # tight leading makes the boxes of two lines overlap a little
    return (
        not in_body_style
        and same_style(previous, line)
        and line.font == previous.font
        and line.page == previous.page
        and -previous.height / 2 <= gap < body.line_gap * 0.8
        and abs(line.x0 - previous.x0) < body.size * 2
        and len(line.text) < 60
    )


def _is_standfirst(line: Line, body: BodyStyle) -> bool:
    return (line.size >= body.size * LARGER_RATIO and not is_headline(line, body)) or (
        line.italic and abs(line.size - body.size) < 0.6 and not line.bold
    )


def _is_pull_quote(line: Line, body: BodyStyle) -> bool:
    """Larger text amid the body that repeats it: slanted or in quotation marks, or much larger. A crosshead
    (bold, about the body's size) is not one: it stays, as a paragraph of its own."""
    if line.size < body.size * LARGER_RATIO:
        return False
    return line.italic or looks_quoted(line) or line.size >= body.size * 1.25


def _paragraphs_set(story: ExtractedStory, paragraphs: list[tuple[str, bool]]) -> None:
    story.paragraphs = [text for text, _heading in paragraphs]
    story.crossheads = {index for index, (_text, heading) in enumerate(paragraphs) if heading}
