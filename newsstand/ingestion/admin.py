"""Staff admin for ingestion: an edition's PDF (upload, size check, reading progress) added to the catalog's edition
admin; web and feed import: feeds (with "Poll now") and what they brought. Staff who are not superusers see only
their own publishers' editions, feeds and items, as in the catalog's admin."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from newsstand.catalog import admin as catalog_admin
from newsstand.catalog.admin import PublisherScopedAdmin
from newsstand.catalog.models import Edition
from newsstand.ingestion.models import FeedSource, ImportedItem
from newsstand.ingestion.selectors import ingestion_progress_data
from newsstand.ingestion.services import IngestionRefused, edition_ingestion_start, pdf_size_check
from newsstand.ingestion.web.services import feed_poll_enqueue


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


# --- an edition's PDF ------------------------------------------------------------------------------------------


class EditionAdminForm(catalog_admin.EditionAdminForm):
    def clean_source_pdf(self) -> Any:
        """Only the size is checked here: whatever else is wrong with a file, its ingestion says so, and keeps it."""
        upload = self.cleaned_data.get("source_pdf")
        if upload and "source_pdf" in self.changed_data:
            try:
                pdf_size_check(upload.size)
            except IngestionRefused as error:
                raise forms.ValidationError(str(error)) from error
        return upload


admin.site.unregister(Edition)


@admin.register(Edition)
class EditionAdmin(catalog_admin.EditionAdmin):
    """The catalog's edition admin, and reading the edition's PDF: an upload starts its ingestion, whose progress
    shows in the list, on the edition's page, and at a JSON URL that page polls."""

    form = EditionAdminForm
    list_display = (*catalog_admin.EditionAdmin.list_display, "ingestion_status")
    readonly_fields = (*catalog_admin.EditionAdmin.readonly_fields, "ingestion_progress")

    def save_model(self, request: HttpRequest, obj: Edition, form: forms.ModelForm, change: bool) -> None:  # type: ignore[type-arg]
        super().save_model(request, obj, form, change)
        if "source_pdf" in form.changed_data and obj.source_pdf:
            edition_ingestion_start(edition=obj, file_name=form.cleaned_data["source_pdf"].name)
            messages.info(
                request, _("The PDF is being read in the background: pages, then stories. Progress shows below.")
            )

    def get_urls(self) -> list[Any]:
        own = [
            path(
                "<int:edition_id>/ingestion/",
                self.admin_site.admin_view(self.ingestion_json),
                name="catalog_edition_ingestion",
            )
        ]
        return own + super().get_urls()

    def ingestion_json(self, request: HttpRequest, edition_id: int) -> JsonResponse:
        """The newest ingestion of an edition the staff member may see, for the progress line to poll."""
        edition = get_object_or_404(self.get_queryset(request), pk=edition_id)
        return JsonResponse(ingestion_progress_data(edition))

    @admin.display(description=_("PDF"))
    def ingestion_status(self, obj: Edition) -> str:
        return str(ingestion_progress_data(obj)["summary"])

    @admin.display(description=_("Reading the PDF"))
    def ingestion_progress(self, obj: Edition) -> str:
        if obj.pk is None:
            return "–"
        data = ingestion_progress_data(obj)
        return format_html(
            '<div class="ingestion-progress" data-url="{}" data-active="{}">'
            '<progress max="{}" value="{}"></progress> <span>{}</span></div>'
            '<script src="{}" defer></script>',
            reverse("admin:catalog_edition_ingestion", args=[obj.pk]), "1" if data["active"] else "",
            data["pages_total"] or 1, data["pages_done"], data["summary"], static("js/ingestion_progress.js"),
        )  # fmt: skip
