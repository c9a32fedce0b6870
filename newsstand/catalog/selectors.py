"""Reads of the catalog as readers see it: only what is published and released, in the order pages show it."""

from __future__ import annotations

import datetime
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, cast

from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404

from newsstand.catalog.models import Category, Edition, Page, Publication, Story


def editions_visible() -> QuerySet[Edition]:
    return Edition.objects.visible()


def _latest_visible_edition(publication_ref: OuterRef) -> QuerySet[Edition]:
    return editions_visible().filter(publication=publication_ref).order_by("-issue_date")


def publications_visible() -> QuerySet[Publication]:
    """Publications with at least one released edition, annotated with that newest edition's date and cover."""
    latest = _latest_visible_edition(OuterRef("pk"))
    return (
        Publication.objects.filter(Exists(latest))
        .annotate(
            latest_issue_date=Subquery(latest.values("issue_date")[:1]),
            latest_cover=Subquery(latest.values("cover")[:1]),
        )
        .select_related("publisher")
    )


# --- home ------------------------------------------------------------------------------------------------------

# The home page is the same for every reader and the most requested page: its data is kept this long, so a
# newly released edition shows there within a minute.
HOME_CACHE_SECONDS = 60


@dataclass(frozen=True)
class HomeSections:
    editions: list[Edition]
    featured: list[Story]
    categories: list[Category]
    languages: list[dict[str, Any]]


def home_sections(*, editions: int = 12, featured: int = 6) -> HomeSections:
    def build() -> HomeSections:
        latest = editions_latest_per_publication(limit=editions)
        return HomeSections(
            editions=latest,
            featured=stories_featured(editions=latest, limit=featured),
            categories=categories_with_counts(),
            languages=languages_with_counts(),
        )

    return cast(HomeSections, cache.get_or_set(f"catalog:home:{editions}:{featured}", build, HOME_CACHE_SECONDS))


def editions_latest_per_publication(*, limit: int) -> list[Edition]:
    """The newest released edition (by issue date) of each publication, the most recent first."""
    latest = _latest_visible_edition(OuterRef("pk"))
    edition_ids = list(
        publications_visible()
        .annotate(latest_edition_id=Subquery(latest.values("pk")[:1]))
        .order_by("-latest_issue_date", "title")
        .values_list("latest_edition_id", flat=True)[:limit]
    )
    editions = Edition.objects.select_related("publication").in_bulk(edition_ids)
    return [editions[pk] for pk in edition_ids]


def stories_featured(*, editions: list[Edition], limit: int) -> list[Story]:
    """The lead story of each of these editions (an edition's first story is its lead)."""
    leads = {
        story.edition_id: story
        for story in Story.objects.filter(edition__in=editions, position=0).select_related("edition__publication")
    }
    return [leads[edition.pk] for edition in editions if edition.pk in leads][:limit]


def categories_with_counts() -> list[Category]:
    return list(
        Category.objects.annotate(
            publication_count=Count(
                "publications",
                filter=Q(publications__in=publications_visible().values("pk")),
                distinct=True,
            )
        ).filter(publication_count__gt=0)
    )


def languages_with_counts() -> list[dict[str, Any]]:
    return list(
        publications_visible().order_by().values("language").annotate(count=Count("pk")).order_by("-count", "language")
    )


# --- catalog ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CatalogFilters:
    category: str = ""
    language: str = ""
    country: str = ""
    kind: str = ""
    sort: str = "newest"


CATALOG_ORDERINGS = {
    "newest": ("-latest_issue_date", "title"),
    "title": ("title",),
    "added": ("-created_at", "title"),
}


def publications_filtered(filters: CatalogFilters) -> QuerySet[Publication]:
    publications = publications_visible()
    if filters.category:
        publications = publications.filter(categories__slug=filters.category)
    if filters.language:
        publications = publications.filter(language=filters.language)
    if filters.country:
        publications = publications.filter(country=filters.country)
    if filters.kind:
        publications = publications.filter(kind=filters.kind)
    return publications.order_by(*CATALOG_ORDERINGS.get(filters.sort, CATALOG_ORDERINGS["newest"]))


def catalog_facets() -> dict[str, list[Any]]:
    """The values the catalog's filters offer: only those some visible publication has."""
    visible = publications_visible().order_by()
    return {
        "categories": categories_with_counts(),
        "languages": sorted(set(visible.values_list("language", flat=True))),
        "countries": sorted(set(visible.values_list("country", flat=True))),
    }


# --- publication -----------------------------------------------------------------------------------------------


def publication_get(*, slug: str) -> Publication:
    return get_object_or_404(publications_visible().prefetch_related("categories"), slug=slug)


@dataclass
class Archive:
    years: list[int]
    year: int
    months: OrderedDict[datetime.date, list[Edition]] = field(default_factory=OrderedDict)


def publication_archive(*, publication: Publication, year: int | None) -> Archive:
    """Released editions of one year (the newest year unless asked), grouped by month, newest first."""
    editions = editions_visible().filter(publication=publication)
    years = sorted({d.year for d in editions.dates("issue_date", "year")}, reverse=True)
    chosen = year if year in years else years[0]
    archive = Archive(years=years, year=chosen)
    for edition in editions.filter(issue_date__year=chosen).order_by("-issue_date"):
        archive.months.setdefault(edition.issue_date.replace(day=1), []).append(edition)
    return archive


# --- edition ---------------------------------------------------------------------------------------------------


def edition_get(*, publication_slug: str, issue_date: datetime.date) -> Edition:
    return get_object_or_404(
        editions_visible().select_related("publication__publisher"),
        publication__slug=publication_slug,
        issue_date=issue_date,
    )


def edition_pages(*, edition: Edition) -> list[Page]:
    return list(Page.objects.filter(edition=edition).order_by("number"))


def edition_page(*, edition: Edition, number: int) -> Page:
    return get_object_or_404(Page, edition=edition, number=number)


def edition_contents(*, edition: Edition) -> OrderedDict[str, list[Story]]:
    """The table of contents: stories grouped by section, sections in the order the edition runs them."""
    sections: OrderedDict[str, list[Story]] = OrderedDict()
    stories = Story.objects.filter(edition=edition).order_by("position").defer("body")
    for story in stories:
        story.edition = edition  # the stories' links need it; spares a query per story
        sections.setdefault(story.section, []).append(story)
    return sections


# --- story -----------------------------------------------------------------------------------------------------


def story_get(*, publication_slug: str, issue_date: datetime.date, slug: str) -> Story:
    try:
        return (
            Story.objects.select_related("edition__publication")
            .prefetch_related("images")
            .get(
                edition__in=editions_visible(),
                edition__publication__slug=publication_slug,
                edition__issue_date=issue_date,
                slug=slug,
            )
        )
    except Story.DoesNotExist as error:
        raise Http404("No such story") from error


MORE_STORIES_CACHE_SECONDS = 300


def stories_more_from_publication(*, story: Story, limit: int = 6) -> list[Story]:
    """Other stories of the same edition first, then the newest from the publication's other editions.

    The same for every reader of the story, so kept for a few minutes: a page seldom queries for it.
    """
    key = f"catalog:more:{story.pk}:{limit}"
    more: list[Story] | None = cache.get(key)
    if more is None:
        more = _stories_more_from_publication(story=story, limit=limit)
        cache.set(key, more, MORE_STORIES_CACHE_SECONDS)
    return more


def _stories_more_from_publication(*, story: Story, limit: int) -> list[Story]:
    same_edition = list(
        Story.objects.filter(edition=story.edition)
        .exclude(pk=story.pk)
        .select_related("edition__publication")
        .defer("body")
        .order_by("position")[:limit]
    )
    wanted = limit - len(same_edition)
    if wanted <= 0:
        return same_edition
    newest_elsewhere = list(
        Story.objects.filter(
            edition__publication_id=story.edition.publication_id,
            edition__in=editions_visible().exclude(pk=story.edition_id),
        )
        .select_related("edition__publication")
        .defer("body")
        .order_by("-edition__issue_date", "position")[:wanted]
    )
    return same_edition + newest_elsewhere


# --- a story's areas on its pages ----------------------------------------------------------------------------


@dataclass(frozen=True)
class StoryArea:
    """A story's area on a page image, in percent of the page, for a link laid over the image."""

    story: Story
    left: float
    top: float
    width: float
    height: float
    first: bool  # the story's first area on the page: the one link a keyboard or a screen reader meets


def page_story_areas(*, edition: Edition, pages: list[Page]) -> dict[int, list[StoryArea]]:
    """The areas of the edition's stories on each of `pages` (the pages the reader may see), by page number."""
    wanted = {page.number: page for page in pages}
    areas: dict[int, list[StoryArea]] = {number: [] for number in wanted}
    for story in Story.objects.filter(edition=edition).only("slug", "headline", "regions", "edition_id"):
        story.edition = edition  # its link needs the edition; spares a query per story
        seen_on: set[int] = set()
        for region in story.regions:
            page = wanted.get(region.get("page"))
            if page is None or not page.width or not page.height:
                continue
            x0, y0, x1, y1 = (max(0.0, float(value)) for value in region["box"])
            areas[page.number].append(
                StoryArea(
                    story=story,
                    left=round(100 * x0 / page.width, 2),
                    top=round(100 * y0 / page.height, 2),
                    width=round(100 * (min(x1, page.width) - x0) / page.width, 2),
                    height=round(100 * (min(y1, page.height) - y0) / page.height, 2),
                    first=page.number not in seen_on,
                )
            )
            seen_on.add(page.number)
    return areas
