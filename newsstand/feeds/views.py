"""Machine-readable views: the news sitemap and robots.txt (feeds and sitemaps proper are Django's own views)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_safe

from newsstand.feeds.selectors import stories_for_news_sitemap


@require_safe
@cache_page(300)
def news_sitemap(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "feeds/news_sitemap.xml",
        {"stories": stories_for_news_sitemap()},
        content_type="application/xml; charset=utf-8",
    )


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /account/",
        "Disallow: /accounts/",
        "Disallow: /library/",
        "Disallow: /plans/",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri(reverse('feeds:sitemap'))}",
        f"Sitemap: {request.build_absolute_uri(reverse('feeds:news_sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
