from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "newsstand.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from newsstand.search import signals  # noqa: F401, PLC0415  (the index follows every save; Django's idiom)
