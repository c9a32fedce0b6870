from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo catalog (`manage.py load_demo`): publications whose editions are laid out as PDFs and ingested like
    any publisher's upload."""

    name = "newsstand.demo"
    label = "demo"
    verbose_name = _("Demo catalog")
