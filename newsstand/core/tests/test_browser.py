"""The site as a person uses it, in a real browser: paywall to trial to cancel, the replica view by keyboard,
the language switcher, Arabic right to left, a phone's screen, and axe-core's accessibility checks."""

from __future__ import annotations

import pymupdf
import pytest
from django.core.files.base import ContentFile

from newsstand.catalog.tests.factories import EditionFactory, PublicationFactory, StoryFactory, paragraphs
from newsstand.core.tests.browser import axe_serious_violations, chromium  # noqa: F401 (fixture)
from newsstand.ingestion.pipeline import edition_pages_render

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

LOCKED = "Only readers with a plan see this closing sentence."


@pytest.fixture
def catalog(settings):
    """A small catalog with real page images, built the way an upload is, and the Gold plan on sale.

    (Gold comes from a data migration, but a transactional test before this one may have emptied the tables.)
    """
    from newsstand.access.tests.factories import PlanFactory

    PlanFactory()
    settings.NEWSSTAND_PAGE_WIDTHS = [320, 800]
    publication = PublicationFactory(title="Harbour Gazette", slug="harbour-gazette", language="en")
    document = pymupdf.open()
    for number in range(1, 4):
        document.new_page().insert_text((72, 100), f"Harbour Gazette page {number}", fontsize=24)
    edition = EditionFactory(publication=publication, source_pdf=ContentFile(document.tobytes(), name="e.pdf"))
    edition_pages_render(edition=edition)
    story = StoryFactory(
        edition=edition, position=0, headline="The new ferry timetable", is_free=False, language="en",
        body=[*paragraphs(8, "Opening"), {"type": "paragraph", "text": LOCKED}], pages=[1],
        regions=[{"page": 1, "box": [60, 70, 300, 400]}, {"page": 1, "box": [310, 70, 540, 400]}],
    )  # fmt: skip
    StoryFactory(edition=edition, position=1, headline="Second story", language="en")
    return {"publication": publication, "edition": edition, "story": story}


@pytest.fixture
def page(chromium, live_server):  # noqa: F811
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    tab.base = live_server.url
    yield tab
    context.close()


def test_paywall_to_sign_up_to_trial_to_the_whole_story_to_cancel(page, catalog):
    story_url = page.base + catalog["story"].get_absolute_url()
    page.goto(story_url)
    assert page.locator(".paywall").count() == 1
    assert LOCKED not in page.content()

    page.get_by_role("link", name="Start my free trial").click()
    page.locator("main").get_by_role("link", name="sign up").click()
    page.get_by_label("Email").fill("browser.reader@example.org")
    page.get_by_label("Password").fill("a long browser password")
    page.get_by_role("button", name="Sign Up").click()
    page.get_by_role("button", name="Start my free trial").click()

    page.wait_for_url(story_url)
    assert LOCKED in page.content()
    assert page.locator(".paywall").count() == 0

    page.goto(page.base + "/account/")
    page.get_by_role("button", name="Cancel subscription").click()
    assert "You keep access until" in page.locator(".messages").inner_text()


def test_replica_view_turns_pages_by_keyboard(page, catalog):
    from newsstand.access.tests.factories import SubscriptionFactory

    subscription = SubscriptionFactory()
    page.goto(page.base + "/accounts/login/")
    page.get_by_label("Email").fill(subscription.user.email)
    page.get_by_label("Password").fill("a-long-enough-password")
    page.get_by_role("button", name="Sign In").click()

    page.goto(page.base + catalog["edition"].get_replica_url())
    page.keyboard.press("ArrowRight")
    page.wait_for_function("location.hash === '#page-2'")
    assert page.locator(".replica-current").inner_text() == "2"
    page.keyboard.press("End")
    page.wait_for_function("location.hash === '#page-3'")
    srcset = page.locator("#page-3 img").get_attribute("srcset")
    assert "320w" in srcset
    assert "800w" in srcset


def test_language_switcher(page, catalog):
    page.goto(page.base + "/")
    page.locator("#language-select").select_option("de")
    page.get_by_role("button", name="Change").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.get_by_role("link", name="Katalog", exact=True).is_visible()


def test_arabic_runs_right_to_left(chromium, live_server, catalog):  # noqa: F811
    context = chromium.new_context(locale="ar", extra_http_headers={"Accept-Language": "ar"})
    tab = context.new_page()
    tab.goto(live_server.url + catalog["story"].get_absolute_url())
    assert tab.locator("html").get_attribute("dir") == "rtl"
    assert tab.evaluate("getComputedStyle(document.querySelector('main')).direction") == "rtl"
    assert tab.evaluate("getComputedStyle(document.querySelector('.story__body')).direction") == "ltr"
    context.close()


def test_a_phone_sized_screen_needs_no_sideways_scrolling(chromium, live_server, catalog):  # noqa: F811
    context = chromium.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    tab = context.new_page()
    pages = ["/", "/catalog/", catalog["edition"].get_absolute_url(), catalog["story"].get_absolute_url()]
    for path in [*pages, "/search/?q=ferry"]:
        tab.goto(live_server.url + path)
        assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), path
    context.close()


@pytest.mark.parametrize("which", ["home", "catalog", "publication", "edition", "replica", "story", "search"])
def test_no_serious_accessibility_violations(page, catalog, which):
    paths = {
        "search": "/search/?q=ferry",
        "home": "/",
        "catalog": "/catalog/",
        "publication": catalog["publication"].get_absolute_url(),
        "edition": catalog["edition"].get_absolute_url(),
        "replica": catalog["edition"].get_replica_url(),
        "story": catalog["story"].get_absolute_url(),
    }
    page.goto(page.base + paths[which])
    assert axe_serious_violations(page) == []


def tab_to(page, selector: str, limit: int = 60) -> None:
    """Press Tab until the focus is on an element matching `selector`, as a keyboard-only reader would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_keyboard_only_from_home_to_edition_to_pages_to_story(page, catalog):
    page.goto(page.base + "/")
    tab_to(page, ".edition-card .card__link")
    page.keyboard.press("Enter")
    page.wait_for_url(page.base + catalog["edition"].get_absolute_url())

    tab_to(page, "a.contents__headline")
    page.keyboard.press("Enter")
    page.wait_for_url(page.base + catalog["story"].get_absolute_url())
    assert page.locator("h1").inner_text() == "The new ferry timetable"

    page.go_back()
    tab_to(page, f'a[href="{catalog["edition"].get_replica_url()}"]')
    page.keyboard.press("Enter")
    page.wait_for_url(page.base + catalog["edition"].get_replica_url())
    assert page.locator(".replica-current").inner_text() == "1"


def test_a_storys_area_on_the_page_opens_it_and_see_it_on_page_comes_back_to_it(page, catalog):
    story_url = page.base + catalog["story"].get_absolute_url()
    page.goto(page.base + catalog["edition"].get_replica_url())
    first, second = page.locator(".replica-area").all()
    first.hover()
    assert "is-lit" in second.get_attribute("class")  # the story's areas light up together
    first.click()
    page.wait_for_url(story_url)

    page.get_by_role("link", name="See it on page 1").click()
    page.wait_for_url("**/pages/?story=*#page-1")
    assert page.locator(".replica-area.is-chosen").count() == 2
    assert page.evaluate("document.activeElement.dataset.story") == catalog["story"].slug
    page.keyboard.press("Enter")  # from the focused area, by keyboard alone, to the story again
    page.wait_for_url(story_url)


def test_words_found_in_the_edition_are_marked_on_its_page(page, catalog):
    page.goto(page.base + catalog["edition"].get_replica_url())
    page.get_by_role("searchbox", name="Find in this edition").fill("gazette")
    page.keyboard.press("Enter")
    page.wait_for_url("**/pages/?q=gazette#page-1")  # the replica turns to the first page the word is on
    assert page.get_by_role("status").inner_text() == "On page 1"  # pages 2 and 3 are locked to this reader
    mark = page.locator("#page-1 .replica-mark")
    assert mark.count() == 1
    assert mark.bounding_box()["width"] > 10  # over the word on the page image, not a dot


def test_a_storys_area_is_reached_by_keyboard(page, catalog):
    page.goto(page.base + catalog["edition"].get_replica_url())
    tab_to(page, ".replica-area")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Read “The new ferry timetable”"
    page.keyboard.press("Enter")
    page.wait_for_url(page.base + catalog["story"].get_absolute_url())


def test_searching_from_the_header_box(page, catalog):
    page.goto(page.base + "/")
    page.get_by_role("searchbox", name="Search stories and publications").fill("ferry timetable")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=ferry+timetable")
    first = page.locator(".search-hit").first
    assert first.locator("h3").inner_text() == "The new ferry timetable"
    assert first.locator("h3 mark").all_inner_texts() == ["ferry", "timetable"]


def test_dark_mode_and_text_size_are_remembered(page, catalog):
    page.goto(page.base + catalog["story"].get_absolute_url())
    page.get_by_role("button", name="Dark mode").click()
    page.get_by_role("button", name="A+ Larger text").click()
    page.reload()
    assert page.locator("html").get_attribute("data-theme") == "dark"
    assert (
        page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--text-scale')").strip() == "1.12"
    )
    assert axe_serious_violations(page) == []  # contrast holds in dark mode too
