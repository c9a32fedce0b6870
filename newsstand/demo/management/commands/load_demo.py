from typing import Any

from django.core.management.base import BaseCommand

from newsstand.demo.loader import demo_catalog_load


class Command(BaseCommand):
    help = "Load the demo catalog (publications, editions as PDFs, pages, stories). Skips editions already loaded."

    def handle(self, *args: Any, **options: Any) -> None:
        report = demo_catalog_load(progress=lambda line: self.stdout.write(f"  {line}"))
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo catalog: {report.editions_created} editions loaded, {report.editions_skipped} already there."
            )
        )
