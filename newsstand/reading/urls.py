"""The catalog's pages. The namespace stays "catalog": every link the site and its feeds give out keeps its name."""

from django.urls import path

from newsstand.core import converters  # noqa: F401  (registers <isodate:…>)
from newsstand.reading import views

app_name = "catalog"
urlpatterns = [
    path("", views.home, name="home"),
    path("catalog/", views.catalog, name="catalog"),
    path("<slug:publication>/", views.publication, name="publication"),
    path("<slug:publication>/<isodate:date>/", views.edition, name="edition"),
    path("<slug:publication>/<isodate:date>/pages/", views.replica, name="replica"),
    path("<slug:publication>/<isodate:date>/pdf/", views.edition_pdf, name="edition_pdf"),
    path(
        "<slug:publication>/<isodate:date>/pages/<int:number>-<slug:rendition>.webp",
        views.page_image,
        name="page_image",
    ),
    path("<slug:publication>/<isodate:date>/<slug:story>/", views.story, name="story"),
]
