"""The story of a web page, or of a feed entry's HTML: found with trafilatura, cleared of boilerplate, sanitised into
blocks, with its headline, standfirst, byline, date, language, pictures and their captions. No database here:
importing.py stores what this finds."""

from __future__ import annotations

import copy
import datetime
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.html
import trafilatura
from django.conf.global_settings import LANGUAGES
from django.utils.translation import gettext as _
from trafilatura.utils import load_html

from newsstand.catalog.blocks import Block
from newsstand.ingestion.web.boilerplate import body_lines_prune, page_chrome_prune
from newsstand.ingestion.web.errors import UnreadablePageError
from newsstand.ingestion.web.markup import (
    ImageRef,
    markup_blocks,
    trafilatura_markup,
    words_in,
)
from newsstand.ingestion.web.text import element_text, text_clean

# Our pruning keeps at least this share of the words trafilatura alone finds (after the same line filters), or
# it is taken to have cut into the story.
_PRUNED_MIN_SHARE = 0.7


@dataclass(frozen=True)
class WebStory:
    """A story found in a page. Image blocks in `body` refer to `images` by index."""

    headline: str
    body: list[Block]
    images: list[ImageRef] = field(default_factory=list)
    byline: str = ""
    standfirst: str = ""
    published: datetime.date | None = None
    language: str = ""
    url: str = ""

    @property
    def content_hash(self) -> str:
        return story_content_hash(headline=self.headline, body=self.body)


def story_content_hash(*, headline: str, body: Iterable[Block]) -> str:
    """The same story text gives the same hash, however the page around it changed (whitespace and case aside)."""
    words = [headline, *(block.get("text", "") for block in body)]
    normalised = " ".join(" ".join(words).lower().split())
    return hashlib.sha256(normalised.encode()).hexdigest()


def html_story_extract(content: bytes | str, *, url: str = "") -> WebStory:
    """The story in a web page, without the page around it. Raise UnreadablePageError when there is none."""
    try:
        tree = load_html(content)
    except (TypeError, ValueError) as error:
        raise UnreadablePageError(_("This is not an HTML page we can read.")) from error
    if tree is None:
        raise UnreadablePageError(_("This is not an HTML page we can read."))
    metadata = trafilatura.extract_metadata(copy.deepcopy(tree), default_url=url or None)
    base_url = metadata.url or url
    headline = text_clean(metadata.title or "")
    standfirst = text_clean(metadata.description or "")
    byline = text_clean(metadata.author or "")
    captions = _image_captions(tree, base_url=base_url)

    attributions = _quote_attributions(tree)
    pruned = copy.deepcopy(tree)
    page_chrome_prune(pruned, headline=headline, standfirst=standfirst)

    def story_from(root: Any) -> tuple[list[Block], list[ImageRef]]:
        extracted = _trafilatura_body(root, url=base_url)
        if extracted is None:
            return [], []
        _graphics_resolve(extracted, base_url=base_url)
        blocks, images = markup_blocks(trafilatura_markup(extracted), captions=captions)
        blocks = _quotes_attribute(blocks, attributions)
        if not images and (lead := _lead_image(root, base_url=base_url, captions=captions)):
            blocks, images = [{"type": "image", "image": 0}, *blocks], [lead]
        pruned_lines = body_lines_prune(blocks, headline=headline, standfirst=standfirst, byline=byline)
        return images_renumber(pruned_lines, images)

    blocks, images = story_from(pruned)
    # The safety net under our pruning: should it have taken story with the chrome (a page of one-line
    # paragraphs inside <div class="paywall">, say), trafilatura alone and the line filters do better.
    plain_blocks, plain_images = story_from(tree)
    if words_in(blocks) < _PRUNED_MIN_SHARE * words_in(plain_blocks):
        blocks, images = plain_blocks, plain_images
    if not any(block["type"] == "paragraph" for block in blocks):
        raise UnreadablePageError(_("No story text was found in this page; is it an article?"))
    if not headline:
        raise UnreadablePageError(_("The page has no title to use as the story's headline."))
    return WebStory(
        headline=headline[:300],
        body=blocks,
        images=images,
        byline=byline[:300],
        standfirst=standfirst,
        published=_date_parse(metadata.date),
        language=_page_language(tree),
        url=base_url,
    )


def html_fragment_blocks(
    markup: str, *, base_url: str = "", headline: str = "", standfirst: str = "", byline: str = ""
) -> tuple[list[Block], list[ImageRef]]:
    """Blocks from a piece of HTML that is the story already (a feed entry's content): the same pruning,
    sanitising and line filters as a page, without trafilatura's search for the story."""
    root = lxml.html.fragment_fromstring(markup or "<p></p>", create_parent="div")
    captions = _image_captions(root, base_url=base_url)
    page_chrome_prune(root)
    _images_resolve(root, base_url=base_url)
    blocks, images = markup_blocks(lxml.html.tostring(root, encoding="unicode"), captions=captions)
    return images_renumber(body_lines_prune(blocks, headline=headline, standfirst=standfirst, byline=byline), images)


def images_renumber(body: list[Block], images: list[ImageRef]) -> tuple[list[Block], list[ImageRef]]:
    """Keep the images that image blocks still refer to, numbered in order."""
    kept: list[ImageRef] = []
    renumbered: list[Block] = []
    for block in body:
        if block["type"] == "image":
            kept.append(images[block["image"]])
            block = {"type": "image", "image": len(kept) - 1}
        renumbered.append(block)
    return renumbered, kept


def _trafilatura_body(tree: Any, *, url: str) -> Any:
    document = trafilatura.bare_extraction(
        tree, url=url or None, include_comments=False, include_tables=False, include_images=True,
        include_formatting=False, include_links=False, with_metadata=False,
    )  # fmt: skip
    if document is None or isinstance(document, dict):
        return None
    return document.body


def _graphics_resolve(body: Any, *, base_url: str) -> None:
    for graphic in body.iter("graphic", "img"):
        graphic.set("src", urljoin(base_url, graphic.get("src", "").strip()) if base_url else graphic.get("src", ""))


def _images_resolve(root: Any, *, base_url: str) -> None:
    for image in root.iter("img"):
        src = (image.get("src") or image.get("data-src") or "").strip()
        image.set("src", urljoin(base_url, src) if base_url else src)


_CREDIT_CLASS = re.compile(r"credit|copyright|photographer|byline|source|kilde|quelle", re.IGNORECASE)
_CREDIT_LABEL = r"\b(photo|foto|bild|crédit|credit|illustration)s?\s*:\s*"
_CREDIT_TEXT = re.compile(rf"\s*{_CREDIT_LABEL}(?P<credit>[^.]+)\.?$", re.IGNORECASE)


def _image_captions(root: Any, *, base_url: str) -> dict[str, tuple[str, str]]:
    """Each figure's image address → (caption, credit), read from the untouched page: pruning and trafilatura
    both drop <figcaption>."""
    found: dict[str, tuple[str, str]] = {}
    for figure in root.iter("figure"):
        image = next(figure.iter("img"), None)
        figcaption = next(figure.iter("figcaption"), None)
        if image is None or figcaption is None:
            continue
        credit = ""
        caption_element = copy.deepcopy(figcaption)
        for element in list(caption_element.iter()):
            if element is not caption_element and _CREDIT_CLASS.search(element.get("class", "")):
                credit = re.sub(f"^{_CREDIT_LABEL}", "", text_clean(element_text(element)), flags=re.IGNORECASE)
                element.drop_tree()
        caption = text_clean(caption_element.text_content())
        if not credit and (match := _CREDIT_TEXT.search(caption)):
            credit = text_clean(match.group("credit"))
            caption = text_clean(caption[: match.start()])
        src = (image.get("src") or image.get("data-src") or "").strip()
        found[urljoin(base_url, src) if base_url else src] = (caption, credit)
    return found


def _lead_image(root: Any, *, base_url: str, captions: dict[str, tuple[str, str]]) -> ImageRef | None:
    """The story's picture when trafilatura found none in the text: news pages put it in a <figure> between the
    headline and the body, which trafilatura leaves out."""
    for article in root.iter("article"):
        for figure in article.iter("figure"):
            image = next(figure.iter("img"), None)
            if image is None:
                continue
            src = (image.get("src") or image.get("data-src") or "").strip()
            url = urljoin(base_url, src) if base_url else src
            if urlsplit(url).scheme in {"http", "https"}:
                caption, credit = captions.get(url, (text_clean(image.get("alt", "")), ""))
                return ImageRef(url=url, caption=caption, credit=credit)
    return None


def _quote_attributions(root: Any) -> list[str]:
    """Who each quotation on the page is by (<cite> or <footer> in a <blockquote>); trafilatura runs it into
    the quotation's text."""
    names = []
    for quote in root.iter("blockquote"):
        source = next(quote.iter("cite", "footer"), None)
        if source is not None and (name := text_clean(element_text(source))):
            names.append(name)
    return names


def _quotes_attribute(body: list[Block], attributions: list[str]) -> list[Block]:
    attributed: list[Block] = []
    for block in body:
        if block["type"] == "quote":
            name = next((n for n in attributions if block["text"].endswith(n) and block["text"] != n), "")
            if name:
                text = block["text"][: -len(name)].rstrip(" —–-")
                block = {"type": "quote", "text": text, "attribution": name.lstrip("—–- ")}
        attributed.append(block)
    return attributed


def _date_parse(value: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat((value or "")[:10])
    except ValueError:
        return None


_LANGUAGE_CODES = {code for code, _name in LANGUAGES}
_LANGUAGE_ALIASES = {"no": "nb"}


def language_code(value: str) -> str:
    """A language of ours from an HTML/feed tag such as "nb-NO", "de_DE" or "no"; "" when we have none such."""
    primary = value.strip().lower().replace("_", "-").split("-")[0]
    primary = _LANGUAGE_ALIASES.get(primary, primary)
    return primary if primary in _LANGUAGE_CODES else ""


def _page_language(tree: Any) -> str:
    root = tree.getroottree().getroot()
    candidates = [root.get("lang", ""), root.get("{http://www.w3.org/XML/1998/namespace}lang", "")]
    candidates += [meta.get("content", "") for meta in root.iter("meta") if meta.get("property") == "og:locale"]
    return next((code for code in map(language_code, candidates) if code), "")
