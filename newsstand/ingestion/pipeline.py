"""What the worker runs for one PDF edition (edition_ingest_run): check the file, render its pages, find its
stories, save them as drafts, and write the job's progress as it goes. Queueing the job is services.py's."""

from __future__ import annotations

import io
import logging
import time
from collections.abc import Callable
from typing import Any

import pymupdf
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image

from newsstand.catalog.blocks import Block
from newsstand.catalog.models import Edition, Page, Story
from newsstand.catalog.services import StoryImageInput, content_tag, edition_cover_save, story_create
from newsstand.ingestion.models import EditionIngestion
from newsstand.ingestion.pdf import (
    EXTRACTOR_VERSION,
    ExtractedImage,
    ExtractedStory,
    RenderedPage,
    UnreadablePdfError,
    headline_key,
    page_size_check,
    pdf_open,
    pdf_pages_render,
    stories_extract,
)

logger = logging.getLogger(__name__)


# --- the pages: rendered to WebP and stored, the first one as the cover ------------------------------------------


def page_image_name(edition: Edition, number: int, label: str, content: bytes) -> str:
    # Page images live under pages/, which the public media route never serves: they go through the reader views.
    day = edition.issue_date.isoformat()
    return f"pages/{edition.publication.slug}/{day}/{number:04d}-{label}-{content_tag(content)}.webp"


def _store(name: str, content: bytes) -> str:
    if default_storage.exists(name):
        default_storage.delete(name)
    return default_storage.save(name, ContentFile(content))


def edition_pages_render(
    *,
    edition: Edition,
    document: pymupdf.Document | None = None,
    on_page: Callable[[int, int], None] | None = None,
) -> int:
    """Render every page of the edition's PDF to WebP renditions, keep each page's text; return the page count.

    Running it again replaces the pages, so a re-upload or a better renderer simply runs it once more.
    `on_page(done, total)` hears of each page as it is stored (progress, and the time limit).
    """
    if document is None:
        with edition.source_pdf.open("rb") as handle:
            document = pdf_open(handle.read())
    count = 0
    total = document.page_count
    with document:
        for rendered in pdf_pages_render(
            document,
            widths=settings.NEWSSTAND_PAGE_WIDTHS,
            thumbnail_width=settings.NEWSSTAND_THUMBNAIL_WIDTH,
            quality=settings.NEWSSTAND_WEBP_QUALITY,
            workers=settings.NEWSSTAND_INGEST_ENCODE_THREADS,
        ):
            _page_store(edition, rendered)
            count = rendered.number
            if on_page is not None:
                on_page(count, total)
    with transaction.atomic():
        Page.objects.filter(edition=edition, number__gt=count).delete()
        Edition.objects.filter(pk=edition.pk).update(page_count=count)
    edition.page_count = count
    logger.info("edition %s: rendered %d pages", edition.pk, count)
    return count


def _page_store(edition: Edition, rendered: RenderedPage) -> None:
    renditions = {
        str(width): _store(page_image_name(edition, rendered.number, str(width), content), content)
        for width, content in rendered.images.items()
    }
    thumbnail = _store(page_image_name(edition, rendered.number, "thumb", rendered.thumbnail), rendered.thumbnail)
    Page.objects.update_or_create(
        edition=edition,
        number=rendered.number,
        defaults={"width": rendered.width, "height": rendered.height, "text": rendered.text,
                  "renditions": renditions, "thumbnail": thumbnail},
    )  # fmt: skip
    if rendered.number == 1:
        edition_cover_save(edition=edition, content=_cover_from(rendered))


def _cover_from(rendered: RenderedPage) -> bytes:
    """The cover is the first page at the middle width: sharp in a grid, light to load."""
    widths = sorted(rendered.images)
    return rendered.images[widths[len(widths) // 2]]


# --- a PDF edition, end to end: check, render, find stories, save them ------------------------------------------


class IngestionStopped(Exception):
    """The job stops here for a reason the publisher can act on; the message says which."""


def _progress(ingestion: EditionIngestion, **fields: Any) -> None:
    """Write progress at once (outside any long transaction), so the admin shows it while the job runs."""
    for name, value in fields.items():
        setattr(ingestion, name, value)
    EditionIngestion.objects.filter(pk=ingestion.pk).update(**fields)


def edition_ingest_run(*, ingestion_id: int) -> EditionIngestion:
    """Run one ingestion to its end: failed (with the reason), partial (with what was left out) or done.

    Never raises for a bad file: the worker goes on to the next job. The original file stays; nothing is
    published; pages and stories of a failed run are removed, those of a partial run kept."""
    ingestion = EditionIngestion.objects.select_related("edition__publication").get(pk=ingestion_id)
    started = time.monotonic()
    _progress(ingestion, status=EditionIngestion.Status.RUNNING, stage=EditionIngestion.Stage.CHECKING,
              started_at=timezone.now(), finished_at=None, message="", pages_done=0)  # fmt: skip
    try:
        notes = _ingest(ingestion, started)
    except (UnreadablePdfError, IngestionStopped) as error:
        return _fail(ingestion, str(error))
    except Exception as error:  # a bug or a file MuPDF chokes on: this job fails, the worker lives
        logger.exception("ingestion %s of edition %s failed", ingestion.pk, ingestion.edition_id)
        return _fail(
            ingestion, _("Unexpected error while reading the PDF (%(error)s).") % {"error": type(error).__name__}
        )
    status = EditionIngestion.Status.PARTIAL if notes else EditionIngestion.Status.DONE
    _progress(ingestion, status=status, stage=EditionIngestion.Stage.FINISHED, message=" ".join(notes),
              finished_at=timezone.now(), extractor_version=EXTRACTOR_VERSION)  # fmt: skip
    logger.info("ingestion %s: %s, %d pages, %d stories", ingestion.pk, status, ingestion.pages_total,
                ingestion.stories_found)  # fmt: skip
    return ingestion


def _fail(ingestion: EditionIngestion, reason: str) -> EditionIngestion:
    edition = ingestion.edition
    with transaction.atomic():
        edition.pages.all().delete()
        edition.stories.filter(origin=Story.Origin.PDF, edited=False).delete()
        Edition.objects.filter(pk=edition.pk).update(page_count=0)
    _progress(ingestion, status=EditionIngestion.Status.FAILED, message=reason, finished_at=timezone.now())
    logger.warning("ingestion %s of edition %s failed: %s", ingestion.pk, edition.pk, reason)
    return ingestion


def _ingest(ingestion: EditionIngestion, started: float) -> list[str]:
    """The stages; returns notes on what was left out (a partial result), raises to fail."""
    edition = ingestion.edition
    with edition.source_pdf.open("rb") as handle:
        content = handle.read()
    document = pdf_open(content)
    notes = pdf_warnings(document)
    _limits_check(document)
    _progress(ingestion, stage=EditionIngestion.Stage.RENDERING, pages_total=document.page_count)
    deadline = started + settings.NEWSSTAND_INGEST_MAX_SECONDS

    def on_page(done: int, total: int) -> None:
        _progress(ingestion, pages_done=done)
        if time.monotonic() > deadline:
            raise IngestionStopped(
                _("Stopped after %(seconds)d seconds at page %(page)d of %(total)d: the limit per edition.")
                % {"seconds": settings.NEWSSTAND_INGEST_MAX_SECONDS, "page": done, "total": total}
            )

    edition_pages_render(edition=edition, document=document, on_page=on_page)
    _progress(ingestion, stage=EditionIngestion.Stage.EXTRACTING)
    if not _has_text_layer(edition):
        notes.append(str(_("No text layer: pages rendered, stories not extracted.")))
        return notes
    with pdf_open(content) as document:  # one reading serves the text and the pictures cut from the pages
        stories = stories_extract(document)
        _progress(ingestion, stage=EditionIngestion.Stage.SAVING)
        ingestion.stories_found = _stories_replace(edition, stories, document)
    _progress(ingestion, stories_found=ingestion.stories_found)
    if not stories:
        notes.append(str(_("No story found in the text layer.")))
    return notes


def pdf_warnings(document: pymupdf.Document) -> list[str]:
    """What the file carries that we never run or keep (scripts, attachments): ingestion goes on, and says so."""
    notes = []
    if document.embfile_count():
        notes.append(str(_("The PDF has embedded files; they were ignored.")))
    if _has_javascript(document):
        notes.append(str(_("The PDF contains JavaScript; it was ignored.")))
    return notes


def _has_javascript(document: pymupdf.Document) -> bool:
    for xref in range(1, document.xref_length()):
        try:
            keys = document.xref_get_keys(xref)
        except RuntimeError:
            continue
        if "JS" in keys or "JavaScript" in keys:
            return True
    return False


def _limits_check(document: pymupdf.Document) -> None:
    pages: int = settings.NEWSSTAND_INGEST_MAX_PAGES
    if document.page_count > pages:
        raise IngestionStopped(
            _("The PDF has %(count)d pages; editions of up to %(limit)d pages are accepted.")
            % {"count": document.page_count, "limit": pages}
        )
    largest: int = max(settings.NEWSSTAND_PAGE_WIDTHS)
    for page in document:
        page_size_check(page)
        pixels = largest * largest * page.rect.height / max(page.rect.width, 1.0)
        if pixels > settings.NEWSSTAND_INGEST_MAX_PAGE_PIXELS:
            raise IngestionStopped(
                _("Page %(page)d is %(width).0f×%(height).0f pt: too narrow and tall to render at %(px)d px wide.")
                % {"page": page.number + 1, "width": page.rect.width, "height": page.rect.height, "px": largest}
            )


# A page with fewer characters than this in its text layer counts as a scan without text.
TEXT_LAYER_MIN_CHARS = 200


def _has_text_layer(edition: Edition) -> bool:
    texts = edition.pages.values_list("text", flat=True)
    return sum(len(text.strip()) for text in texts) >= TEXT_LAYER_MIN_CHARS


def _stories_replace(edition: Edition, stories: list[ExtractedStory], document: pymupdf.Document) -> int:
    """Replace the drafts an earlier ingestion made and nobody edited; keep every story a person touched (and
    skip a found story whose headline such a story already has)."""
    with transaction.atomic():
        edition.stories.filter(origin=Story.Origin.PDF, edited=False).delete()
        kept = {headline_key(headline) for headline in edition.stories.values_list("headline", flat=True)}
        position = edition.stories.count()
        created = 0
        for found in stories:
            if headline_key(found.headline) in kept:
                continue
            images = [_image_input(document, image, index) for index, image in enumerate(found.images)]
            story_create(
                edition=edition, headline=found.headline[:300], standfirst=found.standfirst,
                byline=found.byline[:300], section=found.section[:100], pages=found.pages,
                body=_body(found.paragraphs, found.crossheads, len(images)), images=images, position=position + created,
                origin=Story.Origin.PDF, regions=[region.as_json() for region in found.regions],
            )  # fmt: skip
            created += 1
    return created


def _body(paragraphs: list[str], crossheads: set[int], images: int) -> list[Block]:
    """Paragraphs and crossheads, with the pictures after the first one (where a reader meets a story's picture)."""
    blocks: list[Block] = [
        {"type": "heading" if index in crossheads else "paragraph", "text": text}
        for index, text in enumerate(paragraphs)
    ]
    pictures: list[Block] = [{"type": "image", "image": index} for index in range(images)]
    return blocks[:1] + pictures + blocks[1:]


# Pictures are cut from the page at this many pixels per point: sharp on a phone, light to store.
PICTURE_ZOOM = 2.0


def _image_input(document: pymupdf.Document, image: ExtractedImage, index: int) -> StoryImageInput:
    picture = image.picture
    page = document[picture.page - 1]
    clip = pymupdf.Rect(picture.x0, picture.y0, picture.x1, picture.y1) & page.rect
    pixmap = page.get_pixmap(matrix=pymupdf.Matrix(PICTURE_ZOOM, PICTURE_ZOOM), clip=clip, alpha=False)
    buffer = io.BytesIO()
    Image.frombytes("RGB", (pixmap.width, pixmap.height), pixmap.samples).save(buffer, format="JPEG", quality=85)
    return StoryImageInput(content=buffer.getvalue(), filename=f"picture-{index}.jpg", caption=image.caption[:500])
