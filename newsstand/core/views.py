"""Views every app shares: public media for the embedded default, and the bare view `make bench` measures against."""

from pathlib import PurePosixPath

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.views.static import serve

# Only these media folders are public. Page images (pages/) and original PDFs (sources/) are served by the
# reader views, which check what the reader may see.
PUBLIC_MEDIA_FOLDERS = frozenset({"covers", "publications", "stories"})


def media_public(request: HttpRequest, path: str) -> HttpResponseBase:
    parts = PurePosixPath(path).parts
    if not parts or parts[0] not in PUBLIC_MEDIA_FOLDERS or ".." in parts:
        raise Http404("Not a public file")
    response = serve(request, path, document_root=str(settings.MEDIA_ROOT))
    response["Cache-Control"] = "public, max-age=604800"
    return response


def bench_bytes(request: HttpRequest, size: int) -> HttpResponse:
    """The baseline of `make bench`: Django's full stack, no database, `size` bytes of HTML."""
    return HttpResponse(b"x" * min(size, 10_000_000), content_type="text/html; charset=utf-8")
