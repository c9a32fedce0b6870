"""The API's endpoints. Each parses its input, asks a selector, a service or the access rule, and serializes:
what a caller may read is decided in newsstand/access, as for every other channel."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import global_settings, settings
from django.db.models import QuerySet
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.exceptions import NotFound, PermissionDenied, Throttled, ValidationError
from rest_framework.generics import GenericAPIView, ListAPIView
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle, ScopedRateThrottle, UserRateThrottle

from newsstand.access.rules import edition_access, page_access, pages_open
from newsstand.access.services import story_read
from newsstand.accounts.identity import SignInRefused, SignInThrottled, user_of
from newsstand.api import selectors, serializers, services
from newsstand.catalog import selectors as catalog
from newsstand.catalog.models import Edition, Publication, Story
from newsstand.catalog.responses import page_image_response
from newsstand.library import services as library
from newsstand.library.models import Bookmark, Follow
from newsstand.search.forms import MAX_PAGE as SEARCH_MAX_PAGE
from newsstand.search.forms import SearchForm
from newsstand.search.selectors import Sort, story_search
from newsstand.search.text import MAX_QUERY_CHARS

ERROR = {"$ref": "#/components/schemas/Error"}

SLUG = OpenApiParameter("slug", OpenApiTypes.STR, OpenApiParameter.PATH, description=_("The publication’s slug."))
DATE = OpenApiParameter("date", OpenApiTypes.DATE, OpenApiParameter.PATH, description=_("The edition’s issue date."))
STORY = OpenApiParameter("story", OpenApiTypes.STR, OpenApiParameter.PATH, description=_("The story’s slug."))


def _given(request: Request) -> dict[str, str]:
    """The query parameters that have a value: an empty one counts as not given, as in the site's own forms."""
    return {name: value for name, value in request.query_params.items() if value}


def _private(response: Response) -> Response:
    """What the caller gets depends on who they are: a shared cache must not keep it for others."""
    patch_cache_control(response, private=True)
    return response


# --- catalog ---------------------------------------------------------------------------------------------------


@extend_schema(
    tags=["catalog"],
    summary=_("Publications"),
    description=_("Publications with at least one released edition, filtered like the catalog page."),
    parameters=[serializers.PublicationFilterSerializer],
)
class PublicationList(ListAPIView):
    serializer_class = serializers.PublicationSerializer

    def get_queryset(self) -> QuerySet[Publication]:
        filters = serializers.PublicationFilterSerializer(data=_given(self.request)).filters()
        return catalog.publications_filtered(filters).prefetch_related("categories")


@extend_schema(tags=["catalog"], summary=_("A publication"), parameters=[SLUG])
class PublicationDetail(GenericAPIView):
    serializer_class = serializers.PublicationSerializer

    def get(self, request: Request, slug: str) -> Response:
        return Response(self.get_serializer(catalog.publication_get(slug=slug)).data)


@extend_schema(
    tags=["catalog"],
    summary=_("A publication’s editions"),
    description=_("Released editions, the newest first."),
    parameters=[SLUG],
)
class EditionList(ListAPIView):
    serializer_class = serializers.EditionSerializer

    def get_queryset(self) -> QuerySet[Edition]:
        return selectors.publication_editions(publication=catalog.publication_get(slug=self.kwargs["slug"]))


@extend_schema(
    tags=["catalog"],
    summary=_("An edition and its pages"),
    description=_(
        "Each page has image URLs only if the caller may see it: the first pages are free, the rest need a "
        "subscription, a purchase of the edition or an institution’s access."
    ),
    parameters=[SLUG, DATE],
)
class EditionDetail(GenericAPIView):
    serializer_class = serializers.EditionDetailSerializer

    def get(self, request: Request, slug: str, date: datetime.date) -> Response:
        edition = catalog.edition_get(publication_slug=slug, issue_date=date)
        reader = selectors.reader_of(request)
        context = {
            **self.get_serializer_context(),
            "access": edition_access(reader=reader, edition=edition),
            "pages_open": pages_open(reader=reader, edition=edition),
            "pages": catalog.edition_pages(edition=edition),
        }
        return _private(Response(serializers.EditionDetailSerializer(edition, context=context).data))


class ImageContentNegotiation(BaseContentNegotiation):
    """A page image is WebP whatever the client accepts; errors are JSON like everywhere in the API."""

    def select_parser(self, request: Request, parsers: list[Any]) -> Any:
        return parsers[0] if parsers else None

    def select_renderer(self, request: Request, renderers: list[Any], format_suffix: str | None = None) -> Any:
        return renderers[0], renderers[0].media_type


@extend_schema(
    tags=["catalog"],
    summary=_("A page image"),
    description=_("The page as WebP at one of the widths the edition lists, or its thumbnail."),
    parameters=[
        SLUG,
        DATE,
        OpenApiParameter("number", {"type": "integer", "minimum": 1}, OpenApiParameter.PATH),
        OpenApiParameter(
            "rendition",
            OpenApiTypes.STR,
            OpenApiParameter.PATH,
            enum=["thumb", *(str(width) for width in settings.NEWSSTAND_PAGE_WIDTHS)],
        ),
    ],
    responses={
        (200, "image/webp"): OpenApiResponse(OpenApiTypes.BINARY, description=_("The image.")),
        403: OpenApiResponse(ERROR, description=_("The caller may not see this page.")),
    },
)
class PageImage(GenericAPIView):
    content_negotiation_class = ImageContentNegotiation

    def get(self, request: Request, slug: str, date: datetime.date, number: int, rendition: str) -> FileResponse:
        edition = catalog.edition_get(publication_slug=slug, issue_date=date)
        page = catalog.edition_page(edition=edition, number=number)
        if not page_access(reader=selectors.reader_of(request), page=page).allowed:
            raise PermissionDenied(_("This page is for subscribers. Sign in with an account that may read it."))
        response = page_image_response(page, rendition)
        if response is None:
            raise NotFound(_("This page has no image at that width; the edition lists the widths it has."))
        return response


# --- stories ---------------------------------------------------------------------------------------------------


@extend_schema(
    tags=["catalog"],
    summary=_("An edition’s stories"),
    description=_("In the order the edition runs them. Lists never carry a story’s text."),
    parameters=[SLUG, DATE],
)
class StoryList(ListAPIView):
    serializer_class = serializers.StorySerializer

    def get_queryset(self) -> QuerySet[Story]:
        edition = catalog.edition_get(publication_slug=self.kwargs["slug"], issue_date=self.kwargs["date"])
        return selectors.edition_stories(edition=edition)


@extend_schema(
    tags=["catalog"],
    summary=_("A story"),
    description=_(
        "The body is the whole story if the caller may read it, else only its opening (access.allowed is false "
        "and access.reason says why). Reading a premium story on the monthly allowance spends one read."
    ),
    parameters=[SLUG, DATE, STORY],
)
class StoryDetail(GenericAPIView):
    serializer_class = serializers.StoryDetailSerializer

    def get(self, request: Request, slug: str, date: datetime.date, story: str) -> Response:
        article = catalog.story_get(publication_slug=slug, issue_date=date, slug=story)
        # A HEAD request reads nothing, so it spends no metered read (as on the story page).
        reading = story_read(reader=selectors.reader_of(request), story=article, counts_as_read=request.method == "GET")
        context = {**self.get_serializer_context(), "reading": reading}
        return _private(Response(serializers.StoryDetailSerializer(article, context=context).data))


# --- search ----------------------------------------------------------------------------------------------------

# The query parameters of the site's search form (newsstand/search/forms.py), which decides what is valid.
SEARCH_PARAMETERS = [
    OpenApiParameter("q", {"type": "string", "maxLength": MAX_QUERY_CHARS, "pattern": "^[^\\u0000]*$"},
                     description=_("Words and “quoted phrases”; other forms of a word match too.")),
    OpenApiParameter("publication", {"type": "string", "pattern": r"^[-a-zA-Z0-9_]+$"},
                     description=_("Only stories of this publication (its slug).")),
    OpenApiParameter("category", {"type": "string", "pattern": r"^[-a-zA-Z0-9_]+$"},
                     description=_("Only stories of publications in this category (its slug).")),
    OpenApiParameter("language", OpenApiTypes.STR, enum=[code for code, _name in global_settings.LANGUAGES]),
    OpenApiParameter("kind", OpenApiTypes.STR, enum=Publication.Kind.values),
    OpenApiParameter("from", OpenApiTypes.DATE, description=_("Only stories of editions of this date or later.")),
    OpenApiParameter("to", OpenApiTypes.DATE, description=_("Only stories of editions of this date or earlier.")),
    OpenApiParameter("sort", OpenApiTypes.STR, enum=[sort.value for sort in Sort],
                     description=_("relevance (the default) or newest.")),
    OpenApiParameter("page", {"type": "integer", "minimum": 1, "maximum": SEARCH_MAX_PAGE},
                     description=_("The page of results, from 1; past the last page, the last page.")),
]  # fmt: skip

# The form's field names where they differ from the query string's.
SEARCH_FIELD_NAMES = {"date_from": "from", "date_to": "to", "__all__": "non_field_errors"}


@extend_schema(
    tags=["search"],
    summary=_("Search stories"),
    description=_(
        "Stories readers can see whose headline, standfirst or text match, 20 a page, the most relevant or the "
        "newest first. For a story the caller may not read, the snippet comes from its opening alone."
    ),
    parameters=SEARCH_PARAMETERS,
)
class Search(GenericAPIView):
    serializer_class = serializers.SearchResultsSerializer

    def get(self, request: Request) -> Response:
        form = SearchForm(_given(request))
        if not form.is_valid():
            raise ValidationError({SEARCH_FIELD_NAMES.get(name, name): errors for name, errors in form.errors.items()})
        results = story_search(query=form.search_query(), reader=selectors.reader_of(request))
        return _private(Response(self.get_serializer(results).data))


# --- a reader's library ----------------------------------------------------------------------------------------


@extend_schema_view(
    get=extend_schema(summary=_("My bookmarks"), description=_("The newest first.")),
    post=extend_schema(
        summary=_("Bookmark a story"),
        request=serializers.BookmarkCreateSerializer,
        responses={201: serializers.BookmarkSerializer, 200: serializers.BookmarkSerializer},
        description=_("201 for a new bookmark, 200 if the story was already bookmarked."),
    ),
)
@extend_schema(tags=["library"])
class BookmarkList(ListAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = serializers.BookmarkSerializer

    def get_queryset(self) -> QuerySet[Bookmark]:
        return selectors.bookmarks_of(user=user_of(self.request))

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return _private(super().list(request, *args, **kwargs))

    def post(self, request: Request) -> Response:
        payload = serializers.BookmarkCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        story: Story = payload.validated_data["story"]
        bookmarks = selectors.bookmarks_of(user=user_of(request))
        existed = bookmarks.filter(story=story).exists()
        library.bookmark_set(user=user_of(request), story=story, bookmarked=True)
        data = serializers.BookmarkSerializer(bookmarks.get(story=story), context=self.get_serializer_context()).data
        return _private(Response(data, status=status.HTTP_200_OK if existed else status.HTTP_201_CREATED))


@extend_schema(
    tags=["library"],
    summary=_("Remove a bookmark"),
    parameters=[OpenApiParameter("story_id", {"type": "integer", "minimum": 1, "maximum": serializers.MAX_ID}, "path")],
    responses={204: None},
)
class BookmarkDetail(GenericAPIView):
    permission_classes = [IsAuthenticated]

    def delete(self, request: Request, story_id: int) -> Response:
        if story_id > serializers.MAX_ID:  # no such id, and the database would overflow on it
            raise Http404
        bookmark = get_object_or_404(selectors.bookmarks_of(user=user_of(request)), story_id=story_id)
        library.bookmark_set(user=user_of(request), story=bookmark.story, bookmarked=False)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    get=extend_schema(summary=_("Publications I follow"), description=_("By title.")),
    post=extend_schema(
        summary=_("Follow a publication"),
        request=serializers.FollowCreateSerializer,
        responses={201: serializers.FollowSerializer, 200: serializers.FollowSerializer},
        description=_("201 for a new follow, 200 if the publication was already followed (its email choice is "
                      "updated)."),
    ),
)  # fmt: skip
@extend_schema(tags=["library"])
class FollowList(ListAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = serializers.FollowSerializer

    def get_queryset(self) -> QuerySet[Follow]:
        return selectors.follows_of(user=user_of(self.request))

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return _private(super().list(request, *args, **kwargs))

    def post(self, request: Request) -> Response:
        payload = serializers.FollowCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        publication: Publication = payload.validated_data["publication"]
        follows = selectors.follows_of(user=user_of(request))
        existed = follows.filter(publication=publication).exists()
        library.follow_set(
            user=user_of(request), publication=publication, following=True,
            notify_by_email=payload.validated_data["notify_by_email"],
        )  # fmt: skip
        data = serializers.FollowSerializer(follows.get(publication=publication), context=self.get_serializer_context())
        return _private(Response(data.data, status=status.HTTP_200_OK if existed else status.HTTP_201_CREATED))


@extend_schema(tags=["library"], summary=_("Unfollow a publication"), parameters=[SLUG], responses={204: None})
class FollowDetail(GenericAPIView):
    permission_classes = [IsAuthenticated]

    def delete(self, request: Request, slug: str) -> Response:
        follow = get_object_or_404(selectors.follows_of(user=user_of(request)), publication__slug=slug)
        library.follow_set(user=user_of(request), publication=follow.publication, following=False)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- tokens ----------------------------------------------------------------------------------------------------


@extend_schema_view(
    post=extend_schema(
        summary=_("Get a token"),
        description=_(
            "For the email address and password of an account. Send the token as “Authorization: Token <token>”; "
            "it stays the same until revoked. Attempts are limited per address and per account."
        ),
        request=serializers.CredentialsSerializer,
        responses={200: serializers.TokenSerializer},
        auth=[],
    ),
    delete=extend_schema(
        summary=_("Revoke my token"),
        description=_("Every app signed in with it is signed out."),
        responses={204: None},
    ),
)
@extend_schema(tags=["auth"])
class TokenView(GenericAPIView):
    throttle_classes = [AnonRateThrottle, UserRateThrottle, ScopedRateThrottle]
    throttle_scope = "token"

    def get_permissions(self) -> list[Any]:
        return [IsAuthenticated()] if self.request.method == "DELETE" else [AllowAny()]

    def post(self, request: Request) -> Response:
        payload = serializers.CredentialsSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            token = services.token_obtain(request=request._request, **payload.validated_data)
        except SignInThrottled as error:
            raise Throttled(detail=str(error)) from error
        except SignInRefused as error:
            raise ValidationError({"non_field_errors": [str(error)]}) from error
        response = Response(serializers.TokenSerializer({"token": token.key}).data)
        response["Cache-Control"] = "no-store"  # a credential: no cache anywhere keeps it
        return response

    def delete(self, request: Request) -> Response:
        services.token_revoke(user=user_of(request))
        return Response(status=status.HTTP_204_NO_CONTENT)
