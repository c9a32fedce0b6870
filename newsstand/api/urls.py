"""The API under /api/: version 1 of the endpoints, the OpenAPI document and its docs page."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerView

from newsstand.api import errors, views
from newsstand.core import converters  # noqa: F401  (registers <isodate:…>, the site's date paths)

EDITION = "v1/publications/<slug:slug>/editions/<isodate:date>/"

app_name = "api"
urlpatterns = [
    path("schema/", SpectacularJSONAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("v1/publications/", views.PublicationList.as_view(), name="publications"),
    path("v1/publications/<slug:slug>/", views.PublicationDetail.as_view(), name="publication"),
    path("v1/publications/<slug:slug>/editions/", views.EditionList.as_view(), name="editions"),
    path(EDITION, views.EditionDetail.as_view(), name="edition"),
    path(f"{EDITION}pages/<int:number>/<str:rendition>/", views.PageImage.as_view(), name="page-image"),
    path(f"{EDITION}stories/", views.StoryList.as_view(), name="stories"),
    path(f"{EDITION}stories/<slug:story>/", views.StoryDetail.as_view(), name="story"),
    path("v1/search/", views.Search.as_view(), name="search"),
    path("v1/me/bookmarks/", views.BookmarkList.as_view(), name="bookmarks"),
    path("v1/me/bookmarks/<int:story_id>/", views.BookmarkDetail.as_view(), name="bookmark"),
    path("v1/me/follows/", views.FollowList.as_view(), name="follows"),
    path("v1/me/follows/<slug:slug>/", views.FollowDetail.as_view(), name="follow"),
    path("v1/auth/token/", views.TokenView.as_view(), name="token"),
    # Anything else ending in a slash: a JSON 404. (Without the slash, Django first redirects to add one.)
    re_path(r"^(?:[\s\S]*/)?$", errors.not_found),  # [\s\S]: any character, newlines too
]
