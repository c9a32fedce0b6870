"""Shared set-up of the browser tests: Debian's Chromium driven by Playwright, axe-core from node_modules."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

CHROMIUM = os.environ.get("NEWSSTAND_CHROMIUM", "/usr/bin/chromium")
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
# Flags that work on machines without a display or network (see the env notes in the README).
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def browser_or_skip() -> None:
    """CI installs Chromium and sets NEWSSTAND_REQUIRE_BROWSER=1: there a missing browser fails, never skips."""
    missing = [str(p) for p in (Path(CHROMIUM), AXE) if not p.exists()] + (
        [] if shutil.which("node") or AXE.exists() else ["node"]
    )
    if missing:
        message = f"browser tests need {', '.join(missing)} (apt-get install chromium; npm install)"
        if os.environ.get("NEWSSTAND_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    browser_or_skip()
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django's ORM guard would refuse the test's own
    # database calls around it, though nothing here is asynchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def axe_serious_violations(page: Any) -> list[str]:
    """axe-core's serious and critical findings on the page, as readable lines."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
