"""The two full-text engines behind one interface: SQLite FTS5 (embedded default) and PostgreSQL full text.

Both read the same `search_document` rows, kept in their engine's index by database triggers (see the
migrations). A backend turns a parsed query into its own query language, so nothing a reader types is syntax.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any, Protocol

from django.db import connection
from django.db.backends.utils import CursorWrapper

from newsstand.catalog.models import Publication
from newsstand.search.text import ParsedQuery, index_text, snowball_name, stems


@dataclass(frozen=True)
class DocumentFilter:
    """Which documents a search may return, beside the words. Every search sees only visible editions."""

    now: datetime.datetime
    publication_id: int | None = None
    category_id: int | None = None
    language: str = ""
    kind: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    exclude_publication_id: int | None = None

    def sql(self) -> tuple[str, list[Any]]:
        ops = connection.ops
        clauses = ["d.visible_from IS NOT NULL", "d.visible_from <= %s"]
        params: list[Any] = [ops.adapt_datetimefield_value(self.now)]
        if self.publication_id is not None:
            clauses.append("d.publication_id = %s")
            params.append(self.publication_id)
        if self.exclude_publication_id is not None:
            clauses.append("d.publication_id <> %s")
            params.append(self.exclude_publication_id)
        if self.category_id is not None:
            through = Publication.categories.through._meta.db_table
            clauses.append(f"d.publication_id IN (SELECT publication_id FROM {through} WHERE category_id = %s)")
            params.append(self.category_id)
        if self.language:
            clauses.append("d.language = %s")
            params.append(self.language)
        if self.kind:
            clauses.append("d.kind = %s")
            params.append(self.kind)
        if self.date_from:
            clauses.append("d.issue_date >= %s")
            params.append(ops.adapt_datefield_value(self.date_from))
        if self.date_to:
            clauses.append("d.issue_date <= %s")
            params.append(ops.adapt_datefield_value(self.date_to))
        return " AND ".join(clauses), params


class SearchBackend(Protocol):
    def index_column(self, text: str, language: str) -> str:
        """What a document's text column holds for this engine."""

    def story_ids(
        self,
        *,
        query: ParsedQuery,
        languages: list[str],
        where: DocumentFilter,
        newest_first: bool,
        offset: int,
        limit: int,
    ) -> list[int]: ...

    def count(self, *, query: ParsedQuery, languages: list[str], where: DocumentFilter, cap: int) -> int: ...

    def similar_ids(
        self, *, words: list[str], language: str, where: DocumentFilter, exclude_story_id: int, limit: int
    ) -> list[int]: ...


def _fetch_ids(sql: str, params: list[Any]) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def _fetch_count(cursor: CursorWrapper, sql: str, params: list[Any]) -> int:
    cursor.execute(sql, params)
    row = cursor.fetchone()
    return int(row[0]) if row else 0


class SQLiteBackend:
    """FTS5 over stems: words are stemmed in Python (PyStemmer) per story language, for index and query alike.
    A query becomes, per catalog language, "all these stems" — the branches joined by OR."""

    # bm25 with weights for headline, standfirst and body (set in the migration): a word in the headline says most.
    RANK = "search_fts.rank"

    def index_column(self, text: str, language: str) -> str:
        return index_text(text, language)

    def match_expression(self, query: ParsedQuery, languages: list[str]) -> str:
        branches: list[str] = []
        for language in languages:
            parts = [f'"{stem}"' for stem in stems(list(query.terms), language)]
            parts += [f'"{" ".join(stems(list(phrase), language))}"' for phrase in query.phrases]
            branch = "(" + " AND ".join(parts) + ")"
            if branch not in branches:
                branches.append(branch)
        return " OR ".join(branches)

    # Ranking reads only the FTS index; looking up each match's document to filter it costs as much again. So
    # the best-ranked matches are taken first (this many times the rows wanted), then filtered: when enough pass,
    # they are exactly the page (filtering keeps the order). Only when too few pass is every match filtered.
    WINDOW_FACTOR = 4
    WINDOW_EXTRA = 100

    def story_ids(
        self,
        *,
        query: ParsedQuery,
        languages: list[str],
        where: DocumentFilter,
        newest_first: bool,
        offset: int,
        limit: int,
    ) -> list[int]:
        match = self.match_expression(query, languages)
        filter_sql, params = where.sql()
        if not newest_first:
            window = (offset + limit) * self.WINDOW_FACTOR + self.WINDOW_EXTRA
            ids = _fetch_ids(
                f"WITH ranked AS (SELECT rowid AS id, {self.RANK} AS score FROM search_fts "
                "WHERE search_fts MATCH %s ORDER BY score LIMIT %s) "
                "SELECT d.story_id FROM ranked JOIN search_document d ON d.story_id = ranked.id "
                f"WHERE {filter_sql} ORDER BY ranked.score, d.story_id DESC LIMIT %s",
                [match, window, *params, offset + limit],
            )
            if len(ids) == offset + limit or self._matches_at_most(match, window):
                return ids[offset:]
        order = "d.issue_date DESC, d.story_id DESC" if newest_first else f"{self.RANK}, d.story_id DESC"
        sql = (
            "SELECT d.story_id FROM search_fts JOIN search_document d ON d.story_id = search_fts.rowid "
            f"WHERE search_fts MATCH %s AND {filter_sql} ORDER BY {order} LIMIT %s OFFSET %s"
        )
        return _fetch_ids(sql, [match, *params, limit, offset])

    def _matches_at_most(self, match: str, count: int) -> bool:
        sql = "SELECT count(*) FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH %s LIMIT %s)"
        with connection.cursor() as cursor:
            return _fetch_count(cursor, sql, [match, count + 1]) <= count

    def count(self, *, query: ParsedQuery, languages: list[str], where: DocumentFilter, cap: int) -> int:
        filter_sql, params = where.sql()
        sql = (
            "SELECT count(*) FROM (SELECT 1 FROM search_fts JOIN search_document d ON d.story_id = search_fts.rowid "
            f"WHERE search_fts MATCH %s AND {filter_sql} LIMIT %s)"
        )
        with connection.cursor() as cursor:
            return _fetch_count(cursor, sql, [self.match_expression(query, languages), *params, cap])

    def similar_ids(
        self, *, words: list[str], language: str, where: DocumentFilter, exclude_story_id: int, limit: int
    ) -> list[int]:
        if not words:
            return []
        filter_sql, params = where.sql()
        match = " OR ".join(f'"{stem}"' for stem in dict.fromkeys(stems(words, language)))
        sql = (
            "SELECT d.story_id FROM search_fts JOIN search_document d ON d.story_id = search_fts.rowid "
            f"WHERE search_fts MATCH %s AND {filter_sql} AND d.story_id <> %s ORDER BY {self.RANK} LIMIT %s"
        )
        return _fetch_ids(sql, [match, *params, exclude_story_id, limit])


class PostgresBackend:
    """PostgreSQL full text: a weighted tsvector per document in its language's configuration (GIN index).
    A query is the OR of the reader's words read in each catalog language's configuration."""

    RANK = "ts_rank(d.vector, {query})"

    def index_column(self, text: str, language: str) -> str:
        return text

    def tsquery(self, query: ParsedQuery, languages: list[str]) -> tuple[str, list[Any]]:
        """The query read in each language's configuration, duplicates dropped: most words stem alike in several
        languages, and a repeated branch makes the planner expect many more matches than there are (and scan
        the table instead of the index)."""
        configs = list(dict.fromkeys(snowball_name(language) for language in languages))
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT DISTINCT websearch_to_tsquery(config::regconfig, %s)::text FROM unnest(%s::text[]) AS config",
                [query.as_plain_text(), configs],
            )
            branches = sorted(row[0] for row in cursor.fetchall() if row[0])
        if not branches:  # only stop words: nothing to match
            return "(NULL::tsquery)", []
        return "(" + " || ".join("%s::tsquery" for _ in branches) + ")", branches

    def story_ids(
        self,
        *,
        query: ParsedQuery,
        languages: list[str],
        where: DocumentFilter,
        newest_first: bool,
        offset: int,
        limit: int,
    ) -> list[int]:
        tsquery, query_params = self.tsquery(query, languages)
        filter_sql, params = where.sql()
        if newest_first:
            order, order_params = "d.issue_date DESC, d.story_id DESC", []
        else:
            order, order_params = f"{self.RANK.format(query=tsquery)} DESC, d.story_id DESC", query_params
        sql = (
            f"SELECT d.story_id FROM search_document d WHERE d.vector @@ {tsquery} AND {filter_sql} "
            f"ORDER BY {order} LIMIT %s OFFSET %s"
        )
        return _fetch_ids(sql, [*query_params, *params, *order_params, limit, offset])

    def count(self, *, query: ParsedQuery, languages: list[str], where: DocumentFilter, cap: int) -> int:
        tsquery, query_params = self.tsquery(query, languages)
        filter_sql, params = where.sql()
        sql = (
            f"SELECT count(*) FROM (SELECT 1 FROM search_document d WHERE d.vector @@ {tsquery} AND {filter_sql} "
            "LIMIT %s) AS matches"
        )
        with connection.cursor() as cursor:
            return _fetch_count(cursor, sql, [*query_params, *params, cap])

    def similar_ids(
        self, *, words: list[str], language: str, where: DocumentFilter, exclude_story_id: int, limit: int
    ) -> list[int]:
        if not words:
            return []
        # Words are letters and digits only (text.WORD), so quoting them makes a valid to_tsquery input.
        tsquery = "to_tsquery(%s::regconfig, %s)"
        query_params = [snowball_name(language), " | ".join(f"'{word}'" for word in dict.fromkeys(words))]
        filter_sql, params = where.sql()
        sql = (
            f"SELECT d.story_id FROM search_document d WHERE d.vector @@ {tsquery} AND {filter_sql} "
            f"AND d.story_id <> %s ORDER BY {self.RANK.format(query=tsquery)} DESC LIMIT %s"
        )
        return _fetch_ids(sql, [*query_params, *params, exclude_story_id, *query_params, limit])


def search_backend() -> SearchBackend:
    """The engine of the database in use: the search index lives beside the data it indexes."""
    return PostgresBackend() if connection.vendor == "postgresql" else SQLiteBackend()
