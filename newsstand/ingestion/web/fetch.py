"""Fetching a page, a feed or an image within the site's limits: http(s) only, never into the server's own networks
(every redirect checked too), a timeout and a size limit on the whole answer, conditional requests for feeds."""

from __future__ import annotations

import http.client
import ipaddress
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Collection
from dataclasses import dataclass
from http.client import HTTPMessage
from typing import IO, Any
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

from newsstand.ingestion.web.errors import FetchError

PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml"})
IMAGE_TYPES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp"})


@dataclass(frozen=True)
class Fetched:
    url: str
    content: bytes = b""
    content_type: str = ""
    etag: str = ""
    modified: str = ""
    not_modified: bool = False


def fetch_user_agent() -> str:
    return str(settings.NEWSSTAND_FETCH_USER_AGENT or f"Newsstand (+{settings.NEWSSTAND_BASE_URL})")


def fetch_timeout() -> float:
    return float(settings.NEWSSTAND_FETCH_TIMEOUT)


def fetch_max_bytes() -> int:
    return int(settings.NEWSSTAND_FETCH_MAX_BYTES)


def url_check(url: str) -> None:
    """Refuse what the importer must never fetch: other schemes than http(s) (file:// would read the server's own
    files) and, unless the site allows it, addresses inside the server's networks, which a publisher's staff
    could otherwise probe through a feed address."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise FetchError(_("Only http:// and https:// addresses can be imported, not “%(url)s”.") % {"url": url})
    if settings.NEWSSTAND_FETCH_ALLOW_PRIVATE:
        return
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, ValueError) as error:
        raise FetchError(_("The host of “%(url)s” could not be found; check the address.") % {"url": url}) from error
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])  # "fe80::1%eth0": no scope for the check
        if not address.is_global and not _in_allowed_network(address):
            raise FetchError(
                _("“%(url)s” points into a private network, which the importer does not fetch from.") % {"url": url}
            )


def _in_allowed_network(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """A private address the site lets the importer reach (NEWSSTAND_FETCH_ALLOW_NETWORKS: say, an intranet's feeds)."""
    return any(
        address in ipaddress.ip_network(network, strict=False) for network in settings.NEWSSTAND_FETCH_ALLOW_NETWORKS
    )


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Every redirect target passes the same check as the first address."""

    max_redirections = 5

    def redirect_request(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: HTTPMessage, newurl: str
    ) -> urllib.request.Request | None:
        url_check(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def url_fetch(url: str, *, accept: Collection[str], etag: str = "", modified: str = "") -> Fetched:
    """GET `url` within the site's time and size limits; raise FetchError unless the answer is one of `accept`.

    With `etag`/`modified` from an earlier answer the request is conditional, and an unchanged resource comes
    back as `Fetched(not_modified=True)` without content.
    """
    url_check(url)
    headers = {"User-Agent": fetch_user_agent(), "Accept": ", ".join(accept)}
    if etag:
        headers["If-None-Match"] = etag
    if modified:
        headers["If-Modified-Since"] = modified
    opener = urllib.request.build_opener(_CheckedRedirects)
    timeout = fetch_timeout()
    try:
        with opener.open(urllib.request.Request(url, headers=headers), timeout=timeout) as response:  # noqa: S310 — url_check allows http(s) only
            return _response_read(response, url=url, accept=accept, timeout=timeout, max_bytes=fetch_max_bytes())
    except urllib.error.HTTPError as error:
        if error.code == 304:
            return Fetched(url=url, etag=etag, modified=modified, not_modified=True)
        raise FetchError(
            _("The server answered “%(status)s %(reason)s” for %(url)s.")
            % {"status": error.code, "reason": error.reason, "url": url}
        ) from error
    except TimeoutError as error:
        raise FetchError(
            _("%(url)s did not answer within %(seconds)d seconds; try again later.") % {"url": url, "seconds": timeout}
        ) from error
    except (OSError, http.client.HTTPException) as error:  # URLError, reset connections, cut-off answers
        reason = error.reason if isinstance(error, urllib.error.URLError) else error
        raise FetchError(
            _("%(url)s could not be reached (%(reason)s); try again later.") % {"url": url, "reason": reason}
        ) from error


def _response_read(response: Any, *, url: str, accept: Collection[str], timeout: float, max_bytes: int) -> Fetched:
    """The body of an HTTP answer, refused when its type is not accepted, when it is too large (by its header or by
    what actually arrives) or when it trickles in for longer than the timeout."""
    content_type = (response.headers.get_content_type() or "").lower()
    if content_type not in accept:
        raise FetchError(
            _("%(url)s gives “%(type)s”, not one of: %(accepted)s.")
            % {"url": url, "type": content_type, "accepted": ", ".join(sorted(accept))}
        )
    too_large = FetchError(
        _("%(url)s is larger than the limit of %(limit)d MB.") % {"url": url, "limit": max_bytes // 1_000_000}
    )
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise too_large
    deadline = time.monotonic() + timeout
    chunks: list[bytes] = []
    size = 0
    # read1 returns what has arrived (read would wait for the whole 64 KB): a server that trickles its answer in,
    # a byte now and then, meets the deadline instead of holding the worker for as long as it likes.
    read = getattr(response, "read1", response.read)
    while chunk := read(64 * 1024):
        size += len(chunk)
        if size > max_bytes:
            raise too_large
        if time.monotonic() > deadline:
            raise FetchError(
                _("%(url)s took longer than %(seconds)d seconds to send; try again later.")
                % {"url": url, "seconds": timeout}
            )
        chunks.append(chunk)
    return Fetched(
        url=response.geturl() or url,
        content=b"".join(chunks),
        content_type=content_type,
        etag=response.headers.get("ETag", "") or "",
        modified=response.headers.get("Last-Modified", "") or "",
    )
