"""Stories out of a PDF's text layer: small hand-laid pages for each rule, and whole demo editions."""

import io
import json
from difflib import SequenceMatcher
from pathlib import Path

import pymupdf
import pytest
from PIL import Image

from newsstand.demo.edition_pdf import edition_pdf_build
from newsstand.demo.loader import demo_content_files
from newsstand.ingestion.pdf import stories_extract
from tools.pdf_corpus.scoring import body_similarity

A4 = pymupdf.Rect(0, 0, 595, 842)
BODY = "tiro"  # Times: a serif body, as newspapers set it
TEXT = (
    "the council met on tuesday to weigh a plan for the harbour and its old warehouses which have stood empty "
    "since the fishing fleet moved north a decade ago while traders and residents asked for a market hall"
)
WORDS = TEXT.split()


def sentence(seed: int, length: int = 14) -> str:
    words = [WORDS[(seed * 7 + i * 3) % len(WORDS)] for i in range(length)]
    return " ".join(words).capitalize() + "."


def paragraph(seed: int, sentences: int = 3) -> str:
    return " ".join(sentence(seed + i) for i in range(sentences))


class Page:
    """Writes lines of text the way a layout program places them, one line at a time."""

    def __init__(self, document: pymupdf.Document) -> None:
        self.page = document.new_page(width=A4.width, height=A4.height)

    def line(self, x: float, y: float, text: str, size: float = 9.5, font: str = BODY) -> None:
        self.page.insert_text((x, y), text, fontsize=size, fontname=font)

    def column(self, x: float, y: float, text: str, *, width: float = 160, size: float = 9.5, indent: bool = True,
               font: str = BODY) -> float:  # fmt: skip
        """Set `text` as a justified-ish column paragraph; return the y under it."""
        words, line, first = text.split(), "", True
        measure = pymupdf.get_text_length
        for word in words:
            candidate = f"{line} {word}".strip()
            if measure(candidate, fontname=font, fontsize=size) > width - (10 if first and indent else 0):
                self.line(x + (10 if first and indent else 0), y, line, size=size, font=font)
                y, line, first = y + size * 1.25, word, False
            else:
                line = candidate
        self.line(x + (10 if first and indent else 0), y, line, size=size, font=font)
        return y + size * 1.25


def pdf(build) -> bytes:
    document = pymupdf.open()
    build(document)
    data = document.tobytes()
    document.close()
    return data


def test_a_page_of_three_columns_with_two_stories_reads_in_order():
    def build(document):
        page = Page(document)
        page.line(40, 90, "Harbour plan approved", size=22, font="tibo")
        page.line(40, 112, "Warehouses to become a market hall", size=12, font="tiit")
        page.line(40, 130, "By Anna Berg", size=8, font="hebo")
        y = 145
        texts = [paragraph(n) for n in range(6)]
        for text in texts[:3]:
            y = page.column(40, y, text)
        y = 145
        for text in texts[3:]:
            y = page.column(215, y, text)
        page.line(390, 90, "Ferry fares", size=22, font="tibo")
        y = 115
        for n in range(3):
            y = page.column(390, y, paragraph(20 + n))

    stories = stories_extract(pdf(build))
    assert [story.headline for story in stories] == ["Harbour plan approved", "Ferry fares"]
    first = stories[0]
    assert first.standfirst == "Warehouses to become a market hall"
    assert first.byline == "By Anna Berg"
    assert first.paragraphs == [paragraph(n) for n in range(6)]
    assert stories[1].paragraphs == [paragraph(20 + n) for n in range(3)]


def test_hyphens_at_line_ends_are_undone():
    def build(document):
        page = Page(document)
        page.line(40, 90, "Fishing fleet returns", size=22, font="tibo")
        lines = [
            "The harbour master said the fleet would re-",
            "turn before winter, and the officials agreed",
            "that the Nordvåg-",
            "halvøya road must stay open: the Nordvåg-halvøya link",
            "is the only one, and boats return in the spring.",
        ]
        for n, text in enumerate(lines):
            page.line(40, 115 + n * 12, text)
        for n in range(3):
            page.line(40, 175 + n * 12, sentence(n, 9))

    (story,) = stories_extract(pdf(build))
    text = " ".join(story.paragraphs)
    assert "would return before winter" in text
    assert "Nordvåg-halvøya road" in text


def test_ligatures_come_out_as_letters():
    html = "<h1>Fjord fishing</h1>" + "".join(
        f"<p>The o\ufb03cial \ufb01nds the \ufb02eet. {paragraph(n)}</p>" for n in range(3)
    )
    story = pymupdf.Story(html=html, user_css="h1 {font-size: 22pt} p {font-size: 9.5pt}")
    buffer = io.BytesIO()
    writer = pymupdf.DocumentWriter(buffer)
    device = writer.begin_page(A4)
    story.place(pymupdf.Rect(40, 40, 300, 800))
    story.draw(device)
    writer.end_page()
    writer.close()

    (found,) = stories_extract(buffer.getvalue())
    assert found.paragraphs[0].startswith("The official finds the fleet.")


def test_running_heads_folios_and_an_advert_are_left_out_and_the_section_kept():
    def build(document):
        for number in (1, 2):
            page = Page(document)
            page.line(40, 30, "THE BERGVIK POST", size=8, font="hebo")
            page.line(270, 30, "SPORT" if number == 1 else "CULTURE", size=8, font="hebo")
            page.line(540, 30, str(number), size=8, font="hebo")
            page.line(40, 820, f"Page {number}", size=8)
            page.line(40, 90, f"Story on page {number}", size=22, font="tibo")
            y = 115
            for n in range(3):
                y = page.column(40, y, paragraph(number * 10 + n), width=300)
            box = pymupdf.Rect(380, 100, 555, 300)
            page.page.draw_rect(box, color=(0, 0, 0), fill=(0.95, 0.9, 0.8))
            page.line(390, 120, "Advertisement", size=7)
            page.line(390, 150, "Buy the best boats in town", size=16, font="hebo")
            page.line(390, 175, "Boats for every season and every budget at the quay.", size=8)

    stories = stories_extract(pdf(build))
    assert [(story.headline, story.section) for story in stories] == [
        ("Story on page 1", "SPORT"),
        ("Story on page 2", "CULTURE"),
    ]
    text = " ".join(paragraph for story in stories for paragraph in story.paragraphs)
    assert "BERGVIK" not in text
    assert "boats" not in text.lower()
    assert "Page 1" not in text


def test_a_story_continued_on_a_later_page_is_one_story():
    def build(document):
        front = Page(document)
        front.line(40, 90, "Bridge to close for a year", size=22, font="tibo")
        y = front.column(40, 115, paragraph(1), width=500)
        y = front.column(40, y, paragraph(2), width=500)
        front.line(40, y + 4, "Continued on page 3", size=8, font="hebo")
        front.line(40, 400, "Market hall opens", size=22, font="tibo")
        y = 425
        for n in range(3):
            y = front.column(40, y, paragraph(30 + n), width=500)
        Page(document).line(40, 90, "Filler page", size=22, font="tibo")
        jump = Page(document)
        jump.line(40, 90, "Bridge", size=18, font="tibo")
        jump.line(40, 108, "Continued from page 1", size=8, font="hebo")
        y = jump.column(40, 125, paragraph(3), width=500)
        jump.column(40, y, paragraph(4), width=500)

    stories = stories_extract(pdf(build))
    bridge = next(story for story in stories if story.headline == "Bridge to close for a year")
    assert bridge.paragraphs == [paragraph(n) for n in (1, 2, 3, 4)]
    assert bridge.pages == [1, 3]
    assert "Bridge" not in [story.headline for story in stories]
    assert {region.page for region in bridge.regions} == {1, 3}  # its areas on both pages, the jump head's too
    on_three = [region for region in bridge.regions if region.page == 3]
    assert min(region.y0 for region in on_three) < 90 - 18 + 4  # from the jump head's top


def test_a_pull_quote_is_not_repeated_into_the_body_and_a_caption_is_kept_apart():
    def build(document):
        page = Page(document)
        page.line(40, 90, "Keeper of the light", size=22, font="tibo")
        picture = Image.new("RGB", (200, 120), (90, 110, 130))
        buffer = io.BytesIO()
        picture.save(buffer, format="PNG")
        page.page.insert_image(pymupdf.Rect(40, 100, 240, 220), stream=buffer.getvalue())
        page.line(40, 230, "The lighthouse at dawn. Photo: Ola Nordmann", size=7, font="helv")
        y = page.column(40, 250, paragraph(1))
        page.line(40, y + 8, "“The sea decides", size=14, font="tiit")
        page.line(40, y + 25, "when we sleep.”", size=14, font="tiit")
        y = page.column(40, y + 45, paragraph(2))
        page.column(40, y, paragraph(3))

    (story,) = stories_extract(pdf(build))
    assert story.paragraphs == [paragraph(1), paragraph(2), paragraph(3)]
    assert story.captions == ["The lighthouse at dawn. Photo: Ola Nordmann"]


def test_a_page_without_a_text_layer_yields_no_story():
    def build(document):
        page = document.new_page()
        buffer = io.BytesIO()
        Image.new("RGB", (400, 600), (200, 200, 200)).save(buffer, format="PNG")
        page.insert_image(page.rect, stream=buffer.getvalue())

    assert stories_extract(pdf(build)) == []


def demo_editions():
    files = demo_content_files()
    assert files, "the demo's content files are missing: this test would silently test nothing"
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        yield pytest.param(data["publication"], data["editions"][0], id=path.stem)


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), (120, 130, 140)).save(buffer, format="JPEG")
    return buffer.getvalue()


@pytest.mark.parametrize(("publication", "edition"), list(demo_editions()))
def test_demo_editions_come_back_as_their_stories(publication, edition):
    pictures = {
        (i, j): jpeg() for i, story in enumerate(edition["stories"]) for j, block in enumerate(story["body"])
        if block["type"] == "image"
    }  # fmt: skip
    layout = edition_pdf_build(
        publication=publication, edition=edition, issue_date_text="1 January 2026", cover_picture=jpeg(),
        pictures=pictures,
    )  # fmt: skip
    found = {story.headline: story for story in stories_extract(layout.pdf)}
    matched = 0
    for truth in edition["stories"]:
        story = found.get(truth["headline"])
        if story is None:
            continue
        paragraphs = [block["text"] for block in truth["body"] if block["type"] in ("paragraph", "heading")]
        assert story.byline == truth.get("byline", "")
        assert story.standfirst == truth.get("standfirst", "")
        similarity = SequenceMatcher(None, " ".join(paragraphs).split(), " ".join(story.paragraphs).split()).ratio()
        assert similarity > 0.97, (truth["headline"], similarity)
        matched += 1
    assert matched >= len(edition["stories"]) - 1  # (the demo's layout breaks a few long headline words mid-word)


def test_a_crosshead_is_its_own_paragraph_marked_as_such():
    def build(document):
        page = Page(document)
        page.line(40, 90, "Harbour plan approved", size=22, font="tibo")
        y = page.column(40, 115, paragraph(1), width=500)
        page.line(40, y + 6, "What happens next", font="tibo")
        page.column(40, y + 22, paragraph(2), width=500)

    (story,) = stories_extract(pdf(build))
    assert story.paragraphs == [paragraph(1), "What happens next", paragraph(2)]
    assert story.crossheads == {1}


FEDERAL_REGISTER = Path(__file__).parent / "data" / "federal-register-2020-17221.pdf"  # SOURCES.md beside it


def test_a_gazettes_documents_come_out_with_their_agency_and_summary():
    truth = json.loads(
        (Path(__file__).parent / "data" / "federal-register-2020-17221.json").read_text(encoding="utf-8")
    )["stories"]
    found = {story.headline: story for story in stories_extract(FEDERAL_REGISTER.read_bytes())}
    for document in truth:
        story = found[document["headline"]]
        assert story.byline == document["byline"]
        # (the gazette never hyphenates, so a line-end dash in "737–\n8" is kept by the truth and may not be here)
        assert SequenceMatcher(None, story.standfirst, document["standfirst"]).ratio() > 0.97
        assert body_similarity(document["paragraphs"], story.paragraphs) > 0.9  # the bench's measure


def test_each_story_knows_its_areas_on_its_pages():
    """Regions: a story's columns and headline, each in a rectangle around its own lines and no other story's."""

    def build(document):
        page = Page(document)
        page.line(40, 90, "Harbour plan approved", size=22, font="tibo")
        y = 115
        for n in range(3):
            y = page.column(40, y, paragraph(n))
        y = 115
        for n in range(3, 6):
            y = page.column(215, y, paragraph(n))
        page.line(390, 90, "Ferry fares", size=22, font="tibo")
        y = 115
        for n in range(3):
            y = page.column(390, y, paragraph(20 + n))

    document = pymupdf.open(stream=pdf(build), filetype="pdf")
    harbour, ferry = stories_extract(document)
    words = document[0].get_text("words")

    def inside(word, regions):
        x0, y0, x1, y1 = word[:4]
        return any(r.x0 <= x0 and r.y0 <= y0 and x1 <= r.x1 and y1 <= r.y1 for r in regions)

    ferry_words = {w for p in ferry.paragraphs for w in p.split()} | {"Ferry", "fares"}
    for word in words:
        if word[0] < 380:  # the harbour story's two columns
            assert inside(word, harbour.regions), word
            assert not inside(word, ferry.regions), word
        else:
            assert word[4].strip(".") in ferry_words or word[4] in ferry_words
            assert inside(word, ferry.regions), word
            assert not inside(word, harbour.regions), word
    assert {region.page for region in harbour.regions} == {1}
    assert len(ferry.regions) <= 2  # its headline and its column: one block or two, never one per line


def test_a_byline_that_wraps_to_a_second_line_stays_whole():
    def build(document):
        page = Page(document)
        page.line(40, 90, "Old Town begins clean-up", size=22, font="tibo")
        page.line(40, 110, "By Helen Marchant and Sophie", size=8, font="hebo")
        page.line(40, 120, "Lancaster", size=8, font="hebo")
        y = 135
        for n in range(3):
            y = page.column(40, y, paragraph(n))

    [story] = stories_extract(pdf(build))
    assert story.byline == "By Helen Marchant and Sophie Lancaster"
    assert story.paragraphs == [paragraph(n) for n in range(3)]
