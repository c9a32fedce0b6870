"""Markup → story blocks: nh3 keeps only what a block can show, then paragraphs, headings, quotations and images
are read off what is left; trafilatura's XML is first written as that HTML."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import lxml.html
import nh3

from newsstand.catalog.blocks import Block
from newsstand.ingestion.web.text import text_clean


@dataclass(frozen=True)
class ImageRef:
    """An image of the story as the page shows it; services_web.py fetches it."""

    url: str
    caption: str = ""
    credit: str = ""


# What story blocks can show; nh3 removes everything else, with the contents of script and style.
_ALLOWED_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li", "img", "br", "figure"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def markup_sanitise(markup: str) -> str:
    """Only what a block can show survives: paragraphs, headings, quotations, list items and images with an http(s)
    address; no attribute but an image's src and alt."""
    return nh3.clean(
        markup,
        tags=_ALLOWED_TAGS,
        clean_content_tags={"script", "style", "noscript", "template", "iframe", "object", "svg", "math"},
        attributes={"img": {"src", "alt"}},
        url_schemes={"http", "https"},
        link_rel=None,
        strip_comments=True,
    )


def markup_blocks(
    markup: str, *, captions: dict[str, tuple[str, str]] | None = None
) -> tuple[list[Block], list[ImageRef]]:
    """Blocks from sanitised markup. `captions` maps an image address to its (caption, credit) on the page."""
    captions = captions or {}
    root = lxml.html.fragment_fromstring(markup_sanitise(markup) or "<p></p>", create_parent="div")
    blocks: list[Block] = []
    images: list[ImageRef] = []
    seen: set[str] = set()

    def add_text(kind: str, text: str) -> None:
        text = text_clean(text)
        if text:
            blocks.append({"type": kind, "text": text})

    def add_image(element: Any) -> None:
        src = element.get("src", "")
        if urlsplit(src).scheme in {"http", "https"} and src not in seen:
            seen.add(src)
            caption, credit = captions.get(src, (text_clean(element.get("alt", "")), ""))
            blocks.append({"type": "image", "image": len(images)})
            images.append(ImageRef(url=src, caption=caption, credit=credit))

    def walk(parent: Any) -> None:
        loose = [parent.text or ""]
        for child in parent:
            tag = child.tag.lower() if isinstance(child.tag, str) else ""
            if tag in {"p", "li", "blockquote", "figure"} or tag in _HEADINGS or tag in {"ul", "ol", "img"}:
                _loose_flush(loose, add_text)
                loose = []
            if tag in {"p", "li"}:
                for image in child.iter("img"):
                    add_image(image)
                add_text("paragraph", child.text_content())
            elif tag in _HEADINGS:
                add_text("heading", child.text_content())
            elif tag == "blockquote":
                add_text("quote", child.text_content())
            elif tag in {"ul", "ol", "figure"}:
                walk(child)
            elif tag == "img":
                add_image(child)
            elif tag == "br":
                loose.append("\n\n")
            else:
                loose.append(child.text_content())
            loose.append(child.tail or "")
        _loose_flush(loose, add_text)

    walk(root)
    return blocks, images


# Text between blocks that trafilatura or a feed leaves unwrapped: a paragraph when it reads like one, a button
# label ("Subscribe", "Share") when it does not.
_LOOSE_MIN_WORDS = 8


def _loose_flush(parts: list[str], add_text: Callable[[str, str], None]) -> None:
    for chunk in re.split(r"\n\s*\n", "".join(parts)):
        if len(chunk.split()) >= _LOOSE_MIN_WORDS:
            add_text("paragraph", chunk)


def trafilatura_markup(body: Any) -> str:
    """Trafilatura's XML (<p>, <head>, <quote>, <list>/<item>, <graphic>; HTML tags when its fallback extractors
    answered) as the HTML that nh3 and markup_blocks read."""
    parts: list[str] = []
    for element in body:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        text = _escape(" ".join(element.itertext()))
        if tag in {"graphic", "img"}:
            parts.append(_img_html(element))
        elif tag == "head" or tag in _HEADINGS:
            parts.append(f"<h2>{text}</h2>")
        elif tag in {"quote", "blockquote"}:
            parts.append(f"<blockquote>{text}</blockquote>")
        elif tag in {"list", "ul", "ol"}:
            items = [item for item in element.iter() if item.tag in {"item", "li"}]
            parts.append("<ul>" + "".join(f"<li>{_escape(' '.join(i.itertext()))}</li>" for i in items) + "</ul>")
        elif tag in {"p", "item", "li"}:
            parts.extend(_img_html(image) for image in element.iter("graphic", "img"))
            parts.append(f"<p>{text}</p>")
        elif len(element):  # a container from a fallback extractor: its children are the blocks
            parts.append(_escape(element.text or "") + trafilatura_markup(element))
        else:
            parts.append(f"<p>{text}</p>")
        if element.tail and element.tail.strip():
            parts.append(_escape(element.tail))
    return "".join(parts)


def words_in(body: list[Block]) -> int:
    return sum(len(block.get("text", "").split()) for block in body)


def _img_html(element: Any) -> str:
    src, alt = element.get("src", ""), element.get("alt", "")
    return f'<img src="{_escape(src).replace(chr(34), "&quot;")}" alt="{_escape(alt).replace(chr(34), "&quot;")}">'


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
