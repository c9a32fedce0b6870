"""The one rule of the paywall: may this reader read this story, these pages, this edition's PDF, and why.

Every channel asks here: the story page, page images, downloads, and (as they come) the API, feeds and search.
"""

from __future__ import annotations

import datetime
import ipaddress
import math
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone

from newsstand.access.models import (
    AccessCodeRedemption,
    AccessPolicy,
    EditionPurchase,
    Institution,
    InstitutionNetwork,
    MeteredRead,
    Plan,
    Subscription,
)
from newsstand.accounts.models import User
from newsstand.catalog.blocks import Block
from newsstand.catalog.models import Edition, Page, Publication, Story


class Reason(StrEnum):
    FREE = "free"
    STAFF = "staff"
    SUBSCRIPTION = "subscription"
    TRIAL = "trial"
    PURCHASE = "purchase"
    INSTITUTION = "institution"
    KEPT_EDITION = "kept_edition"  # released while a plan that keeps editions was active
    METER = "meter"
    # why not
    NOT_SIGNED_IN = "not_signed_in"
    NOT_ENTITLED = "not_entitled"
    METER_USED_UP = "meter_used_up"


@dataclass(frozen=True)
class Access:
    allowed: bool
    reason: Reason


@dataclass
class Reader:
    """Who is asking: the account if signed in, and the address the request came from."""

    user: User | None
    ip: str | None = None

    @property
    def signed_in(self) -> bool:
        return self.user is not None and self.user.is_authenticated

    @cached_property
    def institution_ids(self) -> frozenset[int]:
        """Institutions whose network the reader is in, or whose access code the reader redeemed."""
        ids = set(institutions_for_ip(self.ip)) if self.ip else set()
        if self.signed_in:
            now = timezone.now()
            ids.update(
                AccessCodeRedemption.objects.filter(user=self.user, access_code__institution__is_active=True)
                .filter(Q(access_code__valid_until__isnull=True) | Q(access_code__valid_until__gt=now))
                .values_list("access_code__institution_id", flat=True)
            )
        return frozenset(ids)


# --- the decision --------------------------------------------------------------------------------------------


def story_access(*, reader: Reader, story: Story, now: datetime.datetime | None = None) -> Access:
    """May `reader` read the whole of `story`? Free stories, then entitlements to its edition, then the meter."""
    entitled = story_entitlement(reader=reader, story=story, now=now)
    if entitled.allowed or not reader.signed_in:
        return entitled
    return _meter(reader=reader, story=story, now=now or timezone.now())


def story_entitlement(
    *, reader: Reader, story: Story, now: datetime.datetime | None = None, edition_access: Access | None = None
) -> Access:
    """May `reader` see the whole of `story` without spending a metered read (free, or entitled to its edition)?
    What a channel that is not a reading may show: search snippets. `edition_access`, when the caller already
    knows the edition's answer, saves asking again for each story of one edition."""
    if story.is_free:
        return Access(True, Reason.FREE)
    return edition_access or edition_entitlement(reader=reader, edition=story.edition, now=now)


def edition_access(*, reader: Reader, edition: Edition, now: datetime.datetime | None = None) -> Access:
    """May `reader` see every page of `edition` and download its PDF? (The meter opens stories, not editions.)"""
    return edition_entitlement(reader=reader, edition=edition, now=now)


def pages_open(*, reader: Reader, edition: Edition) -> int | None:
    """How many of the edition's pages (from the cover on) the reader may see; None for all of them."""
    if edition_access(reader=reader, edition=edition).allowed:
        return None
    return AccessPolicy.current().free_preview_pages


def page_access(*, reader: Reader, page: Page, now: datetime.datetime | None = None) -> Access:
    if page.number <= AccessPolicy.current().free_preview_pages:
        return Access(True, Reason.FREE)
    return edition_access(reader=reader, edition=page.edition, now=now)


def edition_entitlement(*, reader: Reader, edition: Edition, now: datetime.datetime | None = None) -> Access:
    now = now or timezone.now()
    publication = edition.publication
    if reader.signed_in:
        assert reader.user is not None
        if reader.user.is_staff and (reader.user.is_superuser or _is_member(reader.user, publication)):
            return Access(True, Reason.STAFF)
        by_subscription = _subscription_access(reader.user, edition, now)
        if by_subscription:
            return by_subscription
        if EditionPurchase.objects.filter(user=reader.user, edition=edition).exists():
            return Access(True, Reason.PURCHASE)
    if reader.institution_ids and _institutions_cover(reader.institution_ids, publication):
        return Access(True, Reason.INSTITUTION)
    return Access(False, Reason.NOT_ENTITLED if reader.signed_in else Reason.NOT_SIGNED_IN)


def _is_member(user: User, publication: Publication) -> bool:
    return user.publishers.filter(pk=publication.publisher_id).exists()


def _subscription_access(user: User, edition: Edition, now: datetime.datetime) -> Access | None:
    """One query: the reader's subscriptions that cover this publication, whether in force or ended."""
    covering = (
        Subscription.objects.filter(user=user)
        .filter(
            Q(plan__kind=Plan.Kind.ALL_ACCESS)
            | Q(plan__kind=Plan.Kind.PUBLICATION, plan__publications=edition.publication_id)
        )
        .select_related("plan")
    )
    kept: Access | None = None
    for subscription in covering:
        if subscription_in_force(subscription, now):
            trialing = subscription.status == Subscription.Status.TRIALING
            return Access(True, Reason.TRIAL if trialing else Reason.SUBSCRIPTION)
        if subscription.plan.keeps_released_editions and _released_during(edition, subscription):
            kept = Access(True, Reason.KEPT_EDITION)
    return kept


GIVES_ACCESS = frozenset(
    {
        Subscription.Status.TRIALING,
        Subscription.Status.ACTIVE,
        Subscription.Status.PAST_DUE,
        Subscription.Status.CANCELED,
    }
)


def subscription_in_force(subscription: Subscription, now: datetime.datetime) -> bool:
    """Trialing, active, past due (while the provider retries) or cancelled: access lasts until the end of the
    period paid (or trial). Unpaid (a first payment that failed, retries given up) and ended give none."""
    return subscription.status in GIVES_ACCESS and subscription.current_period_end > now


def _released_during(edition: Edition, subscription: Subscription) -> bool:
    """Released while the subscription was paid for: a free trial keeps nothing, so its days do not count."""
    if edition.release_at is None:
        return False
    paid_from = subscription.trial_ends_at or subscription.started_at
    paid_until = subscription.ended_at or subscription.current_period_end
    return paid_from <= edition.release_at <= paid_until


def _institutions_cover(institution_ids: frozenset[int], publication: Publication) -> bool:
    return (
        Institution.objects.filter(pk__in=institution_ids, is_active=True)
        .filter(Q(all_access=True) | Q(publications=publication))
        .exists()
    )


def _meter(*, reader: Reader, story: Story, now: datetime.datetime) -> Access:
    allowance = AccessPolicy.current().meter_stories_per_month
    if allowance == 0:
        return Access(False, Reason.NOT_ENTITLED)
    month = now.date().replace(day=1)
    reads = MeteredRead.objects.filter(user=reader.user, month=month)
    if reads.filter(story=story).exists() or reads.count() < allowance:
        return Access(True, Reason.METER)
    return Access(False, Reason.METER_USED_UP)


# --- institutions by network ---------------------------------------------------------------------------------

NETWORKS_CACHE_KEY = "access:institution-networks"
NETWORKS_CACHE_SECONDS = 300


def institutions_for_ip(ip: str) -> list[int]:
    """Institutions whose IPv4 or IPv6 ranges hold `ip`. The ranges are few and change rarely: cached."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return []
    networks = cache.get(NETWORKS_CACHE_KEY)
    if networks is None:
        networks = [
            (institution_id, ipaddress.ip_network(network, strict=False))
            for institution_id, network in InstitutionNetwork.objects.filter(institution__is_active=True).values_list(
                "institution_id", "network"
            )
        ]
        cache.set(NETWORKS_CACHE_KEY, networks, NETWORKS_CACHE_SECONDS)
    return [institution_id for institution_id, network in networks if address in network]


# --- the preview ---------------------------------------------------------------------------------------------


def story_preview_split(story: Story, *, default_paragraphs: int) -> tuple[list[Block], list[Block]]:
    """The blocks anyone may read, and the locked rest.

    The preview is the first paragraphs (the publication's number or share of words, else the site's
    default), never more than half of the story's paragraphs or words, with the images and crossheads among
    them. Pull quotes repeat sentences of the body, perhaps of the locked part: none in a preview.
    """
    cut = story_preview_cut(story, default_paragraphs=default_paragraphs)
    preview = [block for block in story.body[:cut] if block.get("type") != "quote"]
    return preview, list(story.body[cut:])


def story_blocks_split(story: Story, *, allowed: bool, default_paragraphs: int) -> tuple[list[Block], list[Block]]:
    """What of a story's body a reader is sent: the blocks shown openly, and the paywalled rest (marked for search
    engines). A reader not allowed the whole story gets its preview and nothing more, in every channel."""
    if not allowed:
        return story_preview_split(story, default_paragraphs=default_paragraphs)[0], []
    if story.is_free:
        return list(story.body), []
    cut = story_preview_cut(story, default_paragraphs=default_paragraphs)
    return story.body[:cut], story.body[cut:]


def story_preview_cut(story: Story, *, default_paragraphs: int) -> int:
    """Where the preview ends: the index of the first block behind the paywall."""
    publication = story.edition.publication
    paragraphs = [i for i, block in enumerate(story.body) if block.get("type") == "paragraph"]
    if publication.preview_word_share:
        count = _paragraphs_for_share(story.body, paragraphs, publication.preview_word_share)
    else:
        count = publication.preview_paragraphs if publication.preview_paragraphs is not None else default_paragraphs
    count = min(count, _paragraphs_within_half_the_words(story.body, paragraphs))
    return paragraphs[count - 1] + 1 if count > 0 else 0


def _paragraphs_within_half_the_words(body: list[Block], paragraphs: list[int]) -> int:
    """How many leading paragraphs hold at most half of the story's words (and at most half its paragraphs)."""
    words = [len(body[i]["text"].split()) for i in paragraphs]
    half, running, count = sum(words) / 2, 0, 0
    for length in words[: len(paragraphs) // 2]:
        if running + length > half:
            break
        running += length
        count += 1
    return count


def _paragraphs_for_share(body: list[Block], paragraphs: list[int], share: int) -> int:
    words = [len(body[i]["text"].split()) for i in paragraphs]
    budget = sum(words) * min(share, 50) / 100
    count, running = 0, 0
    for length in words:
        if running + length > budget:
            break
        running += length
        count += 1
    return count


# --- what the paywall offers ---------------------------------------------------------------------------------


def catalog_size_rounded(count: int) -> int:
    """Rounded down to one significant digit, for "<N>+ magazines and newspapers": 8 → 8, 37 → 30, 2345 → 2000."""
    if count < 10:
        return count
    scale: int = 10 ** int(math.log10(count))
    return (count // scale) * scale
