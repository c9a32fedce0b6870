from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadingConfig(AppConfig):
    """What a reader sees and does: the catalog's pages, an edition's pages and stories, the account page. It
    composes the domains below it (catalog, access, payments, library, search) and holds no rule of its own."""

    name = "newsstand.reading"
    label = "reading"
    verbose_name = _("Reading")
