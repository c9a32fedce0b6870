"""Schemathesis over the OpenAPI document, in-process: generated requests to every operation, valid and invalid,
as an app signed in by token. No answer may be a server error or stray from what the document promises."""

import datetime

import pytest
import schemathesis
from django.core import signals
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from schemathesis.specs.openapi.checks import positive_data_acceptance

from newsstand.access.tests.factories import SubscriptionFactory
from newsstand.catalog.models import Story, StoryImage
from newsstand.catalog.tests.factories import (
    CategoryFactory,
    EditionFactory,
    PageFactory,
    PublicationFactory,
    StoryFactory,
)
from newsstand.library.models import Bookmark, Follow

# The schema is read once, through the whole Django stack (middleware, language, throttles) as a client reads it.
# Serving it touches no database, so it can be loaded while pytest collects.
# (schemathesis.pytest.from_fixture would load it per test, but breaks on pytest 9: it sets Node._nodeid.)
schema = schemathesis.openapi.from_wsgi("/api/schema/", WSGIHandler())

SLUG, DATE, STORY = "valley-post", datetime.date(2026, 2, 1), "bridge-reopens"


def _story_id() -> int:
    return Story.objects.get(slug=STORY).pk


def _known(name: str):
    values = {"slug": SLUG, "date": DATE.isoformat(), "story": STORY, "number": 1, "rendition": "800"}
    return _story_id() if name == "story_id" else values[name]


# Generated slugs, dates and ids almost never name an object: as often as not, name one that exists.
@schema.hook
def before_generate_path_parameters(context, strategy):
    names = [parameter.name for parameter in context.operation.path_parameters]
    if not names:
        return strategy
    return st.one_of(strategy, st.builds(lambda: {name: _known(name) for name in names}))


@schema.hook
def before_generate_body(context, strategy):
    known = {
        "/api/v1/me/bookmarks/": lambda: {"story": _story_id()},
        "/api/v1/me/follows/": lambda: {"publication": SLUG},
    }.get(context.operation.path)
    return st.one_of(strategy, st.builds(known)) if known and context.operation.method == "post" else strategy


@pytest.fixture
def same_connection_for_requests():
    """Requests go through Django's real WSGI handler in this thread, inside the test's transaction: the handler
    must not close the connection after each request as it does in production (Django's test client does the
    same)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def api_token(db, same_connection_for_requests):
    """Objects for the generated requests to find, and the token of a subscriber who bookmarks and follows."""
    publication = PublicationFactory(slug=SLUG, categories=[CategoryFactory(slug="culture")])
    edition = EditionFactory(publication=publication, issue_date=DATE)
    for number in (1, 2):
        name = default_storage.save(f"pages/schemathesis/{number}.webp", ContentFile(b"webp"))
        PageFactory(edition=edition, number=number, renditions={"320": name, "800": name}, thumbnail=name)
    story = StoryFactory(edition=edition, slug=STORY, is_free=False)
    story.body = [*story.body[:1], {"type": "image", "image": 0}, {"type": "quote", "text": "Q", "attribution": ""},
                  {"type": "heading", "text": "H"}, *story.body[1:]]  # fmt: skip
    story.save()
    picture = StoryImage(story=story, position=0, caption="Caption", credit="Credit")
    picture.image.save("schemathesis.webp", ContentFile(b"img"), save=False)
    picture.width, picture.height = 40, 30  # the bytes are no real image, so the field found no size
    picture.save()
    StoryFactory(edition=edition, slug="free-story", is_free=True)
    user = SubscriptionFactory().user
    Bookmark.objects.create(user=user, story=story)
    Follow.objects.create(user=user, publication=publication)
    return Token.objects.create(user=user).key


# Requests the document cannot tell valid from invalid: a well-formed story id, slug, or email and password that
# names nothing, or a search from a date after its to date. The API answers 400 and names the parameter, where
# schemathesis' positive_data_acceptance check would want 2xx or 404.
MAY_NAME_NOTHING = {
    ("POST", "/api/v1/me/bookmarks/"),
    ("POST", "/api/v1/me/follows/"),
    ("POST", "/api/v1/auth/token/"),
    ("GET", "/api/v1/search/"),
}


@schema.parametrize()
@settings(max_examples=30, deadline=None, database=None, suppress_health_check=list(HealthCheck))
def test_the_api_keeps_to_its_openapi_document(case, api_token):
    excluded = [positive_data_acceptance] if (case.method, case.path) in MAY_NAME_NOTHING else []
    case.call_and_validate(headers={"Authorization": f"Token {api_token}"}, excluded_checks=excluded)
