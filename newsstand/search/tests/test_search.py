"""Search as a reader uses it, on whichever database the suite runs (SQLite FTS5 or PostgreSQL full text)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsstand.access.tests.factories import PlanFactory, ReaderFactory, SubscriptionFactory
from newsstand.catalog.models import Edition, Publication
from newsstand.catalog.tests.factories import (
    CategoryFactory,
    EditionFactory,
    PublicationFactory,
    StoryFactory,
    paragraphs,
)

pytestmark = pytest.mark.django_db

SEARCH = reverse("search:search")


def found(client, **params) -> list[str]:
    response = client.get(SEARCH, params)
    assert response.status_code == 200, response.content[:500]
    return [hit.story.headline for hit in response.context["results"].hits]


def story(headline: str, text: str = "", **kwargs):
    body = [{"type": "paragraph", "text": text}] if text else paragraphs(3)
    return StoryFactory(headline=headline, body=body, **kwargs)


class TestWords:
    @pytest.mark.parametrize(
        ("language", "stored", "typed"),
        [
            ("en", "Newspapers are printing fewer pages", "newspaper"),
            ("nb", "Avisene trykker færre sider", "avis"),
            ("de", "Die Zeitungen drucken weniger Seiten", "Zeitung"),
            ("fr", "Les élections municipales approchent", "élection"),
            ("es", "Las elecciones municipales se acercan", "elección"),
            ("ar", "الحكومة تعلن الميزانية", "حكومة"),
        ],
    )
    def test_a_word_finds_its_other_forms_in_the_storys_language(self, client, language, stored, typed):
        edition = EditionFactory(publication=PublicationFactory(language=language))
        story(stored, edition=edition, language=language)
        story("Something else entirely", edition=edition, language=language)
        assert found(client, q=typed) == [stored]

    def test_every_word_must_occur(self, client):
        story("Harbour strike ends", "Dockers return to work on Monday.")
        story("Harbour festival opens", "Boats and music all weekend.")
        assert found(client, q="harbour strike") == ["Harbour strike ends"]

    def test_a_quoted_phrase_matches_only_as_written(self, client):
        story("Bridge opened", "The new bridge was opened by the mayor.")
        story("Mayor reopens bridge", "The mayor said the bridge was new and opened.")
        assert found(client, q='"new bridge"') == ["Bridge opened"]

    def test_headline_words_rank_above_body_words(self, client):
        story("Farmers count the cost", "Rain again: the harvest is late and the wheat is wet.")
        story("Wheat prices soar", "Markets react to the poor season.")
        assert found(client, q="wheat")[0] == "Wheat prices soar"

    def test_publications_whose_title_matches_are_shown_above_the_stories(self, client):
        PublicationFactory(title="Harbour Gazette", slug="harbour-gazette")
        EditionFactory(publication=Publication.objects.get(slug="harbour-gazette"))
        response = client.get(SEARCH, {"q": "harbour"})
        assert [p.title for p in response.context["results"].publications] == ["Harbour Gazette"]

    def test_matched_words_are_marked_and_the_rest_escaped(self, client):
        story("Tax <script>alert(1)</script> rises", "The tax rise starts in May.", is_free=True)
        content = client.get(SEARCH, {"q": "tax"}).content.decode()
        assert "<mark>Tax</mark>" in content
        assert "<script>alert(1)</script>" not in content
        assert "The <mark>tax</mark> rise starts in May." in content

    def test_a_hit_opens_its_page_with_the_words_marked(self, client):
        item = story("Ferry timetable", pages=[3], edition=EditionFactory(page_count=8))
        content = client.get(SEARCH, {"q": "ferry timetable"}).content.decode()
        replica = item.edition.get_replica_url()
        assert f'<a href="{replica}?q=ferry%20timetable#page-3">See it on page 3</a>' in content


class TestTheIndexFollowsTheCatalog:
    def test_an_edited_headline_is_found_by_its_new_words_only(self, client):
        item = story("Council approves budget")
        item.headline = "Council rejects budget"
        item.save()
        assert found(client, q="rejects") == ["Council rejects budget"]
        assert found(client, q="approves") == []

    def test_drafts_are_not_found_until_published_and_not_after_withdrawal(self, client):
        edition = EditionFactory(status=Edition.Status.DRAFT, release_at=None)
        story("Secret draft story", edition=edition)
        assert found(client, q="secret") == []

        edition.status, edition.release_at = Edition.Status.PUBLISHED, timezone.now()
        edition.save()
        assert found(client, q="secret") == ["Secret draft story"]

        edition.status = Edition.Status.DRAFT
        edition.save()
        assert found(client, q="secret") == []

    def test_a_scheduled_edition_is_found_once_released(self, client):
        edition = EditionFactory(
            status=Edition.Status.SCHEDULED, release_at=timezone.now() + datetime.timedelta(hours=1)
        )
        story("Tomorrow's scoop", edition=edition)
        assert found(client, q="scoop") == []
        Edition.objects.filter(pk=edition.pk).update(release_at=timezone.now() - datetime.timedelta(minutes=1))
        edition.refresh_from_db()
        edition.save()
        assert found(client, q="scoop") == ["Tomorrow's scoop"]

    def test_a_deleted_story_is_gone_from_search(self, client):
        item = story("Vanishing act")
        item.delete()
        assert found(client, q="vanishing") == []


class TestFiltersAndOrder:
    def test_filters_narrow_the_results(self, client):
        sport = CategoryFactory(slug="sport", name="Sport")
        paper = PublicationFactory(slug="paper", language="en", kind=Publication.Kind.NEWSPAPER, categories=[sport])
        magazine = PublicationFactory(slug="glossy", language="en", kind=Publication.Kind.MAGAZINE)
        norsk = PublicationFactory(slug="norsk", language="nb")
        story(
            "Final tonight in the paper",
            edition=EditionFactory(publication=paper, issue_date=datetime.date(2026, 3, 1)),
        )
        story(
            "Final tonight in the glossy",
            edition=EditionFactory(publication=magazine, issue_date=datetime.date(2026, 5, 1)),
        )
        # A date outside the range asked for below (the factory's dates depend on what ran before in the process).
        norsk_edition = EditionFactory(publication=norsk, issue_date=datetime.date(2026, 2, 1))
        story("Final tonight på norsk", edition=norsk_edition, language="nb")

        assert found(client, q="final", publication="paper") == ["Final tonight in the paper"]
        assert found(client, q="final", category="sport") == ["Final tonight in the paper"]
        assert found(client, q="final", kind="magazine") == ["Final tonight in the glossy"]
        assert found(client, q="final", language="nb") == ["Final tonight på norsk"]
        assert found(client, q="final", **{"from": "2026-04-01", "to": "2026-06-01"}) == ["Final tonight in the glossy"]

    def test_newest_first(self, client):
        for day in (3, 1, 2):
            story(f"Weather on day {day}", edition=EditionFactory(issue_date=datetime.date(2026, 2, day)))
        assert found(client, q="weather", sort="newest") == ["Weather on day 3", "Weather on day 2", "Weather on day 1"]

    def test_pages_of_results_and_past_the_end_the_last_page(self, client):
        edition = EditionFactory()
        for n in range(25):
            story(f"Election update {n}", edition=edition)
        first = client.get(SEARCH, {"q": "election"}).context["results"]
        assert (first.total, first.pages, len(first.hits)) == (25, 2, 20)
        last = client.get(SEARCH, {"q": "election", "page": 99}).context["results"]
        assert (last.page, len(last.hits)) == (2, 5)
        assert not {hit.story.pk for hit in first.hits} & {hit.story.pk for hit in last.hits}


class TestThePaywallHoldsInSearch:
    SECRET = "zanzibarian"

    def locked_story(self):
        PlanFactory()
        body = [*paragraphs(6), {"type": "paragraph", "text": f"The {self.SECRET} ledger was found in the vault."}]
        return StoryFactory(headline="Vault discovery", body=body, is_free=False)

    def test_a_locked_story_shows_only_its_preview_in_the_snippet(self, client):
        self.locked_story()
        response = client.get(SEARCH, {"q": f"vault {self.SECRET}"})
        (hit,) = response.context["results"].hits
        assert hit.locked
        assert self.SECRET not in hit.snippet
        assert "ledger" not in response.content.decode()

    def test_a_subscriber_sees_the_passage_that_matched(self, client):
        self.locked_story()
        client.force_login(SubscriptionFactory().user)
        response = client.get(SEARCH, {"q": self.SECRET})
        (hit,) = response.context["results"].hits
        assert not hit.locked
        assert f"<mark>{self.SECRET}</mark> ledger was found" in response.content.decode()


class TestBadInput:
    HOSTILE = [
        '"unbalanced',
        "(((",
        "a NEAR b",
        "NEAR(a b, 2)",
        "*",
        "tax*",
        "headline_index:tax",
        "AND OR NOT",
        "- ^ ~ : ; '",
        "' OR 1=1 --",
        "\\",
        "💥 emoji",
        '"" ""',
        "____",
    ]

    @pytest.mark.parametrize("query", HOSTILE)
    def test_operators_are_words_or_nothing_never_an_error(self, client, query):
        story("Tax and spending", "Near the end of the year, taxes rise.")
        response = client.get(SEARCH, {"q": query})
        assert response.status_code == 200
        assert b"fts5" not in response.content.lower()
        assert b"syntax" not in response.content.lower()

    def test_a_null_character_is_refused_with_a_reason(self, client):
        response = client.get(SEARCH, {"q": "tax\x00"})
        assert response.status_code == 400
        assert b"Null characters are not allowed" in response.content

    def test_an_empty_query_asks_for_words(self, client):
        response = client.get(SEARCH, {"q": "   "})
        assert response.status_code == 200
        assert response.context["results"].hits == []

    def test_a_huge_query_is_refused_with_a_reason(self, client):
        response = client.get(SEARCH, {"q": "word " * 1000})
        assert response.status_code == 400
        assert b"at most 300 characters" in response.content

    @pytest.mark.parametrize(
        ("params", "reason"),
        [
            ({"publication": "no-such-title"}, "There is no publication"),
            ({"category": "no-such-category"}, "There is no category"),
            ({"language": "xx"}, "Select a valid choice"),
            ({"from": "2026-13-45"}, "Enter a valid date"),
            ({"from": "2026-05-01", "to": "2026-04-01"}, "start date comes after the end date"),
            ({"page": "-1"}, "greater than or equal to 1"),
            ({"sort": "random"}, "Select a valid choice"),
        ],
    )
    def test_unknown_filters_are_a_400_with_the_reason(self, client, params, reason):
        response = client.get(SEARCH, {"q": "tax", **params})
        assert response.status_code == 400
        assert reason in response.content.decode()

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(query=st.text(max_size=120))
    def test_any_text_gets_an_answer(self, client, query):
        response = client.get(SEARCH, {"q": query})
        assert response.status_code in {200, 400}


class TestYouMayAlsoLike:
    def test_a_story_page_shows_close_stories_from_other_publications(self, client, django_capture_on_commit_callbacks):
        text = "The lighthouse keeper retired after forty years guarding the rocky northern coast."
        other = story("Lighthouse keepers of the north", text)
        unrelated = story("Cheese prices", "Dairy markets are calm this spring.")
        edition = EditionFactory(status=Edition.Status.DRAFT, release_at=None)
        item = story("Last lighthouse keeper retires", text, edition=edition)
        with django_capture_on_commit_callbacks(execute=True):
            edition.status, edition.release_at = Edition.Status.PUBLISHED, timezone.now()
            edition.save()  # publishing the edition computes its stories' related ones, in the background
        content = client.get(item.get_absolute_url()).content.decode()
        assert "You may also like" in content
        assert other.headline in content
        assert unrelated.headline not in content

    def test_the_nightly_refresh_points_older_stories_to_newer_ones(self, client):
        from newsstand.search.related import recent_related_refresh, story_related_compute

        text = "Glacier retreat measured by satellite over the alpine valleys this summer."
        older = story("Glaciers shrink again", text)
        assert story_related_compute(story=older) == []  # nothing close yet
        newer = story("Satellite maps glacier retreat", text)
        recent_related_refresh()
        assert newer.headline in client.get(older.get_absolute_url()).content.decode()

    def test_without_computed_neighbours_the_section_is_left_out(self, client):
        item = story("Lonely story")
        assert "You may also like" not in client.get(item.get_absolute_url()).content.decode()


def test_the_header_search_box_leads_to_results(client):
    story("Budget day")
    page = client.get(reverse("catalog:home")).content.decode()
    assert f'action="{SEARCH}"' in page
    assert found(client, q="budget") == ["Budget day"]


def test_a_reader_signed_in_or_not_gets_the_same_hits(client):
    story("Same for all")
    anonymous = found(client, q="same")
    client.force_login(ReaderFactory())
    assert found(client, q="same") == anonymous
