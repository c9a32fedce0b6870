"""`manage.py import_html <publication> <url-or-file>... [--date YYYY-MM-DD]`: web pages become stories."""

from __future__ import annotations

import datetime
from argparse import ArgumentParser, ArgumentTypeError
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from newsstand.catalog.models import Publication
from newsstand.ingestion.web.errors import ImportFailure
from newsstand.ingestion.web.importing import html_story_import


def issue_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise ArgumentTypeError(_("“%(value)s” is not a date as YYYY-MM-DD.") % {"value": value}) from error


def publication_by_slug(slug: str) -> Publication:
    publication = Publication.objects.filter(slug=slug).first()
    if publication is None:
        raise CommandError(_("There is no publication “%(slug)s”.") % {"slug": slug})
    return publication


class Command(BaseCommand):
    help = (
        "Import the story of each web page (an http(s) address or a saved HTML file) into the publication's edition "
        "of the story's date (a draft edition is created when missing). Pages imported before are skipped."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("publication", help="the publication's slug")
        parser.add_argument("sources", nargs="+", metavar="url-or-file")
        parser.add_argument(
            "--date", type=issue_date, default=None, help="the edition's date, YYYY-MM-DD (default: the story's own)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        publication = publication_by_slug(options["publication"])
        sources: list[str] = options["sources"]
        failures = 0
        for source in sources:
            try:
                outcome = html_story_import(publication=publication, source=source, issue_date=options["date"])
            except ImportFailure as error:
                failures += 1
                self.stderr.write(_("%(source)s: %(problem)s") % {"source": source, "problem": error})
                continue
            story = outcome.item.story
            headline = story.headline if story else source
            if not outcome.created:
                self.stdout.write(
                    _("%(source)s was imported before (“%(headline)s”).") % {"source": source, "headline": headline}
                )
            elif story is not None:
                self.stdout.write(
                    _("Imported “%(headline)s” into the edition of %(date)s (%(status)s).")
                    % {"headline": headline, "date": story.edition.issue_date.isoformat(),
                       "status": story.edition.get_status_display()}
                )  # fmt: skip
        if failures:
            raise CommandError(
                ngettext(
                    "%(failed)d of %(total)d page could not be imported.",
                    "%(failed)d of %(total)d pages could not be imported.",
                    len(sources),
                )
                % {"failed": failures, "total": len(sources)}
            )
