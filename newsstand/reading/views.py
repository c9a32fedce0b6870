"""The catalog's pages as readers see them: home, catalog, publication, edition, its pages (replica) and PDF, and
a story. Each view parses its input, asks the domains (catalog, access, library, search), and renders."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from newsstand.access.rules import (
    Reader,
    edition_access,
    page_access,
    pages_open,
)
from newsstand.access.selectors import paywall_offer, plan_single_edition, reader_from_request
from newsstand.access.services import story_read
from newsstand.catalog import selectors
from newsstand.catalog.models import Edition, Page
from newsstand.catalog.responses import page_image_response
from newsstand.catalog.services import edition_file_stem
from newsstand.library.selectors import editions_new_from_followed, follow_of, is_bookmarked
from newsstand.reading.forms import CatalogFilterForm
from newsstand.reading.selectors import page_word_marks
from newsstand.search.related import stories_you_may_also_like
from newsstand.search.text import MAX_QUERY_CHARS, query_parse

HOME_EDITIONS = 12
HOME_FEATURED = 6


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    sections = selectors.home_sections(editions=HOME_EDITIONS, featured=HOME_FEATURED)
    followed = editions_new_from_followed(user=request.user) if request.user.is_authenticated else []
    return render(request, "reading/home.html", {"sections": sections, "followed_editions": followed})


@require_safe
def catalog(request: HttpRequest) -> HttpResponse:
    form = CatalogFilterForm(request.GET)
    filters = form.filters()
    paginator = Paginator(selectors.publications_filtered(filters), settings.NEWSSTAND_CATALOG_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))  # not a number → first page, past the end → last
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "reading/catalog.html",
        {"form": form, "filters": filters, "page": page, "facets": selectors.catalog_facets(),
         "query": query.urlencode()},
    )  # fmt: skip


@require_safe
def publication(request: HttpRequest, publication: str) -> HttpResponse:
    title = selectors.publication_get(slug=publication)
    archive = selectors.publication_archive(publication=title, year=_int_or_none(request.GET.get("year")))
    follow = follow_of(user=request.user, publication=title)  # type: ignore[arg-type]
    return render(request, "reading/publication.html", {"publication": title, "archive": archive, "follow": follow})


@require_safe
def edition(request: HttpRequest, publication: str, date: datetime.date) -> HttpResponse:
    issue = selectors.edition_get(publication_slug=publication, issue_date=date)
    pages, entitled = _pages_marked(reader_from_request(request), issue)
    return render(
        request,
        "reading/edition.html",
        {
            "edition": issue,
            "publication": issue.publication,
            "contents": selectors.edition_contents(edition=issue),
            "pages": pages,
            "entitled": entitled,
            "single_edition_plan": None if entitled else plan_single_edition(),
        },
    )


@require_safe
def edition_pdf(request: HttpRequest, publication: str, date: datetime.date) -> FileResponse:
    """The edition's PDF, for readers entitled to the whole edition."""
    issue = selectors.edition_get(publication_slug=publication, issue_date=date)
    if not issue.source_pdf or not edition_access(reader=reader_from_request(request), edition=issue).allowed:
        raise PermissionDenied("The PDF is for subscribers")
    response = FileResponse(issue.source_pdf.open("rb"), as_attachment=True, filename=edition_file_stem(issue) + ".pdf")
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def replica(request: HttpRequest, publication: str, date: datetime.date) -> HttpResponse:
    issue = selectors.edition_get(publication_slug=publication, issue_date=date)
    reader = reader_from_request(request)
    pages, entitled = _pages_marked(reader, issue)
    # Areas only on the pages the reader may see: a locked page shows nothing of itself.
    open_pages = [page for page in pages if not page.locked]  # type: ignore[attr-defined]
    areas = selectors.page_story_areas(edition=issue, pages=open_pages)
    searched = query_parse(request.GET.get("q", "")[:MAX_QUERY_CHARS])
    marks = page_word_marks(edition=issue, pages=open_pages, query=searched)
    for page in pages:
        page.areas = areas.get(page.number, [])  # type: ignore[attr-defined]
        page.marks = marks.get(page.number, [])  # type: ignore[attr-defined]
    return render(
        request,
        "reading/replica.html",
        {"edition": issue, "publication": issue.publication, "pages": pages, "entitled": entitled,
         "first_locked": next((p.number for p in pages if p.locked), None),  # type: ignore[attr-defined]
         "offer": None if entitled else paywall_offer(reader=reader), "searched": searched,
         "marked_pages": [page.number for page in pages if page.marks]},  # type: ignore[attr-defined]
    )  # fmt: skip


@require_safe
def page_image(
    request: HttpRequest, publication: str, date: datetime.date, number: int, rendition: str
) -> FileResponse:
    issue = selectors.edition_get(publication_slug=publication, issue_date=date)
    page = selectors.edition_page(edition=issue, number=number)
    if not page_access(reader=reader_from_request(request), page=page).allowed:
        raise PermissionDenied("This page is for subscribers")
    response = page_image_response(page, rendition)
    if response is None:
        raise Http404("No such page image")
    return response


@require_safe
def story(request: HttpRequest, publication: str, date: datetime.date, story: str) -> HttpResponse:
    article = selectors.story_get(publication_slug=publication, issue_date=date, slug=story)
    reader = reader_from_request(request)
    # A HEAD request reads nothing, so it spends no metered read.
    reading = story_read(reader=reader, story=article, counts_as_read=request.method == "GET")
    access = reading.access
    images = {image.position: image for image in article.images.all()}
    response = render(
        request,
        "reading/story.html",
        {
            "story": article,
            "edition": article.edition,
            "publication": article.edition.publication,
            "blocks": [_block_with_image(block, images) for block in reading.opening],
            "premium_blocks": [_block_with_image(block, images) for block in reading.premium],
            "access": access,
            "locked": not access.allowed,
            "offer": None if access.allowed else paywall_offer(reader=reader),
            "bookmarked": is_bookmarked(user=reader.user, story=article),
            "more": selectors.stories_more_from_publication(story=article),
            "also_like": stories_you_may_also_like(story=article),
        },
    )
    # What a reader sees depends on who they are: never let a shared cache keep a whole story for others.
    patch_cache_control(response, private=True)
    return response


def _pages_marked(reader: Reader, edition: Edition) -> tuple[list[Page], bool]:
    """The edition's pages, each marked `locked` when the reader may not see its image (thumbnail included)."""
    open_count = pages_open(reader=reader, edition=edition)
    pages = selectors.edition_pages(edition=edition)
    for page in pages:
        page.locked = open_count is not None and page.number > open_count  # type: ignore[attr-defined]
    return pages, open_count is None


def _block_with_image(block: dict, images: dict) -> dict:  # type: ignore[type-arg]
    if block.get("type") == "image":
        return {**block, "picture": images.get(block.get("image"))}
    return block


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None
