"""Keep the database index's body vectors in the table row on PostgreSQL.

A search ranks every match by its body vector. Stored out of line (PostgreSQL's default for
values over ~2 kB) each one costs an extra lookup in the TOAST table; with the row target at
a full page they stay in the row, compressed. Only rows written afterwards change: run
`manage.py search_index --rebuild` once. Other databases are left alone.
"""

from django.db import migrations

TABLE = "wagtailsearch_indexentry"


def inline(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN body SET STORAGE MAIN")
        schema_editor.execute(f"ALTER TABLE {TABLE} SET (toast_tuple_target = 8160)")


def out_of_line(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN body SET STORAGE EXTENDED")
        schema_editor.execute(f"ALTER TABLE {TABLE} RESET (toast_tuple_target)")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(inline, out_of_line, elidable=False)]
