"""manage.py ingest_edition <publication> <file.pdf> --date YYYY-MM-DD [--wait]"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from newsstand.catalog.models import Publication
from newsstand.ingestion.pipeline import edition_ingest_run
from newsstand.ingestion.services import IngestionRefused, edition_ingest_submit


class Command(BaseCommand):
    help = "Send a PDF edition to ingestion: pages rendered and stories found in the background (or now, --wait)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("publication", help="the publication's slug")
        parser.add_argument("file", type=Path, help="the edition's PDF")
        parser.add_argument("--date", required=True, type=datetime.date.fromisoformat, help="issue date, YYYY-MM-DD")
        parser.add_argument("--label", default="", help="the edition's number or label")
        parser.add_argument("--wait", action="store_true", help="run here and now instead of by the worker")

    def handle(self, *args: Any, **options: Any) -> None:
        publication = Publication.objects.filter(slug=options["publication"]).first()
        if publication is None:
            raise CommandError(f"No publication has the slug {options['publication']!r}.")
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path} is not a file.")
        try:
            ingestion = edition_ingest_submit(
                publication=publication, content=path.read_bytes(), issue_date=options["date"], file_name=path.name,
                label=options["label"], background=not options["wait"],
            )  # fmt: skip
        except IngestionRefused as error:
            raise CommandError(str(error)) from error
        if options["wait"] and ingestion.is_active:
            ingestion = edition_ingest_run(ingestion_id=ingestion.pk)
        self.stdout.write(
            f"{ingestion.edition}: {ingestion.get_status_display()}"
            + (f", {ingestion.pages_total} pages, {ingestion.stories_found} stories" if not ingestion.is_active else "")
            + (f" ({ingestion.message})" if ingestion.message else "")
        )
        if ingestion.status == ingestion.Status.FAILED:
            raise CommandError(ingestion.message)
