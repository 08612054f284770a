-- Run by ferretdb-server against its PostgreSQL database before FerretDB starts (idempotent).
--
-- Why: FerretDB 1.x pushes an equality filter down to PostgreSQL as `_jsonb -> 'field' @> value`, but
-- the indexes it creates for createIndexes are btree indexes on `(_jsonb -> 'field')`, which `@>` cannot
-- use: every look-up (even by _id) was a sequential scan. A GIN index on the same expression serves `@>`,
-- so each btree index FerretDB creates gets a GIN twin on its leading key. FerretDB passes the key as a
-- bind parameter (`_jsonb -> $1`); only a custom plan, built with the parameter's value, can match the
-- indexed expression, hence plan_cache_mode = force_custom_plan for this database.

CREATE OR REPLACE FUNCTION order_tracking_gin_twin(btree_index oid) RETURNS void
LANGUAGE plpgsql AS $fn$
DECLARE
  idx record;
  leading_key text;
BEGIN
  SELECT i.indrelid, c.relname, am.amname, t.relname AS table_name
    INTO idx
    FROM pg_index i
    JOIN pg_class c ON c.oid = i.indexrelid
    JOIN pg_am am ON am.oid = c.relam
    JOIN pg_class t ON t.oid = i.indrelid
   WHERE i.indexrelid = btree_index;
  -- Only FerretDB's own btree indexes on collection tables (not its metadata tables, not our GIN twins).
  IF idx IS NULL OR idx.amname <> 'btree' OR idx.table_name LIKE '\_ferretdb\_%' THEN
    RETURN;
  END IF;
  leading_key := pg_get_indexdef(btree_index, 1, false);
  IF leading_key !~ '^\(*_jsonb (->|#>) ' THEN
    RETURN;
  END IF;
  -- fastupdate off: the webhook inbox reads what it has just written; a pending list would be scanned
  -- by every look-up until vacuum merged it.
  EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %s USING gin ((%s) jsonb_path_ops) WITH (fastupdate = off)',
                 left(idx.relname, 55) || '_gin', idx.indrelid::regclass, leading_key);
END
$fn$;

CREATE OR REPLACE FUNCTION order_tracking_gin_twins_on_create() RETURNS event_trigger
LANGUAGE plpgsql AS $fn$
DECLARE
  cmd record;
BEGIN
  FOR cmd IN SELECT objid FROM pg_event_trigger_ddl_commands() WHERE command_tag = 'CREATE INDEX' LOOP
    PERFORM order_tracking_gin_twin(cmd.objid);
  END LOOP;
END
$fn$;

DROP EVENT TRIGGER IF EXISTS order_tracking_gin_twins;
CREATE EVENT TRIGGER order_tracking_gin_twins ON ddl_command_end WHEN TAG IN ('CREATE INDEX')
  EXECUTE FUNCTION order_tracking_gin_twins_on_create();

-- Indexes created before this setup existed (a database from an earlier version) get their twins too.
DO $do$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT i.indexrelid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
            WHERE am.amname = 'btree' AND c.relnamespace NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)
  LOOP
    PERFORM order_tracking_gin_twin(r.indexrelid);
  END LOOP;
  EXECUTE format('ALTER DATABASE %I SET plan_cache_mode = force_custom_plan', current_database());
END
$do$;
