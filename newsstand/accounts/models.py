"""The reader's account. A custom user from the start, so that later fields need no swap of the user model."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    email = models.EmailField(_("email address"), blank=True, db_index=True)
    language = models.CharField(
        _("language"),
        max_length=10,
        blank=True,
        choices=settings.LANGUAGES,
        help_text=_("The language pages are shown in; empty follows the browser."),
    )
    publishers = models.ManyToManyField(
        "catalog.Publisher",
        blank=True,
        related_name="members",
        verbose_name=_("publishers"),
        help_text=_("Staff who are not superusers see and edit only these publishers' titles."),
    )
