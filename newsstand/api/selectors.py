"""Reads the API needs beyond the catalog's and the library's own: flat, paginable lists, and the reader
behind an API request (whose account DRF has already found by token or session)."""

from __future__ import annotations

from django.db.models import QuerySet
from rest_framework.request import Request

from newsstand.access.rules import Reader
from newsstand.access.selectors import client_ip
from newsstand.accounts.models import User
from newsstand.catalog.models import Edition, Publication, Story
from newsstand.catalog.selectors import editions_visible, publications_visible
from newsstand.library.models import Bookmark, Follow


def reader_of(request: Request) -> Reader:
    """The reader for the access rule: the account DRF authenticated, and the address the request came from."""
    user = request.user if request.user.is_authenticated else None
    return Reader(user=user, ip=client_ip(request._request))


def publication_editions(*, publication: Publication) -> QuerySet[Edition]:
    return editions_visible().filter(publication=publication).select_related("publication").order_by("-issue_date")


def edition_stories(*, edition: Edition) -> QuerySet[Story]:
    """The edition's stories in running order, without their bodies: a list never carries text."""
    return Story.objects.filter(edition=edition).select_related("edition__publication").defer("body")


def story_visible(*, story_id: int) -> Story | None:
    return Story.objects.filter(pk=story_id, edition__in=editions_visible()).first()


def publication_visible(*, slug: str) -> Publication | None:
    return publications_visible().filter(slug=slug).first()


def bookmarks_of(*, user: User) -> QuerySet[Bookmark]:
    """The reader's bookmarks of stories readers can see, the newest first."""
    return (
        Bookmark.objects.filter(user=user, story__edition__in=editions_visible())
        .select_related("story__edition__publication")
        .defer("story__body")
        .order_by("-created_at", "-pk")
    )


def follows_of(*, user: User) -> QuerySet[Follow]:
    """The titles the reader follows, by title."""
    return (
        Follow.objects.filter(user=user, publication__in=publications_visible().values("pk"))
        .select_related("publication")
        .order_by("publication__title", "pk")
    )
