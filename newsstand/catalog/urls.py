import datetime

from django.urls import path, register_converter

from newsstand.access import views as access_views
from newsstand.catalog import views


class IsoDateConverter:
    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value: str) -> datetime.date:
        return datetime.date.fromisoformat(value)  # ValueError (e.g. 2026-02-30) → no match → 404

    def to_url(self, value: datetime.date | str) -> str:
        return value.isoformat() if isinstance(value, datetime.date) else value


register_converter(IsoDateConverter, "isodate")

app_name = "catalog"
urlpatterns = [
    path("", views.home, name="home"),
    path("catalog/", views.catalog, name="catalog"),
    path("<slug:publication>/", views.publication, name="publication"),
    path("<slug:publication>/<isodate:date>/", views.edition, name="edition"),
    path("<slug:publication>/<isodate:date>/pages/", views.replica, name="replica"),
    path("<slug:publication>/<isodate:date>/buy/", access_views.edition_buy, name="edition_buy"),
    path("<slug:publication>/<isodate:date>/pdf/", views.edition_pdf, name="edition_pdf"),
    path(
        "<slug:publication>/<isodate:date>/pages/<int:number>-<slug:rendition>.webp",
        views.page_image,
        name="page_image",
    ),
    path("<slug:publication>/<isodate:date>/<slug:story>/", views.story, name="story"),
]
