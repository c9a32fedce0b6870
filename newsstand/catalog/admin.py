"""Staff admin for the catalog. Staff who are not superusers see only their own publishers' titles."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from newsstand.catalog.blocks import blocks_validate, blocks_word_count
from newsstand.catalog.models import Category, Edition, Page, Publication, Publisher, Story, StoryImage
from newsstand.catalog.responses import page_image_response
from newsstand.catalog.selectors import page_story_areas
from newsstand.catalog.services import (
    StoryEditRefused,
    edition_publish,
    edition_unpublish,
    story_block_move,
    story_merge,
    story_split,
)


class PublisherScopedAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Limits rows and choices to the publishers the staff member belongs to (User.publishers)."""

    publisher_path = "publisher"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(**{f"{self.publisher_path}__members": request.user.pk}).distinct()

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if not request.user.is_superuser:
            user = request.user.pk
            scoped = {
                "publisher": Publisher.objects.filter(members=user),
                "publication": Publication.objects.filter(publisher__members=user),
                "edition": Edition.objects.filter(publication__publisher__members=user),
            }
            if db_field.name in scoped:
                kwargs["queryset"] = scoped[db_field.name]
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "slug", "position")
    list_editable = ("position",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Publisher)
class PublisherAdmin(PublisherScopedAdmin):
    publisher_path = ""
    list_display = ("name", "slug", "website")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = admin.ModelAdmin.get_queryset(self, request)
        return queryset if request.user.is_superuser else queryset.filter(members=request.user.pk)


@admin.register(Publication)
class PublicationAdmin(PublisherScopedAdmin):
    list_display = ("title", "publisher", "kind", "language", "country", "frequency")
    list_filter = ("kind", "language", "frequency", "categories", "publisher")
    search_fields = ("title", "slug", "issn")
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("categories",)


class PageInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Page
    fields = ("number", "width", "height")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class StoryInline(admin.TabularInline):  # type: ignore[type-arg]
    """The edition's stories as a list with links; stories are edited on their own page."""

    model = Story
    fields = ("position", "headline", "section", "is_free", "word_count")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class EditionAdminForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Edition
        fields = ("publication", "issue_date", "label", "status", "release_at", "source_pdf", "cover")


@admin.register(Edition)
class EditionAdmin(PublisherScopedAdmin):
    """Editions: publishing, their stories and pages. The PDF upload and its reading are ingestion's: its admin
    registers a subclass of this one in its place (newsstand/ingestion/admin.py)."""

    form = EditionAdminForm
    publisher_path = "publication__publisher"
    # typed as open tuples: ingestion's admin adds its column and field to these
    list_display: tuple[str, ...] = ("publication", "issue_date", "label", "status", "release_at", "page_count")
    readonly_fields: ClassVar[tuple[str, ...]] = ("page_count",)
    list_filter = ("status", "publication")
    date_hierarchy = "issue_date"
    search_fields = ("publication__title", "label")
    inlines = (StoryInline, PageInline)
    actions = ("publish_now", "unpublish")
    change_form_template = "admin/catalog/edition/change_form.html"

    def get_urls(self) -> list[Any]:
        own = [
            path(
                "<int:edition_id>/review/",
                self.admin_site.admin_view(self.review_view),
                name="catalog_edition_review",
            ),
            path(
                "<int:edition_id>/review/pages/<int:number>-<slug:rendition>.webp",
                self.admin_site.admin_view(self.page_image_view),
                name="catalog_edition_page_image",
            ),
        ]
        return own + super().get_urls()

    def page_image_view(self, request: HttpRequest, edition_id: int, number: int, rendition: str) -> FileResponse:
        """A page image of an edition the staff member may see, drafts included (the reader's route shows only
        released editions)."""
        edition = get_object_or_404(self.get_queryset(request), pk=edition_id)
        response = page_image_response(get_object_or_404(Page, edition=edition, number=number), rendition)
        if response is None:
            raise Http404("No such page image")
        return response

    def review_view(self, request: HttpRequest, edition_id: int) -> HttpResponse:
        """The edition's pages with its stories' areas drawn and numbered beside the list of those stories; merge
        stories or move a block from one to another here."""
        edition = get_object_or_404(self.get_queryset(request).select_related("publication"), pk=edition_id)
        if request.method == "POST":
            if not self.has_change_permission(request, edition):
                raise PermissionDenied
            self._review_change(request, edition)
            return redirect("admin:catalog_edition_review", edition.pk)
        pages = list(edition.pages.order_by("number"))
        areas = page_story_areas(edition=edition, pages=pages)
        stories = list(edition.stories.order_by("position", "pk"))
        numbers = {story.pk: number for number, story in enumerate(stories, start=1)}
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "edition": edition,
            "title": _("Review “%(edition)s”") % {"edition": edition},
            "pages": [(page, [(area, numbers[area.story.pk]) for area in areas[page.number]]) for page in pages],
            "stories": [(numbers[story.pk], story) for story in stories],
            "can_change": self.has_change_permission(request, edition),
        }
        return TemplateResponse(request, "admin/catalog/edition/review.html", context)

    def _review_change(self, request: HttpRequest, edition: Edition) -> None:
        """A merge of the ticked stories, or a block moved: the button pressed says which."""
        stories = edition.stories.all()
        try:
            if "move" in request.POST:
                story_pk, _sep, index = request.POST["move"].partition(":")
                story = get_object_or_404(stories, pk=int(story_pk))
                target = get_object_or_404(stories, pk=int(request.POST.get(f"target-{story_pk}-{index}") or 0))
                story_block_move(story=story, index=int(index), target=target)
                self.message_user(request, _("Moved to “%(headline)s”.") % {"headline": target.headline})
            elif request.POST.get("action") == "merge":
                merged = story_merge(stories=list(stories.filter(pk__in=request.POST.getlist("story"))))
                self.message_user(request, _("Merged into “%(headline)s”.") % {"headline": merged.headline})
        except (StoryEditRefused, ValueError) as refused:
            self.message_user(request, str(refused), level=messages.ERROR)

    @admin.action(description=_("Publish the selected editions now"))
    def publish_now(self, request: HttpRequest, queryset: QuerySet[Edition]) -> None:
        drafts = queryset.exclude(status=Edition.Status.PUBLISHED)  # published ones keep their release time
        count = drafts.count()
        for edition in drafts:
            edition_publish(edition=edition)
        self.message_user(request, ngettext("%d edition published.", "%d editions published.", count) % count)

    @admin.action(description=_("Return the selected editions to draft"))
    def unpublish(self, request: HttpRequest, queryset: QuerySet[Edition]) -> None:
        for edition in queryset:
            edition_unpublish(edition=edition)
        count = queryset.count()
        self.message_user(request, ngettext("%d edition unpublished.", "%d editions unpublished.", count) % count)


class StoryAdminForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Story
        fields = ("edition", "position", "slug", "section", "headline", "standfirst", "byline", "body", "pages",
                  "is_free", "language")  # fmt: skip

    def clean_body(self) -> Any:
        body = self.cleaned_data["body"]
        blocks_validate(body)
        return body

    def save(self, commit: bool = True) -> Story:
        self.instance.word_count = blocks_word_count(self.cleaned_data["body"])
        if self.instance.pk and self.has_changed():
            self.instance.edited = True  # a person's correction: ingesting the edition again keeps it
        story: Story = super().save(commit)
        return story


class StoryImageInline(admin.TabularInline):  # type: ignore[type-arg]
    model = StoryImage
    fields = ("position", "image", "caption", "credit")
    extra = 0


@admin.register(Story)
class StoryAdmin(PublisherScopedAdmin):
    form = StoryAdminForm
    publisher_path = "edition__publication__publisher"
    list_display = ("headline", "edition", "section", "is_free", "word_count")
    list_filter = ("is_free", "edition__publication", "language")
    search_fields = ("headline", "standfirst", "byline")
    list_select_related = ("edition__publication",)
    raw_id_fields = ("edition",)
    inlines = (StoryImageInline,)
    actions = ("merge",)
    change_form_template = "admin/catalog/story/change_form.html"

    @admin.action(description=_("Merge the selected stories into the first"))
    def merge(self, request: HttpRequest, queryset: QuerySet[Story]) -> None:
        try:
            merged = story_merge(stories=list(queryset))
        except StoryEditRefused as error:
            self.message_user(request, str(error), level=messages.ERROR)
            return
        self.message_user(request, _("Merged into “%(headline)s”.") % {"headline": merged.headline})

    def get_urls(self) -> list[Any]:
        own = [path("<int:story_id>/split/", self.admin_site.admin_view(self.split_view), name="catalog_story_split")]
        return own + super().get_urls()

    def split_view(self, request: HttpRequest, story_id: int) -> HttpResponse:
        """Cut a story in two: the staff member picks the block the new story starts with and its headline."""
        story = get_object_or_404(self.get_queryset(request), pk=story_id)
        if not self.has_change_permission(request, story):
            raise PermissionDenied
        error = ""
        if request.method == "POST":
            try:
                new = story_split(
                    story=story, at=int(request.POST.get("at", "0") or 0), headline=request.POST.get("headline", "")
                )
            except (StoryEditRefused, ValueError) as refused:
                error = str(refused)
            else:
                self.message_user(
                    request, _("Split: “%(headline)s” is a story of its own.") % {"headline": new.headline}
                )
                return redirect("admin:catalog_story_change", new.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "story": story,
            "blocks": list(enumerate(story.body)),
            "error": error,
            "title": _("Split “%(headline)s”") % {"headline": story.headline},
        }
        return TemplateResponse(request, "admin/catalog/story/split.html", context)
