"""Builds the demo catalog: each edition of content/*.json is laid out as a PDF, which then goes through the
same ingestion as a publisher's upload (pages rendered, stories found in the text layer).

Loading is idempotent: an edition already in the database is skipped, so a second `make run` is quick.
"""

from __future__ import annotations

import datetime
import json
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils import formats, timezone, translation
from django.utils.translation import gettext_noop as _

from newsstand.catalog.models import Category, Edition, Publication
from newsstand.catalog.services import (
    category_get_or_create,
    edition_publish,
    publication_create,
    publisher_get_or_create,
)
from newsstand.demo.edition_pdf import edition_pdf_build
from newsstand.demo.illustrations import encoded, illustration
from newsstand.ingestion.pdf import headline_key
from newsstand.ingestion.pipeline import edition_ingest_run
from newsstand.ingestion.services import edition_ingest_submit

logger = logging.getLogger(__name__)

CONTENT_DIR = Path(__file__).parent / "content"

# The default taxonomy. Its names are in the interface's catalogs, so pages show them in the reader's language;
# categories an operator adds are shown as typed.
CATEGORY_NAMES = {
    "news": _("News"), "politics": _("Politics"), "business": _("Business"), "local": _("Local"),
    "sport": _("Sport"), "culture": _("Culture"), "science": _("Science"), "technology": _("Technology"),
    "travel": _("Travel"), "outdoors": _("Outdoors"), "food": _("Food & drink"), "lifestyle": _("Lifestyle"),
}  # fmt: skip

# Editions go on sale at 05:00 on their issue date, the usual hour for a morning paper.
RELEASE_HOUR = 5


@dataclass(frozen=True)
class DemoLoadReport:
    editions_created: int
    editions_skipped: int


def demo_content_files(content_dir: Path = CONTENT_DIR) -> list[Path]:
    return sorted(content_dir.glob("*.json"))


def demo_catalog_load(
    *, files: Iterable[Path] | None = None, progress: Callable[[str], None] = logger.info
) -> DemoLoadReport:
    created = skipped = 0
    categories = _categories()
    for path in files if files is not None else demo_content_files():
        content = json.loads(path.read_text(encoding="utf-8"))
        publication = _publication(content, categories)
        for edition_content in content["editions"]:
            issue_date = datetime.date.fromisoformat(edition_content["issue_date"])
            if Edition.objects.filter(publication=publication, issue_date=issue_date).exists():
                skipped += 1
                continue
            demo_edition_load(publication=publication, publication_content=content["publication"],
                              edition_content=edition_content)  # fmt: skip
            created += 1
            progress(f"{publication.title} {issue_date.isoformat()}: loaded")
    return DemoLoadReport(editions_created=created, editions_skipped=skipped)


def _categories() -> dict[str, Category]:
    return {
        slug: category_get_or_create(slug=slug, name=name, position=position)
        for position, (slug, name) in enumerate(CATEGORY_NAMES.items())
    }


def _publication(content: Mapping[str, Any], categories: Mapping[str, Category]) -> Publication:
    data = content["publication"]
    existing = Publication.objects.filter(slug=data["slug"]).first()
    if existing:
        return existing
    publisher = publisher_get_or_create(name=content["publisher"]["name"], slug=content["publisher"]["slug"])
    return publication_create(
        publisher=publisher, title=data["title"], slug=data["slug"], kind=data["kind"], language=data["language"],
        country=data["country"], frequency=data["frequency"], issn=data.get("issn") or "",
        description=data.get("description", ""), colour=data.get("colour", "#222222"),
        categories=[categories[slug] for slug in data.get("categories", []) if slug in categories],
    )  # fmt: skip


def demo_edition_load(
    *, publication: Publication, publication_content: Mapping[str, Any], edition_content: Mapping[str, Any]
) -> Edition:
    """One edition through the real ingestion pipeline: its PDF laid out from the content, then read like any
    publisher's upload (pages rendered, stories found), then published at its release hour.

    Run here rather than by the worker, so that `make run` serves a whole catalog; an edition whose ingestion
    fails is deleted, and the error raised.
    """
    issue_date = datetime.date.fromisoformat(edition_content["issue_date"])
    seed = f"{publication.slug}/{issue_date.isoformat()}"
    pictures = {
        (story_index, block_index): illustration(block.get("motif", "field"), f"{seed}/{story_index}/{block_index}")
        for story_index, story in enumerate(edition_content["stories"])
        for block_index, block in enumerate(story["body"])
        if block["type"] == "image"
    }
    cover_motif = next(
        (b.get("motif") for s in edition_content["stories"] for b in s["body"] if b["type"] == "image"), None
    )
    layout = edition_pdf_build(
        publication=publication_content,
        edition=edition_content,
        issue_date_text=_date_in(publication.language, issue_date),
        cover_picture=encoded(illustration(cover_motif or "field", seed), format="JPEG"),
        pictures={key: encoded(image.resize((600, 400)), format="JPEG") for key, image in pictures.items()},
    )
    ingestion = edition_ingest_submit(
        publication=publication, content=layout.pdf, issue_date=issue_date, label=edition_content.get("label", ""),
        file_name=f"{seed.replace('/', '-')}.pdf", background=False,
    )  # fmt: skip
    ingestion = edition_ingest_run(ingestion_id=ingestion.pk)
    edition = Edition.objects.get(pk=ingestion.edition_id)
    if ingestion.status == ingestion.Status.FAILED:
        edition.delete()
        raise RuntimeError(f"demo edition {seed} could not be ingested: {ingestion.message}")
    _free_story_mark(edition, edition_content)
    release = timezone.make_aware(datetime.datetime.combine(issue_date, datetime.time(RELEASE_HOUR)))
    release = min(release, timezone.now())  # a machine whose clock is behind the demo's dates still shows it
    return edition_publish(edition=edition, release_at=release)


def _free_story_mark(edition: Edition, edition_content: Mapping[str, Any]) -> None:
    """The content names one story free to read; find it among those ingestion found (else the first)."""
    free = {headline_key(story["headline"]) for story in edition_content["stories"] if story.get("free")}
    stories = list(edition.stories.order_by("position"))
    chosen = next((story for story in stories if headline_key(story.headline) in free), stories[0] if stories else None)
    if chosen is not None:
        chosen.is_free = True
        chosen.save(update_fields=["is_free"])


def _date_in(language: str, day: datetime.date) -> str:
    with translation.override(language):
        return formats.date_format(day, "DATE_FORMAT")
