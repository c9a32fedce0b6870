"""Plans a test edition from its seed: page size and grid, tiers of frames, the stories that fill them with their
jumps, sidebars, advertisements, the masthead, a magazine's cover and contents. What the plan means for the truth is
explained in `layouts`.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from tools.pdf_corpus.content import Writer, plain, sentences_split
from tools.pdf_corpus.ground_truth import StoryTruth
from tools.pdf_corpus.layouts import (
    FRAME_PADDING,
    LINE,
    RUNNING_HEAD,
    Block,
    Box,
    EditionLayout,
    EditionSpec,
    Frame,
    PageLayout,
    block_height,
    blocks_height,
)

NEWSPAPER_SIZES = {"tabloid": (794.0, 1134.0), "berliner": (893.0, 1332.0), "compact": (842.0, 1191.0)}
MAGAZINE_SIZES = {"a4": (595.0, 842.0), "letter": (612.0, 792.0), "large-digest": (576.0, 756.0)}
FOLIO = 18.0
MASTHEAD = 96.0
TIER_GAP = 14.0


@dataclass
class _Slot:
    box: Box
    columns: int
    kind: str  # story, sidebar, ad
    page: int


def edition_layout_build(spec: EditionSpec, *, fill: float = 0.85) -> EditionLayout:
    """Plan and fill an edition. `fill` is the share of each frame's estimated room that text may take."""
    rng = random.Random(spec.seed)  # noqa: S311 - test data, not secrets
    writer = Writer(spec.language, rng)
    if spec.kind == "newspaper":
        size_name = rng.choice([n for n in NEWSPAPER_SIZES if not (n == "tabloid" and spec.grid > 5)])
        width, height = NEWSPAPER_SIZES[size_name]
        title, margin, body = rng.choice(writer.words.newspapers), rng.uniform(28, 36), rng.choice([8.5, 9.0, 9.5])
    else:
        size_name = rng.choice(list(MAGAZINE_SIZES))
        width, height = MAGAZINE_SIZES[size_name]
        title, margin, body = rng.choice(writer.words.magazines), rng.uniform(38, 48), rng.choice([9.0, 9.5, 10.0])
    date = datetime.date(2024, 1, 1) + datetime.timedelta(days=rng.randrange(700))
    layout = EditionLayout(
        kind=spec.kind, language=spec.language, title=title, date_text=writer.date_text(date), size_name=size_name,
        width=width, height=height, margin=round(margin, 1), gutter=rng.choice([10.0, 12.0, 14.0]), grid=spec.grid,
        body_size=body, serif_body=rng.random() < 0.75, justify=rng.random() < 0.6, wide_faces=rng.random() < 0.5,
    )  # fmt: skip
    filler = _Filler(layout, writer, rng, fill, spec.page_count)
    if spec.kind == "newspaper":
        _newspaper_fill(filler)
    else:
        _magazine_fill(filler)
    return layout


class _Filler:
    def __init__(self, layout: EditionLayout, writer: Writer, rng: random.Random, fill: float, pages: int) -> None:
        self.layout, self.writer, self.rng, self.fill, self.page_count = layout, writer, rng, fill, pages
        self.picture_seed = rng.randrange(1 << 30)
        self.standfirsts: dict[int, str] = {}  # story id → the standfirst with its hyphenation marks

    @property
    def body(self) -> float:
        return self.layout.body_size

    def content_box(self, *, top_extra: float = 0.0) -> Box:
        layout = self.layout
        return Box(
            layout.margin,
            layout.margin + RUNNING_HEAD + top_extra,
            layout.width - layout.margin,
            layout.height - layout.margin - FOLIO,
        )

    def next_picture(self) -> int:
        self.picture_seed += 1
        return self.picture_seed

    def page(self, number: int, section: str, *, running_head: bool = True, folio: bool = True) -> PageLayout:
        page = PageLayout(number=number, section=section, running_head=running_head, folio=folio)
        self.layout.pages.append(page)
        return page

    def tiers(self, page: int, box: Box, tier_count: int, *, ad_bottom: bool, sidebars: bool) -> list[_Slot]:
        """Split a page's content box into tiers and each tier into frames on the column grid."""
        grid, gutter, rng = self.layout.grid, self.layout.gutter, self.rng
        weights = [rng.uniform(1.0, 2.0) for _ in range(tier_count)]
        if ad_bottom:
            weights[-1] = 0.8
        room = box.height - (tier_count - 1) * TIER_GAP
        column = self.layout.column_width(grid, box.width)
        slots: list[_Slot] = []
        y = box.y0
        for index, weight in enumerate(weights):
            tier_height = room * weight / sum(weights)
            spans = _spans(grid, rng)
            kinds = ["story"] * len(spans)
            if ad_bottom and index == tier_count - 1:
                kinds = ["ad"] * len(spans) if rng.random() < 0.5 else ["ad"] + ["story"] * (len(spans) - 1)
            elif sidebars and len(spans) >= 2 and min(spans) <= 2 and rng.random() < 0.35:
                kinds[spans.index(min(spans))] = "sidebar"
            x = box.x0
            tier_slots = []
            for span, kind in zip(spans, kinds, strict=True):
                frame_width = span * column + (span - 1) * gutter
                tier_slots.append(_Slot(Box(x, y, x + frame_width, y + tier_height), span, kind, page))
                x += frame_width + gutter
            slots.extend(tier_slots)
            y += tier_height + TIER_GAP
        return slots

    # --- frames ------------------------------------------------------------------------------------------------

    def ad_frame(self, box: Box) -> Frame:
        ad, body = self.writer.advertisement(), self.body
        inner = box.inset(FRAME_PADDING)
        size = round(_size_for_words(ad.brand, inner.width, 2.6 * body), 1)
        blocks: list[Block] = []
        for block in (Block("ad_brand", ad.brand, size=size), Block("ad_slogan", ad.slogan),
                      Block("ad_offer", ad.offer), Block("ad_contact", ad.contact)):  # fmt: skip
            if blocks_height([*blocks, block], inner.width, body) <= 0.85 * inner.height:
                blocks.append(block)
        return Frame("ad", box, 1, head=blocks, boxed=True)

    def sidebar_frame(self, slot: _Slot, section: str) -> Frame:
        sidebar = self.writer.sidebar()
        inner = slot.box.inset(FRAME_PADDING)
        head = [Block("sidebar_title", sidebar.title)]
        room = (inner.height - blocks_height(head, inner.width, self.body)) * self.fill
        width = self.layout.column_width(slot.columns, inner.width)
        items: list[Block] = []
        for item in sidebar.items:
            block = Block("sidebar_item", item)
            if blocks_height([*items, block], width, self.body) > room * slot.columns - 2 * self.body:
                break
            items.append(block)
        frame = Frame("sidebar", slot.box, slot.columns, head=head, flow=items, boxed=True)
        if items:
            self.layout.stories.append(
                StoryTruth(
                    headline=plain(sidebar.title), section=section, paragraphs=[plain(b.text) for b in items],
                    pages=[slot.page],
                )
            )  # fmt: skip
        return frame

    def story_head(self, slot: _Slot, *, lead: bool, story: StoryTruth) -> list[Block]:
        body, rng = self.body, self.rng
        width = slot.box.width
        size = (rng.uniform(26, 36) if lead else rng.uniform(15, 21)) * (1.25 if self.layout.kind == "magazine" else 1)
        size = _size_for_words(story.headline, width, size)
        head = [Block("headline", story.headline, size=round(size, 1))]
        if story.standfirst:
            head.append(Block("standfirst", self.standfirsts[id(story)]))
        if story.byline:
            head.append(Block("byline", story.byline))
        front = lead and slot.page == 1  # the front page's lead story always tries a picture
        if slot.columns >= 2 and (front or rng.random() < (0.7 if lead else 0.3)):
            aspect = min(rng.choice([0.5, 0.56, 0.62]), 0.3 * slot.box.height / width)
            caption = self.writer.caption()
            picture = [Block("picture", picture=self.next_picture(), aspect=aspect), Block("caption", caption)]
            if aspect >= 0.35 and blocks_height(head + picture, width, body) < 0.55 * slot.box.height:
                head.extend(picture)
                story.captions.append(plain(caption))
        while blocks_height(head, width, body) > 0.6 * slot.box.height and len(head) > 1:
            removed = head.pop(1)
            if removed.kind == "standfirst":
                story.standfirst = ""
            elif removed.kind == "byline":
                story.byline = ""
            elif removed.kind == "caption":
                story.captions.pop()
        return head

    def flow_fill(
        self, story: StoryTruth, frame: Frame, *, carry: str, continues: bool, extras: bool
    ) -> tuple[list[Block], str]:
        """Fill a frame's columns with the story's paragraphs; return the blocks and the text to carry on.

        `carry` is the rest of a paragraph that an earlier frame began. When `continues`, the last paragraph that
        does not fit is broken at a sentence end and its rest returned, so the next frame goes on with it.
        """
        layout, rng, body = self.layout, self.rng, self.body
        head_height = blocks_height(frame.head, frame.box.width, body) + 4
        width = layout.column_width(frame.columns, frame.box.width)
        column_height = frame.box.height - head_height
        room = (frame.columns * column_height - frame.columns * 1.2 * body * LINE) * self.fill
        if continues:
            room -= block_height(Block("jump_to", "x"), width, body) if layout.kind == "newspaper" else 0
        blocks: list[Block] = []
        used = 0.0

        def fits(candidate: Block) -> bool:
            return used + block_height(candidate, width, body) <= room

        if carry:
            block = Block("paragraph", carry)
            if not fits(block) and continues:
                first, carry_on = self._split(carry, room - used, width)
                if first:
                    blocks.append(Block("paragraph", first))
                return blocks, carry_on
            blocks.append(block)
            used += block_height(block, width, body)
        pullquote_done = crosshead_done = False
        if extras and not carry and rng.random() < 0.4:
            # Pictures open the flow: at the top of a column, where neither picture nor caption is split.
            caption = self.writer.caption()
            pair = [Block("picture", picture=self.next_picture(), aspect=rng.choice([0.5, 0.62, 0.75])),
                    Block("caption", caption)]  # fmt: skip
            height = blocks_height(pair, width, body)
            if height < 0.6 * column_height and height < room / 2:
                blocks.extend(pair)
                used += blocks_height(pair, width, body)
                story.captions.append(plain(caption))
        failures = 0
        while failures < 3:
            roll = rng.random()
            if extras and not pullquote_done and roll < 0.4 and len(story.paragraphs) >= 2 and room > 600:
                pullquote_done = True
                block = Block("pullquote", self.writer.pull_quote(story.paragraphs))
                if fits(block):
                    blocks.append(block)
                    used += block_height(block, width, body)
                continue
            if extras and not crosshead_done and roll < 0.5 and len(story.paragraphs) >= 3 and room > 500:
                crosshead_done = True
                block = Block("crosshead", self.writer.crosshead())
                if fits(block) and used + 2 * block_height(block, width, body) + 3 * body * LINE < room:
                    blocks.append(block)
                    used += block_height(block, width, body)
                    story.paragraphs.append(plain(block.text))
                continue
            text = self.writer.paragraph()
            block = Block("paragraph", text)
            if fits(block):
                blocks.append(block)
                used += block_height(block, width, body)
                story.paragraphs.append(plain(text))
                continue
            if continues:
                first, rest = self._split(text, room - used, width)
                if first:
                    blocks.append(Block("paragraph", first))
                    story.paragraphs.append(plain(text))
                    return blocks, rest
                story.paragraphs.append(plain(text))
                return blocks, text
            failures += 1
        if blocks and blocks[-1].kind == "crosshead":  # a crosshead never ends a story
            blocks.pop()
            story.paragraphs.pop()
        return blocks, ""

    def _split(self, text: str, room: float, width: float) -> tuple[str, str]:
        """The longest run of whole sentences of `text` that fits in `room`, and the rest."""
        sentences = sentences_split(text)
        taken = 0
        for count in range(1, len(sentences)):
            if block_height(Block("paragraph", " ".join(sentences[:count])), width, self.body) <= room:
                taken = count
        if taken == 0:
            return "", text
        return " ".join(sentences[:taken]), " ".join(sentences[taken:])

    def new_story(self, section: str, page: int, *, lead: bool) -> StoryTruth:
        rng, writer = self.rng, self.writer
        standfirst = writer.standfirst() if rng.random() < (0.8 if lead else 0.35) else ""
        story = StoryTruth(
            headline=writer.headline(),
            standfirst=plain(standfirst),
            byline=writer.byline() if rng.random() < 0.8 else "",
            section=section,
            pages=[page],
        )
        self.standfirsts[id(story)] = standfirst
        self.layout.stories.append(story)
        return story

    def story_place(self, story: StoryTruth, slots: list[_Slot], *, lead: bool, pages: dict[int, PageLayout]) -> None:
        """Put a story into its frames: the first with the head, the others after a jump or a page turn."""
        carry = ""
        layout = self.layout
        for index, slot in enumerate(slots):
            last = index == len(slots) - 1
            frame = Frame("story", slot.box, slot.columns)
            if index == 0:
                frame.head = self.story_head(slot, lead=lead, story=story)
            elif layout.kind == "newspaper":
                jump_head = story.headline if self.rng.random() < 0.5 else story.headline.split()[-1].upper()
                size = round(_size_for_words(jump_head, slot.box.width, 1.6 * self.body), 1)
                frame.head = [Block("jump_head", jump_head, size=size),
                              Block("jump_from", self.writer.continued_from(slots[0].page))]  # fmt: skip
            frame.flow, carry = self.flow_fill(story, frame, carry=carry, continues=not last, extras=index == 0 or last)
            if not last and layout.kind == "newspaper":
                frame.flow.append(Block("jump_to", self.writer.continued_on(slots[index + 1].page)))
            frame.balanced = last and self.rng.random() < 0.5
            pages[slot.page].frames.append(frame)
            if slot.page not in story.pages:
                story.pages.append(slot.page)
        story.pages.sort()


def _size_for_words(text: str, width: float, size: float) -> float:
    """At most `size`, and small enough that the longest word fits the width (headlines are never hyphenated)."""
    longest = max(len(word) for word in text.split())
    return min(size, width / 5, width / (0.7 * longest))


def _spans(grid: int, rng: random.Random) -> list[int]:
    """Column spans of the frames side by side in one tier; they add up to the grid."""
    if grid <= 2:
        return [grid] if rng.random() < 0.6 else [1, 1]
    count = rng.choice([1, 2, 2, 3] if grid >= 5 else [1, 2, 2])
    if count == 1:
        return [grid]
    if count == 2:
        first = rng.randint(1 if grid <= 4 else 2, grid - (1 if grid <= 4 else 2))
        return [first, grid - first]
    first = rng.randint(1, grid - 3)
    second = rng.randint(1, grid - first - 1)
    return [first, second, grid - first - second]


def _sections_for_pages(writer: Writer, count: int, rng: random.Random) -> list[str]:
    sections, names = [], list(writer.words.sections)
    index, left = 0, rng.randint(2, 3)
    for _ in range(count):
        sections.append(names[index % len(names)])
        left -= 1
        if left == 0:
            index, left = index + 1, rng.randint(2, 3)
    return sections


def _newspaper_fill(filler: _Filler) -> None:
    layout, rng, writer = filler.layout, filler.rng, filler.writer
    sections = _sections_for_pages(writer, filler.page_count, rng)
    pages: dict[int, PageLayout] = {}
    slots_by_page: dict[int, list[_Slot]] = {}
    ad_page = len(sections) if len(sections) >= 8 and rng.random() < 0.6 else 0
    for number, section in enumerate(sections, start=1):
        pages[number] = filler.page(number, section)
        if number == 1:
            box = filler.content_box(top_extra=MASTHEAD)
            masthead = Box(layout.margin, layout.margin + RUNNING_HEAD, layout.width - layout.margin, box.y0 - 8)
            size = min(52.0, masthead.width / (0.62 * len(layout.title)))
            pages[1].frames.append(
                Frame("masthead", masthead, 1, head=[Block("mh_title", layout.title, size=round(size, 1)),
                                                     Block("mh_date", f"{layout.date_text} · {rng.randint(2, 250)}")])
            )  # fmt: skip
            slots_by_page[number] = filler.tiers(number, box, rng.randint(2, 3), ad_bottom=False, sidebars=True)
        elif number == ad_page:
            pages[number].frames.append(filler.ad_frame(filler.content_box()))
            slots_by_page[number] = []
        else:
            slots_by_page[number] = filler.tiers(
                number, filler.content_box(), rng.randint(2, 4), ad_bottom=rng.random() < 0.45, sidebars=True
            )
    # Jumps: a story of page 1 or 2 goes on in a story frame at least two pages later.
    targets = [s for n in sorted(slots_by_page) if n >= 3 for s in slots_by_page[n] if s.kind == "story"]
    sources = [s for n in (1, 2) for s in slots_by_page.get(n, []) if s.kind == "story"]
    rng.shuffle(targets)
    jumps: dict[int, _Slot] = {}
    for source in sources[: max(1, len(sections) // 3)]:
        later = [t for t in targets if t.page >= source.page + 2] or [t for t in targets if t.page > source.page]
        if later and rng.random() < 0.8:
            target = later[0]
            targets.remove(target)
            jumps[id(source)] = target
    continuation_ids = {id(t) for t in jumps.values()}
    for number in sorted(slots_by_page):
        story_slots = [s for s in slots_by_page[number] if s.kind == "story" and id(s) not in continuation_ids]
        lead = max(story_slots, key=lambda s: s.box.width * s.box.height, default=None)
        for slot in slots_by_page[number]:
            if slot.kind == "ad":
                pages[number].frames.append(filler.ad_frame(slot.box))
            elif slot.kind == "story" and id(slot) not in continuation_ids:
                story = filler.new_story(pages[number].section, number, lead=slot is lead)
                chain = [slot, jumps[id(slot)]] if id(slot) in jumps else [slot]
                filler.story_place(story, chain, lead=slot is lead, pages=pages)
        for slot in slots_by_page[number]:
            if slot.kind == "sidebar":
                pages[number].frames.append(filler.sidebar_frame(slot, pages[number].section))


def _magazine_fill(filler: _Filler) -> None:
    layout, rng, writer = filler.layout, filler.rng, filler.writer
    total = filler.page_count
    pages: dict[int, PageLayout] = {}
    cover = filler.page(1, "", running_head=False, folio=False)
    pages[1] = cover
    contents = filler.page(2, writer.words.contents)
    pages[2] = contents
    features: list[tuple[StoryTruth, int]] = []
    number = 3
    while number <= total:
        left = total - number + 1
        roll = rng.random()
        if (number == total and rng.random() < 0.6) or (roll < 0.15 and left >= 1):
            pages[number] = filler.page(number, "", running_head=False)
            pages[number].frames.append(filler.ad_frame(filler.content_box()))
            number += 1
        elif roll < 0.4 or left == 1:
            section = writer.words.sections[0]
            pages[number] = filler.page(number, section)
            slots = filler.tiers(number, filler.content_box(), rng.randint(2, 3), ad_bottom=rng.random() < 0.3,
                                 sidebars=True)  # fmt: skip
            lead = max((s for s in slots if s.kind == "story"), key=lambda s: s.box.height * s.columns, default=None)
            for slot in slots:
                if slot.kind == "ad":
                    pages[number].frames.append(filler.ad_frame(slot.box))
                elif slot.kind == "story":
                    story = filler.new_story(section, number, lead=slot is lead)
                    filler.story_place(story, [slot], lead=slot is lead, pages=pages)
            for slot in slots:
                if slot.kind == "sidebar":
                    pages[number].frames.append(filler.sidebar_frame(slot, section))
            number += 1
        else:
            length = min(left, rng.randint(1, 3))
            section = rng.choice(writer.words.sections[1:])
            chain = []
            for offset in range(length):
                page = filler.page(number + offset, section)
                pages[page.number] = page
                box = filler.content_box()
                last = offset == length - 1
                if last and length > 1 and rng.random() < 0.5:
                    split = box.y0 + box.height * rng.uniform(0.6, 0.72)
                    extra = Box(box.x0, split + TIER_GAP, box.x1, box.y1)
                    box = Box(box.x0, box.y0, box.x1, split)
                    extra_slot = _Slot(extra, layout.grid, "sidebar" if rng.random() < 0.5 else "ad", page.number)
                    if extra_slot.kind == "ad":
                        page.frames.append(filler.ad_frame(extra))
                    else:
                        page.frames.append(filler.sidebar_frame(extra_slot, section))
                chain.append(_Slot(box, layout.grid, "story", page.number))
            story = filler.new_story(section, number, lead=True)
            filler.story_place(story, chain, lead=True, pages=pages)
            features.append((story, number))
            number += length
    _cover_and_contents(filler, cover, contents, features)


def _cover_and_contents(
    filler: _Filler, cover: PageLayout, contents: PageLayout, features: list[tuple[StoryTruth, int]]
) -> None:
    layout, rng = filler.layout, filler.rng
    box = Box(layout.margin, layout.margin, layout.width - layout.margin, layout.height - layout.margin)
    size = min(64.0, box.width / (0.62 * len(layout.title)))
    blocks = [Block("cv_title", layout.title, size=round(size, 1)), Block("cv_date", layout.date_text),
              Block("picture", picture=filler.next_picture(), aspect=0.62)]  # fmt: skip
    blocks += [Block("cv_line", story.headline) for story, _ in features[:3]]
    cover.frames.append(Frame("cover", box, 1, head=blocks))
    entries = [Block("ct_title", filler.writer.words.contents)]
    for story, page in features:
        entries.append(Block("ct_entry", f"{page}  {story.headline}"))
    featured = {id(story) for story, _ in features}
    for story in layout.stories:
        if len(entries) < 24 and story.pages[0] > 2 and id(story) not in featured and rng.random() < 0.3:
            entries.append(Block("ct_entry", f"{story.pages[0]}  {story.headline}"))
    contents.frames.append(Frame("contents", filler.content_box(), 1, head=entries))
