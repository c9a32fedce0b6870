"""Turning an edition's PDF into pages: the rendering service and the task that runs it in the background."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from newsstand.catalog.models import Edition, Page
from newsstand.catalog.services import content_tag, edition_cover_save
from newsstand.ingestion.rendering import RenderedPage, pdf_open, pdf_pages_render

logger = logging.getLogger(__name__)


def page_image_name(edition: Edition, number: int, label: str, content: bytes) -> str:
    # Page images live under pages/, which the public media route never serves: they go through the reader views.
    day = edition.issue_date.isoformat()
    return f"pages/{edition.publication.slug}/{day}/{number:04d}-{label}-{content_tag(content)}.webp"


def _store(name: str, content: bytes) -> str:
    if default_storage.exists(name):
        default_storage.delete(name)
    return default_storage.save(name, ContentFile(content))


def edition_pages_render(*, edition: Edition) -> int:
    """Render every page of the edition's PDF to WebP renditions, keep each page's text; return the page count.

    Running it again replaces the pages, so a re-upload or a better renderer simply runs it once more.
    """
    with edition.source_pdf.open("rb") as handle:
        document = pdf_open(handle.read())
    count = 0
    with document:
        for rendered in pdf_pages_render(
            document,
            widths=settings.NEWSSTAND_PAGE_WIDTHS,
            thumbnail_width=settings.NEWSSTAND_THUMBNAIL_WIDTH,
            quality=settings.NEWSSTAND_WEBP_QUALITY,
        ):
            renditions = {
                str(width): _store(page_image_name(edition, rendered.number, str(width), content), content)
                for width, content in rendered.images.items()
            }
            thumbnail = _store(
                page_image_name(edition, rendered.number, "thumb", rendered.thumbnail), rendered.thumbnail
            )
            Page.objects.update_or_create(
                edition=edition,
                number=rendered.number,
                defaults={"width": rendered.width, "height": rendered.height, "text": rendered.text,
                          "renditions": renditions, "thumbnail": thumbnail},
            )  # fmt: skip
            if rendered.number == 1:
                edition_cover_save(edition=edition, content=_cover_from(rendered))
            count = rendered.number
    with transaction.atomic():
        Page.objects.filter(edition=edition, number__gt=count).delete()
        Edition.objects.filter(pk=edition.pk).update(page_count=count)
    edition.page_count = count
    logger.info("edition %s: rendered %d pages", edition.pk, count)
    return count


def _cover_from(rendered: RenderedPage) -> bytes:
    """The cover is the first page at the middle width: sharp in a grid, light to load."""
    widths = sorted(rendered.images)
    return rendered.images[widths[len(widths) // 2]]


def edition_source_replace(*, edition: Edition, content: ContentFile[bytes]) -> None:
    """Keep a new PDF for the edition and render its pages in the background once the change is committed."""
    if edition.source_pdf:
        edition.source_pdf.delete(save=False)
    edition.source_pdf.save(f"{edition.publication.slug}-{edition.issue_date.isoformat()}.pdf", content, save=True)
    edition_pages_render_enqueue(edition=edition)


def edition_pages_render_enqueue(*, edition: Edition) -> None:
    """Render the edition's pages in the background, once the transaction that saved its PDF commits."""
    from newsstand.ingestion.tasks import edition_pages_render_task

    transaction.on_commit(lambda: edition_pages_render_task.enqueue(edition_id=edition.pk))
