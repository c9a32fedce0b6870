from typing import Any

from django.core.management.base import BaseCommand

from newsstand.search.services import stories_reindex


class Command(BaseCommand):
    help = "Rewrite every story's search document (after upgrading how text is indexed)."

    def handle(self, *args: Any, **options: Any) -> None:
        count = stories_reindex()
        self.stdout.write(f"Indexed {count} stories.")
