"""The engine's own index over search_document, kept in step by triggers: FTS5 on SQLite, tsvector on PostgreSQL."""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

SQLITE_CREATE = [
    # External content: FTS5 keeps only the index and reads words from search_document (no second copy).
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        headline_index, standfirst_index, body_index,
        content='search_document', content_rowid='story_id',
        tokenize='unicode61 remove_diacritics 2'
    )""",
    # `rank` is bm25 with the headline weighing most, then the standfirst, then the body.
    "INSERT INTO search_fts(search_fts, rank) VALUES ('rank', 'bm25(8.0, 3.0, 1.0)')",
    """CREATE TRIGGER search_document_insert AFTER INSERT ON search_document BEGIN
        INSERT INTO search_fts(rowid, headline_index, standfirst_index, body_index)
        VALUES (new.story_id, new.headline_index, new.standfirst_index, new.body_index);
    END""",
    """CREATE TRIGGER search_document_delete AFTER DELETE ON search_document BEGIN
        INSERT INTO search_fts(search_fts, rowid, headline_index, standfirst_index, body_index)
        VALUES ('delete', old.story_id, old.headline_index, old.standfirst_index, old.body_index);
    END""",
    """CREATE TRIGGER search_document_update AFTER UPDATE OF headline_index, standfirst_index, body_index
    ON search_document BEGIN
        INSERT INTO search_fts(search_fts, rowid, headline_index, standfirst_index, body_index)
        VALUES ('delete', old.story_id, old.headline_index, old.standfirst_index, old.body_index);
        INSERT INTO search_fts(rowid, headline_index, standfirst_index, body_index)
        VALUES (new.story_id, new.headline_index, new.standfirst_index, new.body_index);
    END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_document_update",
    "DROP TRIGGER IF EXISTS search_document_delete",
    "DROP TRIGGER IF EXISTS search_document_insert",
    "DROP TABLE IF EXISTS search_fts",
]

POSTGRES_CREATE = [
    "ALTER TABLE search_document ADD COLUMN vector tsvector NOT NULL DEFAULT ''",
    # Headline weighs most (A), then standfirst (B), then body (C), in the story's own language configuration.
    """CREATE FUNCTION search_document_vector() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.vector :=
            setweight(to_tsvector(NEW.text_config::regconfig, NEW.headline_index), 'A') ||
            setweight(to_tsvector(NEW.text_config::regconfig, NEW.standfirst_index), 'B') ||
            setweight(to_tsvector(NEW.text_config::regconfig, NEW.body_index), 'C');
        RETURN NEW;
    END $$""",
    """CREATE TRIGGER search_document_vector BEFORE INSERT OR UPDATE OF
        text_config, headline_index, standfirst_index, body_index ON search_document
        FOR EACH ROW EXECUTE FUNCTION search_document_vector()""",
    "CREATE INDEX search_document_vector_gin ON search_document USING gin (vector)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS search_document_vector_gin",
    "DROP TRIGGER IF EXISTS search_document_vector ON search_document",
    "DROP FUNCTION IF EXISTS search_document_vector()",
    "ALTER TABLE search_document DROP COLUMN IF EXISTS vector",
]


def _run(statements: dict[str, list[str]], schema_editor: BaseDatabaseSchemaEditor) -> None:
    for statement in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def create(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _run({"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}, schema_editor)


def drop(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}, schema_editor)


def index_existing_stories(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    """Catalogs that existed before search get their stories indexed here, once (with the models of this point in
    history; `manage.py search_reindex` does the same with today's)."""
    from newsstand.catalog.blocks import blocks_plain_text
    from newsstand.search.text import index_text, snowball_name

    story_model = apps.get_model("catalog", "Story")
    document_model = apps.get_model("search", "SearchDocument")
    stemmed = schema_editor.connection.vendor == "sqlite"
    for story in story_model.objects.select_related("edition__publication").iterator(chunk_size=500):
        edition = story.edition
        language = story.language or edition.publication.language
        visible = edition.status in ("published", "scheduled")

        def column(text: str, language: str = language) -> str:
            return index_text(text, language) if stemmed else text

        document_model.objects.create(
            story=story,
            publication_id=edition.publication_id,
            language=language,
            text_config=snowball_name(language),
            kind=edition.publication.kind,
            issue_date=edition.issue_date,
            visible_from=edition.release_at if visible else None,
            headline_index=column(story.headline),
            standfirst_index=column(story.standfirst),
            body_index=column(blocks_plain_text(story.body)),
        )


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(create, drop),
        migrations.RunPython(index_existing_stories, migrations.RunPython.noop),
    ]
