"""Reader pages cost a bounded number of SQL queries, whatever the catalog's size."""

import datetime

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsstand.catalog.models import Edition, Publication, Publisher, Story
from newsstand.catalog.tests.factories import paragraphs

PUBLICATIONS = 2_000
STORIES = 50_000
# One worker builds the large catalog and runs every test that needs it (pytest-xdist's loadgroup).
pytestmark = pytest.mark.xdist_group("large_catalog")

STORY_PAGE_QUERY_BUDGET = 10
OTHER_PAGE_QUERY_BUDGET = 12


@pytest.fixture(scope="module")
def large_catalog(django_db_setup, django_db_blocker):
    """2,000 publications with 5 editions each and 50,000 stories, created in bulk once for the module, inside a
    transaction rolled back at its end: each test runs in a savepoint within it and leaves nothing behind."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield _large_catalog_create()
        transaction.set_rollback(True)


def _large_catalog_create():
    publisher = Publisher.objects.create(name="Big Group", slug="big-group")
    Publication.objects.bulk_create(
        Publication(publisher=publisher, title=f"Title {n}", slug=f"title-{n}", kind="newspaper", language="en",
                    country="GB", frequency="daily")
        for n in range(PUBLICATIONS)
    )  # fmt: skip
    released = timezone.now() - datetime.timedelta(days=1)
    Edition.objects.bulk_create(
        Edition(publication=publication, issue_date=datetime.date(2026, 1, 1) + datetime.timedelta(days=day),
                status=Edition.Status.PUBLISHED, release_at=released)
        for publication in Publication.objects.all()
        for day in range(5)
    )  # fmt: skip
    editions = list(Edition.objects.values_list("pk", flat=True))
    _stories_insert(
        (editions[n % len(editions)], n // len(editions), f"story-{n}", f"Story {n}") for n in range(STORIES)
    )
    return Story.objects.select_related("edition__publication").get(slug="story-123")


def _stories_insert(rows):
    """Stories by (edition id, position, slug, headline) in one INSERT run many times: bulk_create spends seconds
    preparing 50,000 rows field by field, while every row but those four values is the same (each other field has
    the value below, or its default)."""
    varying = ["edition", "position", "slug", "headline"]
    now = timezone.now()
    given = {"standfirst": "Standfirst.", "body": paragraphs(8), "pages": [2], "word_count": 56, "language": "en",
             "created_at": now, "updated_at": now}  # fmt: skip
    shared = [field for field in Story._meta.concrete_fields if not field.primary_key and field.name not in varying]
    values = [field.get_db_prep_save(given.get(field.name, field.get_default()), connection) for field in shared]
    fields = [Story._meta.get_field(name) for name in varying] + shared
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    sql = f"INSERT INTO {Story._meta.db_table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(*row, *values) for row in rows])


@pytest.mark.django_db
def test_story_page_stays_within_its_query_budget_on_a_large_catalog(client, large_catalog):
    assert Story.objects.count() == STORIES
    url = large_catalog.get_absolute_url()
    client.get(url)  # warm up: the first request loads content types, translations and the like

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)

    assert response.status_code == 200
    assert len(response.context["more"]) == 6
    assert len(queries) <= STORY_PAGE_QUERY_BUDGET, "\n".join(q["sql"] for q in queries)


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["signed-in reader without a plan", "subscriber", "reader on the meter"])
def test_story_page_budget_holds_for_signed_in_readers(client, large_catalog, who):
    from newsstand.access.models import AccessPolicy
    from newsstand.access.tests.factories import ReaderFactory, SubscriptionFactory

    if who == "subscriber":
        client.force_login(SubscriptionFactory().user)
    else:
        client.force_login(ReaderFactory())
    if who == "reader on the meter":
        AccessPolicy.objects.update_or_create(pk=1, defaults={"meter_stories_per_month": 3})
    url = large_catalog.get_absolute_url()
    client.get(url)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)

    assert response.status_code == 200
    assert len(queries) <= STORY_PAGE_QUERY_BUDGET, "\n".join(q["sql"][:200] for q in queries)


@pytest.mark.django_db
def test_home_catalog_publication_and_edition_pages_stay_within_budget(client, large_catalog):
    urls = [
        "/",
        "/catalog/",
        "/catalog/?sort=title&page=50",
        "/catalog/?language=en&kind=newspaper&country=GB",
        large_catalog.edition.publication.get_absolute_url(),
        large_catalog.edition.get_absolute_url(),
        large_catalog.edition.get_replica_url(),
    ]
    for url in urls:
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        assert len(queries) <= OTHER_PAGE_QUERY_BUDGET, (url, [q["sql"] for q in queries])
