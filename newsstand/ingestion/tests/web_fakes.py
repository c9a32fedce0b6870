"""A stand-in for the network in web and feed import tests: addresses answer with saved files, never a socket."""

import io
from pathlib import Path

from PIL import Image

from newsstand.ingestion.web import fetch
from newsstand.ingestion.web.errors import FetchError
from newsstand.ingestion.web.fetch import Fetched

DATA = Path(__file__).parent / "data"
WEB = DATA / "web"
FEEDS = DATA / "feeds"

# The saved pages under the addresses their feeds link to.
PAGES = {
    "https://coasttimes.example/news/2026/03/04/island-ferry-two-more-harbours": "en-news-coasttimes.html",
    "https://dailyledger.example/business/flickbox-subscribers-fall-a4471": "en-news-streaming.html",
    "https://fjordposten.example/nyheter/i/Xb3kQ/bygda-som-kjopte-butikken-sin": "nb-avis-fjordposten.html",
    "https://rundschau.example/lokales/koeln/strassenbahn-linie-9-bauarbeiten-juni-id98765.html": (
        "de-zeitung-strassenbahn.html"
    ),
    "https://northernreview.example/features/the-last-lighthouse-keepers": "en-magazine-longread.html",
}


def jpeg(width: int = 400, height: int = 300) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (30, 90, 160)).save(buffer, format="JPEG")
    return buffer.getvalue()


class FakeWeb:
    """Answers url_fetch from `answers` (address → (content type, bytes) or an exception to raise), from the saved
    pages above, and with a small JPEG for any image address. Every request is kept in `requests`."""

    def __init__(self) -> None:
        self.answers: dict[str, tuple[str, bytes] | Exception] = {}
        self.requests: list[dict[str, str]] = []
        self.images_fail = False
        self.not_modified_etag = ""

    def url_fetch(self, url: str, *, accept, etag: str = "", modified: str = "") -> Fetched:
        self.requests.append({"url": url, "etag": etag, "modified": modified})
        if self.not_modified_etag and etag == self.not_modified_etag:
            return Fetched(url=url, etag=etag, modified=modified, not_modified=True)
        answer = self.answers.get(url)
        if isinstance(answer, Exception):
            raise answer
        if answer is not None:
            content_type, content = answer
            return Fetched(url=url, content=content, content_type=content_type, etag=f'"{len(content)}"')
        if url in PAGES:
            return Fetched(url=url, content=(WEB / PAGES[url]).read_bytes(), content_type="text/html")
        if url.rsplit(".", 1)[-1] in {"jpg", "jpeg", "png"}:
            if self.images_fail:
                raise FetchError(f"{url}: the server answered 503")
            return Fetched(url=url, content=jpeg(), content_type="image/jpeg")
        raise FetchError(f"{url}: the server answered 404")

    def fetched(self, url: str) -> int:
        return sum(1 for request in self.requests if request["url"] == url)


def fake_web_install(monkeypatch) -> FakeWeb:
    fake = FakeWeb()
    monkeypatch.setattr(fetch, "url_fetch", fake.url_fetch)
    return fake
