"""`make screenshots`: the main pages at phone and desktop size, saved in docs/screenshots/ (the README shows some).

Starts the same server `make run` does on another port and drives Debian's Chromium through Playwright.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PORT = int(os.environ.get("SCREENSHOTS_PORT", "8078"))
BASE = f"http://127.0.0.1:{PORT}"
OUT = ROOT / "docs" / "screenshots"
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def wait_until_up() -> None:
    for _ in range(100):
        try:
            urllib.request.urlopen(BASE + "/", timeout=2).read()
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("the server did not start")


def pages() -> dict[str, str]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django

    django.setup()
    from newsstand.catalog.models import Story
    from newsstand.catalog.selectors import editions_visible

    story = (
        Story.objects.filter(edition__in=editions_visible(), is_free=False, edition__publication__language="nb")
        .select_related("edition__publication")
        .order_by("-edition__issue_date", "position")
        .first()
    )
    if story is None:
        raise SystemExit("no demo catalog: run `make run` once first")
    edition = story.edition
    return {
        "home": "/",
        "catalog": "/catalog/",
        "publication": edition.publication.get_absolute_url(),
        "edition": edition.get_absolute_url(),
        "replica": edition.get_replica_url(),
        "story-paywall": story.get_absolute_url(),
    }


def main() -> None:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    environment = {**os.environ, "BIND": f"127.0.0.1:{PORT}", "GUNICORN_ACCESS_LOG": "/dev/null"}
    server = subprocess.Popen([str(ROOT / "bin" / "serve")], cwd=ROOT, env=environment, start_new_session=True)
    try:
        wait_until_up()
        urls = pages()
        from newsstand.core.tests.browser import CHROMIUM, CHROMIUM_ARGS

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for size, viewport in SIZES.items():
                context = browser.new_context(viewport=viewport, locale="nb-NO",
                                              extra_http_headers={"Accept-Language": "nb"})  # fmt: skip
                tab = context.new_page()
                for name, path in urls.items():
                    tab.goto(BASE + path)
                    tab.wait_for_load_state("networkidle")
                    target = OUT / f"{name}-{size}.png"
                    tab.screenshot(path=str(target), full_page=name not in {"replica", "home", "catalog"})
                    print(target.relative_to(ROOT))
                context.close()
            browser.close()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)


if __name__ == "__main__":
    main()
