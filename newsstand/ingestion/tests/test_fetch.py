"""Fetching against a real HTTP server on loopback (a thread of this test run): the private-network check holds for
the first address and for every redirect, and the size and time limits hold for answers that break them. No request
leaves this machine, and every loop is bounded."""

import http.server
import threading
import time

import pytest

from newsstand.ingestion.web.errors import FetchError
from newsstand.ingestion.web.fetch import PAGE_TYPES, url_fetch

STORY = b"<html><body><h1>Ferry</h1><p>The ferry calls at two more harbours.</p></body></html>"


class Handler(http.server.BaseHTTPRequestHandler):
    routes = {}  # path → callable(handler), filled by the server fixture

    def do_GET(self):
        route = self.routes.get(self.path)
        if route is None:
            self.send_error(404)
        else:
            route(self)

    def log_message(self, *args):  # quiet: the test's output is the assertions
        pass


def page(handler, body=STORY, content_type="text/html; charset=utf-8", length=True):
    handler.send_response(200)
    handler.send_header("Content-Type", content_type)
    if length:
        handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def redirect(target, code=302):
    def answer(handler):
        handler.send_response(code)
        handler.send_header("Location", target)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return answer


def endless(handler, *, chunk=b"x" * 65536, pause=0.0, at_most=64):
    """An answer without Content-Length that goes on (at most `at_most` chunks, or until the client hangs up)."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.end_headers()
    for _ in range(at_most):
        try:
            handler.wfile.write(chunk)
            handler.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return
        time.sleep(pause)


@pytest.fixture
def server(monkeypatch):
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)  # straight to loopback, never through a proxy
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    Handler.routes = {
        "/story": page,
        "/to-story": redirect(f"{base}/story"),
        # Targets on loopback only: were the check ever broken, the test would still send nothing off this machine.
        "/to-other-loopback": redirect("http://127.0.0.2:9/admin", code=307),
        "/to-ipv6-loopback": redirect("http://[::1]:9/", code=301),
        "/to-file": redirect("file:///etc/passwd"),
        "/huge": endless,
        "/declared-huge": lambda handler: _declared(handler, 50_000_000),
        "/trickle": lambda handler: endless(handler, chunk=b"<p>a</p>", pause=0.3, at_most=20),
        "/silent": lambda handler: time.sleep(4),  # accepts, then says nothing
        "/pdf": lambda handler: page(handler, body=b"%PDF-1.7", content_type="application/pdf"),
    }
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield base
    httpd.shutdown()
    httpd.server_close()


def _declared(handler, size):
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Content-Length", str(size))
    handler.end_headers()
    handler.wfile.write(b"x" * 10)


@pytest.fixture
def loopback_allowed(settings):
    """The site lets the importer reach 127.0.0.1 only (as an operator lets it reach one intranet server)."""
    settings.NEWSSTAND_FETCH_ALLOW_PRIVATE = False
    settings.NEWSSTAND_FETCH_ALLOW_NETWORKS = ["127.0.0.1/32"]


def test_a_server_in_a_private_network_is_not_fetched_by_default(server, settings):
    settings.NEWSSTAND_FETCH_ALLOW_PRIVATE = False
    settings.NEWSSTAND_FETCH_ALLOW_NETWORKS = []
    with pytest.raises(FetchError, match="private network"):
        url_fetch(f"{server}/story", accept=PAGE_TYPES)


def test_an_allowed_server_is_fetched_and_its_redirects_within_the_allowed_network_followed(server, loopback_allowed):
    fetched = url_fetch(f"{server}/to-story", accept=PAGE_TYPES)
    assert fetched.content == STORY
    assert fetched.url == f"{server}/story"


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/to-other-loopback", "private network"),  # loopback, but outside the allowed network
        ("/to-ipv6-loopback", "private network"),
        ("/to-file", "file:///etc/passwd. is not allowed"),  # urllib refuses another scheme before asking us
    ],
)
def test_a_redirect_out_of_bounds_is_refused(server, loopback_allowed, path, message):
    with pytest.raises(FetchError, match=message):
        url_fetch(f"{server}{path}", accept=PAGE_TYPES)


def test_an_answer_larger_than_the_limit_is_cut_off(server, loopback_allowed, settings):
    settings.NEWSSTAND_FETCH_MAX_BYTES = 1_000_000
    started = time.monotonic()
    with pytest.raises(FetchError, match="larger than the limit of 1 MB"):
        url_fetch(f"{server}/huge", accept=PAGE_TYPES)
    assert time.monotonic() - started < 5


def test_an_answer_that_declares_itself_too_large_is_refused_before_reading(server, loopback_allowed, settings):
    settings.NEWSSTAND_FETCH_MAX_BYTES = 1_000_000
    with pytest.raises(FetchError, match="larger than the limit"):
        url_fetch(f"{server}/declared-huge", accept=PAGE_TYPES)


def test_an_answer_that_trickles_in_is_given_up_at_the_time_limit(server, loopback_allowed, settings):
    settings.NEWSSTAND_FETCH_TIMEOUT = 1
    started = time.monotonic()
    with pytest.raises(FetchError, match="took longer than 1 seconds"):
        url_fetch(f"{server}/trickle", accept=PAGE_TYPES)
    assert time.monotonic() - started < 3


def test_a_server_that_never_answers_is_given_up_at_the_time_limit(server, loopback_allowed, settings):
    settings.NEWSSTAND_FETCH_TIMEOUT = 1
    started = time.monotonic()
    with pytest.raises(FetchError, match="did not answer within 1 seconds"):
        url_fetch(f"{server}/silent", accept=PAGE_TYPES)
    assert time.monotonic() - started < 3


def test_an_answer_of_the_wrong_type_is_refused(server, loopback_allowed):
    with pytest.raises(FetchError, match="application/pdf"):
        url_fetch(f"{server}/pdf", accept=PAGE_TYPES)
