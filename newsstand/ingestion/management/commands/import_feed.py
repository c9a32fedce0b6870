"""`manage.py import_feed <publication> <feed-url-or-file>`: register an RSS/Atom feed and poll it once."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from newsstand.ingestion.management.commands.import_html import publication_by_slug
from newsstand.ingestion.web.fetch import fetch_max_bytes
from newsstand.ingestion.web.importing import feed_poll
from newsstand.ingestion.web.services import feed_file_source_register, feed_source_register


class Command(BaseCommand):
    help = (
        "Register an RSS or Atom feed for the publication and import its new items now; registered feeds are then "
        "polled on the schedule. A saved feed file is imported the same way but never polled."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("publication", help="the publication's slug")
        parser.add_argument("feed", metavar="feed-url-or-file")

    def handle(self, *args: Any, **options: Any) -> None:
        publication = publication_by_slug(options["publication"])
        path = Path(options["feed"])
        if "://" not in options["feed"] and path.is_file():
            if path.stat().st_size > fetch_max_bytes():
                raise CommandError(_("%(path)s is larger than the import limit.") % {"path": path})
            source = feed_file_source_register(publication=publication, path=path)
            poll = feed_poll(source=source, content=path.read_bytes())
        else:
            try:
                source = feed_source_register(publication=publication, url=options["feed"])
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
            poll = feed_poll(source=source)
        self.stdout.write(
            _("%(feed)s: imported %(imported)d, known before %(known)d, failed %(failed)d.")
            % {"feed": source, "imported": poll.imported, "known": poll.known + poll.duplicates,
               "failed": poll.failed}
        )  # fmt: skip
        if source.last_error:
            raise CommandError(source.last_error)
