"""PostgreSQL only: the pg_trgm extension and trigram GIN indexes on the search documents.

Both operations do nothing on other databases (SQLite keeps a plain substring search).
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

# Historic data, deliberately not read from settings.LANGUAGES: a migration records the schema as
# it was when it ran (0001 lists the same columns), and reading today's settings would make this
# one mean something else on a database it already migrated. A language added later gets its
# columns from `makemigrations` (modeltranslation) and its index from a new migration like this.
LANGUAGE_COLUMNS = ["search_document_en", "search_document_pt_br", "search_document_es_mx"]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in LANGUAGE_COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS roles_role_{column}_trgm "
            f"ON roles_role USING gin ({column} gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in LANGUAGE_COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS roles_role_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("roles", "0001_initial")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
