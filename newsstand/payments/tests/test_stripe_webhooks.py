"""Stripe webhooks as Stripe sends them: signed with the library's own signing code, never over the network."""

import json
import time

import pytest
import stripe

from newsstand.access.models import Subscription, TrialClaim
from newsstand.access.rules import Reader, story_access
from newsstand.access.tests.factories import PlanFactory, ReaderFactory
from newsstand.catalog.tests.factories import EditionFactory, StoryFactory
from newsstand.payments.models import Payment, WebhookEvent

pytestmark = pytest.mark.django_db

SECRET = "whsec_test_secret"
URL = "/payments/stripe/webhook/"


@pytest.fixture(autouse=True)
def _stripe_settings(settings):
    settings.STRIPE_WEBHOOK_SECRET = SECRET


def send(client, event, *, secret=SECRET, timestamp=None):
    payload = json.dumps(event)
    header = stripe.WebhookSignature.generate_signature_header(payload, secret, timestamp=timestamp)
    return client.post(URL, payload, content_type="application/json", headers={"stripe-signature": header})


def event(kind, obj, *, created=None, event_id=None):
    return {"id": event_id or f"evt_{kind}_{obj.get('id')}_{created}", "object": "event", "type": kind,
            "created": created or int(time.time()), "data": {"object": obj}}  # fmt: skip


def stripe_subscription(reader, plan, *, status="trialing", period_end=None, trial_end=None, cancel=False):
    period_end = period_end or int(time.time()) + 7 * 86400
    return {
        "id": "sub_123", "object": "subscription", "customer": "cus_9", "status": status,
        "cancel_at_period_end": cancel, "trial_end": trial_end, "ended_at": None, "canceled_at": None,
        "metadata": {"user_id": str(reader.pk), "plan": plan.slug, "kind": "trial"},
        "items": {"data": [{"current_period_end": period_end}]},
    }  # fmt: skip


@pytest.fixture
def reader():
    return ReaderFactory(email="kari@example.org")


@pytest.fixture
def plan():
    return PlanFactory()


def test_checkout_then_subscription_events_open_the_story(client, reader, plan):
    session = {"id": "cs_1", "object": "checkout.session", "mode": "subscription", "subscription": "sub_123",
               "customer": "cus_9", "client_reference_id": str(reader.pk),
               "metadata": {"user_id": str(reader.pk), "plan": plan.slug, "kind": "trial"}}  # fmt: skip

    assert send(client, event("checkout.session.completed", session)).status_code == 200
    assert send(client, event("customer.subscription.created", stripe_subscription(reader, plan))).status_code == 200

    subscription = Subscription.objects.get(provider="stripe", provider_reference="sub_123")
    assert subscription.status == Subscription.Status.TRIALING
    assert TrialClaim.objects.filter(user=reader, family=plan.family).exists()
    assert story_access(reader=Reader(user=reader), story=StoryFactory()).allowed


@pytest.mark.parametrize(
    "tamper",
    [
        lambda payload, header: (payload, header.replace("v1=", "v1=0")),  # wrong signature
        lambda payload, header: (payload.replace("trialing", "active"), header),  # body changed after signing
        lambda payload, header: (payload, ""),  # no signature
        lambda payload, header: ("not json", header),
    ],
)
def test_a_forged_webhook_answers_400_and_changes_nothing(client, reader, plan, tamper):
    payload = json.dumps(event("customer.subscription.created", stripe_subscription(reader, plan)))
    header = stripe.WebhookSignature.generate_signature_header(payload, SECRET)
    body, forged_header = tamper(payload, header)

    response = client.post(URL, body, content_type="application/json", headers={"stripe-signature": forged_header})

    assert response.status_code == 400
    assert not Subscription.objects.exists()
    assert not WebhookEvent.objects.exists()


def test_a_webhook_signed_with_another_secret_or_too_old_is_refused(client, reader, plan):
    created = event("customer.subscription.created", stripe_subscription(reader, plan))
    assert send(client, created, secret="whsec_other").status_code == 400
    assert send(client, created, timestamp=int(time.time()) - 3600).status_code == 400
    assert not Subscription.objects.exists()


def test_a_replayed_event_changes_nothing(client, reader, plan):
    send(client, event("customer.subscription.created", stripe_subscription(reader, plan), event_id="evt_1"))
    paid = {"id": "in_1", "object": "invoice", "amount_paid": 999, "currency": "eur", "subscription": "sub_123"}
    first = send(client, event("invoice.paid", paid, event_id="evt_2"))
    again = send(client, event("invoice.paid", paid, event_id="evt_2"))

    assert (first.status_code, again.status_code) == (200, 200)
    assert Payment.objects.filter(user=reader).count() == 1
    assert str(Payment.objects.get(user=reader).amount) == "9.99"


def test_events_out_of_order_keep_the_newest_state(client, reader, plan):
    now = int(time.time())
    cancelled = stripe_subscription(reader, plan, status="active", cancel=True)
    older = stripe_subscription(reader, plan, status="active")

    send(client, event("customer.subscription.updated", cancelled, created=now, event_id="evt_new"))
    send(client, event("customer.subscription.updated", older, created=now - 60, event_id="evt_old"))

    assert Subscription.objects.get(provider_reference="sub_123").status == Subscription.Status.CANCELED


def test_deleted_subscription_ends_access(client, reader, plan):
    now = int(time.time())
    send(
        client,
        event("customer.subscription.created", stripe_subscription(reader, plan, status="active"), created=now - 10),
    )
    ended = {**stripe_subscription(reader, plan, status="canceled", period_end=now - 5), "ended_at": now - 5}
    send(client, event("customer.subscription.deleted", ended, created=now))

    assert Subscription.objects.get(provider_reference="sub_123").status == Subscription.Status.ENDED
    assert not story_access(reader=Reader(user=reader), story=StoryFactory()).allowed


def test_a_failed_payment_marks_the_subscription_past_due(client, reader, plan):
    send(client, event("customer.subscription.created", stripe_subscription(reader, plan, status="active")))
    failed = {"id": "in_2", "object": "invoice", "amount_paid": 0, "currency": "eur",
              "parent": {"subscription_details": {"subscription": "sub_123"}}}  # fmt: skip
    send(client, event("invoice.payment_failed", failed))
    assert Subscription.objects.get(provider_reference="sub_123").status == Subscription.Status.PAST_DUE


def test_a_single_edition_bought_through_checkout(client, reader):
    edition = EditionFactory()
    single = PlanFactory(name="Single", slug="single-edition", family="single", kind="edition", edition_price="3.99")
    session = {"id": "cs_2", "object": "checkout.session", "mode": "payment", "client_reference_id": str(reader.pk),
               "payment_status": "unpaid",
               "metadata": {"user_id": str(reader.pk), "plan": single.slug, "kind": "edition",
                            "edition_id": str(edition.pk)}}  # fmt: skip

    send(client, event("checkout.session.completed", session))
    assert not reader.edition_purchases.exists()  # a bank transfer not yet arrived opens nothing

    send(client, event("checkout.session.async_payment_succeeded", {**session, "payment_status": "paid"}))
    assert reader.edition_purchases.filter(edition=edition).exists()


def test_a_first_payment_that_failed_opens_nothing(client, reader, plan):
    send(client, event("customer.subscription.created", stripe_subscription(reader, plan, status="incomplete")))
    assert Subscription.objects.get(provider_reference="sub_123").status == Subscription.Status.UNPAID
    assert not story_access(reader=Reader(user=reader), story=StoryFactory()).allowed


def test_an_invoice_arriving_before_its_subscription_is_still_recorded(client, reader, plan):
    metadata = {"user_id": str(reader.pk), "plan": plan.slug}
    details = {"subscription": "sub_123", "metadata": metadata}
    paid = {"id": "in_3", "object": "invoice", "amount_paid": 9900, "currency": "eur",
            "parent": {"subscription_details": details}}  # fmt: skip
    send(client, event("invoice.paid", paid))
    send(client, event("customer.subscription.created", stripe_subscription(reader, plan, status="active")))

    assert Payment.objects.get(user=reader).amount == 99
    assert Subscription.objects.filter(provider_reference="sub_123").count() == 1
    assert story_access(reader=Reader(user=reader), story=StoryFactory()).allowed


def test_an_event_about_something_we_did_not_sell_is_acknowledged_and_ignored(client, plan):
    foreign = {"id": "sub_other", "object": "subscription", "status": "active", "metadata": {}, "items": {"data": []}}
    assert send(client, event("customer.subscription.created", foreign)).status_code == 200
    assert not Subscription.objects.exists()


def test_checkout_completed_first_already_opens_the_story(client, reader, plan):
    metadata = {"user_id": str(reader.pk), "plan": plan.slug, "kind": "trial"}
    session = {"id": "cs_9", "object": "checkout.session", "mode": "subscription", "subscription": "sub_123",
               "customer": "cus_9", "metadata": metadata}  # fmt: skip
    send(client, event("checkout.session.completed", session))
    assert story_access(reader=Reader(user=reader), story=StoryFactory()).allowed


def test_cancelling_in_stripes_portal_sends_the_confirmation(client, reader, plan, mailoutbox,
                                                             django_capture_on_commit_callbacks):  # fmt: skip
    now = int(time.time())
    send(
        client,
        event("customer.subscription.created", stripe_subscription(reader, plan, status="active"), created=now - 5),
    )
    with django_capture_on_commit_callbacks(execute=True):
        send(client, event("customer.subscription.updated",
                           stripe_subscription(reader, plan, status="active", cancel=True), created=now))  # fmt: skip
    assert Subscription.objects.get(provider_reference="sub_123").status == Subscription.Status.CANCELED
    assert len(mailoutbox) == 1
