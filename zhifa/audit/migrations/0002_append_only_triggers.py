"""Make the audit log append-only in the database itself, not only in Python.

PostgreSQL (the guarantee):
- audit_auditevent: no UPDATE ever; DELETE only of rows older than six calendar months (local time) and
  only while the transaction has `SET LOCAL zhifa.audit_prune = 'on'` — which only audit_prune() does;
  no TRUNCATE, except in Django's throwaway test databases (named test_…), which the test runner empties
  with TRUNCATE between transactional tests.
- audit_audithead: never deleted or truncated (same test exception); its last_id never moves backwards.

SQLite (a safety net): UPDATE of an audit row is refused, and the head's last_id never moves backwards.
DELETE is not guarded there because Django's test runner empties SQLite tables with DELETE; the hash
chain and the head still reveal deletions. NOTE: SQLite drops triggers when a migration rebuilds a table;
a future migration that alters either table must install these triggers again.

The six months are fixed here on purpose: ZHIFA_AUDIT_RETENTION_MONTHS may lengthen retention in Python,
never shorten it below the legal floor enforced by the database.
"""

from django.conf import settings
from django.db import migrations


def _pg_forward(time_zone: str) -> list[str]:
    zone = time_zone.replace("'", "''")
    return [
        f"""
        CREATE OR REPLACE FUNCTION zhifa_audit_event_guard() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE'
               AND current_setting('zhifa.audit_prune', true) = 'on'
               AND OLD.created_at < ((now() AT TIME ZONE '{zone}') - interval '6 months') AT TIME ZONE '{zone}'
            THEN
                RETURN OLD;
            END IF;
            RAISE EXCEPTION 'zhifa: 审计日志只能追加，不能%审计记录（id=%）。',
                CASE TG_OP WHEN 'UPDATE' THEN '修改' ELSE '删除' END, OLD.id
                USING ERRCODE = 'insufficient_privilege',
                      HINT = '早于六个月的记录只能由 zhifa audit prune 清理。';
        END $$;
        """,
        """
        CREATE OR REPLACE FUNCTION zhifa_audit_head_guard() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                RAISE EXCEPTION 'zhifa: 审计链头记录不能删除。' USING ERRCODE = 'insufficient_privilege';
            END IF;
            IF OLD.last_id IS NOT NULL AND (NEW.last_id IS NULL OR NEW.last_id < OLD.last_id) THEN
                RAISE EXCEPTION 'zhifa: 审计链头只能向前移动（% → %）。', OLD.last_id, NEW.last_id
                    USING ERRCODE = 'insufficient_privilege';
            END IF;
            RETURN NEW;
        END $$;
        """,
        """
        CREATE OR REPLACE FUNCTION zhifa_audit_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF current_database() LIKE 'test\\_%' THEN
                RETURN NULL;  -- Django's test databases are emptied with TRUNCATE between tests
            END IF;
            RAISE EXCEPTION 'zhifa: 审计日志只能追加，不能清空表 %。', TG_TABLE_NAME
                USING ERRCODE = 'insufficient_privilege';
        END $$;
        """,
        """
        CREATE TRIGGER audit_auditevent_append_only BEFORE UPDATE OR DELETE ON audit_auditevent
            FOR EACH ROW EXECUTE FUNCTION zhifa_audit_event_guard();
        """,
        """
        CREATE TRIGGER audit_auditevent_no_truncate BEFORE TRUNCATE ON audit_auditevent
            FOR EACH STATEMENT EXECUTE FUNCTION zhifa_audit_no_truncate();
        """,
        """
        CREATE TRIGGER audit_audithead_guard BEFORE UPDATE OR DELETE ON audit_audithead
            FOR EACH ROW EXECUTE FUNCTION zhifa_audit_head_guard();
        """,
        """
        CREATE TRIGGER audit_audithead_no_truncate BEFORE TRUNCATE ON audit_audithead
            FOR EACH STATEMENT EXECUTE FUNCTION zhifa_audit_no_truncate();
        """,
    ]


PG_BACKWARD = [
    "DROP TRIGGER IF EXISTS audit_audithead_no_truncate ON audit_audithead;",
    "DROP TRIGGER IF EXISTS audit_audithead_guard ON audit_audithead;",
    "DROP TRIGGER IF EXISTS audit_auditevent_no_truncate ON audit_auditevent;",
    "DROP TRIGGER IF EXISTS audit_auditevent_append_only ON audit_auditevent;",
    "DROP FUNCTION IF EXISTS zhifa_audit_no_truncate();",
    "DROP FUNCTION IF EXISTS zhifa_audit_head_guard();",
    "DROP FUNCTION IF EXISTS zhifa_audit_event_guard();",
]

SQLITE_FORWARD = [
    """
    CREATE TRIGGER audit_auditevent_no_update BEFORE UPDATE ON audit_auditevent
    BEGIN
        SELECT RAISE(ABORT, 'zhifa: 审计日志只能追加，不能修改审计记录。');
    END;
    """,
    """
    CREATE TRIGGER audit_audithead_forward_only BEFORE UPDATE ON audit_audithead
    WHEN OLD.last_id IS NOT NULL AND (NEW.last_id IS NULL OR NEW.last_id < OLD.last_id)
    BEGIN
        SELECT RAISE(ABORT, 'zhifa: 审计链头只能向前移动。');
    END;
    """,
]

SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS audit_audithead_forward_only;",
    "DROP TRIGGER IF EXISTS audit_auditevent_no_update;",
]


def install(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        statements = _pg_forward(settings.TIME_ZONE)
    elif vendor == "sqlite":
        statements = SQLITE_FORWARD
    else:
        return
    for statement in statements:
        schema_editor.execute(statement, params=None)


def uninstall(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    statements = PG_BACKWARD if vendor == "postgresql" else SQLITE_BACKWARD if vendor == "sqlite" else []
    for statement in statements:
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(install, uninstall, elidable=False)]
