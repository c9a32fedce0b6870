"""Writes to the catalog. Views, admin, commands and the demo loader create and publish through these."""

from __future__ import annotations

import datetime
import hashlib
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image

from newsstand.catalog.blocks import Block, blocks_validate, blocks_word_count
from newsstand.catalog.models import Category, Edition, Publication, Publisher, Story, StoryImage
from newsstand.catalog.rules import RESERVED_STORY_SLUGS, slug_from_title


@dataclass(frozen=True)
class StoryImageInput:
    content: bytes
    filename: str
    caption: str = ""
    credit: str = ""


def publisher_get_or_create(*, name: str, slug: str, website: str = "") -> Publisher:
    publisher, _ = Publisher.objects.get_or_create(slug=slug, defaults={"name": name, "website": website})
    return publisher


def category_get_or_create(*, slug: str, name: str, position: int = 0) -> Category:
    category, _ = Category.objects.get_or_create(slug=slug, defaults={"name": name, "position": position})
    return category


@transaction.atomic
def publication_create(
    *,
    publisher: Publisher,
    title: str,
    slug: str,
    kind: str,
    language: str,
    country: str,
    frequency: str,
    categories: Iterable[Category] = (),
    issn: str = "",
    description: str = "",
    colour: str = "#222222",
) -> Publication:
    publication = Publication(
        publisher=publisher, title=title, slug=slug, kind=kind, language=language, country=country,
        frequency=frequency, issn=issn, description=description, colour=colour,
    )  # fmt: skip
    publication.full_clean()
    publication.save()
    publication.categories.set(list(categories))
    return publication


def edition_create(
    *,
    publication: Publication,
    issue_date: datetime.date,
    label: str = "",
    source_pdf: ContentFile[bytes] | None = None,
) -> Edition:
    """A new edition, in draft: readers see it only once it is published."""
    edition = Edition(publication=publication, issue_date=issue_date, label=label)
    edition.full_clean()
    if source_pdf is not None:
        edition.source_pdf.save(edition_file_stem(edition) + ".pdf", source_pdf, save=False)
    edition.save()
    return edition


def edition_file_stem(edition: Edition) -> str:
    """The start of the names of an edition's files (its PDF, its cover): publication and issue date."""
    return f"{edition.publication.slug}-{edition.issue_date.isoformat()}"


def edition_source_save(*, edition: Edition, content: bytes) -> None:
    """Keep `content` as the edition's PDF, in place of the one it had."""
    if edition.source_pdf:
        edition.source_pdf.delete(save=False)
    edition.source_pdf.save(edition_file_stem(edition) + ".pdf", ContentFile(content), save=True)


def content_tag(content: bytes) -> str:
    """A short hash of a file's bytes for its name: a changed file gets a new URL (so long cache lifetimes are
    safe), and the name of an unpublished edition's cover or images cannot be guessed."""
    return hashlib.sha256(content).hexdigest()[:16]


def edition_cover_save(*, edition: Edition, content: bytes) -> None:
    if edition.cover:
        edition.cover.delete(save=False)
    name = f"{edition_file_stem(edition)}-{content_tag(content)}.webp"
    edition.cover.save(name, ContentFile(content), save=False)
    edition.save(update_fields=["cover", "updated_at"])


def edition_publish(*, edition: Edition, release_at: datetime.datetime | None = None) -> Edition:
    """Publish now, or schedule for `release_at` when that lies in the future."""
    now = timezone.now()
    edition.release_at = release_at or now
    edition.status = Edition.Status.SCHEDULED if edition.release_at > now else Edition.Status.PUBLISHED
    edition.save(update_fields=["release_at", "status", "updated_at"])
    return edition


def edition_unpublish(*, edition: Edition) -> Edition:
    edition.status = Edition.Status.DRAFT
    edition.save(update_fields=["status", "updated_at"])
    return edition


def story_slug_unique(*, edition: Edition, headline: str) -> str:
    base = slug_from_title(headline)
    if base in RESERVED_STORY_SLUGS:
        base = f"{base}-story"
    taken = set(Story.objects.filter(edition=edition, slug__startswith=base).values_list("slug", flat=True))
    slug, suffix = base, 2
    while slug in taken:
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


@transaction.atomic
def story_create(
    *,
    edition: Edition,
    headline: str,
    body: list[Block],
    standfirst: str = "",
    byline: str = "",
    section: str = "",
    pages: Sequence[int] = (),
    images: Sequence[StoryImageInput] = (),
    is_free: bool = False,
    position: int | None = None,
    language: str = "",
    origin: str = Story.Origin.EDITOR,
    regions: Sequence[dict[str, Any]] = (),
) -> Story:
    """Create a story; image blocks in `body` refer to `images` by index; `regions` are its areas on its pages
    ({"page": n, "box": [x0, y0, x1, y1]} in points)."""
    blocks_validate(body)
    if position is None:
        position = Story.objects.filter(edition=edition).count()
    story = Story.objects.create(
        edition=edition, position=position, slug=story_slug_unique(edition=edition, headline=headline),
        headline=headline, standfirst=standfirst, byline=byline, section=section, body=body,
        pages=sorted(set(pages)), is_free=is_free, word_count=blocks_word_count(body),
        language=language or edition.publication.language, origin=origin, regions=list(regions),
    )  # fmt: skip
    for index, image in enumerate(images):
        width, height = _image_size(image.content)
        story_image = StoryImage(story=story, position=index, caption=image.caption, credit=image.credit)
        name = f"{story.slug}-{index}-{content_tag(image.content)}-{image.filename}"
        story_image.image.save(name, ContentFile(image.content), save=False)
        story_image.width, story_image.height = width, height
        story_image.save()
    return story


def _image_size(content: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(content)) as image:
        return image.size


class StoryEditRefused(ValueError):
    """A merge or split that cannot be done; the message says why."""


def story_merge(*, stories: Sequence[Story]) -> Story:
    """Join stories of one edition into the first (by position): what the extractor cut in two becomes one.
    Bodies follow each other in order, pictures are renumbered, pages combined; the others are deleted."""
    ordered = sorted(stories, key=lambda story: (story.position, story.pk))
    if len(ordered) < 2:
        raise StoryEditRefused(_("Select at least two stories to merge."))
    if len({story.edition_id for story in ordered}) > 1:
        raise StoryEditRefused(_("Only stories of the same edition can be merged."))
    first, rest = ordered[0], ordered[1:]
    with transaction.atomic():
        body = list(first.body)
        position = first.images.count()
        for story in rest:
            offset = position
            for image in story.images.order_by("position"):
                StoryImage.objects.filter(pk=image.pk).update(story=first, position=offset + image.position)
                position += 1
            body += [_image_shifted(block, offset) for block in story.body]
            first.pages = sorted(set(first.pages) | set(story.pages))
            first.regions = [*first.regions, *story.regions]
            story.delete()
        first.body, first.word_count, first.edited = body, blocks_word_count(body), True
        first.save()
    return first


def _image_shifted(block: Block, offset: int) -> Block:
    return {**block, "image": block["image"] + offset} if block.get("type") == "image" else block


def story_split(*, story: Story, at: int, headline: str) -> Story:
    """Cut a story in two before body block `at`: the blocks from there on become a new story right after it,
    under `headline`, with the pictures they show."""
    if not 0 < at < len(story.body):
        raise StoryEditRefused(_("Split between two blocks of the body: after the first, before the last."))
    if not headline.strip():
        raise StoryEditRefused(_("Give the new story a headline."))
    with transaction.atomic():
        head, tail = story.body[:at], story.body[at:]
        moved = sorted({block["image"] for block in tail if block.get("type") == "image"})
        Story.objects.filter(edition=story.edition, position__gt=story.position).update(position=F("position") + 1)
        new = Story.objects.create(
            edition=story.edition, position=story.position + 1, headline=headline.strip()[:300],
            slug=story_slug_unique(edition=story.edition, headline=headline), section=story.section,
            body=[_image_renumbered(block, moved) for block in tail], pages=story.pages, regions=story.regions,
            is_free=story.is_free,
            word_count=blocks_word_count(tail), language=story.language, origin=story.origin, edited=True,
        )  # fmt: skip
        for index, number in enumerate(moved):
            story.images.filter(position=number).update(story=new, position=index)
        story.body, story.word_count, story.edited = head, blocks_word_count(head), True
        story.save()
    return new


def _image_renumbered(block: Block, moved: list[int]) -> Block:
    return {**block, "image": moved.index(block["image"])} if block.get("type") == "image" else block


def story_block_move(*, story: Story, index: int, target: Story) -> Story:
    """Move body block `index` of `story` to the end of `target`'s body (a paragraph the extractor gave the wrong
    story), its picture with it when it is one. Both stories count as edited; returns the target."""
    if target.edition_id != story.edition_id or target.pk == story.pk:
        raise StoryEditRefused(_("A block moves to another story of the same edition."))
    if not 0 <= index < len(story.body):
        raise StoryEditRefused(_("There is no such block in this story."))
    with transaction.atomic():
        block = story.body[index]
        if block.get("type") == "image":
            top = target.images.aggregate(top=Max("position"))["top"]
            position = 0 if top is None else top + 1
            story.images.filter(position=block["image"]).update(story=target, position=position)
            block = {**block, "image": position}
        story.body = story.body[:index] + story.body[index + 1 :]
        target.body = [*target.body, block]
        for changed in (story, target):
            changed.word_count, changed.edited = blocks_word_count(changed.body), True
            changed.save()
    return target
