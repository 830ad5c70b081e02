"""How many published items each group of a grouped list holds, kept by PostgreSQL as rows change.

The FAQ lists questions category by category and the toolkit lists templates and examples stage
by stage (publishing.pagination.GroupedList). To page such a list, and to link a question to the
FAQ page that lists its category, each group's size is needed on every request; counting them is
an index scan over every published row (tens of thousands at 100,000 items). Instead a trigger on
each grouped table keeps, per group, the number of rows that are published originals with a
go-live time (publishing_groupsize), whatever writes them: the admin, bulk loads, queryset
updates, deletes. A request reads those numbers and subtracts the group's items scheduled for
later (few, from the go-live index), so an item that goes live on schedule is counted from that
moment without any write. SQLite has no triggers here: it counts, as before.
"""

import re

from django.db import connections
from django.utils import timezone

IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]*")
# The rows a group's size counts, before the go-live time is compared with now (publishing.models.PUBLISHED_ROWS).
COUNTED_ROWS = "{row}.status = 'published' AND {row}.draft_of_id IS NULL AND {row}.publish_at IS NOT NULL"


def identifier(name):
    """A table or column name written into SQL: only the plain names migrations give."""
    if not IDENTIFIER.fullmatch(name):
        raise ValueError(f"{name!r} is not a plain table or column name")
    return name


def install_sql(table, column):
    """SQL that counts `table`'s rows by `column` now and keeps the counts as rows change."""
    table, column = identifier(table), identifier(column)
    function = f"publishing_groupsize_{table}"
    old_counted, new_counted = COUNTED_ROWS.format(row="OLD"), COUNTED_ROWS.format(row="NEW")
    return f"""
CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        DELETE FROM publishing_groupsize WHERE list_table = '{table}';
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' AND (OLD.{column}, {old_counted}) IS NOT DISTINCT FROM (NEW.{column}, {new_counted}) THEN
        RETURN NULL;  -- an edit that moves the row neither in nor out of a group's count
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') AND {old_counted} THEN
        UPDATE publishing_groupsize SET published = published - 1
        WHERE list_table = '{table}' AND group_id = OLD.{column};
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND {new_counted} THEN
        INSERT INTO publishing_groupsize (list_table, group_id, published) VALUES ('{table}', NEW.{column}, 1)
        ON CONFLICT (list_table, group_id) DO UPDATE SET published = publishing_groupsize.published + 1;
    END IF;
    RETURN NULL;
END
$$;
DROP TRIGGER IF EXISTS publishing_groupsize_rows ON {table};
CREATE TRIGGER publishing_groupsize_rows
    AFTER INSERT OR DELETE OR UPDATE OF status, draft_of_id, publish_at, {column} ON {table}
    FOR EACH ROW EXECUTE FUNCTION {function}();
DROP TRIGGER IF EXISTS publishing_groupsize_truncate ON {table};
CREATE TRIGGER publishing_groupsize_truncate AFTER TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION {function}();
DELETE FROM publishing_groupsize WHERE list_table = '{table}';
INSERT INTO publishing_groupsize (list_table, group_id, published)
    SELECT '{table}', {column}, count(*) FROM {table} AS item WHERE {COUNTED_ROWS.format(row="item")} GROUP BY {column};
"""  # noqa: S608 - names checked by identifier(), and no value comes from outside


def uninstall_sql(table):
    table = identifier(table)
    return f"""
DROP TRIGGER IF EXISTS publishing_groupsize_rows ON {table};
DROP TRIGGER IF EXISTS publishing_groupsize_truncate ON {table};
DROP FUNCTION IF EXISTS publishing_groupsize_{table}();
DELETE FROM publishing_groupsize WHERE list_table = '{table}';
"""  # noqa: S608 - the name is checked by identifier()


def kept_sizes(table, column):
    """A migration's RunPython pair: keep `table`'s published rows counted by `column` (PostgreSQL only)."""

    def install(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(install_sql(table, column))

    def uninstall(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(uninstall_sql(table))

    return install, uninstall


def sizes_sql(table, column):
    """The kept counts of the groups in an array (the last parameter), each less its rows scheduled for later than
    the first parameter; the second is `table` itself."""
    table, column = identifier(table), identifier(column)
    return f"""
SELECT g.group_id, g.published - (
    SELECT count(*) FROM {table} AS item
    WHERE {COUNTED_ROWS.format(row="item")} AND item.publish_at > %s AND item.{column} = g.group_id
) FROM publishing_groupsize AS g WHERE g.list_table = %s AND g.group_id = ANY(%s::bigint[])
"""  # noqa: S608 - names checked by identifier(), values passed as parameters


def published_sizes(items, group_field, groups, now=None):
    """{group pk: how many of `items` (a model's published originals, unfiltered) it holds, live by now},
    from the kept counts; None where the database does not keep them (then count the rows). Written in SQL: building
    it with the ORM cost more than running it. Not prepared: planned for any time, the scheduled rows' count would
    scan each group's rows instead of reading the few scheduled ones from the go-live index."""
    connection = connections[items.db]
    if connection.vendor != "postgresql":
        return None
    table = items.model._meta.db_table
    sql = sizes_sql(table, items.model._meta.get_field(group_field).column)
    with connection.cursor() as cursor:
        cursor.execute(sql, [now or timezone.now(), table, [group.pk for group in groups]])
        return dict(cursor.fetchall())
