"""An OPDS 2.0 catalog for reading apps: navigation (publications, categories, languages, newest), a feed of
editions per publication with cover, date and acquisition links, search, pagination. Documents are plain dicts,
validated against the OPDS 2.0 JSON schemas by the tests.

Acquisition links (the PDF, the pages) obey the access rule like every other channel; apps sign in with HTTP
Basic credentials (the reader's email and password), as the authentication document says.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from newsstand.catalog.models import Edition, Publication

OPDS = "application/opds+json"
PUBLICATION_TYPES: dict[str, str] = {"newspaper": "newspaper", "magazine": "magazine"}  # Readium belongsTo keys
PAGE_SIZE = 50


def link(
    href: str, *, rel: str | None = None, type: str = OPDS, title: str | None = None, **extra: Any
) -> dict[str, Any]:
    item: dict[str, Any] = {"href": href, "type": type}
    if rel:
        item["rel"] = rel
    if title:
        item["title"] = title
    item.update(extra)
    return item


def feed_links(request: HttpRequest, self_url: str, page: PaginatorPage[Any] | None = None) -> list[dict[str, Any]]:
    links = [
        link(self_url, rel="self"),
        link(reverse("opds:root"), rel="start", title=_("Catalog")),
        link(f"{reverse('opds:search')}{{?query}}", rel="search", templated=True, title=_("Search")),
        link(reverse("opds:authentication"), rel="http://opds-spec.org/auth/document",
             type="application/opds-authentication+json"),
    ]  # fmt: skip
    if page is not None:
        base = request.path
        if page.has_next():
            links.append(link(f"{base}?page={page.next_page_number()}", rel="next"))
        if page.has_previous():
            links.append(link(f"{base}?page={page.previous_page_number()}", rel="previous"))
        links.append(link(f"{base}?page=1", rel="first"))
        links.append(link(f"{base}?page={page.paginator.num_pages}", rel="last"))
    return links


def paginate(items: Any, request: HttpRequest) -> PaginatorPage[Any]:
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))


def feed_metadata(title: str, page: PaginatorPage[Any] | None = None) -> dict[str, Any]:
    metadata: dict[str, Any] = {"title": title}
    if page is not None:
        metadata |= {"itemsPerPage": PAGE_SIZE, "currentPage": page.number, "numberOfItems": page.paginator.count}
    return metadata


def navigation_root(*, categories: list[Any], languages: list[str]) -> list[dict[str, Any]]:
    navigation = [
        link(reverse("opds:newest"), title=_("Newest editions"), rel="http://opds-spec.org/sort/new"),
        link(reverse("opds:publications"), title=_("All publications")),
    ]
    navigation += [link(reverse("opds:category", args=[c.slug]), title=_(c.name)) for c in categories]
    navigation += [
        link(reverse("opds:language", args=[code]), title=str(get_language_info(code)["name_local"]))
        for code in languages
        if _known_language(code)
    ]
    return navigation


def _known_language(code: str) -> bool:
    try:
        get_language_info(code)
    except KeyError:
        return False
    return True


def publication_navigation_link(publication: Publication) -> dict[str, Any]:
    return link(reverse("opds:publication", args=[publication.slug]), title=publication.title)


def edition_entry(request: HttpRequest, edition: Edition) -> dict[str, Any]:
    """One edition as an OPDS publication, an issue of its periodical (Readium's periodical profile)."""
    publication = edition.publication
    absolute = request.build_absolute_uri
    periodical: dict[str, Any] = {
        "name": publication.title,
        "links": [link(absolute(reverse("opds:publication", args=[publication.slug])))],
    }
    if publication.issn:
        periodical["identifier"] = f"urn:issn:{publication.issn}"
    metadata: dict[str, Any] = {
        "@type": "http://schema.org/PublicationIssue",
        "title": f"{publication.title}, {edition.issue_date.isoformat()}"
        + (f" ({edition.label})" if edition.label else ""),
        "identifier": f"urn:newsstand:edition:{publication.slug}:{edition.issue_date.isoformat()}",
        "published": edition.issue_date.isoformat(),
        "modified": edition.updated_at.isoformat(),
        "language": publication.language,
        "publisher": publication.publisher.name,
        "belongsTo": {PUBLICATION_TYPES.get(publication.kind, "periodical"): periodical},
    }
    if edition.page_count:
        metadata["numberOfPages"] = edition.page_count
    links = [
        link(absolute(edition.get_absolute_url()), rel="alternate", type="text/html", title=_("Contents")),
        link(absolute(edition.get_replica_url()), rel="http://opds-spec.org/acquisition", type="text/html",
             title=_("Read the pages")),
    ]  # fmt: skip
    if edition.source_pdf:
        pdf = reverse("catalog:edition_pdf", kwargs=edition.url_kwargs())
        links.append(link(absolute(pdf), rel="http://opds-spec.org/acquisition", type="application/pdf", title="PDF"))
    images = [link(absolute(edition.cover.url), type="image/webp")] if edition.cover else []
    entry: dict[str, Any] = {"metadata": metadata, "links": links}
    if images:
        entry["images"] = images
    return entry


def authentication_document(request: HttpRequest, *, site_name: str) -> dict[str, Any]:
    return {
        "id": request.build_absolute_uri(reverse("opds:authentication")),
        "title": site_name,
        "description": _("Sign in with the email address and password of your account."),
        "authentication": [
            {"type": "http://opds-spec.org/auth/basic", "labels": {"login": _("Email"), "password": _("Password")}}
        ],
        "links": [
            link(request.build_absolute_uri(reverse("account_signup")), rel="register", type="text/html"),
            link(request.build_absolute_uri(reverse("account_reset_password")), rel="help", type="text/html"),
        ],
    }
