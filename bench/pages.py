"""`make bench`: the reader pages under load, each beside a bare Django view of the same size, as ratios.

Starts the same server `make run` starts (bin/serve, gunicorn + worker) on another port, with the bare view
switched on, loads the home page, a publication page and a story page with concurrency from a separate load
generator process (bench/load.py), then the bare view returning the same number of bytes.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = int(os.environ.get("BENCH_PORT", "8077"))
BASE = f"http://127.0.0.1:{PORT}"
SECONDS = float(os.environ.get("BENCH_SECONDS", "10"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "8"))


def fetch(path: str) -> bytes:
    with urllib.request.urlopen(BASE + path, timeout=10) as response:
        return response.read()


def wait_until_up(deadline_seconds: float = 30) -> None:
    deadline = time.monotonic() + deadline_seconds
    while time.monotonic() < deadline:
        try:
            fetch("/_bench/bytes/1/")
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("the server did not start; see the output above")


def pick_urls() -> dict[str, str]:
    """A real publication and story from the demo catalog, found through the pages themselves."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django

    django.setup()
    from newsstand.catalog.models import Story

    story = (
        Story.objects.filter(edition__in=__import__("newsstand.catalog.selectors").catalog.selectors.editions_visible())
        .select_related("edition__publication")
        .order_by("-edition__issue_date", "position")
        .first()
    )
    if story is None:
        raise SystemExit("no published story: run `make run` once (or `manage.py load_demo`) first")
    return {"home": "/", "publication": story.edition.publication.get_absolute_url(), "story": story.get_absolute_url()}


def load(path: str) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "load.py"), BASE + path, "--seconds", str(SECONDS),
         "--concurrency", str(CONCURRENCY)],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    return json.loads(output)


def main() -> None:
    environment = {
        **os.environ,
        "NEWSSTAND_BENCH_VIEW": "1",
        "BIND": f"127.0.0.1:{PORT}",
        "GUNICORN_ACCESS_LOG": "/dev/null",
    }
    server = subprocess.Popen([str(ROOT / "bin" / "serve")], cwd=ROOT, env=environment, start_new_session=True)
    try:
        wait_until_up()
        urls = pick_urls()
        print(f"{SECONDS:.0f} s per URL, concurrency {CONCURRENCY}, server: bin/serve on {BASE}\n")
        print(
            f"{'page':<12}{'bytes':>8}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}   "
            f"{'bare req/s':>10}{'p50':>7}{'p99':>7}   {'req/s ratio':>11}{'p50 ratio':>10}"
        )
        for name, path in urls.items():
            size = len(fetch(path))
            fetch(f"/_bench/bytes/{size}/")
            page, bare = load(path), load(f"/_bench/bytes/{size}/")
            errors = page["errors"] + bare["errors"]
            print(
                f"{name:<12}{size:>8}{page['rps']:>9.0f}{page['p50_ms']:>9.1f}{page['p99_ms']:>9.1f}   "
                f"{bare['rps']:>10.0f}{bare['p50_ms']:>7.1f}{bare['p99_ms']:>7.1f}   "
                f"{page['rps'] / bare['rps']:>11.2f}{page['p50_ms'] / bare['p50_ms']:>10.2f}"
                + (f"   ({errors} errors)" if errors else "")
            )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)


if __name__ == "__main__":
    main()
