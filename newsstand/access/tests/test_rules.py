"""The one access rule, case by case, and the rules it rests on."""

import datetime
import threading

import pytest
from django.db import connection
from django.db.models import ProtectedError
from django.utils import timezone

from newsstand.access.models import (
    AccessCode,
    EditionPurchase,
    Institution,
    InstitutionNetwork,
    Plan,
    Subscription,
    Voucher,
)
from newsstand.access.rules import (
    Reader,
    Reason,
    catalog_size_rounded,
    edition_access,
    story_access,
    story_preview_split,
)
from newsstand.access.services import AccessError, access_code_redeem, voucher_redeem
from newsstand.access.tests.factories import PlanFactory, ReaderFactory, SubscriptionFactory
from newsstand.catalog.tests.factories import EditionFactory, PublicationFactory, StoryFactory, paragraphs

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("count", "rounded"), [(0, 0), (8, 8), (10, 10), (37, 30), (2345, 2000), (12000, 10000)])
def test_catalog_size_rounded_down(count, rounded):
    assert catalog_size_rounded(count) == rounded


class TestPreview:
    def test_four_paragraphs_by_default(self):
        story = StoryFactory(body=paragraphs(12))
        shown, locked = story_preview_split(story, default_paragraphs=4)
        assert [b["text"] for b in shown] == [f"Paragraph {n} has a few words in it." for n in range(1, 5)]
        assert len(locked) == 8

    def test_never_more_than_half_the_words(self):
        body = [{"type": "paragraph", "text": "word " * 500}, *paragraphs(9)]
        shown, _ = story_preview_split(StoryFactory(body=body), default_paragraphs=4)
        assert shown == []

    def test_pull_quotes_stay_out_of_the_preview(self):
        body = [*paragraphs(2), {"type": "quote", "text": "From further down"}, *paragraphs(8)]
        shown, _ = story_preview_split(StoryFactory(body=body), default_paragraphs=4)
        assert "quote" not in [b["type"] for b in shown]

    def test_never_more_than_half_the_story(self):
        story = StoryFactory(body=paragraphs(5))
        shown, locked = story_preview_split(story, default_paragraphs=4)
        assert len(shown) == 2
        assert len(locked) == 3

    def test_images_and_crossheads_before_the_cut_belong_to_the_preview(self):
        body = [*paragraphs(1), {"type": "image", "image": 0}, {"type": "heading", "text": "Cross"}, *paragraphs(9)]
        shown, _ = story_preview_split(StoryFactory(body=body), default_paragraphs=2)
        assert [b["type"] for b in shown] == ["paragraph", "image", "heading", "paragraph"]

    def test_a_publication_sets_its_own_number_or_share(self):
        story = StoryFactory(body=paragraphs(10), edition__publication=PublicationFactory(preview_paragraphs=1))
        assert len(story_preview_split(story, default_paragraphs=4)[0]) == 1
        story.edition.publication.preview_paragraphs = None
        story.edition.publication.preview_word_share = 30
        assert len(story_preview_split(story, default_paragraphs=4)[0]) == 3


class TestEntitlements:
    def test_trial_and_subscription_read_everything(self):
        story = StoryFactory()
        trial = SubscriptionFactory(status=Subscription.Status.TRIALING)
        assert story_access(reader=Reader(user=trial.user), story=story).reason == Reason.TRIAL
        paid = SubscriptionFactory()
        assert story_access(reader=Reader(user=paid.user), story=story).reason == Reason.SUBSCRIPTION

    def test_a_publication_plan_opens_only_its_titles(self):
        mine, other = PublicationFactory(), PublicationFactory()
        plan = PlanFactory(name="Fjord", slug="fjord", family="fjord", kind=Plan.Kind.PUBLICATION)
        plan.publications.set([mine])
        reader = SubscriptionFactory(plan=plan).user
        assert edition_access(reader=Reader(user=reader), edition=EditionFactory(publication=mine)).allowed
        assert not edition_access(reader=Reader(user=reader), edition=EditionFactory(publication=other)).allowed

    def test_bought_editions_stay_readable_forever(self):
        edition = EditionFactory()
        reader = ReaderFactory()
        EditionPurchase.objects.create(user=reader, edition=edition, amount=3, currency="EUR")
        later = timezone.now() + datetime.timedelta(days=3650)
        assert edition_access(reader=Reader(user=reader), edition=edition, now=later).reason == Reason.PURCHASE
        assert not edition_access(reader=Reader(user=reader), edition=EditionFactory()).allowed

    def test_editions_released_while_subscribed_stay_readable_where_the_plan_says_so(self):
        plan = PlanFactory(name="Keeper", slug="keeper", family="keeper", keeps_released_editions=True)
        start = timezone.now() - datetime.timedelta(days=60)
        subscription = SubscriptionFactory(
            plan=plan, status=Subscription.Status.ENDED, started_at=start,
            current_period_end=start + datetime.timedelta(days=30), ended_at=start + datetime.timedelta(days=30),
        )  # fmt: skip
        during = EditionFactory(release_at=start + datetime.timedelta(days=10))
        after = EditionFactory(release_at=start + datetime.timedelta(days=40))
        reader = Reader(user=subscription.user)
        assert edition_access(reader=reader, edition=during).reason == Reason.KEPT_EDITION
        assert not edition_access(reader=reader, edition=after).allowed
        Plan.objects.filter(pk=plan.pk).update(keeps_released_editions=False)
        assert not edition_access(reader=reader, edition=during).allowed

    def test_a_free_trial_keeps_no_edition(self):
        plan = PlanFactory(name="Keeper", slug="keeper", family="keeper", keeps_released_editions=True)
        start = timezone.now() - datetime.timedelta(days=30)
        lapsed = SubscriptionFactory(
            plan=plan, status=Subscription.Status.ENDED, started_at=start,
            trial_ends_at=start + datetime.timedelta(days=7), current_period_end=start + datetime.timedelta(days=7),
            ended_at=start + datetime.timedelta(days=7),
        )  # fmt: skip
        during_trial = EditionFactory(release_at=start + datetime.timedelta(days=2))
        assert not edition_access(reader=Reader(user=lapsed.user), edition=during_trial).allowed

    def test_publisher_staff_read_their_own_titles(self):
        edition = EditionFactory()
        staff = ReaderFactory(is_staff=True)
        staff.publishers.add(edition.publication.publisher)
        assert edition_access(reader=Reader(user=staff), edition=edition).reason == Reason.STAFF
        assert not edition_access(reader=Reader(user=staff), edition=EditionFactory()).allowed


class TestInstitutions:
    @pytest.fixture
    def library(self):
        library = Institution.objects.create(name="City Library")
        InstitutionNetwork.objects.create(institution=library, network="192.0.2.0/24")
        InstitutionNetwork.objects.create(institution=library, network="2001:db8:42::/48")
        return library

    @pytest.mark.parametrize(
        ("ip", "allowed"),
        [("192.0.2.77", True), ("192.0.3.1", False), ("2001:db8:42::7", True), ("2001:db8:43::1", False),
         ("not an ip", False)],
    )  # fmt: skip
    def test_inside_the_ranges_reads_outside_does_not(self, library, ip, allowed):
        assert story_access(reader=Reader(user=None, ip=ip), story=StoryFactory()).allowed is allowed

    def test_through_the_reader_address_on_the_story_page(self, client, library):
        story = StoryFactory(body=paragraphs(10))
        inside = client.get(story.get_absolute_url(), REMOTE_ADDR="192.0.2.5").content.decode()
        outside = client.get(story.get_absolute_url(), REMOTE_ADDR="198.51.100.5").content.decode()
        assert "Paragraph 10 has" in inside
        assert "Paragraph 10 has" not in outside

    def test_an_institution_limited_to_some_titles(self, library):
        mine = PublicationFactory()
        library.all_access = False
        library.save()
        library.publications.set([mine])
        reader = Reader(user=None, ip="192.0.2.9")
        assert edition_access(reader=reader, edition=EditionFactory(publication=mine)).allowed
        assert not edition_access(reader=reader, edition=EditionFactory()).allowed

    def test_access_code_within_its_seats(self, library):
        AccessCode.objects.create(institution=library, code="READ-2026", seats=1)
        first, second = ReaderFactory(), ReaderFactory()
        access_code_redeem(user=first, code="READ-2026")
        assert access_code_redeem(user=first, code="READ-2026")  # the same reader again: no extra seat
        with pytest.raises(AccessError, match="no seats left"):
            access_code_redeem(user=second, code="READ-2026")
        assert story_access(reader=Reader(user=first), story=StoryFactory()).reason == Reason.INSTITUTION
        assert not story_access(reader=Reader(user=second), story=StoryFactory()).allowed


class TestVouchers:
    def test_a_voucher_grants_its_plan_for_its_days_once(self):
        Voucher.objects.create(code="GIFT-1", plan=PlanFactory(), days=30, seats=1)
        reader, other = ReaderFactory(), ReaderFactory()

        subscription = voucher_redeem(user=reader, code="gift-1".upper())

        assert (subscription.current_period_end - timezone.now()).days in (29, 30)
        assert story_access(reader=Reader(user=reader), story=StoryFactory()).allowed
        with pytest.raises(AccessError, match="already redeemed this voucher"):
            voucher_redeem(user=reader, code="GIFT-1")
        with pytest.raises(AccessError, match="already been redeemed"):
            voucher_redeem(user=other, code="GIFT-1")
        with pytest.raises(AccessError, match="not valid"):
            voucher_redeem(user=other, code="NOPE")

    @pytest.mark.django_db(transaction=True)
    @pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks across connections need PostgreSQL")
    def test_two_readers_racing_for_the_last_seat(self):
        voucher = Voucher.objects.create(code="RACE", plan=PlanFactory(), days=30, seats=1)
        readers = [ReaderFactory(), ReaderFactory()]
        outcomes: list[str] = []
        barrier = threading.Barrier(2)

        def redeem(reader):
            barrier.wait()
            try:
                voucher_redeem(user=reader, code=voucher.code)
                outcomes.append("ok")
            except AccessError:
                outcomes.append("refused")
            finally:
                connection.close()

        threads = [threading.Thread(target=redeem, args=(reader,)) for reader in readers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        assert sorted(outcomes) == ["ok", "refused"]
        assert voucher.redemptions.count() == 1


def test_a_plan_with_subscribers_cannot_be_deleted():
    subscription = SubscriptionFactory()
    with pytest.raises(ProtectedError):
        subscription.plan.delete()


class TestLogIn:
    def test_brute_force_is_throttled(self, client):
        ReaderFactory(email="kari@example.org")
        for _ in range(5):
            client.post("/accounts/login/", {"login": "kari@example.org", "password": "wrong"})
        response = client.post("/accounts/login/", {"login": "kari@example.org", "password": "a-long-enough-password"})
        assert "_auth_user_id" not in client.session
        assert response.status_code in (200, 429)
        assert "Too many failed login attempts" in response.content.decode()


@pytest.mark.parametrize(
    ("start", "interval", "end"),
    [
        (datetime.datetime(2026, 1, 31, 12), "month", datetime.datetime(2026, 2, 28, 12)),
        (datetime.datetime(2026, 12, 15), "month", datetime.datetime(2027, 1, 15)),
        (datetime.datetime(2028, 2, 29), "year", datetime.datetime(2029, 2, 28)),
    ],
)
def test_periods_end_on_the_same_day_where_the_calendar_allows(start, interval, end):
    from newsstand.access.services import period_end

    assert period_end(start, interval) == end
