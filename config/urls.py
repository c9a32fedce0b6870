from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from newsstand.accounts.views import language_switch
from newsstand.core import views as core_views

admin.site.site_header = admin.site.site_title = f"{settings.NEWSSTAND_SITE_NAME} admin"

urlpatterns: list[URLPattern | URLResolver] = [
    path("admin/", admin.site.urls),
    path("i18n/setlang/", language_switch, name="set_language"),
    path("accounts/", include("allauth.urls")),
    path("api/", include("newsstand.api.urls")),
    path("", include("newsstand.reading.account_urls")),
    path("", include("newsstand.payments.urls")),
    path("", include("newsstand.library.urls")),
    path("", include("newsstand.feeds.urls")),
    path("", include("newsstand.search.urls")),
    path("opds/", include("newsstand.feeds.opds_urls")),
]
if settings.MEDIA_URL.startswith("/"):
    # Media on local disk (the embedded default); with object storage MEDIA_URL points there instead.
    urlpatterns.append(path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", core_views.media_public, name="media"))
if settings.NEWSSTAND_BENCH_VIEW:
    urlpatterns.append(path("_bench/bytes/<int:size>/", core_views.bench_bytes))
# Last: the catalog's pages take any first path segment (a publication's slug) that nothing above took.
urlpatterns.append(path("", include("newsstand.reading.urls")))
