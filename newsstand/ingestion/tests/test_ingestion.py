"""A PDF edition through ingestion, as a publisher sees it: submitted, read in the background, pages and stories
in a draft edition; the same file twice; a better extractor; and every kind of bad file."""

import datetime
import io
import random

import pymupdf
import pytest
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from django.urls import reverse
from PIL import Image

from newsstand.accounts.models import User
from newsstand.catalog.models import Edition, Story
from newsstand.catalog.tests.factories import PublicationFactory, PublisherFactory
from newsstand.ingestion import services
from newsstand.ingestion.models import EditionIngestion
from newsstand.ingestion.pipeline import edition_ingest_run
from newsstand.ingestion.services import IngestionRefused, edition_ingest_submit
from newsstand.ingestion.tests.test_pdf_stories import Page, paragraph

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 11, 20)


def edition_pdf(stories: int = 2, pages: int = 2) -> bytes:
    document = pymupdf.open()
    for number in range(pages):
        page = Page(document)
        for index in range(stories):
            top = 80 + index * 360
            page.line(40, top, f"Story {number}-{index} on the harbour", size=22, font="tibo")
            y = top + 25
            for n in range(3):
                y = page.column(40, y, paragraph(number * 10 + index * 3 + n), width=500)
    data = document.tobytes()
    document.close()
    return data


def submit(content: bytes, publication=None, **kwargs) -> EditionIngestion:
    return edition_ingest_submit(
        publication=publication or PublicationFactory(), content=content, issue_date=DAY, file_name="e.pdf",
        background=False, **kwargs,
    )  # fmt: skip


def run(content: bytes, publication=None) -> EditionIngestion:
    ingestion = submit(content, publication)
    edition_ingest_run(ingestion_id=ingestion.pk)
    ingestion.refresh_from_db()
    return ingestion


def test_a_pdf_becomes_pages_and_draft_stories_of_a_draft_edition():
    ingestion = run(edition_pdf())

    assert (ingestion.status, ingestion.stage) == ("done", "finished")
    assert (ingestion.pages_done, ingestion.pages_total, ingestion.stories_found) == (2, 2, 4)
    edition = ingestion.edition
    assert edition.status == Edition.Status.DRAFT  # nothing published
    assert edition.page_count == 2
    assert edition.pages.first().renditions
    headlines = list(edition.stories.values_list("headline", flat=True))
    assert headlines == ["Story 0-0 on the harbour", "Story 0-1 on the harbour", "Story 1-0 on the harbour",
                         "Story 1-1 on the harbour"]  # fmt: skip
    assert set(edition.stories.values_list("origin", flat=True)) == {Story.Origin.PDF}
    assert not Edition.objects.visible().exists()


def test_the_worker_runs_it_in_the_background_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ingestion = edition_ingest_submit(
            publication=PublicationFactory(), content=edition_pdf(), issue_date=DAY, file_name="e.pdf"
        )
    ingestion.refresh_from_db()
    assert ingestion.status == "done"


def test_the_same_file_twice_creates_nothing_new():
    publication = PublicationFactory()
    content = edition_pdf()
    first = run(content, publication)
    again = submit(content, publication)
    assert again.pk == first.pk
    assert again.status == "done"
    assert Edition.objects.count() == 1
    assert Story.objects.count() == 4


def test_a_better_extractor_replaces_the_drafts_nobody_edited(monkeypatch):
    publication = PublicationFactory()
    content = edition_pdf()
    first = run(content, publication)
    corrected = first.edition.stories.get(headline="Story 0-0 on the harbour")
    corrected.headline, corrected.edited = "Story 0-0: corrected by the desk", True
    corrected.save()
    untouched = set(first.edition.stories.exclude(pk=corrected.pk).values_list("pk", flat=True))

    monkeypatch.setattr(services, "EXTRACTOR_VERSION", services.EXTRACTOR_VERSION + 1)
    again = submit(content, publication)
    edition_ingest_run(ingestion_id=again.pk)

    stories = first.edition.stories.all()
    assert corrected in stories
    assert not untouched & set(stories.values_list("pk", flat=True))  # the others were found afresh
    assert stories.count() == 5  # the corrected one, and all four found again (its old headline is new to it)


def test_a_published_edition_is_not_replaced():
    publication = PublicationFactory()
    ingestion = run(edition_pdf(), publication)
    Edition.objects.filter(pk=ingestion.edition_id).update(status=Edition.Status.PUBLISHED)
    with pytest.raises(IngestionRefused, match="already published"):
        submit(edition_pdf(stories=1), publication)


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.NEWSSTAND_INGEST_MAX_BYTES = 1000
    with pytest.raises(IngestionRefused, match="files up to"):
        submit(edition_pdf())
    assert not Edition.objects.exists()


# --- bad files -------------------------------------------------------------------------------------------------


def encrypted() -> bytes:
    document = pymupdf.open(stream=edition_pdf(), filetype="pdf")
    data = document.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="secret", owner_pw="owner")
    return data


def zero_pages() -> bytes:
    return (
        b"%PDF-1.7\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n2 0 obj <</Type/Pages/Kids[]/Count 0>> endobj\n"
        b"trailer <</Root 1 0 R>>\n%%EOF\n"
    )


def image_only() -> bytes:
    document = pymupdf.open()
    buffer = io.BytesIO()
    Image.new("RGB", (300, 400), (180, 170, 160)).save(buffer, format="PNG")
    for _ in range(2):
        document.new_page().insert_image(pymupdf.Rect(0, 0, 595, 842), stream=buffer.getvalue())
    return document.tobytes()


def gigantic_page() -> bytes:
    document = pymupdf.open()
    document.new_page(width=14000, height=14000)
    return document.tobytes()


def sliver_page() -> bytes:
    document = pymupdf.open()
    document.new_page(width=40, height=7900)
    return document.tobytes()


def decompression_bomb() -> bytes:
    """A page showing an 8000×8000 image whose stream is a few kilobytes of deflated zeros."""
    document = pymupdf.open()
    page = document.new_page()
    page.insert_text((40, 60), "Bomb", fontsize=12)
    blank = pymupdf.Pixmap(pymupdf.csGRAY, pymupdf.IRect(0, 0, 8000, 8000), False)
    blank.clear_with(0)
    page.insert_image(pymupdf.Rect(40, 80, 540, 780), pixmap=blank)
    return document.tobytes(deflate=True)


def with_javascript() -> bytes:
    document = pymupdf.open(stream=edition_pdf(), filetype="pdf")
    xref = document.get_new_xref()
    document.update_object(xref, "<</S/JavaScript/JS(app.alert\\('hi'\\);)>>")
    document.xref_set_key(document.pdf_catalog(), "OpenAction", f"{xref} 0 R")
    return document.tobytes()


def with_attachment() -> bytes:
    document = pymupdf.open(stream=edition_pdf(), filetype="pdf")
    document.embfile_add("payload.exe", b"MZ not really", filename="payload.exe")
    return document.tobytes()


BAD_FILES = {
    "encrypted": (encrypted, "failed", "encrypted"),
    "truncated": (lambda: edition_pdf()[:600], None, ""),
    "corrupt": (lambda: b"%PDF-1.7\n" + bytes(random.Random(1).randrange(256) for _ in range(4000)), "failed", ""),
    "zero pages": (zero_pages, "failed", "no pages"),
    "not a pdf": (lambda: b"<html><body>Not a PDF at all</body></html>", "failed", "not a readable PDF"),
    "image only": (image_only, "partial", "No text layer"),
    "gigantic page": (gigantic_page, "failed", "too large"),
    "sliver page": (sliver_page, "failed", "too narrow and tall"),
    "decompression bomb": (decompression_bomb, None, ""),
    "javascript": (with_javascript, "partial", "JavaScript"),
    "embedded file": (with_attachment, "partial", "embedded files"),
}


@pytest.mark.parametrize("kind", BAD_FILES)
def test_a_bad_file_ends_with_a_clear_status_keeps_the_original_and_publishes_nothing(kind):
    make, status, reason = BAD_FILES[kind]
    content = make()
    ingestion = run(content)

    assert ingestion.status in ({status} if status else {"done", "partial", "failed"})
    assert reason in ingestion.message
    assert ingestion.status == "done" or ingestion.message  # says why
    if ingestion.status == "failed":
        assert not ingestion.edition.pages.exists()
        assert not ingestion.edition.stories.exists()
    ingestion.edition.source_pdf.open("rb")
    assert ingestion.edition.source_pdf.read() == content  # the original is kept
    assert not Edition.objects.visible().exists()
    # and the worker goes on with the next job
    assert run(edition_pdf(stories=1), PublicationFactory()).status == "done"


def test_too_many_pages_and_too_long_a_job_stop_with_the_limit_named(settings):
    settings.NEWSSTAND_INGEST_MAX_PAGES = 1
    assert "up to 1 pages" in run(edition_pdf(pages=2)).message
    settings.NEWSSTAND_INGEST_MAX_PAGES = 1000
    settings.NEWSSTAND_INGEST_MAX_SECONDS = 0
    stopped = run(edition_pdf(pages=2, stories=1))
    assert stopped.status == "failed"
    assert "the limit per edition" in stopped.message


def test_mutated_pdfs_never_crash_the_worker():
    """Fuzzing: flipped bytes, cut and repeated ranges of a real edition. Each run ends in a status."""
    original = edition_pdf(stories=2, pages=2)
    rng = random.Random(20261129)
    publication = PublicationFactory()
    for round_ in range(40):
        data = bytearray(original)
        for _ in range(rng.randint(1, 30)):
            operation = rng.random()
            position = rng.randrange(len(data))
            if operation < 0.6:
                data[position] = rng.randrange(256)
            elif operation < 0.8:
                del data[position : position + rng.randint(1, 200)]
            else:
                data[position:position] = data[max(0, position - 100) : position]
        ingestion = edition_ingest_submit(
            publication=publication, content=bytes(data), issue_date=DAY + datetime.timedelta(days=round_),
            background=False,
        )  # fmt: skip
        finished = edition_ingest_run(ingestion_id=ingestion.pk)
        assert finished.status in {"done", "partial", "failed"}, round_


# --- the ways in ---------------------------------------------------------------------------------------------


def test_the_command_ingests_a_file_and_says_how_it_went(tmp_path):
    publication = PublicationFactory(slug="bergvik")
    path = tmp_path / "edition.pdf"
    path.write_bytes(edition_pdf())
    out = io.StringIO()
    call_command("ingest_edition", "bergvik", str(path), "--date", "2026-11-20", "--wait", stdout=out)
    assert "Done, 2 pages, 4 stories" in out.getvalue()
    assert Edition.objects.get(publication=publication).stories.count() == 4
    with pytest.raises(CommandError, match="No publication"):
        call_command("ingest_edition", "nope", str(path), "--date", "2026-11-20")


def test_the_admin_shows_progress_only_to_the_publishers_staff(client):
    ingestion = run(edition_pdf())
    own = User.objects.create_user(username="own", email="own@example.org", password="pw-long-enough", is_staff=True)
    own.publishers.add(ingestion.publication.publisher)
    own.user_permissions.add(*Permission.objects.filter(codename__in=["view_edition", "change_edition"]))
    other = User.objects.create_user(username="other", email="o@example.org", password="pw-long-enough", is_staff=True)
    other.publishers.add(PublisherFactory())
    other.user_permissions.set(own.user_permissions.all())
    url = reverse("admin:catalog_edition_ingestion", args=[ingestion.edition_id])

    client.force_login(own)
    data = client.get(url).json()
    assert data["summary"] == "Done · 2 pages · 4 stories found"
    assert (
        "Done · 2 pages · 4 stories found"
        in client.get(reverse("admin:catalog_edition_change", args=[ingestion.edition_id])).content.decode()
    )
    client.force_login(other)
    assert client.get(url).status_code == 404
