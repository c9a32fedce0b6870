"""What a reader sees on the catalog's pages."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from newsstand.catalog.models import Edition, StoryImage
from newsstand.catalog.tests.factories import (
    CategoryFactory,
    EditionFactory,
    PageFactory,
    PublicationFactory,
    StoryFactory,
    paragraphs,
)

pytestmark = pytest.mark.django_db


def story_url(story):
    return story.get_absolute_url()


def text_positions(html: str, *needles: str) -> list[int]:
    """Where each needle first appears in the page's <main>, so that <title> and <meta> do not count."""
    html = html[html.index("<main") :]
    positions = [html.find(needle) for needle in needles]
    assert all(p >= 0 for p in positions), [n for n, p in zip(needles, positions, strict=True) if p < 0]
    return positions


class TestHome:
    def test_lists_the_newest_edition_of_each_publication_and_its_lead_story(self, client):
        daily = PublicationFactory(title="Morning Star")
        EditionFactory(publication=daily, issue_date=datetime.date(2026, 5, 1))
        newest = EditionFactory(publication=daily, issue_date=datetime.date(2026, 5, 2))
        StoryFactory(edition=newest, position=0, headline="Lead of the day")
        StoryFactory(edition=newest, position=1, headline="Second story")

        html = client.get("/").content.decode()

        assert html.count("Morning Star</h3>") == 1
        assert "May 2, 2026" in html
        assert "Lead of the day" in html
        assert "Second story" not in html

    def test_shows_categories_and_languages_with_counts(self, client):
        culture = CategoryFactory(name="Culture", slug="culture")
        EditionFactory(publication=PublicationFactory(language="nb", categories=[culture]))
        EditionFactory(publication=PublicationFactory(language="nb", categories=[culture]))

        html = client.get("/").content.decode()

        assert re.search(r'category=culture">Culture <span class="chip__count">2</span>', html)
        assert re.search(r'language=nb">norsk \(bokmål\) <span class="chip__count">2</span>', html)

    def test_a_back_issue_published_today_does_not_displace_the_newest_edition(self, client):
        publication = PublicationFactory()
        EditionFactory(publication=publication, issue_date=datetime.date(2026, 5, 2), label="Newest")
        EditionFactory(publication=publication, issue_date=datetime.date(2019, 1, 1), label="Back issue",
                       release_at=timezone.now())  # fmt: skip

        editions = client.get("/").context["sections"].editions

        assert [e.label for e in editions] == ["Newest"]

    def test_drafts_do_not_appear(self, client):
        EditionFactory(publication=PublicationFactory(title="Secret Gazette"), status=Edition.Status.DRAFT)
        assert "Secret Gazette" not in client.get("/").content.decode()


class TestCatalog:
    def test_filters_by_category_language_country_and_kind(self, client):
        sport = CategoryFactory(slug="sport", name="Sport")
        wanted = PublicationFactory(title="Wanted", language="de", country="DE", kind="magazine", categories=[sport])
        for other in [
            PublicationFactory(title="Other language", language="fr", country="DE", kind="magazine",
                               categories=[sport]),
            PublicationFactory(title="Other country", language="de", country="AT", kind="magazine",
                               categories=[sport]),
            PublicationFactory(title="Other kind", language="de", country="DE", kind="newspaper", categories=[sport]),
            PublicationFactory(title="Other category", language="de", country="DE", kind="magazine"),
            wanted,
        ]:  # fmt: skip
            EditionFactory(publication=other)

        response = client.get("/catalog/", {"category": "sport", "language": "de", "country": "DE", "kind": "magazine"})

        titles = [p.title for p in response.context["page"]]
        assert titles == ["Wanted"]

    def test_sorts_by_title_and_by_newest_edition(self, client):
        older = PublicationFactory(title="Alpha")
        newer = PublicationFactory(title="Beta")
        EditionFactory(publication=older, issue_date=datetime.date(2026, 1, 1))
        EditionFactory(publication=newer, issue_date=datetime.date(2026, 3, 1))

        by_title = [p.title for p in client.get("/catalog/", {"sort": "title"}).context["page"]]
        by_newest = [p.title for p in client.get("/catalog/", {"sort": "newest"}).context["page"]]

        assert by_title == ["Alpha", "Beta"]
        assert by_newest == ["Beta", "Alpha"]

    def test_paginates(self, client, settings):
        settings.NEWSSTAND_CATALOG_PAGE_SIZE = 2
        for n in range(5):
            EditionFactory(publication=PublicationFactory(title=f"Title {n}"))

        last = client.get("/catalog/", {"page": 3, "sort": "title"})

        assert [p.title for p in last.context["page"]] == ["Title 4"]
        assert "Page 3 of 3" in last.content.decode()

    @pytest.mark.parametrize(
        "query",
        [
            {"page": "abc"},
            {"page": "-1"},
            {"page": "99999999999999999999"},
            {"kind": "comic", "language": "xx", "country": "ZZZ", "sort": "random", "category": "no such!"},
            {"category": "x" * 5000},
        ],
    )
    def test_malformed_filters_and_page_numbers_still_answer(self, client, query):
        EditionFactory()
        response = client.get("/catalog/", query)
        assert response.status_code == 200

    def test_publications_without_released_editions_are_not_listed(self, client):
        EditionFactory(publication=PublicationFactory(title="Visible"))
        EditionFactory(
            publication=PublicationFactory(title="Scheduled"),
            status=Edition.Status.SCHEDULED,
            release_at=timezone.now() + datetime.timedelta(days=1),
        )
        titles = [p.title for p in client.get("/catalog/").context["page"]]
        assert titles == ["Visible"]


class TestPublicationPage:
    def test_shows_facts_and_archive_grouped_by_month(self, client):
        publication = PublicationFactory(title="Fjord Weekly", frequency="weekly", description="News from the fjord.")
        for day in [datetime.date(2026, 10, 7), datetime.date(2026, 10, 14), datetime.date(2026, 11, 4)]:
            EditionFactory(publication=publication, issue_date=day)

        response = client.get(publication.get_absolute_url())
        html = response.content.decode()

        assert "News from the fjord." in html
        assert "Weekly" in html
        assert publication.publisher.name in html
        november, october = text_positions(html, "November 2026</h3>", "October 2026</h3>")
        assert november < october
        assert html.count('class="card edition-card"') == 3

    def test_archive_of_an_earlier_year(self, client):
        publication = PublicationFactory()
        EditionFactory(publication=publication, issue_date=datetime.date(2025, 6, 1))
        EditionFactory(publication=publication, issue_date=datetime.date(2026, 6, 1))

        html = client.get(publication.get_absolute_url(), {"year": "2025"}).content.decode()

        assert "June 1, 2025" in html
        assert "June 1, 2026" not in html
        assert client.get(publication.get_absolute_url(), {"year": "abc"}).status_code == 200

    def test_unknown_publication_is_404(self, client):
        assert client.get("/no-such-title/").status_code == 404


class TestEditionPage:
    def test_contents_grouped_by_section_with_page_numbers(self, client):
        edition = EditionFactory()
        StoryFactory(edition=edition, position=0, section="News", headline="Bridge reopens", pages=[2, 3])
        StoryFactory(edition=edition, position=1, section="Sport", headline="Cup final", pages=[7])
        StoryFactory(edition=edition, position=2, section="News", headline="Council vote", pages=[4])

        html = client.get(edition.get_absolute_url()).content.decode()

        news, bridge, council, sport, cup = text_positions(
            html, ">News</h3>", "Bridge reopens", "Council vote", ">Sport</h3>", "Cup final"
        )
        assert news < bridge < council < sport < cup
        assert "p. 2" in html
        assert "p. 7" in html

    def test_strip_of_pages_links_into_the_replica_view(self, subscriber_client):
        client = subscriber_client
        edition = EditionFactory(page_count=2)
        PageFactory(edition=edition, number=1, thumbnail="pages/x/1-thumb.webp")
        PageFactory(edition=edition, number=2, thumbnail="pages/x/2-thumb.webp")

        html = client.get(edition.get_absolute_url()).content.decode()

        assert f'href="{edition.get_replica_url()}#page-2"' in html
        assert reverse("catalog:page_image", kwargs={**edition.url_kwargs(), "number": 2, "rendition": "thumb"}) in html

    def test_draft_and_scheduled_editions_are_404(self, client):
        draft = EditionFactory(status=Edition.Status.DRAFT)
        scheduled = EditionFactory(
            status=Edition.Status.SCHEDULED, release_at=timezone.now() + datetime.timedelta(hours=1)
        )
        for edition in (draft, scheduled):
            story = StoryFactory(edition=edition)
            PageFactory(edition=edition, number=1, renditions={"320": "pages/x.webp"})
            assert client.get(edition.get_absolute_url()).status_code == 404
            assert client.get(edition.get_replica_url()).status_code == 404
            assert client.get(story_url(story)).status_code == 404
            image = reverse("catalog:page_image", kwargs={**edition.url_kwargs(), "number": 1, "rendition": "320"})
            assert client.get(image).status_code == 404

    def test_scheduled_edition_appears_at_its_release_time(self, client):
        edition = EditionFactory(
            status=Edition.Status.SCHEDULED, release_at=timezone.now() - datetime.timedelta(minutes=1)
        )
        assert client.get(edition.get_absolute_url()).status_code == 200

    def test_impossible_date_is_404(self, client):
        publication = PublicationFactory()
        assert client.get(f"/{publication.slug}/2026-02-30/").status_code == 404


class TestReplica:
    def test_pages_offer_every_width_through_srcset_and_load_lazily(self, subscriber_client):
        client = subscriber_client
        edition = EditionFactory(page_count=3)
        for number in (1, 2, 3):
            PageFactory(
                edition=edition,
                number=number,
                renditions={"320": f"pages/a/{number}-320.webp", "800": f"pages/a/{number}-800.webp",
                            "1600": f"pages/a/{number}-1600.webp"},
            )  # fmt: skip

        html = client.get(edition.get_replica_url()).content.decode()

        assert html.count('class="replica-page"') == 3
        base = f"/{edition.publication.slug}/{edition.issue_date.isoformat()}/pages/3-"
        assert f"{base}320.webp 320w, {base}800.webp 800w, {base}1600.webp 1600w" in html
        assert html.count('loading="lazy"') == 1  # the first two pages load at once, the rest on approach
        assert "Page 3 of 3" in html
        assert "js/replica" in html

    def test_each_story_is_a_link_over_its_areas_on_the_pages_the_reader_may_see(self, client):
        edition = EditionFactory(page_count=3)
        for number in (1, 2, 3):
            PageFactory(edition=edition, number=number, width=600, height=800, renditions={"800": "x.webp"})
        lead = StoryFactory(edition=edition, position=0, headline="Harbour plan approved", is_free=True,
                            regions=[{"page": 1, "box": [60, 80, 300, 400]}, {"page": 1, "box": [306, 80, 540, 400]},
                                     {"page": 3, "box": [60, 80, 540, 200]}])  # fmt: skip

        html = client.get(edition.get_replica_url()).content.decode()

        areas = re.findall(r'<a class="replica-area" href="([^"]+)" data-story="[^"]+"\s+style="([^"]+)"', html)
        assert areas == [  # page 3 is past the free first pages: locked, it shows nothing of itself
            (lead.get_absolute_url(), "left: 10.00%; top: 10.00%; width: 40.00%; height: 40.00%"),
            (lead.get_absolute_url(), "left: 51.00%; top: 10.00%; width: 39.00%; height: 40.00%"),
        ]
        assert "Read “Harbour plan approved”" in html
        assert html.count('tabindex="-1" aria-hidden="true"') == 1  # one link per story and page for keyboards

    def test_a_subscriber_gets_the_areas_of_every_page(self, subscriber_client):
        edition = EditionFactory(page_count=3)
        for number in (1, 2, 3):
            PageFactory(edition=edition, number=number, renditions={"800": "x.webp"})
        StoryFactory(edition=edition, regions=[{"page": 3, "box": [60, 80, 540, 200]}])

        html = subscriber_client.get(edition.get_replica_url()).content.decode()

        assert html.count('class="replica-area"') == 1

    def test_words_found_in_the_edition_are_marked_on_the_pages_the_reader_may_see(self, subscriber_client):
        import pymupdf
        from django.core.files.base import ContentFile
        from django.test import Client

        document = pymupdf.open()
        for text in ("The ferry leaves at noon.", "Weather: grey.", "Two ferries more from May."):
            document.new_page(width=600, height=800).insert_text((60, 100), text, fontsize=20)
        edition = EditionFactory(page_count=3, source_pdf=ContentFile(document.tobytes(), name="e.pdf"))
        for number in (1, 2, 3):
            PageFactory(edition=edition, number=number, width=600, height=800, renditions={"800": "x.webp"})

        anonymous = Client().get(edition.get_replica_url(), {"q": "Ferry"}).content.decode()
        subscriber = subscriber_client.get(edition.get_replica_url(), {"q": "Ferry"}).content.decode()

        assert anonymous.count('class="replica-mark"') == 1  # page 3 is locked for an anonymous reader
        assert "On page 1" in anonymous
        assert subscriber.count('class="replica-mark"') == 2  # "ferries" too: the word's other forms match
        assert "On pages 1, 3" in subscriber
        assert 'data-first-mark="1"' in subscriber
        nothing = subscriber_client.get(edition.get_replica_url(), {"q": "tram"}).content.decode()
        assert "Not on the pages you can see" in nothing
        assert 'class="replica-mark"' not in nothing

    def test_page_image_is_served_from_storage(self, client):
        from django.core.files.base import ContentFile
        from django.core.files.storage import default_storage

        name = default_storage.save("pages/test/0001-800.webp", ContentFile(b"RIFF....WEBPVP8 "))
        edition = EditionFactory()
        PageFactory(edition=edition, number=1, renditions={"800": name})

        url = reverse("catalog:page_image", kwargs={**edition.url_kwargs(), "number": 1, "rendition": "800"})
        response = client.get(url)

        assert response.status_code == 200
        assert response["Content-Type"] == "image/webp"
        assert b"".join(response.streaming_content) == b"RIFF....WEBPVP8 "
        assert client.get(url.replace("800.webp", "1600.webp")).status_code == 404

    def test_page_images_and_pdfs_are_not_reachable_as_public_media(self, client):
        from django.core.files.base import ContentFile
        from django.core.files.storage import default_storage

        page = default_storage.save("pages/test/0001-800.webp", ContentFile(b"page"))
        pdf = default_storage.save("sources/edition.pdf", ContentFile(b"%PDF"))
        cover = default_storage.save("covers/edition.webp", ContentFile(b"cover"))

        assert client.get(f"/media/{cover}").status_code == 200  # the public folder works…
        assert client.get(f"/media/{page}").status_code == 404  # …the others are not served
        assert client.get(f"/media/{pdf}").status_code == 404
        assert client.get(f"/media/covers/../{page}").status_code == 404


class TestStoryPage:
    def test_anatomy_in_order(self, subscriber_client):
        client = subscriber_client
        story = StoryFactory(
            headline="The ferry returns",
            standfirst="After two years the route is back.",
            byline="By Kari Holm",
            section="News",
            body=[
                *paragraphs(2, "Body"),
                {"type": "quote", "text": "We waited long enough", "attribution": "A commuter"},
                {"type": "heading", "text": "What changes"},
                *paragraphs(2, "More"),
            ],
            edition__issue_date=datetime.date(2024, 6, 19),
            edition__publication__title="Harbour News",
        )
        more = StoryFactory(edition=story.edition, headline="Another story", standfirst="Its standfirst.")

        html = client.get(story_url(story)).content.decode()

        positions = text_positions(
            html,
            "The ferry returns</h1>",
            "After two years the route is back.",
            "By Kari Holm",
            "Body 1 has",
            "We waited long enough",
            "What changes</h2>",
            "More 2 has",
            "This story is from the",
            "More stories from Harbour News",
            more.headline,
            "Its standfirst.",
        )
        assert positions == sorted(positions)
        assert "June 19, 2024</a> edition of Harbour News" in html
        assert "1 min read" in html

    def test_see_it_on_page_opens_the_replica_at_the_storys_first_page(self, client):
        story = StoryFactory(pages=[3, 4], edition=EditionFactory(page_count=6))

        html = client.get(story.get_absolute_url()).content.decode()

        assert f'href="{story.edition.get_replica_url()}?story={story.slug}#page-3">See it on page 3</a>' in html

    def test_edition_line_is_in_the_readers_language_with_a_local_date(self, client):
        story = StoryFactory(edition__issue_date=datetime.date(2024, 6, 19), edition__publication__title="Fjordposten")

        nb = client.get(story_url(story), headers={"accept-language": "nb"}).content.decode()
        de = client.get(story_url(story), headers={"accept-language": "de"}).content.decode()
        fr = client.get(story_url(story), headers={"accept-language": "fr"}).content.decode()

        assert re.search(r"Denne historien er fra <a [^>]+>19\. juni 2024</a>-utgaven av Fjordposten", nb)
        assert "June" not in nb
        assert re.search(r"Dieser Artikel stammt aus der Ausgabe vom <a [^>]+>19\. Juni 2024</a> von Fjordposten", de)
        assert re.search(r"Cet article est tiré de l’édition du <a [^>]+>19 juin 2024</a> de Fjordposten", fr)

    def test_images_with_captions(self, subscriber_client):
        client = subscriber_client
        from django.core.files.base import ContentFile

        story = StoryFactory(body=[*paragraphs(2), {"type": "image", "image": 0}])
        picture = StoryImage(story=story, position=0, caption="The new quay at dawn", credit="Photo: A. Lens")
        picture.image.save("quay.webp", ContentFile(b"x"), save=False)
        picture.width, picture.height = 1200, 800
        picture.save()

        html = client.get(story_url(story)).content.decode()

        assert re.search(r'<figure class="story__figure">\s*<img src="/media/stories/quay[^"]*\.webp"', html)
        assert "The new quay at dawn" in html
        assert "Photo: A. Lens" in html

    def test_more_stories_same_edition_first_then_newest_editions(self, client):
        publication = PublicationFactory(title="Valley Post")
        old = EditionFactory(publication=publication, issue_date=datetime.date(2026, 1, 1))
        mid = EditionFactory(publication=publication, issue_date=datetime.date(2026, 1, 2))
        new = EditionFactory(publication=publication, issue_date=datetime.date(2026, 1, 3))
        story = StoryFactory(edition=mid, position=0)
        sibling = StoryFactory(edition=mid, position=1, headline="Sibling")
        newest = StoryFactory(edition=new, position=0, headline="From the newest")
        oldest = StoryFactory(edition=old, position=0, headline="From the oldest")
        EditionFactory(publication=publication, issue_date=datetime.date(2026, 1, 4), status=Edition.Status.DRAFT)

        more = client.get(story_url(story)).context["more"]

        assert [s.headline for s in more] == [sibling.headline, newest.headline, oldest.headline]

    @pytest.mark.parametrize("path", ["no-such-title/", "{publication}/1999-01-01/", "{edition}no-such-story/"])
    def test_unknown_addresses_are_a_404_page_in_the_readers_language(self, client, path):
        edition = EditionFactory()
        url = "/" + path.format(publication=edition.publication.slug, edition=edition.get_absolute_url()[1:])

        response = client.get(url, headers={"accept-language": "nb"})

        assert response.status_code == 404
        html = response.content.decode()
        assert '<html lang="nb"' in html
        assert "Fant ikke siden" in html


class TestRightToLeft:
    def test_arabic_page_runs_right_to_left_and_keeps_a_norwegian_story_left_to_right(self, client):
        story = StoryFactory(language="nb", edition__publication__language="nb")

        html = client.get(story_url(story), headers={"accept-language": "ar"}).content.decode()

        assert '<html lang="ar" dir="rtl">' in html
        assert '<article class="story" id="story" lang="nb" dir="ltr">' in html
        assert 'class="story__edition-line" lang="ar" dir="rtl"' in html


def test_default_categories_are_named_in_the_readers_language(client):
    EditionFactory(publication=PublicationFactory(categories=[CategoryFactory(slug="food", name="Food & drink")]))
    html = client.get("/", headers={"accept-language": "nb"}).content.decode()
    assert "Mat og drikke" in html


def test_locked_page_placeholders_keep_css_numbers_unlocalised(client):
    """A Norwegian page writes 595,0 for numbers; CSS needs 595.0, or the placeholder loses its shape."""
    edition = EditionFactory()
    PageFactory(edition=edition, number=1)
    PageFactory(edition=edition, number=2)
    html = client.get(edition.get_absolute_url(), headers={"accept-language": "nb"}).content.decode()
    assert "aspect-ratio: 595.0 / 842.0" in html
