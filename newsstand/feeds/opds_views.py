"""OPDS 2.0 endpoints (see opds.py for the documents)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from newsstand.catalog.models import Category, Edition
from newsstand.catalog.selectors import catalog_facets, editions_visible, publications_visible
from newsstand.feeds import opds
from newsstand.search.selectors import editions_matching
from newsstand.search.text import MAX_QUERY_CHARS, query_parse


def _respond(document: dict[str, Any], content_type: str = opds.OPDS) -> JsonResponse:
    return JsonResponse(document, content_type=content_type, json_dumps_params={"ensure_ascii": False})


def _editions() -> QuerySet[Edition]:
    return editions_visible().select_related("publication__publisher").order_by("-issue_date", "publication__title")


def _editions_feed(request: HttpRequest, title: str, editions: QuerySet[Edition]) -> JsonResponse:
    page = opds.paginate(editions, request)
    document: dict[str, Any] = {
        "metadata": opds.feed_metadata(title, page),
        "links": opds.feed_links(request, request.get_full_path(), page),
    }
    entries = [opds.edition_entry(request, edition) for edition in page]
    if entries:
        document["publications"] = entries
    else:  # an empty list is not allowed: point the app back to the catalog instead
        document["navigation"] = [opds.link(reverse("opds:root"), title=_("Catalog"))]
    return _respond(document)


@require_safe
def root(request: HttpRequest) -> JsonResponse:
    facets = catalog_facets()
    return _respond(
        {
            "metadata": opds.feed_metadata(settings.NEWSSTAND_SITE_NAME),
            "links": opds.feed_links(request, reverse("opds:root")),
            "navigation": opds.navigation_root(categories=facets["categories"], languages=facets["languages"]),
        }
    )


@require_safe
def publications(request: HttpRequest) -> JsonResponse:
    page = opds.paginate(publications_visible().order_by("title"), request)
    navigation = [opds.publication_navigation_link(publication) for publication in page]
    return _respond(
        {
            "metadata": opds.feed_metadata(_("All publications"), page),
            "links": opds.feed_links(request, request.get_full_path(), page),
            "navigation": navigation or [opds.link(reverse("opds:root"), title=_("Catalog"))],
        }
    )


@require_safe
def publication(request: HttpRequest, slug: str) -> JsonResponse:
    title = get_object_or_404(publications_visible(), slug=slug)
    return _editions_feed(request, title.title, _editions().filter(publication=title))


@require_safe
def newest(request: HttpRequest) -> JsonResponse:
    return _editions_feed(request, _("Newest editions"), _editions())


@require_safe
def category(request: HttpRequest, slug: str) -> JsonResponse:
    chosen = get_object_or_404(Category, slug=slug)
    return _editions_feed(request, _(chosen.name), _editions().filter(publication__categories=chosen))


@require_safe
def language(request: HttpRequest, code: str) -> JsonResponse:
    return _editions_feed(request, code, _editions().filter(publication__language=code))


@require_safe
def search(request: HttpRequest) -> JsonResponse:
    """Editions of the publications whose title matches, and editions with a story that matches (the site's
    search, read as plain words: no query syntax to break)."""
    query = request.GET.get("query", "").strip()[:MAX_QUERY_CHARS]
    parsed = query_parse(query)
    title = _("Search: %(query)s") % {"query": query} if query else _("Search")
    if parsed.is_empty:
        return _editions_feed(request, title, _editions().none())
    by_title = Q()
    for word in parsed.all_words():
        by_title &= Q(publication__title__icontains=word) | Q(label__icontains=word)
    editions = _editions().filter(by_title | Q(pk__in=editions_matching(parsed=parsed)))
    return _editions_feed(request, title, editions)


@require_safe
def authentication(request: HttpRequest) -> JsonResponse:
    return _respond(
        opds.authentication_document(request, site_name=settings.NEWSSTAND_SITE_NAME),
        content_type="application/opds-authentication+json",
    )
