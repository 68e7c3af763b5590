"""Indexes of the public decision list (/portal/decisions/), which must stay fast with millions of rows.

- `disclosure_public_category`: the list filtered by category (and decision dates) reads the ids of a page
  from this partial index alone, at any depth;
- `disclosure_withdrawn_at`, `disclosure_taken_down_on`: the list's Last-Modified / ETag needs the newest
  withdrawal and take-down; two small partial indexes answer that without a scan;
- on PostgreSQL, a trigram (pg_trgm) GIN index on the published rows' `search_text`: the search is
  `search_text LIKE '%term%'` (zhifa.lib.search) and the index answers terms of three characters or more.
  Creating the extension needs a role allowed to; where it is not, the search still works, only without the
  index, and the migration says so instead of failing the deployment. SQLite just runs LIKE.
"""

from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

TRIGRAM_INDEX = "disclosure_public_search_trgm"


def trigram_index_create(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if cursor.fetchone() is None:
            try:
                with schema_editor.connection.cursor() as create:
                    create.execute("SAVEPOINT zhifa_trgm")
                    create.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
                    create.execute("RELEASE SAVEPOINT zhifa_trgm")
            except Exception as exc:  # no privilege: keep the unindexed search, tell the operator
                with schema_editor.connection.cursor() as rollback:
                    rollback.execute("ROLLBACK TO SAVEPOINT zhifa_trgm")
                print(f"\n  提示：无法创建 pg_trgm 扩展（{exc}）。公示搜索仍可用，但不使用索引；"
                      "请由数据库管理员执行 CREATE EXTENSION pg_trgm 后重新运行迁移。")
                return
        cursor.execute(f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} ON portal_disclosure "
                       "USING gin (search_text gin_trgm_ops) WHERE state = 'published'")


def trigram_index_drop(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")


class Migration(migrations.Migration):

    dependencies = [
        ("portal", "0001_initial"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="disclosure",
            index=models.Index(condition=models.Q(("state", "published")),
                               fields=["matter_category", "-published_at", "-id", "decided_on"],
                               name="disclosure_public_category"),
        ),
        migrations.AddIndex(
            model_name="disclosure",
            index=models.Index(condition=models.Q(("state", "withdrawn")), fields=["withdrawn_at"],
                               name="disclosure_withdrawn_at"),
        ),
        migrations.AddIndex(
            model_name="disclosure",
            index=models.Index(condition=models.Q(("state", "taken_down")), fields=["take_down_on"],
                               name="disclosure_taken_down_on"),
        ),
        migrations.RunPython(trigram_index_create, trigram_index_drop),
    ]
