"""Template helpers for catalog pages: page image URLs, cover URLs, language and country names."""

import json
from typing import Any

from django import template
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_info
from django_countries import countries

from newsstand.catalog.models import Edition, Page, Publication, Story

register = template.Library()


@register.simple_tag
def page_image_url(edition: Edition, page: Page, rendition: str | int) -> str:
    return reverse(
        "catalog:page_image", kwargs={**edition.url_kwargs(), "number": page.number, "rendition": str(rendition)}
    )


@register.simple_tag
def page_srcset(edition: Edition, page: Page) -> str:
    widths = sorted(int(width) for width in page.renditions)
    return ", ".join(f"{page_image_url(edition, page, width)} {width}w" for width in widths)


@register.simple_tag
def publication_cover_url(publication: Publication) -> str:
    """The publication's own cover, else the newest edition's (annotated by publications_visible)."""
    if publication.cover:
        return str(publication.cover.url)
    latest: str = getattr(publication, "latest_cover", "")
    return str(default_storage.url(latest)) if latest else ""


@register.filter
def language_name(code: str) -> str:
    try:
        return str(get_language_info(code)["name_local"])
    except KeyError:
        return code


@register.filter
def country_name(code: object) -> str:
    return str(countries.name(str(code))) or str(code)


@register.filter
def language_dir(code: str) -> str:
    """ "rtl" or "ltr" for content in this language, so a Norwegian story reads left to right on an Arabic page."""
    try:
        return "rtl" if get_language_info(code)["bidi"] else "ltr"
    except KeyError:
        return "auto"


# The characters that could end a <script> element or start an HTML entity, escaped inside JSON.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003C", ">": "\\u003E", "&": "\\u0026"})


@register.simple_tag(takes_context=True)
def story_json_ld(context: dict[str, Any], story: Story) -> str:
    """schema.org NewsArticle for search engines, with Google's paywalled-content markup. Never the text."""
    request = context["request"]
    edition = story.edition
    publication = edition.publication
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": story.headline,
        "description": story.standfirst,
        "inLanguage": story.language,
        "datePublished": (edition.release_at or edition.created_at).isoformat(),
        "dateModified": story.updated_at.isoformat(),
        "mainEntityOfPage": request.build_absolute_uri(story.get_absolute_url()),
        "publisher": {"@type": "Organization", "name": publication.title},
        "isPartOf": {"@type": ["CreativeWork", "Product"], "name": publication.title},
        "isAccessibleForFree": story.is_free,
    }
    if not story.is_free:
        data["hasPart"] = {
            "@type": "WebPageElement",
            "isAccessibleForFree": False,
            "cssSelector": ".story__premium",
        }
    payload = json.dumps(data, ensure_ascii=False).translate(_SCRIPT_SAFE)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))


@register.filter
def file_url(field: Any) -> str:
    """The URL of a file field, or "" when it holds no file (where .url would raise)."""
    return str(field.url) if field else ""
