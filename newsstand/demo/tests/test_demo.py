"""The demo catalog: its content is complete, and loading it builds real PDFs, pages and stories."""

import json
from collections import Counter

import pymupdf
import pytest

from newsstand.catalog.models import Edition, Page, Publication, Story
from newsstand.demo.illustrations import PALETTES
from newsstand.demo.loader import CATEGORY_NAMES, demo_catalog_load, demo_content_files

CONTENT = {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in demo_content_files()}


def test_the_demo_has_eight_publications_in_four_languages_of_both_kinds():
    assert len(CONTENT) >= 8
    languages = {c["publication"]["language"] for c in CONTENT.values()}
    assert {"en", "nb", "de", "fr"} <= languages
    assert {c["publication"]["kind"] for c in CONTENT.values()} == {"newspaper", "magazine"}


@pytest.mark.parametrize("slug", sorted(CONTENT))
def test_each_publication_has_three_editions_of_six_complete_stories(slug):
    content = CONTENT[slug]
    assert content["publication"]["slug"] == slug
    assert set(content["publication"]["categories"]) <= set(CATEGORY_NAMES)
    assert len(content["editions"]) >= 3
    assert len({e["issue_date"] for e in content["editions"]}) == len(content["editions"])
    for edition in content["editions"]:
        assert len(edition["stories"]) >= 6
        assert sum(story["free"] for story in edition["stories"]) == 1
        for story in edition["stories"]:
            kinds = Counter(block["type"] for block in story["body"])
            assert all(story[field] for field in ("headline", "standfirst", "byline")), story["headline"]
            assert kinds["paragraph"] >= 8, story["headline"]
            assert all(b.get("motif") in PALETTES for b in story["body"] if b["type"] == "image"), story["headline"]


@pytest.mark.django_db
def test_loading_a_publication_builds_pdfs_pages_and_stories_and_a_second_load_skips_it(settings, tmp_path):
    settings.NEWSSTAND_PAGE_WIDTHS = [320]
    path = next(p for p in demo_content_files() if p.stem == "bergvik-tidende")

    first = demo_catalog_load(files=[path], progress=lambda line: None)
    second = demo_catalog_load(files=[path], progress=lambda line: None)

    assert (first.editions_created, second.editions_created, second.editions_skipped) == (3, 0, 3)
    publication = Publication.objects.get(slug="bergvik-tidende")
    assert publication.language == "nb"
    assert publication.categories.exists()
    edition = Edition.objects.visible().filter(publication=publication).latest("issue_date")
    assert edition.cover
    assert edition.page_count >= 3
    assert Page.objects.filter(edition=edition).count() == edition.page_count
    stories = list(Story.objects.filter(edition=edition).order_by("position"))
    truth = CONTENT["bergvik-tidende"]["editions"][-1]["stories"]
    assert [story.headline for story in stories] == [story["headline"] for story in truth]  # found by ingestion
    assert all(story.origin == Story.Origin.PDF for story in stories)
    assert sum(story.is_free for story in stories) == 1
    assert all(1 < min(story.pages) <= max(story.pages) <= edition.page_count for story in stories)
    assert any(story.images.exists() for story in stories)  # pictures cut from the pages, with their captions
    with edition.source_pdf.open("rb") as handle:
        document = pymupdf.open(stream=handle.read(), filetype="pdf")
    lead_page_text = document[stories[0].pages[0] - 1].get_text()
    assert stories[0].headline.split()[0] in lead_page_text
    assert "Bergvik Tidende" in document[0].get_text()


@pytest.mark.django_db
def test_the_crossheads_of_the_demo_come_back_as_headings_in_the_stories(settings):
    settings.NEWSSTAND_PAGE_WIDTHS = [320]
    path = next(p for p in demo_content_files() if p.stem == "bergvik-tidende")
    demo_catalog_load(files=[path], progress=lambda line: None)

    edition = Edition.objects.filter(publication__slug="bergvik-tidende").latest("issue_date")
    truth = CONTENT["bergvik-tidende"]["editions"][-1]["stories"]
    wanted = {block["text"] for story in truth for block in story["body"] if block["type"] == "heading"}
    found = {block["text"] for story in edition.stories.all() for block in story.body if block["type"] == "heading"}
    assert wanted
    assert found == wanted


@pytest.mark.django_db
def test_ingested_stories_keep_their_areas_on_the_pages_they_print_on(settings):
    settings.NEWSSTAND_PAGE_WIDTHS = [320]
    path = next(p for p in demo_content_files() if p.stem == "bergvik-tidende")
    demo_catalog_load(files=[path], progress=lambda line: None)

    edition = Edition.objects.filter(publication__slug="bergvik-tidende").latest("issue_date")
    pages = {page.number: page for page in edition.pages.all()}
    for story in edition.stories.all():
        assert story.regions, story.headline
        assert {region["page"] for region in story.regions} == set(story.pages), story.headline
        for region in story.regions:
            x0, y0, x1, y1 = region["box"]
            page = pages[region["page"]]
            assert -5 <= x0 < x1 <= page.width + 5
            assert -5 <= y0 < y1 <= page.height + 5
