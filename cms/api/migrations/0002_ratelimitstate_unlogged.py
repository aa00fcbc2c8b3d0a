"""On PostgreSQL the allowances live in an UNLOGGED table.

Every API request updates a row here; an unlogged table skips the write-ahead log, so those
updates cost no disk flush. After a crash PostgreSQL empties the table, which only gives every
client a full allowance again: nothing of value is lost.
"""

from django.db import migrations

TABLE = "api_ratelimitstate"


def _alter(logged: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f'ALTER TABLE "{TABLE}" SET {logged}')

    return run


class Migration(migrations.Migration):
    dependencies = [("api", "0001_initial")]

    operations = [migrations.RunPython(_alter("UNLOGGED"), _alter("LOGGED"), elidable=False)]
