"""`make bench-search`: search over 1,000,000 generated stories, on SQLite FTS5 and on PostgreSQL, each query kind
timed through Newsstand's search (story_search: count, page, stories, snippets) beside the engine's raw ranked
full-text query for the same words in the same run, as a ratio.

    python bench/search.py [--stories 1000000] [--backend sqlite|postgresql|both] [--rebuild] [--samples 20]

The generated catalog is kept (var/bench-search/ for SQLite, database `newsstand_bench_search` on the PostgreSQL
server of BENCH_POSTGRES_URL) and rebuilt only when the story count differs or --rebuild is given. Stories are
written with bulk SQL, the search documents through the same indexing functions the site uses.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/newsstand_bench_search")
STORIES_PER_EDITION = 20
PUBLICATIONS_PER_LANGUAGE = 50
BATCH = 5000
SEED = 20261129


# --- the parent: one worker process per backend, each with its own database ----------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=1_000_000)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--samples", type=int, default=20)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args)
        return
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    for backend in backends:
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.base", "DATABASE_URL": database_url(backend)}
        if backend == "postgresql" and not postgres_database_ready():
            print(f"postgresql: skipped, no server at {POSTGRES_URL}")
            continue
        command = [sys.executable, __file__, "--worker", "--stories", str(args.stories), "--samples", str(args.samples)]
        subprocess.run(command + (["--rebuild"] if args.rebuild else []), env=env, check=True)


def database_url(backend: str) -> str:
    if backend == "postgresql":
        return POSTGRES_URL
    folder = ROOT / "var" / "bench-search"
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'search.sqlite3'}"


def postgres_database_ready() -> bool:
    """Create the bench database on the server if it is missing; False when there is no server."""
    import psycopg

    server, _, name = POSTGRES_URL.rpartition("/")
    try:
        with psycopg.connect(f"{server}/postgres", autocommit=True, connect_timeout=3) as connection:
            exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not exists:
                connection.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError:
        return False
    return True


# --- the worker ----------------------------------------------------------------------------------------------


def worker(args: argparse.Namespace) -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    vocabulary = Vocabulary.from_demo_content()
    if args.rebuild or story_count() != args.stories:
        started = time.perf_counter()
        catalog_generate(args.stories, vocabulary)
        print(f"{connection.vendor}: built {args.stories:,} stories in {time.perf_counter() - started:.0f} s")
    report(connection.vendor, measure(vocabulary, samples=args.samples), args.stories)


def story_count() -> int:
    from newsstand.catalog.models import Story

    return Story.objects.count()


class Vocabulary:
    """Each demo language's words with their frequencies in the demo catalog, plus a long tail of made-up names
    (rare words, as place and people names are), so that texts have the word spread of real news."""

    TAIL = 20_000

    def __init__(self, words: dict[str, list[str]], weights: dict[str, list[float]]) -> None:
        self.words, self.weights = words, weights
        self.cumulative = {lang: list(_accumulate(weights[lang])) for lang in words}

    @classmethod
    def from_demo_content(cls) -> Vocabulary:
        rng = random.Random(SEED)
        counts: dict[str, Counter[str]] = {}
        for path in sorted((ROOT / "newsstand" / "catalog" / "demo" / "content").glob("*.json")):
            content = json.loads(path.read_text(encoding="utf-8"))
            language = content["publication"]["language"]
            text = json.dumps(content, ensure_ascii=False)
            counts.setdefault(language, Counter()).update(re.findall(r"[^\W\d_]{2,}", text.lower()))
        words, weights = {}, {}
        for language, counter in counts.items():
            common = [word for word, _ in counter.most_common()]
            tail = [_made_up_name(rng) for _ in range(cls.TAIL)]
            words[language] = common + tail
            weights[language] = [float(counter[word]) for word in common] + [0.05] * len(tail)
        return cls(words, weights)

    @property
    def languages(self) -> list[str]:
        return sorted(self.words)

    def text(self, rng: random.Random, language: str, count: int) -> str:
        chosen = rng.choices(self.words[language], cum_weights=self.cumulative[language], k=count)
        return " ".join(chosen).capitalize() + "."

    def content_words(self, language: str, ranks: range) -> list[str]:
        """Words of five letters or more at these frequency ranks (stop words are short)."""
        long_words = [word for word in self.words[language] if len(word) >= 5]
        return long_words[ranks.start : ranks.stop]


def _accumulate(values: list[float]) -> Iterator[float]:
    total = 0.0
    for value in values:
        total += value
        yield total


def _made_up_name(rng: random.Random) -> str:
    syllables = ["ka", "lo", "ve", "mir", "sta", "dun", "bre", "tol", "fen", "qua", "rix", "mon", "sel", "gar"]
    return "".join(rng.choice(syllables) for _ in range(rng.randint(3, 4)))


def catalog_generate(stories: int, vocabulary: Vocabulary) -> None:
    from django.db import connection, transaction

    from newsstand.catalog.models import Category, Edition, Publication, Publisher, Story
    from newsstand.search.models import RelatedStory, SearchDocument

    with transaction.atomic():
        for model in (RelatedStory, SearchDocument, Story, Edition, Publication, Category, Publisher):
            model.objects.all().delete()
    publications = _publications_create(vocabulary)
    rng = random.Random(SEED)
    now = datetime.datetime.now(datetime.UTC)
    editions = stories // STORIES_PER_EDITION
    ops = connection.ops
    story_id = 0
    for first in range(0, editions, BATCH // STORIES_PER_EDITION):
        edition_rows, story_rows, document_rows = [], [], []
        for edition_id in range(first + 1, min(first + BATCH // STORIES_PER_EDITION, editions) + 1):
            publication = publications[edition_id % len(publications)]
            issue_date = datetime.date(2026, 11, 28) - datetime.timedelta(days=edition_id // len(publications))
            release = ops.adapt_datetimefield_value(now - datetime.timedelta(days=edition_id // len(publications)))
            edition_rows.append(
                (edition_id, publication.pk, ops.adapt_datefield_value(issue_date), "", "", 0, "published",
                 release, "", ops.adapt_datetimefield_value(now), ops.adapt_datetimefield_value(now))
            )  # fmt: skip
            for position in range(STORIES_PER_EDITION):
                story_id += 1
                row, document = _story_rows(rng, vocabulary, story_id, edition_id, position, publication, release)
                row[3] = issue_date  # not a column: used by the document only
                story_rows.append(row)
                document_rows.append(document(issue_date))
        _insert(Edition, edition_rows)
        _insert(Story, [row[:3] + row[4:] for row in story_rows])
        _insert(SearchDocument, document_rows)
        if story_id % 100_000 < BATCH:
            print(f"  … {story_id:,} stories", flush=True)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
    else:
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def _publications_create(vocabulary: Vocabulary) -> list[Any]:
    from newsstand.catalog.models import Category, Publication, Publisher

    publisher = Publisher.objects.create(name="Bench Press", slug="bench-press")
    categories = [Category.objects.create(name=name.title(), slug=name) for name in ("news", "sport", "culture")]
    countries = {"de": "DE", "en": "GB", "fr": "FR", "nb": "NO"}
    publications = []
    for language in vocabulary.languages:
        for n in range(PUBLICATIONS_PER_LANGUAGE):
            publication = Publication.objects.create(
                publisher=publisher, title=f"Bench {language} {n}", slug=f"bench-{language}-{n}",
                kind=Publication.Kind.NEWSPAPER if n % 3 else Publication.Kind.MAGAZINE, language=language,
                country=countries.get(language, "GB"), frequency=Publication.Frequency.DAILY,
            )  # fmt: skip
            publication.categories.set([categories[n % len(categories)]])
            publications.append(publication)
    return publications


def _story_rows(
    rng: random.Random,
    vocabulary: Vocabulary,
    story_id: int,
    edition_id: int,
    position: int,
    publication: Any,
    release: Any,
) -> tuple[list[Any], Callable[[datetime.date], tuple[Any, ...]]]:
    from newsstand.search.backends import search_backend
    from newsstand.search.text import snowball_name

    language = publication.language
    headline = vocabulary.text(rng, language, rng.randint(5, 10))[:-1]
    standfirst = vocabulary.text(rng, language, rng.randint(15, 25))
    paragraphs = [vocabulary.text(rng, language, rng.randint(20, 40)) for _ in range(4)]
    body = [{"type": "paragraph", "text": text} for text in paragraphs]
    words = sum(len(text.split()) for text in paragraphs)
    body_json = json.dumps(body, ensure_ascii=False)
    row = [story_id, edition_id, position, None, f"story-{story_id}", headline, standfirst, "", "", body_json,
           "[1]", position % 5 == 0, words, language, release, release]  # fmt: skip
    backend = search_backend()

    def document(issue_date: datetime.date) -> tuple[Any, ...]:
        from django.db import connection

        return (
            story_id, publication.pk, language, snowball_name(language), publication.kind,
            connection.ops.adapt_datefield_value(issue_date), release,
            backend.index_column(headline, language), backend.index_column(standfirst, language),
            backend.index_column("\n\n".join(paragraphs), language),
        )  # fmt: skip

    return row, document


def _insert(model: Any, rows: Sequence[Sequence[Any]]) -> None:
    """Bulk insert in the model's column order (as the rows above are written)."""
    from django.db import connection, transaction

    columns = [field.column for field in model._meta.concrete_fields]
    table = model._meta.db_table
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(sql, [list(row) for row in rows])


# --- measuring -----------------------------------------------------------------------------------------------


def query_kinds(vocabulary: Vocabulary, samples: int) -> dict[str, list[dict[str, Any]]]:
    """Typical queries, `samples` of each kind, drawn from the generated texts' own words."""
    rng = random.Random(SEED + 1)
    kinds: dict[str, list[dict[str, Any]]] = {}

    def draw(ranks: range) -> tuple[str, str]:
        language = rng.choice(vocabulary.languages)
        return language, rng.choice(vocabulary.content_words(language, ranks))

    def many(build: Callable[[], dict[str, Any]]) -> list[dict[str, Any]]:
        return [build() for _ in range(samples)]

    def one_word(ranks: range, **extra: Any) -> Callable[[], dict[str, Any]]:
        def build() -> dict[str, Any]:
            language, word = draw(ranks)
            return {"q": word, "language_of_words": language, **extra}

        return build

    def two_words() -> dict[str, Any]:
        language, first = draw(range(0, 100))
        second = rng.choice(vocabulary.content_words(language, range(100, 600)))
        return {"q": f"{first} {second}", "language_of_words": language}

    def rare() -> dict[str, Any]:
        language = rng.choice(vocabulary.languages)
        return {"q": rng.choice(vocabulary.words[language][-Vocabulary.TAIL :]), "language_of_words": language}

    kinds["common word"] = many(one_word(range(0, 50)))
    kinds["mid-frequency word"] = many(one_word(range(300, 800)))
    kinds["rare name"] = many(rare)
    kinds["two words"] = many(two_words)
    kinds["common word, newest first"] = many(one_word(range(0, 50), sort="newest"))
    kinds["common word, one language"] = many(one_word(range(0, 50), filter_language=True))
    kinds["mid word, page 5"] = many(one_word(range(300, 800), page=5))
    return kinds


def measure(vocabulary: Vocabulary, samples: int) -> dict[str, tuple[list[float], list[float]]]:
    from newsstand.access.rules import Reader
    from newsstand.search.selectors import SearchQuery, Sort, story_search
    from newsstand.search.text import query_parse

    reader = Reader(user=None, ip="203.0.113.9")
    results: dict[str, tuple[list[float], list[float]]] = {}
    for kind, queries in query_kinds(vocabulary, samples).items():
        ours, raw = [], []
        for spec in queries:
            query = SearchQuery(
                parsed=query_parse(spec["q"]),
                text=spec["q"],
                language=spec["language_of_words"] if spec.get("filter_language") else "",
                sort=Sort(spec.get("sort", "relevance")),
                page=spec.get("page", 1),
            )
            raw_query = raw_fulltext_query(spec["q"], spec["language_of_words"])
            raw_query()  # warm the caches alike for both
            started = time.perf_counter()
            story_search(query=query, reader=reader)
            ours.append(time.perf_counter() - started)
            started = time.perf_counter()
            raw_query()
            raw.append(time.perf_counter() - started)
        results[kind] = (ours, raw)
    return results


def raw_fulltext_query(text: str, language: str) -> Callable[[], list[Any]]:
    """The engine's bare ranked query for the words, in their own language, first 20 ids: the floor."""
    from django.db import connection

    from newsstand.search.text import snowball_name, stems, words

    if connection.vendor == "sqlite":
        sql = "SELECT rowid FROM search_fts WHERE search_fts MATCH %s ORDER BY rank LIMIT 20"
        params: list[Any] = [" AND ".join(f'"{stem}"' for stem in stems(words(text), language))]
    else:
        query = "websearch_to_tsquery(%s::regconfig, %s)"
        sql = (
            f"SELECT story_id FROM search_document WHERE vector @@ {query} "
            f"ORDER BY ts_rank(vector, {query}) DESC LIMIT 20"
        )
        params = [snowball_name(language), text] * 2

    def run() -> list[Any]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return list(cursor.fetchall())

    return run


def report(vendor: str, results: dict[str, tuple[list[float], list[float]]], stories: int) -> None:
    print(f"\n{vendor}, {stories:,} stories: Newsstand search (count, page, stories, snippets) vs the raw FTS query")
    heads = ["ours p50", "ours p95", "raw p50", "raw p95", "ratio p50", "ratio p95"]
    print(f"{'query (ms)':28} " + " ".join(f"{head:>10}" for head in heads))
    for kind, (ours, raw) in results.items():
        o50, o95, r50, r95 = _ms(ours, 50), _ms(ours, 95), _ms(raw, 50), _ms(raw, 95)
        figures = f"{o50:10.1f} {o95:10.1f} {r50:10.1f} {r95:10.1f}"
        print(f"{kind:28} {figures} {o50 / r50:9.2f}× {o95 / r95:9.2f}×")


def _ms(values: list[float], percentile: int) -> float:
    if len(values) == 1:
        return values[0] * 1000
    return statistics.quantiles(values, n=100, method="inclusive")[percentile - 1] * 1000


if __name__ == "__main__":
    main()
