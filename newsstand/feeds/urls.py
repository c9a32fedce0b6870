from django.contrib.sitemaps import views as sitemap_views
from django.urls import path
from django.views.decorators.cache import cache_page

from newsstand.feeds import syndication, views
from newsstand.feeds.sitemaps import SITEMAPS

app_name = "feeds"
urlpatterns = [
    path("feeds/<slug:publication>/rss/", syndication.PublicationRssFeed(), name="publication_rss"),
    path("feeds/<slug:publication>/atom/", syndication.PublicationAtomFeed(), name="publication_atom"),
    path("feeds/categories/<slug:category>/rss/", syndication.CategoryRssFeed(), name="category_rss"),
    path("feeds/categories/<slug:category>/atom/", syndication.CategoryAtomFeed(), name="category_atom"),
    path(
        "sitemap.xml",
        cache_page(3600)(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "feeds:sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        cache_page(3600)(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("news-sitemap.xml", views.news_sitemap, name="news_sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
]
