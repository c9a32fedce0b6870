"""The site's checkouts, cancelling and billing with Stripe as the provider: Stripe's own client runs for real and
only its HTTP transport is a fake, which records each request and answers as Stripe's API does. Nothing leaves
this machine."""

import datetime
import json
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
import stripe
from django.utils import timezone

from newsstand.access.models import Plan, Subscription
from newsstand.access.tests.factories import PlanFactory, ReaderFactory, SubscriptionFactory
from newsstand.catalog.tests.factories import EditionFactory
from newsstand.payments.models import Payment
from newsstand.payments.stripe import StripeProvider

pytestmark = pytest.mark.django_db

CHECKOUT_URL = "https://checkout.stripe.com/c/pay/cs_test_1"
PORTAL_URL = "https://billing.stripe.com/p/session/bps_1"


class FakeStripe(stripe.HTTPClient):
    """Answers Stripe API calls from a table of (method, path) → (status, body); keeps every request it got."""

    name = "fake"

    def __init__(self, answers):
        super().__init__()
        self.answers = answers
        self.requests = []

    def request(self, method, url, headers, post_data=None, *, _usage=None):
        path = urlsplit(url).path
        form = {key: values[0] for key, values in parse_qs(post_data or "", keep_blank_values=True).items()}
        self.requests.append({"method": method.upper(), "path": path, "form": form, "headers": dict(headers or {})})
        status, body = self.answers.get((method.upper(), path), (404, {"error": {"message": "no such route"}}))
        return json.dumps(body), status, {"request-id": "req_fake"}

    def request_stream(self, *args, **kwargs):
        raise NotImplementedError

    def close(self):
        pass


@pytest.fixture
def fake_stripe(settings, monkeypatch):
    settings.NEWSSTAND_PAYMENT_PROVIDER = "stripe"
    settings.STRIPE_SECRET_KEY = "sk_test_fake"
    fake = FakeStripe(
        {
            ("POST", "/v1/checkout/sessions"): (200, {"id": "cs_test_1", "object": "checkout.session",
                                                      "url": CHECKOUT_URL}),
            ("POST", "/v1/subscriptions/sub_123"): (200, {"id": "sub_123", "object": "subscription",
                                                          "cancel_at_period_end": True, "status": "active"}),
            ("POST", "/v1/billing_portal/sessions"): (200, {"id": "bps_1", "object": "billing_portal.session",
                                                            "url": PORTAL_URL}),
        }
    )  # fmt: skip
    monkeypatch.setattr(StripeProvider, "http_client_factory", lambda: fake)
    return fake


@pytest.fixture
def gold():
    plan = PlanFactory()  # the Gold plan every site starts with, given its prices in Stripe
    plan.stripe_price_monthly, plan.stripe_price_yearly = "price_gold_month", "price_gold_year"
    plan.save()
    return plan


def test_the_trial_button_sends_the_reader_to_stripes_checkout_with_the_trial_and_who_they_are(
    client, fake_stripe, gold
):
    reader = ReaderFactory(email="kari@example.org")
    client.force_login(reader)

    response = client.post("/plans/gold/trial/?next=/bergvik/2026-05-01/ferja/")

    assert response.status_code == 302
    assert response["Location"] == CHECKOUT_URL
    [sent] = fake_stripe.requests
    assert (sent["method"], sent["path"]) == ("POST", "/v1/checkout/sessions")
    assert sent["headers"]["Authorization"] == "Bearer sk_test_fake"
    form = sent["form"]
    assert form["mode"] == "subscription"
    assert form["line_items[0][price]"] == "price_gold_month"
    assert form["subscription_data[trial_period_days]"] == "7"
    assert form["subscription_data[metadata][user_id]"] == str(reader.pk)
    assert form["metadata[kind]"] == "trial"
    assert form["customer_email"] == "kari@example.org"
    assert form["success_url"] == "http://testserver/bergvik/2026-05-01/ferja/"
    # Nothing is granted before Stripe's webhook says the checkout completed.
    assert not Subscription.objects.filter(user=reader).exists()


def test_a_yearly_subscription_uses_the_yearly_price(client, fake_stripe, gold):
    client.force_login(ReaderFactory())

    client.post("/plans/gold/subscribe/", {"interval": "year"})

    assert fake_stripe.requests[0]["form"]["line_items[0][price]"] == "price_gold_year"
    assert "subscription_data[trial_period_days]" not in fake_stripe.requests[0]["form"]


def test_buying_an_edition_is_a_one_off_payment_naming_the_edition(client, fake_stripe):
    PlanFactory(name="Single edition", slug="edition", family="edition", kind=Plan.Kind.EDITION,
                edition_price=Decimal("3.99"), stripe_price_edition="price_edition")  # fmt: skip
    edition = EditionFactory()
    reader = ReaderFactory()
    client.force_login(reader)

    response = client.post(f"{edition.get_absolute_url()}buy/")

    assert response["Location"] == CHECKOUT_URL
    form = fake_stripe.requests[0]["form"]
    assert (form["mode"], form["line_items[0][price]"]) == ("payment", "price_edition")
    assert form["metadata[edition_id]"] == str(edition.pk)
    assert not reader.edition_purchases.exists()
    assert not Payment.objects.exists()


def test_cancel_tells_stripe_to_stop_at_the_period_end_and_keeps_access_until_then(
    client, fake_stripe, mailoutbox, django_capture_on_commit_callbacks
):
    subscription = SubscriptionFactory(provider="stripe", provider_reference="sub_123", provider_customer="cus_9")
    client.force_login(subscription.user)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/account/subscriptions/{subscription.pk}/cancel/")

    [sent] = fake_stripe.requests
    assert (sent["path"], sent["form"]) == ("/v1/subscriptions/sub_123", {"cancel_at_period_end": "true"})
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.CANCELED
    assert subscription.current_period_end > timezone.now()
    assert len(mailoutbox) == 1


def test_the_billing_button_opens_stripes_customer_portal_for_the_readers_customer(client, fake_stripe):
    subscription = SubscriptionFactory(provider="stripe", provider_reference="sub_123", provider_customer="cus_9")
    client.force_login(subscription.user)

    response = client.post(f"/account/subscriptions/{subscription.pk}/billing/")

    assert response["Location"] == PORTAL_URL
    assert fake_stripe.requests[0]["form"] == {"customer": "cus_9", "return_url": "http://testserver/account/"}


def test_when_stripe_refuses_the_reader_is_told_and_nothing_changes(client, fake_stripe, gold):
    fake_stripe.answers[("POST", "/v1/checkout/sessions")] = (500, {"error": {"message": "Stripe is down"}})
    fake_stripe.answers[("POST", "/v1/subscriptions/sub_123")] = (500, {"error": {"message": "Stripe is down"}})
    subscription = SubscriptionFactory(
        plan=gold, provider="stripe", provider_reference="sub_123",
        current_period_end=timezone.now() + datetime.timedelta(days=10),
    )  # fmt: skip
    client.force_login(subscription.user)

    trial = client.post("/plans/gold/trial/?next=/catalog/", follow=True)
    cancel = client.post(f"/account/subscriptions/{subscription.pk}/cancel/", follow=True)

    for response in (trial, cancel):
        assert "The payment service could not be reached. Nothing was charged" in response.content.decode()
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.ACTIVE
