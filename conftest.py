import pytest


@pytest.fixture(autouse=True)
def _english_by_default(settings):
    """Requests without Accept-Language get English whatever the machine's locale."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: cached pages of one test must not leak into the next."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def subscriber_client(client):
    """A client signed in as a reader with an active all-access subscription."""
    from newsstand.access.tests.factories import SubscriptionFactory

    client.force_login(SubscriptionFactory().user)
    return client
