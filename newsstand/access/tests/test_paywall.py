"""The paywall end to end, as a reader meets it: preview, one box, sign up, trial, the whole story, cancel."""

import datetime
import re

import pytest
from django.utils import timezone

from newsstand.access.models import AccessPolicy, Subscription
from newsstand.access.tests.factories import ReaderFactory, SubscriptionFactory
from newsstand.catalog.tests.factories import EditionFactory, PageFactory, StoryFactory

pytestmark = pytest.mark.django_db

LOCKED_SENTENCE = "The locked sentence number {n} reveals the ending."


def premium_story(paragraphs: int = 10, is_free: bool = False, **kwargs):
    body = [{"type": "paragraph", "text": f"Open paragraph {n} for everyone."} for n in range(1, 5)]
    body += [{"type": "paragraph", "text": LOCKED_SENTENCE.format(n=n)} for n in range(5, paragraphs + 1)]
    return StoryFactory(body=body, is_free=is_free, **kwargs)


def locked_sentences(story) -> list[str]:
    return [block["text"] for block in story.body[4:]]


def assert_story_locked(html: str, story) -> None:
    for sentence in locked_sentences(story):
        assert sentence not in html
    assert "Open paragraph 4 for everyone." in html


def assert_story_whole(html: str, story) -> None:
    for sentence in locked_sentences(story):
        assert sentence in html
    assert 'class="paywall"' not in html


class TestPaywallBox:
    def test_anonymous_reader_sees_the_preview_and_exactly_one_paywall_box(self, client):
        story = premium_story()
        for _n in range(12):
            EditionFactory()  # 13 publications in the catalog → "10+"

        html = client.get(story.get_absolute_url()).content.decode()

        assert_story_locked(html, story)
        assert html.count('class="paywall"') == 1
        assert (
            "Start your 7-day free trial of Gold to get access to thousands of curated premium stories "
            "and 10+ magazines and newspapers"
        ) in html
        assert f'Already a subscriber? <a href="/accounts/login/?next={story.get_absolute_url()}">Log in</a>' in html
        main = html[html.index("<main") :]
        positions = [main.index(s) for s in ("Open paragraph 4", "This story is from the", 'class="paywall"')]
        assert positions == sorted(positions)

    def test_the_box_is_in_the_readers_language(self, client):
        story = premium_story()
        html = client.get(story.get_absolute_url(), headers={"accept-language": "nb"}).content.decode()
        assert "Start din gratis prøveperiode på 7 dager med Gold og få tilgang til tusenvis av utvalgte" in html
        assert "Allerede abonnent?" in html or "Er du allerede abonnent?" in html

    def test_a_reader_whose_trial_is_used_is_offered_the_subscription(self, client):
        story = premium_story()
        reader = ReaderFactory()
        client.force_login(reader)
        client.post("/plans/gold/trial/", {"next": "/"})
        Subscription.objects.filter(user=reader).update(
            status=Subscription.Status.ENDED, current_period_end=timezone.now() - datetime.timedelta(days=1)
        )

        html = client.get(story.get_absolute_url()).content.decode()

        assert "Subscribe to Gold" in html
        assert "free trial" not in html.lower().split('class="paywall"')[1].split("</aside>")[0]

    def test_free_stories_need_no_account(self, client):
        story = premium_story(is_free=True)
        assert_story_whole(client.get(story.get_absolute_url()).content.decode(), story)


class TestJourney:
    def test_anonymous_to_paywall_to_sign_up_to_trial_to_the_whole_story(self, client):
        story = premium_story()
        url = story.get_absolute_url()
        assert_story_locked(client.get(url).content.decode(), story)

        signup = client.post(
            "/accounts/signup/",
            {
                "email": "new.reader@example.org",
                "password1": "correct horse battery",
                "next": f"/plans/gold/trial/?next={url}",
            },
        )
        assert signup.status_code == 302, signup.content.decode()[:3000]
        trial_page = client.get(signup["Location"])
        assert "Start my free trial" in trial_page.content.decode()
        started = client.post(signup["Location"], {"next": url})

        assert started["Location"] == f"http://testserver{url}"
        assert_story_whole(client.get(url).content.decode(), story)
        subscription = Subscription.objects.get(user__email="new.reader@example.org")
        assert subscription.status == Subscription.Status.TRIALING
        assert subscription.trial_ends_at.date() == (timezone.now() + datetime.timedelta(days=7)).date()

    def test_cancel_keeps_access_until_the_period_ends(self, client, mailoutbox, django_capture_on_commit_callbacks):
        story = premium_story()
        subscription = SubscriptionFactory()
        client.force_login(subscription.user)

        with django_capture_on_commit_callbacks(execute=True):
            client.post(f"/account/subscriptions/{subscription.pk}/cancel/")

        subscription.refresh_from_db()
        assert subscription.status == Subscription.Status.CANCELED
        assert_story_whole(client.get(story.get_absolute_url()).content.decode(), story)
        assert len(mailoutbox) == 1
        assert "cancelled" in mailoutbox[0].subject
        Subscription.objects.filter(pk=subscription.pk).update(current_period_end=timezone.now())
        assert_story_locked(client.get(story.get_absolute_url()).content.decode(), story)

    def test_cancelling_is_one_click_on_the_account_page(self, client):
        subscription = SubscriptionFactory()
        client.force_login(subscription.user)
        html = client.get("/account/").content.decode()
        form = re.search(r'<form method="post" action="(/account/subscriptions/\d+/cancel/)">', html)
        assert form
        assert form.group(1) == f"/account/subscriptions/{subscription.pk}/cancel/"


class TestSecondTrial:
    @pytest.mark.parametrize(
        ("first", "second"),
        [
            ("kari.nordmann@gmail.com", "KariNordmann+news@gmail.com"),
            ("kari@fjord.no", "Kari+second@fjord.no"),
            ("same@example.org", "same@example.org"),
        ],
    )
    def test_a_second_trial_is_refused_also_from_another_account_of_the_same_mailbox(self, client, first, second):
        client.force_login(ReaderFactory(email=first))
        client.post("/plans/gold/trial/", {"next": "/"})
        client.logout()
        other = ReaderFactory(email=second)
        client.force_login(other)

        response = client.post("/plans/gold/trial/", {"next": "/"}, follow=True)

        assert not Subscription.objects.filter(user=other).exists()
        assert "You have already had a free trial of Gold." in response.content.decode()

    def test_a_different_mailbox_gets_its_trial(self, client):
        client.force_login(ReaderFactory(email="kari@fjord.no"))
        client.post("/plans/gold/trial/", {"next": "/"})
        other = ReaderFactory(email="ola@fjord.no")
        client.force_login(other)
        client.post("/plans/gold/trial/", {"next": "/"})
        assert Subscription.objects.filter(user=other, status=Subscription.Status.TRIALING).exists()


class TestOpenRedirects:
    @pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "javascript:alert(1)"])
    def test_next_pointing_elsewhere_is_refused(self, client, target):
        client.force_login(ReaderFactory())
        response = client.post("/plans/gold/trial/", {"next": target})
        assert response["Location"] == "http://testserver/"


class TestReplicaAndPages:
    def test_pages_past_the_free_ones_are_locked_for_readers_without_access(self, client):
        from django.core.files.base import ContentFile
        from django.test import Client

        subscriber_client = Client()
        subscriber_client.force_login(SubscriptionFactory().user)
        from django.core.files.storage import default_storage

        edition = EditionFactory()
        for number in (1, 2):
            name = default_storage.save(f"pages/t/{number}-800.webp", ContentFile(b"img"))
            PageFactory(edition=edition, number=number, renditions={"800": name}, thumbnail=name)
        page_two = f"{edition.get_replica_url()}2-800.webp"

        assert client.get(f"{edition.get_replica_url()}1-800.webp").status_code == 200
        assert client.get(page_two).status_code == 403
        replica = client.get(edition.get_replica_url()).content.decode()
        assert page_two not in replica
        assert replica.count('class="paywall"') == 1
        assert subscriber_client.get(page_two).status_code == 200
        assert page_two in subscriber_client.get(edition.get_replica_url()).content.decode()


class TestMeter:
    def test_registered_readers_read_their_monthly_allowance_then_meet_the_paywall(self, client):
        AccessPolicy.objects.update_or_create(pk=1, defaults={"meter_stories_per_month": 2})
        first, second, third = premium_story(), premium_story(), premium_story()
        client.force_login(ReaderFactory())

        assert_story_whole(client.get(first.get_absolute_url()).content.decode(), first)
        assert_story_whole(client.get(second.get_absolute_url()).content.decode(), second)
        assert_story_locked(client.get(third.get_absolute_url()).content.decode(), third)
        assert_story_whole(client.get(first.get_absolute_url()).content.decode(), first)  # re-reading is free

    def test_the_meter_is_for_registered_readers_only(self, client):
        AccessPolicy.objects.update_or_create(pk=1, defaults={"meter_stories_per_month": 5})
        story = premium_story()
        assert_story_locked(client.get(story.get_absolute_url()).content.decode(), story)


class TestEditionPurchaseAndDownload:
    def test_buy_a_single_edition_then_download_its_pdf(self, client):
        from django.core.files.base import ContentFile

        edition = EditionFactory()
        edition.source_pdf.save("e.pdf", ContentFile(b"%PDF-1.7 edition"), save=True)
        pdf_url = f"{edition.get_absolute_url()}pdf/"
        client.force_login(ReaderFactory())

        assert client.get(pdf_url).status_code == 403
        page = client.get(edition.get_absolute_url()).content.decode()
        assert "Buy this edition for 3.99 EUR" in page
        client.post(f"{edition.get_absolute_url()}buy/")

        response = client.get(pdf_url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"%PDF-1.7 edition"
        assert "Download PDF" in client.get(edition.get_absolute_url()).content.decode()
        assert client.get("/account/").content.decode().count(edition.publication.title) >= 1


class TestLanguagePreference:
    def test_the_accounts_language_wins_over_the_browser(self, client):
        reader = ReaderFactory()
        client.force_login(reader)
        client.post("/account/language/", {"language": "de"})

        html = client.get("/", headers={"accept-language": "fr"}).content.decode()

        assert '<html lang="de"' in html
        reader.refresh_from_db()
        assert reader.language == "de"

    def test_the_footer_switcher_saves_it_too(self, client):
        reader = ReaderFactory(language="de")
        client.force_login(reader)
        client.post("/i18n/setlang/", {"language": "nb", "next": "/"})
        reader.refresh_from_db()
        assert reader.language == "nb"
        assert '<html lang="nb"' in client.get("/").content.decode()


def test_story_json_ld_marks_the_paywalled_part_and_never_holds_the_text(client):
    import json as jsonlib

    story = premium_story()
    html = client.get(story.get_absolute_url()).content.decode()
    data = jsonlib.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))

    assert data["@type"] == "NewsArticle"
    assert data["isAccessibleForFree"] is False
    assert data["hasPart"] == {"@type": "WebPageElement", "isAccessibleForFree": False,
                               "cssSelector": ".story__premium"}  # fmt: skip
    assert 'class="story__premium"' not in html  # the paywalled part is not sent to this reader at all
    assert "articleBody" not in data


def test_for_a_subscriber_the_paywalled_part_is_the_marked_one(subscriber_client):
    story = premium_story()
    page = subscriber_client.get(story.get_absolute_url()).content.decode()
    premium = page[page.index('<div class="story__premium">') :]
    assert "Open paragraph 4 for everyone." not in premium
    assert LOCKED_SENTENCE.format(n=5) in premium
