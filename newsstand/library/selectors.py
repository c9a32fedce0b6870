"""Reads of a reader's library."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import OuterRef, Subquery

from newsstand.accounts.models import User
from newsstand.catalog.models import Edition, Publication, Story
from newsstand.catalog.selectors import editions_visible
from newsstand.library.models import Bookmark, Follow, ReadingProgress

# A story read past this point counts as finished: it leaves "continue reading".
FINISHED = 0.9


@dataclass(frozen=True)
class Library:
    continue_reading: list[ReadingProgress]
    followed: list[Publication]
    bookmarks: list[Story]
    history: list[ReadingProgress]


def library_of(*, user: User, limit: int = 20) -> Library:
    progress = (
        ReadingProgress.objects.filter(user=user).filter(story__edition__in=editions_visible())
        | ReadingProgress.objects.filter(user=user, edition__in=editions_visible())
    ).select_related("story__edition__publication", "edition__publication")
    recent = list(progress.order_by("-updated_at")[:limit])
    return Library(
        continue_reading=[p for p in recent if p.edition_id or p.position < FINISHED][:6],
        followed=publications_followed(user=user),
        bookmarks=[b.story for b in Bookmark.objects.filter(user=user, story__edition__in=editions_visible())
                   .select_related("story__edition__publication")[:limit]],
        history=recent,
    )  # fmt: skip


def publications_followed(*, user: User) -> list[Publication]:
    latest = editions_visible().filter(publication=OuterRef("pk")).order_by("-issue_date")
    return list(
        Publication.objects.filter(followers__user=user)
        .annotate(latest_issue_date=Subquery(latest.values("issue_date")[:1]),
                  latest_cover=Subquery(latest.values("cover")[:1]))
        .order_by("-latest_issue_date", "title")
    )  # fmt: skip


def editions_new_from_followed(*, user: User, limit: int = 6) -> list[Edition]:
    """The newest released edition of each title the reader follows, for the top of the home page."""
    newest = Subquery(
        editions_visible().filter(publication=OuterRef("publication")).order_by("-issue_date").values("pk")[:1]
    )
    return list(
        editions_visible()
        .filter(publication__followers__user=user, pk=newest)
        .select_related("publication")
        .order_by("-issue_date")[:limit]
    )


def follow_of(*, user: User | None, publication: Publication) -> Follow | None:
    if user is None or not user.is_authenticated:
        return None
    return Follow.objects.filter(user=user, publication=publication).first()


def is_bookmarked(*, user: User | None, story: Story) -> bool:
    return bool(user and user.is_authenticated and Bookmark.objects.filter(user=user, story=story).exists())
