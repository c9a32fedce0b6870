"""Who may read what: plans, subscriptions and trials, single-edition purchases, institutions, vouchers, the meter.

The decision itself lives in newsstand/access/rules.py; these are the facts it reads.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from newsstand.catalog.models import Edition, Publication, Story


class Plan(models.Model):
    class Kind(models.TextChoices):
        ALL_ACCESS = "all_access", _("All-access subscription")
        PUBLICATION = "publication", _("One publication's subscription")
        EDITION = "edition", _("Single edition purchase")

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    family = models.SlugField(
        _("trial family"),
        help_text=_("A reader gets one free trial per family; plans that share a family share that trial."),
    )
    publications = models.ManyToManyField(
        Publication, blank=True, related_name="plans", verbose_name=_("publications"),
        help_text=_("For a publication subscription: the titles it opens."),
    )  # fmt: skip
    monthly_price = models.DecimalField(_("monthly price"), max_digits=8, decimal_places=2, null=True, blank=True)
    yearly_price = models.DecimalField(_("yearly price"), max_digits=8, decimal_places=2, null=True, blank=True)
    edition_price = models.DecimalField(_("price per edition"), max_digits=8, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    trial_days = models.PositiveSmallIntegerField(_("free trial days"), default=0)
    keeps_released_editions = models.BooleanField(
        _("keeps editions released while subscribed"),
        default=False,
        help_text=_("After the subscription ends, editions released while it was active stay readable."),
    )
    is_active = models.BooleanField(_("on sale"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    # The same prices in Stripe, when Stripe takes the payments (NEWSSTAND_PAYMENT_PROVIDER=stripe).
    stripe_price_monthly = models.CharField(_("Stripe price, monthly"), max_length=100, blank=True)
    stripe_price_yearly = models.CharField(_("Stripe price, yearly"), max_length=100, blank=True)
    stripe_price_edition = models.CharField(_("Stripe price, single edition"), max_length=100, blank=True)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self) -> str:
        return self.name


class Subscription(models.Model):
    class Status(models.TextChoices):
        TRIALING = "trialing", _("Free trial")
        ACTIVE = "active", _("Active")
        PAST_DUE = "past_due", _("Payment overdue")
        CANCELED = "canceled", _("Cancelled, runs to the end of the period")
        UNPAID = "unpaid", _("Waiting for payment")
        ENDED = "ended", _("Ended")

    class Interval(models.TextChoices):
        MONTH = "month", _("Monthly")
        YEAR = "year", _("Yearly")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="subscriptions", verbose_name=_("reader")
    )
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="subscriptions", verbose_name=_("plan"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    interval = models.CharField(_("billing interval"), max_length=10, choices=Interval.choices, default=Interval.MONTH)
    started_at = models.DateTimeField(_("started"))
    trial_ends_at = models.DateTimeField(_("trial ends"), null=True, blank=True)
    current_period_end = models.DateTimeField(_("paid until"))
    canceled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    has_payment_method = models.BooleanField(_("payment method on file"), default=False)
    trial_reminder_sent_at = models.DateTimeField(_("trial reminder sent"), null=True, blank=True)
    provider = models.CharField(_("payment provider"), max_length=20, default="offline")
    provider_reference = models.CharField(_("provider reference"), max_length=200, blank=True, db_index=True)
    provider_customer = models.CharField(_("provider customer"), max_length=200, blank=True)
    # When the provider's newest word about this subscription was sent: an older event arriving late is ignored.
    provider_synced_at = models.DateTimeField(_("provider state as of"), null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        indexes = [models.Index(fields=["user", "status"], name="subscription_user_status")]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "provider_reference"],
                condition=~models.Q(provider_reference=""),
                name="subscription_unique_provider_reference",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.plan} · {self.get_status_display()}"


class TrialClaim(models.Model):
    """One free trial per reader and plan family, checked against the account and the normalised address."""

    family = models.SlugField(_("trial family"))
    email_normalized = models.CharField(_("normalised email"), max_length=254)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("claimed"), auto_now_add=True)

    class Meta:
        verbose_name = _("trial claim")
        verbose_name_plural = _("trial claims")
        constraints = [
            models.UniqueConstraint(fields=["family", "email_normalized"], name="trial_once_per_address"),
            models.UniqueConstraint(fields=["family", "user"], name="trial_once_per_account"),
        ]

    def __str__(self) -> str:
        return f"{self.family}: {self.email_normalized}"


class EditionPurchase(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="edition_purchases", verbose_name=_("reader")
    )
    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="purchases", verbose_name=_("edition"))
    amount = models.DecimalField(_("amount"), max_digits=8, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    provider = models.CharField(_("payment provider"), max_length=20, default="offline")
    provider_reference = models.CharField(_("provider reference"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("bought"), auto_now_add=True)

    class Meta:
        verbose_name = _("edition purchase")
        verbose_name_plural = _("edition purchases")
        constraints = [models.UniqueConstraint(fields=["user", "edition"], name="purchase_once_per_edition")]

    def __str__(self) -> str:
        return f"{self.user} · {self.edition}"


class Institution(models.Model):
    """A library, school or company whose people read through its network or an access code."""

    name = models.CharField(_("name"), max_length=200)
    all_access = models.BooleanField(_("all publications"), default=True)
    publications = models.ManyToManyField(
        Publication, blank=True, related_name="institutions", verbose_name=_("publications"),
        help_text=_("When not all publications: the titles its people may read."),
    )  # fmt: skip
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")

    def __str__(self) -> str:
        return self.name


def validate_network(value: str) -> None:
    try:
        ipaddress.ip_network(value, strict=False)
    except ValueError as error:
        raise ValidationError(_("Enter an IPv4 or IPv6 range such as 192.0.2.0/24 or 2001:db8::/32.")) from error


class InstitutionNetwork(models.Model):
    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="networks")
    network = models.CharField(_("IP range"), max_length=64, validators=[validate_network])

    class Meta:
        verbose_name = _("IP range")
        verbose_name_plural = _("IP ranges")

    def __str__(self) -> str:
        return self.network


class AccessCode(models.Model):
    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="access_codes")
    code = models.CharField(_("code"), max_length=64, unique=True)
    seats = models.PositiveIntegerField(_("seats"), default=0, help_text=_("0: no limit."))
    valid_until = models.DateTimeField(_("valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("access code")
        verbose_name_plural = _("access codes")

    def __str__(self) -> str:
        return self.code


class AccessCodeRedemption(models.Model):
    access_code = models.ForeignKey(AccessCode, on_delete=models.CASCADE, related_name="redemptions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_codes")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["access_code", "user"], name="access_code_once_per_reader")]

    def __str__(self) -> str:
        return f"{self.user} · {self.access_code}"


class Voucher(models.Model):
    """A gift or promotional code that grants a plan for a number of days."""

    code = models.CharField(_("code"), max_length=64, unique=True)
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="vouchers", verbose_name=_("plan"))
    days = models.PositiveIntegerField(_("days of access"))
    seats = models.PositiveIntegerField(_("redemptions allowed"), default=1)
    valid_until = models.DateTimeField(_("valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("voucher")
        verbose_name_plural = _("vouchers")

    def __str__(self) -> str:
        return self.code


class VoucherRedemption(models.Model):
    voucher = models.ForeignKey(Voucher, on_delete=models.CASCADE, related_name="redemptions")
    # Kept when the reader deletes their account, so that the voucher's seats stay counted.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    subscription = models.OneToOneField(
        Subscription, on_delete=models.SET_NULL, null=True, related_name="voucher_redemption"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["voucher", "user"], name="voucher_once_per_reader")]

    def __str__(self) -> str:
        return f"{self.user} · {self.voucher}"


class MeteredRead(models.Model):
    """A premium story a registered reader opened on the monthly allowance."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="+")
    month = models.DateField(_("month"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "story", "month"], name="meter_once_per_story")]
        indexes = [models.Index(fields=["user", "month"], name="meter_user_month")]

    def __str__(self) -> str:
        return f"{self.user} · {self.story_id} · {self.month:%Y-%m}"


class AccessPolicy(models.Model):
    """The site's access settings, edited in the admin: one row."""

    meter_stories_per_month = models.PositiveSmallIntegerField(
        _("free premium stories a month for registered readers"), default=0, help_text=_("0 turns the meter off.")
    )
    preview_paragraphs = models.PositiveSmallIntegerField(
        _("preview paragraphs"), default=4, help_text=_("Shown before the paywall; never more than half a story.")
    )
    free_preview_pages = models.PositiveSmallIntegerField(
        _("free pages of an edition"), default=1, help_text=_("Page images anyone may see, from the cover on.")
    )

    class Meta:
        verbose_name = _("access policy")
        verbose_name_plural = _("access policy")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)

    CACHE_KEY = "access:policy"

    @classmethod
    def current(cls) -> AccessPolicy:
        """The policy, read at most once a minute: every story page asks for it."""
        policy: AccessPolicy | None = cache.get(cls.CACHE_KEY)
        if policy is None:
            policy, _ = cls.objects.get_or_create(pk=1)
            cache.set(cls.CACHE_KEY, policy, 60)
        return policy
