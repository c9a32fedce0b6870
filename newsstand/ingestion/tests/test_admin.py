"""The edition admin's PDF half: an upload is read in the background, a broken file says why, a file over the
size limit is refused before it is kept."""

import pymupdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from newsstand.accounts.models import User
from newsstand.catalog.models import Edition, Page
from newsstand.catalog.tests.factories import PublicationFactory
from newsstand.ingestion.models import EditionIngestion

pytestmark = pytest.mark.django_db


def _pdf(text: str) -> bytes:
    document = pymupdf.open()
    document.new_page().insert_text((72, 72), text)
    return document.tobytes()


def test_uploading_an_edition_pdf_renders_its_pages_in_the_background(client, django_capture_on_commit_callbacks):
    admin = User.objects.create_superuser(username="root", password="pw-long-enough", email="r@example.org")
    publication = PublicationFactory()
    client.force_login(admin)
    form = {
        "publication": publication.pk, "issue_date": "2026-11-20", "label": "No. 1", "status": "draft",
        "stories-TOTAL_FORMS": 0, "stories-INITIAL_FORMS": 0, "pages-TOTAL_FORMS": 0, "pages-INITIAL_FORMS": 0,
    }  # fmt: skip

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/catalog/edition/add/",
            {**form, "source_pdf": SimpleUploadedFile("e.pdf", _pdf("Front page"), "application/pdf")},
        )

    assert response.status_code == 302, response.content.decode()[:2000]
    edition = Edition.objects.get(publication=publication)
    assert Page.objects.filter(edition=edition).count() == 1
    assert edition.status == Edition.Status.DRAFT  # rendered, not published


def test_a_broken_pdf_is_kept_and_its_reading_fails_with_the_reason(client, django_capture_on_commit_callbacks):
    admin = User.objects.create_superuser(username="root", password="pw-long-enough", email="r@example.org")
    client.force_login(admin)
    form = {
        "publication": PublicationFactory().pk, "issue_date": "2026-11-20", "status": "draft",
        "stories-TOTAL_FORMS": 0, "stories-INITIAL_FORMS": 0, "pages-TOTAL_FORMS": 0, "pages-INITIAL_FORMS": 0,
        "source_pdf": SimpleUploadedFile("e.pdf", b"%PDF-1.7 not really", "application/pdf"),
    }  # fmt: skip

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/catalog/edition/add/", form)

    assert response.status_code == 302
    edition = Edition.objects.get()
    assert edition.source_pdf.read() == b"%PDF-1.7 not really"  # the original is kept
    assert edition.status == Edition.Status.DRAFT
    page = client.get(f"/admin/catalog/edition/{edition.pk}/change/").content.decode()
    assert "Failed" in page
    assert "not a readable PDF" in page


def test_a_pdf_over_the_size_limit_is_refused_by_the_form(client, settings):
    settings.NEWSSTAND_INGEST_MAX_BYTES = 100
    admin = User.objects.create_superuser(username="root", password="pw-long-enough", email="r@example.org")
    client.force_login(admin)
    form = {
        "publication": PublicationFactory().pk, "issue_date": "2026-11-20", "status": "draft",
        "stories-TOTAL_FORMS": 0, "stories-INITIAL_FORMS": 0, "pages-TOTAL_FORMS": 0, "pages-INITIAL_FORMS": 0,
        "source_pdf": SimpleUploadedFile("e.pdf", _pdf("Front page"), "application/pdf"),
    }  # fmt: skip

    response = client.post("/admin/catalog/edition/add/", form)

    assert response.status_code == 200  # the form again, with the reason
    assert "files up to 100" in response.content.decode()
    assert not Edition.objects.exists()
    assert not EditionIngestion.objects.exists()
