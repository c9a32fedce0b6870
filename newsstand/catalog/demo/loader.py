"""Builds the demo catalog: each edition of content/*.json becomes a PDF, its rendered pages, and its stories.

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

from django.core.files.base import ContentFile
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_noop as _
from PIL import Image

from newsstand.catalog.blocks import Block
from newsstand.catalog.demo.edition_pdf import edition_pdf_build
from newsstand.catalog.demo.illustrations import encoded, illustration
from newsstand.catalog.models import Category, Edition, Publication
from newsstand.catalog.services import (
    StoryImageInput,
    category_get_or_create,
    edition_create,
    edition_publish,
    publication_create,
    publisher_get_or_create,
    story_create,
)
from newsstand.ingestion.services import edition_pages_render

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
    """One edition, whole or not at all: PDF, pages, stories, then published at its release hour.

    Not one transaction: rendering takes seconds, and a long write lock would stall the worker and the site on
    SQLite. An edition that fails half-way is deleted instead.
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
    edition = edition_create(
        publication=publication, issue_date=issue_date, label=edition_content.get("label", ""),
        source_pdf=ContentFile(layout.pdf),
    )  # fmt: skip
    try:
        _edition_fill(edition, edition_content, layout.story_pages, pictures)
    except BaseException:
        edition.delete()
        raise
    release = timezone.make_aware(datetime.datetime.combine(issue_date, datetime.time(RELEASE_HOUR)))
    release = min(release, timezone.now())  # a machine whose clock is behind the demo's dates still shows it
    return edition_publish(edition=edition, release_at=release)


def _edition_fill(
    edition: Edition,
    edition_content: Mapping[str, Any],
    story_pages: list[list[int]],
    pictures: Mapping[tuple[int, int], Image.Image],
) -> None:
    edition_pages_render(edition=edition)
    for story_index, story in enumerate(edition_content["stories"]):
        body, images = _body_and_images(story["body"], {k[1]: v for k, v in pictures.items() if k[0] == story_index})
        story_create(
            edition=edition, headline=story["headline"], standfirst=story.get("standfirst", ""),
            byline=story.get("byline", ""), section=story.get("section", ""), body=body, images=images,
            pages=story_pages[story_index], is_free=bool(story.get("free")), position=story_index,
        )  # fmt: skip


def _body_and_images(
    blocks: list[Mapping[str, Any]], pictures: Mapping[int, Any]
) -> tuple[list[Block], list[StoryImageInput]]:
    body: list[Block] = []
    images: list[StoryImageInput] = []
    for index, block in enumerate(blocks):
        if block["type"] == "image":
            body.append({"type": "image", "image": len(images)})
            images.append(
                StoryImageInput(content=encoded(pictures[index], format="WEBP", quality=80), filename="image.webp",
                                caption=block.get("caption", ""), credit=block.get("credit", ""))
            )  # fmt: skip
        else:
            body.append({key: value for key, value in block.items() if key in {"type", "text", "attribution"}})
    return body, images


def _date_in(language: str, day: datetime.date) -> str:
    with translation.override(language):
        return formats.date_format(day, "DATE_FORMAT")
