"""factory_boy factories for access: readers, plans, subscriptions."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from newsstand.access.models import Plan, Subscription
from newsstand.accounts.models import User


class ReaderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"reader{n}")
    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    password = factory.django.Password("a-long-enough-password")


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan
        django_get_or_create = ("slug",)

    name = "Gold"
    slug = "gold"
    family = "gold"
    kind = Plan.Kind.ALL_ACCESS
    monthly_price = Decimal("9.99")
    yearly_price = Decimal("99.00")
    currency = "EUR"
    trial_days = 7


class SubscriptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subscription

    user = factory.SubFactory(ReaderFactory)
    plan = factory.SubFactory(PlanFactory)
    status = Subscription.Status.ACTIVE
    started_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=3))
    current_period_end = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=27))
    has_payment_method = True
