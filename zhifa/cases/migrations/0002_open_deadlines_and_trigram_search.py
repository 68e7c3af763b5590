"""The open-deadline index for the workbench, and on PostgreSQL trigram indexes for the case and lead search.

The search is `search_text LIKE '%term%'` (zhifa.lib.search): a sequential scan of the bureau's cases unless
PostgreSQL has a trigram (pg_trgm) GIN index, which answers terms of three characters or more from the index.
Creating the extension needs a role allowed to; where it is not, the search still works, only without the
index, and the migration says so instead of failing the deployment.
"""

from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

TRIGRAM_INDEXES = {
    "case_search_trgm": "cases_case",
    "lead_search_trgm": "cases_lead",
}


def trigram_indexes_create(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
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
                print(f"\n  提示：无法创建 pg_trgm 扩展（{exc}）。案件搜索仍可用，但不使用索引；"
                      "请由数据库管理员执行 CREATE EXTENSION pg_trgm 后重新运行迁移。")
                return
        for name, table in TRIGRAM_INDEXES.items():
            cursor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (search_text gin_trgm_ops)")


def trigram_indexes_drop(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name in TRIGRAM_INDEXES:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0001_initial"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="casedeadline",
            index=models.Index(condition=models.Q(("cancelled", False), ("met_on__isnull", True)),
                               fields=["due", "id"], name="deadline_open_only"),
        ),
        migrations.RunPython(trigram_indexes_create, trigram_indexes_drop),
    ]
