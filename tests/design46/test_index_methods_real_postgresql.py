"""AW-SCH-012's table of index methods and column types agrees with a real PostgreSQL: every
(type, method) pair it accepts is created by PostgreSQL, every pair it refuses is refused."""

from __future__ import annotations

from archwright.verify.checks.schema import index_method_fits

TYPES = [
    "TEXT",
    "VARCHAR(254)",
    "UUID",
    "BIGINT",
    "NUMERIC(12,2)",
    "BOOLEAN",
    "TIMESTAMPTZ",
    "DATE",
    "JSONB",
    "JSON",
    "TEXT[]",
    "UUID[]",
    "TSVECTOR",
    "POINT",
    "BOX",
    "POLYGON",
    "TSTZRANGE",
    "user_role",
]
METHODS = ["btree", "hash", "gin", "gist", "brin"]

PROBE = """
CREATE TYPE user_role AS ENUM ('member', 'admin');
CREATE TABLE verdicts (col int, method text, ok boolean);
CREATE TABLE probe ({columns});
DO $$
DECLARE
  m text;
  i int;
BEGIN
  FOR i IN 0..{last} LOOP
    FOREACH m IN ARRAY ARRAY['btree', 'hash', 'gin', 'gist', 'brin'] LOOP
      BEGIN
        EXECUTE format('CREATE INDEX ON probe USING %s (c%s)', m, i);
        INSERT INTO verdicts VALUES (i, m, true);
      EXCEPTION WHEN OTHERS THEN
        INSERT INTO verdicts VALUES (i, m, false);
      END;
    END LOOP;
  END LOOP;
END $$;
SELECT col || ' ' || method || ' ' || ok FROM verdicts ORDER BY col, method;
"""


def test_index_method_table_agrees_with_postgresql(pg_server):
    columns = ", ".join(f"c{i} {t}" for i, t in enumerate(TYPES))
    sql = PROBE.format(columns=columns, last=len(TYPES) - 1)
    made = pg_server.psql("-c", 'CREATE DATABASE "aw_index_probe"')
    assert made.returncode == 0, made.stderr
    try:
        res = pg_server.psql("-t", "-A", "-f", "-", database="aw_index_probe", stdin=sql)
    finally:
        pg_server.psql("-c", 'DROP DATABASE "aw_index_probe"')
    assert res.returncode == 0, res.stderr
    real = {}
    rows = [r.split(" ") for r in res.stdout.strip().splitlines() if r.strip()]
    for col, method, ok in rows:
        real[(TYPES[int(col)], method)] = ok == "true"
    assert len(real) == len(TYPES) * len(METHODS)
    ours = {(t, m): index_method_fits(m, t, {"user_role"}) for t in TYPES for m in METHODS}
    disagree = {k: ("postgres", real[k], "check", ours[k]) for k in ours if ours[k] != real[k]}
    assert disagree == {}
