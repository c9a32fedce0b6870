"""What the admin, the commands and the demo call to have a PDF edition ingested: the file checked and kept, its
job queued (or run again when the extractor has improved). The job itself is pipeline.py's, run by tasks.py."""

from __future__ import annotations

import datetime
import hashlib

from django.conf import settings
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from newsstand.catalog.models import Edition, Publication
from newsstand.catalog.services import edition_create, edition_source_save
from newsstand.ingestion.models import EditionIngestion
from newsstand.ingestion.pdf import EXTRACTOR_VERSION
from newsstand.ingestion.tasks import edition_ingest_task


class IngestionRefused(ValueError):
    """The file cannot be taken at all (too large, or its edition is already out); the message says why."""


def pdf_sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def pdf_size_check(size: int) -> None:
    """Raise IngestionRefused for a file larger than NEWSSTAND_INGEST_MAX_BYTES (`size` in bytes)."""
    limit: int = settings.NEWSSTAND_INGEST_MAX_BYTES
    if size > limit:
        raise IngestionRefused(
            _("The file is %(size)s; files up to %(limit)s are accepted.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)}
        )


def edition_ingest_submit(
    *,
    publication: Publication,
    content: bytes,
    issue_date: datetime.date,
    file_name: str = "",
    label: str = "",
    background: bool = True,
) -> EditionIngestion:
    """Take a publisher's PDF for the edition of `issue_date` and queue its ingestion.

    The same file again (same SHA-256) creates nothing new: its earlier ingestion is returned, and run again only
    if the extractor has improved since. Stories stay drafts: the edition is created (or kept) as a draft."""
    pdf_size_check(len(content))
    existing = EditionIngestion.objects.filter(publication=publication, sha256=pdf_sha256(content)).first()
    if existing is not None:
        return _ingestion_again(existing, background=background)
    with transaction.atomic():
        edition = Edition.objects.filter(publication=publication, issue_date=issue_date).first()
        if edition is None:
            edition = edition_create(publication=publication, issue_date=issue_date, label=label)
        elif edition.status != Edition.Status.DRAFT:
            raise IngestionRefused(
                _("The edition of %(date)s is already published; withdraw it first to replace its PDF.")
                % {"date": issue_date.isoformat()}
            )
        edition_source_save(edition=edition, content=content)
        return edition_ingestion_start(
            edition=edition, file_name=file_name, sha256=pdf_sha256(content), background=background
        )


def edition_ingestion_start(
    *, edition: Edition, file_name: str = "", sha256: str = "", background: bool = True
) -> EditionIngestion:
    """Queue the ingestion of the PDF the edition holds (after an upload in the admin, or from a submit); with
    background=False the caller runs it (edition_ingest_run)."""
    if not sha256:
        with edition.source_pdf.open("rb") as handle:
            sha256 = pdf_sha256(handle.read())
    ingestion, created = EditionIngestion.objects.get_or_create(
        publication=edition.publication,
        sha256=sha256,
        defaults={"edition": edition, "file_name": file_name or edition.source_pdf.name.rsplit("/", 1)[-1]},
    )
    if not created:
        return _ingestion_again(ingestion, background=background)
    if background:
        _enqueue(ingestion)
    return ingestion


def _ingestion_again(ingestion: EditionIngestion, *, background: bool = True) -> EditionIngestion:
    if ingestion.is_active or ingestion.extractor_version >= EXTRACTOR_VERSION:
        return ingestion
    EditionIngestion.objects.filter(pk=ingestion.pk).update(
        status=EditionIngestion.Status.QUEUED, stage=EditionIngestion.Stage.WAITING, pages_done=0, message=""
    )
    ingestion.refresh_from_db()
    if background:
        _enqueue(ingestion)
    return ingestion


def _enqueue(ingestion: EditionIngestion) -> None:
    ingestion_id = ingestion.pk
    transaction.on_commit(lambda: edition_ingest_task.enqueue(ingestion_id=ingestion_id))
