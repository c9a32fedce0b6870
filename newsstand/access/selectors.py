"""Reads of access: the reader behind a request, what the paywall offers, what a reader holds and may start."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone

from newsstand.access.models import EditionPurchase, Plan, Subscription, TrialClaim
from newsstand.access.rules import Reader, catalog_size_rounded
from newsstand.accounts.identity import email_normalized, user_from_basic_auth
from newsstand.accounts.models import User
from newsstand.catalog.selectors import publications_visible

OFFER_CACHE_SECONDS = 60


def reader_from_request(request: HttpRequest) -> Reader:
    """The signed-in reader (session), else one named by HTTP Basic credentials (reading apps), else anonymous."""
    user = request.user if request.user.is_authenticated else user_from_basic_auth(request)
    return Reader(user=user, ip=client_ip(request))


def client_ip(request: HttpRequest) -> str | None:
    """The reader's address. Behind N proxies (NEWSSTAND_PROXY_COUNT), the one the nearest trusted proxy saw."""
    proxies: int = settings.NEWSSTAND_PROXY_COUNT
    if proxies:
        forwarded: str = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return cast("str | None", request.META.get("REMOTE_ADDR"))


def plan_all_access() -> Plan | None:
    """The plan the paywall offers: the first all-access plan on sale ("Gold" by default)."""
    plan: Plan | None = cache.get_or_set(
        "access:offer-plan",
        lambda: Plan.objects.filter(kind=Plan.Kind.ALL_ACCESS, is_active=True).order_by("position", "pk").first(),
        OFFER_CACHE_SECONDS,
    )
    return plan


def plan_single_edition() -> Plan | None:
    return Plan.objects.filter(kind=Plan.Kind.EDITION, is_active=True).order_by("position", "pk").first()


def catalog_size_for_offer() -> int:
    count = cache.get_or_set(
        "access:catalog-size", lambda: catalog_size_rounded(publications_visible().count()), OFFER_CACHE_SECONDS
    )
    return cast(int, count)


@dataclass(frozen=True)
class PaywallOffer:
    plan: Plan
    trial: bool  # False once the reader's trial of this plan family is used: offer the subscription instead
    catalog_size: int


def paywall_offer(*, reader: Reader) -> PaywallOffer | None:
    plan = plan_all_access()
    if plan is None:
        return None
    trial = plan.trial_days > 0 and (not reader.signed_in or trial_available(user=reader.user, plan=plan))  # type: ignore[arg-type]
    return PaywallOffer(plan=plan, trial=trial, catalog_size=catalog_size_for_offer())


def plan_held(*, user: User, plan: Plan) -> bool:
    """The reader has this plan now and it will renew: buying it again would charge twice."""
    return Subscription.objects.filter(
        user=user, plan=plan, current_period_end__gt=timezone.now(),
        status__in=[Subscription.Status.TRIALING, Subscription.Status.ACTIVE, Subscription.Status.PAST_DUE],
    ).exists()  # fmt: skip


def trial_available(*, user: User, plan: Plan) -> bool:
    """True unless this account, or any account of the same mailbox, has had a trial of the plan's family."""
    if not plan.trial_days or not plan.is_active:
        return False
    claims = TrialClaim.objects.filter(family=plan.family)
    return not claims.filter(Q(user=user) | Q(email_normalized=trial_claim_key(user))).exists()


def trial_claim_key(user: User) -> str:
    """What a trial claim is kept under: the reader's mailbox, or the account when it has no address."""
    return email_normalized(user.email) if user.email else f"user:{user.pk}"


def subscriptions_of(*, user: User) -> list[Subscription]:
    return list(Subscription.objects.filter(user=user).select_related("plan"))


def edition_purchases_of(*, user: User) -> list[EditionPurchase]:
    return list(EditionPurchase.objects.filter(user=user).select_related("edition__publication"))
