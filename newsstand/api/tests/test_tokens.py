"""Tokens for reading apps: obtained with the account's email and password, revoked at will, and rate-limited."""

import json

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.throttling import SimpleRateThrottle

from newsstand.access.tests.factories import ReaderFactory

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/v1/auth/token/"


def obtain(client: Client, email: str, password: str = "a-long-enough-password"):
    return client.post(TOKEN_URL, json.dumps({"email": email, "password": password}), content_type="application/json")


def test_an_app_signs_in_with_email_and_password_and_uses_the_token(client):
    reader = ReaderFactory(email="kari@example.org")

    response = obtain(client, "Kari@Example.org")
    token = response.json()["token"]
    again = obtain(client, "kari@example.org").json()["token"]

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert token == again == Token.objects.get(user=reader).key
    me = Client(headers={"authorization": f"Token {token}"}).get("/api/v1/me/bookmarks/")
    assert me.status_code == 200


def test_a_wrong_password_or_unknown_address_gets_no_token(client):
    ReaderFactory(email="kari@example.org", username="kari")
    for email, password in [("kari@example.org", "wrong-password"), ("nobody@example.org", "x"), ("kari", None)]:
        response = obtain(client, email, password or "a-long-enough-password")
        assert response.status_code == 400
        assert response.json()["code"] == "invalid"
    assert Token.objects.count() == 0


def test_inactive_accounts_get_no_token(client):
    ReaderFactory(email="gone@example.org", is_active=False)
    assert obtain(client, "gone@example.org").status_code == 400


def test_revoking_signs_every_app_out(client):
    reader = ReaderFactory(email="kari@example.org")
    token = obtain(client, "kari@example.org").json()["token"]
    app = Client(headers={"authorization": f"Token {token}"})

    assert app.delete(TOKEN_URL).status_code == 204
    assert app.get("/api/v1/me/bookmarks/").status_code == 401
    assert not Token.objects.filter(user=reader).exists()
    assert client.delete(TOKEN_URL).status_code == 401


def test_password_guessing_is_stopped_per_account(client):
    """The log-in form's limit (allauth's login_failed: 5 failures in 5 minutes per account) holds here too."""
    ReaderFactory(email="kari@example.org")
    statuses = [obtain(Client(REMOTE_ADDR=f"10.0.0.{n}"), "kari@example.org", "guess").status_code for n in range(6)]
    refused_even_so = obtain(Client(REMOTE_ADDR="10.0.0.99"), "kari@example.org")

    assert statuses == [400] * 5 + [429]
    assert refused_even_so.status_code == 429
    assert "Too many failed attempts" in refused_even_so.json()["detail"]


@pytest.fixture
def low_rates(monkeypatch):
    # DRF's throttles read their rates once, at import: the test settings' high rates are lowered here.
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "3/min", "user": "5/min", "token": "2/min"})


def test_callers_are_throttled_with_429_and_retry_after(client, low_rates):
    statuses = [client.get("/api/v1/publications/").status_code for _ in range(4)]

    throttled = client.get("/api/v1/publications/")

    assert statuses == [200, 200, 200, 429]
    assert throttled.json()["code"] == "throttled"
    assert int(throttled["Retry-After"]) > 0
    assert Client(REMOTE_ADDR="10.1.1.1").get("/api/v1/publications/").status_code == 200  # per address


def test_signed_in_callers_are_counted_per_account(client, low_rates):
    reader = ReaderFactory()
    token = Token.objects.create(user=reader).key
    phone = Client(REMOTE_ADDR="10.0.0.1", headers={"authorization": f"Token {token}"})
    laptop = Client(REMOTE_ADDR="10.0.0.2", headers={"authorization": f"Token {token}"})

    statuses = [app.get("/api/v1/publications/").status_code for app in (phone, laptop) * 3]

    assert statuses == [200] * 5 + [429]


def test_the_token_endpoint_has_its_own_stricter_limit(client, low_rates):
    ReaderFactory(email="kari@example.org")
    statuses = [obtain(client, "kari@example.org").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
