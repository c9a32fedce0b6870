import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from newsstand.access.tests.factories import ReaderFactory, SubscriptionFactory


def token_client(user) -> Client:
    """A client that signs in as an app does: with the account's API token, no session."""
    return Client(headers={"authorization": f"Token {Token.objects.get_or_create(user=user)[0].key}"})


@pytest.fixture
def subscriber_api():
    """A reading app signed in (by token) as a reader with an active all-access subscription."""
    return token_client(SubscriptionFactory().user)


@pytest.fixture
def reader_api():
    """A reading app signed in (by token) as a reader without any plan."""
    return token_client(ReaderFactory())
