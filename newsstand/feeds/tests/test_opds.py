"""The OPDS 2.0 catalog validates against the OPDS 2.0 schemas (loaded from local files, never the network) and its
acquisition links obey the access rule."""

import base64
import datetime
import json
import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone
from jsonschema import Draft7Validator, FormatChecker
from referencing import Registry, Resource

from newsstand.access.tests.factories import ReaderFactory, SubscriptionFactory
from newsstand.catalog.models import Edition
from newsstand.catalog.tests.factories import CategoryFactory, EditionFactory, PublicationFactory

pytestmark = pytest.mark.django_db

# The OPDS drafts' schemas carry no licence, so they stay in the shared test data beside the project; the Readium
# schemas they refer to are BSD-licensed and live in this repository (data/SOURCES.md).
OPDS_SCHEMAS = Path(settings.BASE_DIR).parent / "shared" / "testdata" / "opds2-schema" / "opds"
READIUM_SCHEMAS = Path(__file__).parent / "data" / "webpub-manifest"


def python_patterns(node):
    """The schemas' regular expressions are ECMAScript: `(?<name>…)` is `(?P<name>…)` for Python's re."""
    if isinstance(node, dict):
        return {k: (re.sub(r"\(\?<(?=[A-Za-z])", "(?P<", v) if k == "pattern" and isinstance(v, str)
                    else python_patterns(v)) for k, v in node.items()}  # fmt: skip
    if isinstance(node, list):
        return [python_patterns(item) for item in node]
    return node


def registry() -> Registry:
    resources = []
    for path in [*OPDS_SCHEMAS.rglob("*.schema.json"), *READIUM_SCHEMAS.rglob("*.schema.json")]:
        contents = python_patterns(json.loads(path.read_text(encoding="utf-8")))
        resources.append((contents["$id"], Resource.from_contents(contents)))
    return Registry().with_resources(resources)


REGISTRY = registry() if OPDS_SCHEMAS.exists() else None


def validate(document: dict, schema: str) -> None:
    if REGISTRY is None:
        # The OPDS schemas are shared test data beside the project; CI has them, so there their absence fails.
        message = f"OPDS schemas not found at {OPDS_SCHEMAS}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    root = REGISTRY.contents(schema)
    errors = sorted(Draft7Validator(root, registry=REGISTRY, format_checker=FormatChecker()).iter_errors(document),
                    key=str)  # fmt: skip
    assert errors == [], "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])


FEED = "https://drafts.opds.io/schema/feed.schema.json"
AUTHENTICATION = "https://drafts.opds.io/schema/authentication.schema.json"


@pytest.fixture
def catalog():
    news = CategoryFactory(slug="news", name="News")
    publication = PublicationFactory(slug="bergvik", title="Bergvik Tidende", language="nb", issn="2049-3630",
                                     categories=[news])  # fmt: skip
    editions = [EditionFactory(publication=publication, issue_date=datetime.date(2026, 11, day), page_count=4)
                for day in (26, 27, 28)]  # fmt: skip
    editions[-1].source_pdf.save("e.pdf", ContentFile(b"%PDF-1.7 bergvik"), save=True)
    EditionFactory(publication=publication, issue_date=datetime.date(2026, 12, 1), status=Edition.Status.DRAFT)
    return {"publication": publication, "editions": editions}


def get_json(client, url, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == 200, url
    return response, json.loads(response.content)


@pytest.mark.parametrize(
    "url",
    ["/opds/", "/opds/publications/", "/opds/publications/bergvik/", "/opds/newest/", "/opds/categories/news/",
     "/opds/languages/nb/", "/opds/search/?query=bergvik", "/opds/search/?query=nothing-matches",
     "/opds/search/?query=%22%2A%28NEAR", "/opds/newest/?page=999", "/opds/newest/?page=x"],
)  # fmt: skip
def test_every_document_validates_against_the_opds_2_schema(client, catalog, url):
    response, document = get_json(client, url)
    assert response["Content-Type"].startswith("application/opds+json")
    validate(document, FEED)


def test_the_authentication_document_validates(client):
    response, document = get_json(client, "/opds/authentication/")
    assert response["Content-Type"].startswith("application/opds-authentication+json")
    validate(document, AUTHENTICATION)
    assert document["authentication"][0]["type"] == "http://opds-spec.org/auth/basic"


def test_a_publication_feed_lists_released_editions_as_issues_with_acquisition_links(client, catalog):
    _, document = get_json(client, "/opds/publications/bergvik/")
    entries = document["publications"]
    assert [e["metadata"]["published"] for e in entries] == ["2026-11-28", "2026-11-27", "2026-11-26"]
    newest = entries[0]
    assert newest["metadata"]["belongsTo"]["newspaper"]["identifier"] == "urn:issn:2049-3630"
    assert newest["metadata"]["language"] == "nb"
    rels = {(link["rel"], link["type"]) for link in newest["links"] if "rel" in link}
    assert ("http://opds-spec.org/acquisition", "application/pdf") in rels
    assert ("http://opds-spec.org/acquisition", "text/html") in rels


def test_the_navigation_offers_publications_categories_languages_and_newest(client, catalog):
    _, document = get_json(client, "/opds/")
    hrefs = [item["href"] for item in document["navigation"]]
    assert {"/opds/newest/", "/opds/publications/", "/opds/categories/news/", "/opds/languages/nb/"} <= set(hrefs)
    search = next(link for link in document["links"] if link.get("rel") == "search")
    assert search["templated"] is True
    assert search["href"] == "/opds/search/{?query}"


def test_pagination_links(client, catalog, monkeypatch):
    from newsstand.feeds import opds

    monkeypatch.setattr(opds, "PAGE_SIZE", 2)
    _, first = get_json(client, "/opds/newest/")
    _, second = get_json(client, "/opds/newest/?page=2")
    assert any(link.get("rel") == "next" for link in first["links"])
    assert any(link.get("rel") == "previous" for link in second["links"])
    assert first["metadata"]["numberOfItems"] == 3
    assert len(first["publications"]) + len(second["publications"]) == 3


def test_the_pdf_acquisition_obeys_the_access_rule_also_for_apps_with_basic_credentials(client, catalog):
    _, document = get_json(client, "/opds/publications/bergvik/")
    pdf = next(link["href"] for link in document["publications"][0]["links"] if link["type"] == "application/pdf")
    path = pdf.replace("http://testserver", "")
    subscriber = SubscriptionFactory().user
    stranger = ReaderFactory()

    def basic(user, password="a-long-enough-password"):
        token = base64.b64encode(f"{user.email}:{password}".encode()).decode()
        return {"authorization": f"Basic {token}"}

    assert client.get(path).status_code == 403
    assert client.get(path, headers=basic(stranger)).status_code == 403
    assert client.get(path, headers=basic(subscriber, "wrong password")).status_code == 403
    response = client.get(path, headers=basic(subscriber))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.7 bergvik"


def test_drafts_are_not_in_the_catalog(client, catalog):
    _, document = get_json(client, "/opds/newest/")
    assert "2026-12-01" not in json.dumps(document)
    assert client.get("/opds/publications/no-such/").status_code == 404
    future = EditionFactory(release_at=timezone.now() + datetime.timedelta(days=1), status=Edition.Status.SCHEDULED)
    assert client.get(f"/opds/publications/{future.publication.slug}/").status_code == 404


def test_the_validation_is_real_a_broken_feed_fails_it():
    with pytest.raises(AssertionError):
        validate({"metadata": {}, "links": [{"href": "/x", "rel": "self"}]}, FEED)  # no title


def test_search_finds_the_edition_of_a_matching_story(client, catalog):
    from newsstand.catalog.tests.factories import StoryFactory

    middle = catalog["editions"][1]
    StoryFactory(edition=middle, headline="Ferjestreiken er over", language="nb")
    _, document = get_json(client, "/opds/search/?query=ferjestreik")
    assert [entry["metadata"]["published"] for entry in document["publications"]] == ["2026-11-27"]
    validate(document, FEED)
