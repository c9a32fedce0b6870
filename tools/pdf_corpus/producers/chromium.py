"""Draws an edition layout as HTML and CSS (absolutely placed frames, CSS multi-column flows) printed to PDF by
Debian's headless Chromium through Playwright.

Chromium rather than WeasyPrint: it is already on every machine that runs the browser tests (CI installs it),
Playwright drives it without downloading anything, its multi-column layout and print path are what many
publishers' web-to-print tools use, and Playwright lets the producer ask the laid-out page whether a frame
overflows before printing. Its habits differ from MuPDF's: Liberation or DejaVu faces, no ligature characters in
the text layer, soft hyphens (U+00AD) left inside words in the text layer, and Skia's own content order.

Playwright's synchronous API refuses to start in a thread that already drives another Playwright (the browser
tests keep one for the whole session), so all browser work runs in a thread of its own.
"""

from __future__ import annotations

import base64
import html
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from tools.pdf_corpus.layouts import (
    FRAME_PADDING,
    RUNNING_HEAD,
    Block,
    EditionLayout,
    Frame,
    LayoutOverflowError,
    PageLayout,
)
from tools.pdf_corpus.markup import blocks_html, picture_jpeg, stylesheet

NAME = "chromium"
CHROMIUM = os.environ.get("NEWSSTAND_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
HEAD_GAP = 4.0

OVERFLOWING_FRAMES = """() => Array.from(document.querySelectorAll('.frame')).filter(frame => {
    const flow = frame.querySelector('.flow');
    return frame.scrollHeight > frame.clientHeight + 1 || frame.scrollWidth > frame.clientWidth + 1
        || (flow && (flow.scrollWidth > flow.clientWidth + 1 || flow.scrollHeight > flow.clientHeight + 1));
}).map(frame => frame.dataset.name)"""


def chromium_available() -> bool:
    return Path(CHROMIUM).exists()


def editions_pdf_render(layouts: list[EditionLayout]) -> list[bytes | LayoutOverflowError]:
    """Each edition's PDF, or the overflow that kept it from printing; one browser for all of them."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_render_all, layouts).result()


def edition_pdf_render(layout: EditionLayout) -> bytes:
    """The edition as PDF bytes; raises LayoutOverflowError when a frame's blocks do not fit."""
    (result,) = editions_pdf_render([layout])
    if isinstance(result, LayoutOverflowError):
        raise result
    return result


def _render_all(layouts: list[EditionLayout]) -> list[bytes | LayoutOverflowError]:
    from playwright.sync_api import sync_playwright  # noqa: PLC0415  (optional: only this producer needs a browser)

    results: list[bytes | LayoutOverflowError] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for layout in layouts:
                page = browser.new_page(viewport={"width": round(layout.width * 4 / 3), "height": 800})
                try:
                    results.append(_render(page, layout))
                except LayoutOverflowError as error:
                    results.append(error)
                finally:
                    page.close()
        finally:
            browser.close()
    return results


def _render(page: Any, layout: EditionLayout) -> bytes:
    page.emulate_media(media="print")
    page.set_content(edition_html(layout), wait_until="load")
    overflowing = page.evaluate(OVERFLOWING_FRAMES)
    if overflowing:
        raise LayoutOverflowError(f"frames that do not fit: {', '.join(overflowing)}")
    pdf: bytes = page.pdf(prefer_css_page_size=True, print_background=True)
    return pdf


def _picture_source(block: Block) -> str:
    assert block.picture is not None
    return "data:image/jpeg;base64," + base64.b64encode(picture_jpeg(block.picture, block.aspect)).decode()


def edition_html(layout: EditionLayout) -> str:
    serif, sans = ("DejaVu Serif", "DejaVu Sans") if layout.wide_faces else ("Liberation Serif", "Liberation Sans")
    css = stylesheet(layout, serif=f"'{serif}', serif", sans=f"'{sans}', sans-serif")
    w, h, margin = layout.width, layout.height, layout.margin
    page_css = f"""
@page {{ size: {w}pt {h}pt; margin: 0; }}
html, body {{ margin: 0; padding: 0; }}
.page {{ position: relative; width: {w}pt; height: {h}pt; overflow: hidden; break-after: page; }}
.frame {{ position: absolute; box-sizing: border-box; display: flex; flex-direction: column; overflow: hidden; }}
.frame.boxed {{ border: 0.8pt solid #595959; background: #f2f0e8; padding: {FRAME_PADDING - 0.8}pt; }}
.frame.ad {{ border: 2pt solid #1a1a1a; background: #fff7e6; justify-content: center; padding: {FRAME_PADDING - 2}pt; }}
.frame.ruled {{ border-top: 0.5pt solid #333333; padding-top: 6pt; }}
.head {{ flex: none; margin-bottom: {HEAD_GAP}pt; }}
.flow {{ flex: 1 1 auto; min-height: 0; column-fill: auto; column-gap: {layout.gutter}pt; }}
.flow.balanced {{ column-fill: balance; }}
img.picture {{ display: block; width: 100%; height: auto; break-inside: avoid; }}
.caption {{ break-before: avoid; }}
.crosshead {{ break-after: avoid; }}
.running {{ position: absolute; left: {margin}pt; right: {margin}pt; top: {margin}pt; height: 14pt;
  border-bottom: 0.8pt solid #000; font: 8pt '{sans}', sans-serif; display: flex;
  justify-content: space-between; }}
.running .title {{ font-weight: bold; text-transform: uppercase; }}
.folio {{ position: absolute; bottom: {margin - 10}pt; font: bold 9pt '{sans}', sans-serif; }}
"""
    pages = "".join(_page_html(layout, page) for page in layout.pages)
    title = html.escape(f"{layout.title}, {layout.date_text}")
    return (
        f'<!DOCTYPE html><html lang="{layout.language}"><head><meta charset="utf-8"><title>{title}</title>'
        f"<style>{page_css}{css}</style></head><body>{pages}</body></html>"
    )


def _page_html(layout: EditionLayout, page: PageLayout) -> str:
    parts = [f'<div class="page" data-page="{page.number}">']
    if page.running_head:
        parts.append(
            f'<div class="running"><span class="title">{html.escape(layout.title)}</span>'
            f"<span>{html.escape(page.section)}</span><span>{html.escape(layout.date_text)}</span></div>"
        )
    for index, frame in enumerate(page.frames):
        parts.append(_frame_html(layout, frame, f"page {page.number} frame {index} ({frame.kind})"))
    if page.folio:
        if layout.kind == "magazine":
            side = f"left: {layout.margin}pt" if page.number % 2 == 0 else f"right: {layout.margin}pt"
        else:
            side = "left: 0; right: 0; text-align: center"
        parts.append(f'<div class="folio" style="{side}">{page.number}</div>')
    parts.append("</div>")
    return "".join(parts)


def _frame_html(layout: EditionLayout, frame: Frame, name: str) -> str:
    box = frame.box
    classes = ["frame", frame.kind] + (["boxed"] if frame.boxed else [])
    if frame.kind == "story" and box.y0 > layout.margin + RUNNING_HEAD + 20:
        classes.append("ruled")
        box = type(box)(box.x0, box.y0 - 7, box.x1, box.y1)
    style = f"left: {box.x0:.2f}pt; top: {box.y0:.2f}pt; width: {box.width:.2f}pt; height: {box.height:.2f}pt"
    inner = ""
    if frame.head:
        inner += f'<div class="head">{blocks_html(frame.head, _picture_source)}</div>'
    if frame.flow:
        balanced = " balanced" if frame.balanced else ""
        inner += (
            f'<div class="flow{balanced}" style="column-count: {frame.columns}">'
            f"{blocks_html(frame.flow, _picture_source)}</div>"
        )
    return f'<div class="{" ".join(classes)}" style="{style}" data-name="{html.escape(name)}">{inner}</div>'
