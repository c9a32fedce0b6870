"""An edition's PDF becomes page images at every width, a thumbnail, a cover, and the pages' text."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from newsstand.catalog.models import Page
from newsstand.catalog.tests.factories import EditionFactory
from newsstand.ingestion.pdf import UnreadablePdfError
from newsstand.ingestion.pipeline import edition_pages_render
from newsstand.ingestion.tests.test_pdf_rendering import pdf_with_pages

pytestmark = pytest.mark.django_db


def test_every_page_is_rendered_at_every_width_with_its_text(settings):
    settings.NEWSSTAND_PAGE_WIDTHS = [320, 800]
    edition = EditionFactory(source_pdf=ContentFile(pdf_with_pages("Front page", "Second page"), name="e.pdf"))

    assert edition_pages_render(edition=edition) == 2

    pages = list(Page.objects.filter(edition=edition).order_by("number"))
    assert [page.number for page in pages] == [1, 2]
    assert "Second page" in pages[1].text
    for width in (320, 800):
        with default_storage.open(pages[0].renditions[str(width)]) as handle:
            image = Image.open(io.BytesIO(handle.read()))
            assert image.format == "WEBP"
            assert image.width == width
            assert abs(image.height - width * 842 / 595) <= 1
    edition.refresh_from_db()
    assert edition.page_count == 2
    assert edition.cover.name.endswith(".webp")


def test_rendering_again_replaces_pages_and_drops_those_no_longer_there():
    edition = EditionFactory(source_pdf=ContentFile(pdf_with_pages("One", "Two", "Three"), name="e.pdf"))
    edition_pages_render(edition=edition)

    edition.source_pdf.save("shorter.pdf", ContentFile(pdf_with_pages("Only")), save=True)
    edition_pages_render(edition=edition)

    assert list(Page.objects.filter(edition=edition).values_list("number", flat=True)) == [1]
    assert "Only" in Page.objects.get(edition=edition).text


def test_gigantic_page_is_refused_before_rendering():
    edition = EditionFactory(source_pdf=ContentFile(pdf_with_pages("huge", width=14000, height=14000), name="h.pdf"))
    with pytest.raises(UnreadablePdfError, match="too large"):
        edition_pages_render(edition=edition)
    assert not Page.objects.filter(edition=edition).exists()
