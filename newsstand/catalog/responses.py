"""Files of the catalog sent to readers. The caller has asked access first: what is here only serves."""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.http import FileResponse

from newsstand.catalog.models import Page


def page_image_response(page: Page, rendition: str) -> FileResponse | None:
    """The page as WebP at `rendition` (a width it was rendered at, or "thumb"); None when it has no such image."""
    name = page.thumbnail if rendition == "thumb" else page.renditions.get(rendition)
    if not name or not default_storage.exists(name):
        return None
    response = FileResponse(default_storage.open(name, "rb"), content_type="image/webp")
    # Private: a shared cache must not hand one reader's page to another. An hour: a reader whose access ends
    # keeps pages in the browser no longer than that.
    response["Cache-Control"] = "private, max-age=3600"
    return response
