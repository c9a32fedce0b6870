"""A PDF opened with care, and its pages → WebP images at the configured widths, a thumbnail, and the page's text.
No database here."""

from __future__ import annotations

import io
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial

import pymupdf
from PIL import Image

# Pages larger than this (in points, about 2.8 m) are refused: rendering them would exhaust memory.
MAX_PAGE_SIDE_PT = 8000.0


class UnreadablePdfError(ValueError):
    """The file is not a PDF we can render; the message says why, for the publisher."""


def page_size_check(page: pymupdf.Page) -> None:
    rect = page.rect
    if max(rect.width, rect.height) > MAX_PAGE_SIDE_PT:
        raise UnreadablePdfError(f"page {page.number + 1} is {rect.width:.0f}×{rect.height:.0f} pt, too large")


@dataclass(frozen=True)
class RenderedPage:
    number: int
    width: float
    height: float
    text: str
    images: dict[int, bytes]  # width in px → WebP bytes
    thumbnail: bytes


def pdf_open(data: bytes) -> pymupdf.Document:
    if b"%PDF-" not in data[:1024]:
        raise UnreadablePdfError("not a readable PDF (the file does not start as a PDF does)")
    try:
        document = pymupdf.open(stream=data, filetype="pdf")
    except Exception as error:  # MuPDF reports broken files in several ways, assertions included
        raise UnreadablePdfError(f"not a readable PDF ({error or type(error).__name__})") from error
    if document.needs_pass:
        raise UnreadablePdfError("the PDF is encrypted; upload it without a password")
    if document.page_count == 0:
        raise UnreadablePdfError("the PDF has no pages")
    return document


def webp_bytes(image: Image.Image, *, quality: int) -> bytes:
    buffer = io.BytesIO()
    # method=4 is Pillow's default balance; higher methods cost several times the time for a few % of size.
    image.save(buffer, format="WEBP", quality=quality, method=4)
    return buffer.getvalue()


@dataclass(frozen=True)
class _Raster:
    number: int
    width: float
    height: float
    text: str
    image: Image.Image


def _page_raster(page: pymupdf.Page, widths: Sequence[int]) -> _Raster:
    """Render once at the largest width, then downscale (_page_encode): cheaper than one rasterisation per width."""
    page_size_check(page)
    rect = page.rect
    zoom = max(widths) / rect.width
    pixmap = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False)
    image = Image.frombytes("RGB", (pixmap.width, pixmap.height), pixmap.samples)
    return _Raster(page.number + 1, rect.width, rect.height, page.get_text("text"), image)


def _page_encode(raster: _Raster, *, widths: Sequence[int], thumbnail_width: int, quality: int) -> RenderedPage:
    full = raster.image
    images = {}
    for width in sorted(widths, reverse=True):
        scaled = full if width == full.width else _scaled(full, width)
        images[width] = webp_bytes(scaled, quality=quality)
    thumbnail = webp_bytes(_scaled(full, thumbnail_width), quality=quality)
    return RenderedPage(raster.number, raster.width, raster.height, raster.text, images, thumbnail)


def _scaled(image: Image.Image, width: int) -> Image.Image:
    height = max(1, round(image.height * width / image.width))
    return image.resize((width, height), Image.Resampling.LANCZOS)


def pdf_pages_render(
    document: pymupdf.Document,
    *,
    widths: Sequence[int],
    thumbnail_width: int,
    quality: int,
    workers: int = 2,
) -> Iterator[RenderedPage]:
    """Every page, in order. Encoding WebP costs several times the rasterising, and Pillow encodes without
    holding the GIL: so the pages are rasterised here, one at a time (MuPDF is not thread-safe), and encoded by
    `workers` threads. At most `workers` pages wait in memory, whatever the page count."""
    encode = partial(_page_encode, widths=widths, thumbnail_width=thumbnail_width, quality=quality)
    if workers <= 1:
        for page in document:
            yield encode(_page_raster(page, widths))
        return
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="webp") as pool:
        pending: deque[Future[RenderedPage]] = deque()
        for page in document:
            pending.append(pool.submit(encode, _page_raster(page, widths)))
            if len(pending) >= workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
