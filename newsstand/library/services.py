"""Writes of a reader's library: follow, bookmark, record where they are, tell followers of a new edition."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newsstand.accounts.mail import reader_mail_send
from newsstand.accounts.models import User
from newsstand.catalog.models import Edition, Publication, Story
from newsstand.library.models import Bookmark, Follow, NewEditionNotice, ReadingProgress


def follow_set(*, user: User, publication: Publication, following: bool, notify_by_email: bool = False) -> None:
    if following:
        Follow.objects.update_or_create(
            user=user, publication=publication, defaults={"notify_by_email": notify_by_email}
        )
    else:
        Follow.objects.filter(user=user, publication=publication).delete()


def bookmark_set(*, user: User, story: Story, bookmarked: bool) -> None:
    if bookmarked:
        Bookmark.objects.get_or_create(user=user, story=story)
    else:
        Bookmark.objects.filter(user=user, story=story).delete()


def progress_record_story(*, user: User, story: Story, position: float) -> None:
    ReadingProgress.objects.update_or_create(
        user=user, story=story, defaults={"position": min(1.0, max(0.0, position))}
    )


def progress_record_page(*, user: User, edition: Edition, page: int) -> None:
    ReadingProgress.objects.update_or_create(user=user, edition=edition, defaults={"page": max(1, page)})


# Editions released longer ago than this are old news: no email for them.
NOTICE_WINDOW = datetime.timedelta(days=3)


def new_editions_notify(*, now: datetime.datetime | None = None) -> int:
    """Email the followers who asked, once per released edition; safe to run any number of times."""
    now = now or timezone.now()
    released = Edition.objects.visible(now).filter(release_at__gte=now - NOTICE_WINDOW).select_related("publication")
    sent = 0
    for edition in released.exclude(pk__in=NewEditionNotice.objects.values("edition_id")):
        try:
            with transaction.atomic():
                NewEditionNotice.objects.create(edition=edition)
        except IntegrityError:
            continue  # another run took it
        for follow in Follow.objects.filter(publication=edition.publication, notify_by_email=True).select_related(
            "user"
        ):
            _send_new_edition(edition, follow.user)
            sent += 1
    return sent


def _send_new_edition(edition: Edition, user: User) -> None:
    reader_mail_send(
        user=user,
        subject=lambda: _("New edition of %(title)s") % {"title": edition.publication.title},
        template="library/email/new_edition.txt",
        context={"edition": edition},
    )
