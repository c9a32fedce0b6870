"""Staff admin for web and feed import: feeds (with "Poll now") and what they brought. Staff who are not superusers
see only their own publishers' feeds and items, as in the catalog's admin."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from newsstand.catalog.admin import PublisherScopedAdmin
from newsstand.ingestion.models import FeedSource, ImportedItem
from newsstand.ingestion.services_web import feed_poll_enqueue


@admin.register(FeedSource)
class FeedSourceAdmin(PublisherScopedAdmin):
    publisher_path = "publication__publisher"
    list_display = ("__str__", "publication", "is_active", "last_polled_at", "has_problem")
    list_filter = ("is_active", "publication")
    search_fields = ("title", "url", "publication__title")
    list_select_related = ("publication",)
    fields = ("publication", "url", "title", "is_active", "last_polled_at", "last_error")
    readonly_fields = ("last_polled_at", "last_error")
    actions = ("poll_now",)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_model(self, request: HttpRequest, obj: FeedSource, form: forms.ModelForm, change: bool) -> None:  # type: ignore[type-arg]
        super().save_model(request, obj, form, change)
        if not change and obj.is_active:
            feed_poll_enqueue(source=obj)
            messages.info(request, _("The feed is being polled for the first time; reload to see what it brought."))

    @admin.display(boolean=True, description=_("problem"))
    def has_problem(self, source: FeedSource) -> bool:
        return bool(source.last_error)

    @admin.action(description=_("Poll the selected feeds now"))
    def poll_now(self, request: HttpRequest, queryset: QuerySet[FeedSource]) -> None:
        count = 0
        for source in queryset:
            feed_poll_enqueue(source=source)
            count += 1
        self.message_user(
            request,
            ngettext(
                "%d feed is being polled in the background; reload to see what it brought.",
                "%d feeds are being polled in the background; reload to see what they brought.",
                count,
            )
            % count,
        )


@admin.register(ImportedItem)
class ImportedItemAdmin(PublisherScopedAdmin):
    """What came in, and what failed and why. Read-only: items are written by imports and polls."""

    publisher_path = "publication__publisher"
    list_display = ("__str__", "publication", "source", "status", "attempts", "first_seen_at", "imported_at")
    list_filter = ("status", "publication")
    search_fields = ("url", "guid")
    list_select_related = ("publication", "source")
    readonly_fields = ("publication", "source", "url", "guid", "content_hash", "story", "status", "attempts", "error",
                       "entry", "first_seen_at", "imported_at")  # fmt: skip

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
