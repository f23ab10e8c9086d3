"""How a command is read as a database action (``gate_database_calls``): where a database
lives, what a statement does, and what each kind of client, migration tool and cloud CLI
does; the dba user's answers built on it: test_gate_dba_user.py."""

from __future__ import annotations

import pytest

from neuroplast_bench.gate_database_calls import (
    LOCAL,
    PRODUCTION,
    STAGING,
    database_action,
    inner_command,
    place_host,
    place_name,
    sql_kinds,
)
from neuroplast_bench.gate_shell import simple_commands

HOSTS = [("", LOCAL), ("localhost", LOCAL), ("127.0.0.1", LOCAL), ("::1", LOCAL),
         ("/var/run/postgresql", LOCAL), ("db", LOCAL), ("pg.local", LOCAL),
         ("10.20.0.5", STAGING), ("192.168.1.9:5432", STAGING), ("172.20.1.1", STAGING),
         ("staging-db.internal", STAGING), ("db.dev.example.com", STAGING),
         ("db.example.com", PRODUCTION), ("34.120.8.5", PRODUCTION),
         ("203.0.113.5", PRODUCTION), ("prod-db", PRODUCTION),
         ("db-staging.prod.example.com", PRODUCTION)]


@pytest.mark.parametrize(("host", "place"), HOSTS)
def test_a_host_is_placed_and_what_cannot_be_placed_is_production(host: str, place: str
                                                                   ) -> None:
    assert place_host(host) == place


def test_a_name_is_production_unless_it_says_otherwise() -> None:
    assert [place_name(n) for n in ("shop", "shop-staging", "analytics_dev", "qa", "prod",
                                    "live-orders", "test-prod")] == [
        PRODUCTION, STAGING, STAGING, STAGING, PRODUCTION, PRODUCTION, PRODUCTION]


STATEMENTS = [
    ("SELECT * FROM orders WHERE id = 1", {"read"}),
    ("select count(*)\nfrom orders\nwhere a = 1", {"read"}),
    ("WITH x AS (SELECT 1) SELECT * FROM x", {"read"}),
    ("WITH d AS (DELETE FROM t WHERE a RETURNING *) SELECT * FROM d", {"write"}),
    ("EXPLAIN SELECT 1", {"read"}),
    ("EXPLAIN DROP TABLE t", {"read"}),
    ("EXPLAIN ANALYZE UPDATE t SET a = 1 WHERE id = 2", {"write"}),
    ("EXPLAIN (ANALYZE, BUFFERS) DELETE FROM t", {"drop"}),
    ("EXPLAIN (ANALYZE false) DELETE FROM t", {"read"}),
    ("SHOW search_path; SET statement_timeout = 0", {"read"}),
    ("SET GLOBAL max_connections = 500", {"write"}),
    ("SELECT * FROM users INTO OUTFILE '/tmp/u.csv'", {"export"}),
    ("SELECT * INTO archive FROM orders", {"write"}),
    ("COPY users TO '/tmp/u.csv'", {"export"}),
    ("COPY (SELECT * FROM users WHERE a IN (SELECT b FROM c)) TO STDOUT", {"export"}),
    ("COPY users FROM '/tmp/u.csv'", {"write"}),
    ("COPY INTO @stage/orders FROM orders", {"export"}),
    ("COPY INTO orders FROM @stage/orders", {"write"}),
    ("UNLOAD ('select * from t') TO 's3://b/x'", {"export"}),
    ("INSERT INTO t VALUES (1); UPDATE t SET a = 2 WHERE id = 1", {"write"}),
    ("DELETE FROM t WHERE id = 1", {"write"}),
    ("DELETE FROM t", {"drop"}),
    ("TRUNCATE t", {"drop"}),
    ("DROP TABLE IF EXISTS t", {"drop"}),
    ("DROP ROLE analyst", {"access"}),
    ("CREATE TABLE t (id int)", {"schema"}),
    ("CREATE UNIQUE INDEX CONCURRENTLY ix ON t (a)", {"schema"}),
    ("CREATE OR REPLACE VIEW v AS SELECT 1", {"schema"}),
    ("ALTER TABLE t ADD COLUMN c int", {"schema"}),
    ("CREATE TEMP TABLE t AS SELECT 1", {"write"}),
    ("CREATE DATABASE shop_test", {"write"}),
    ("ALTER SYSTEM SET work_mem = '64MB'", {"write"}),
    ("GRANT SELECT ON t TO analyst", {"access"}),
    ("ALTER USER app WITH PASSWORD 'x'", {"access"}),
    ("CREATE USER bob", {"access"}),
    ("SELECT rolname, rolpassword FROM pg_authid", {"read", "secret"}),
    ("SELECT pg_terminate_backend(123)", {"write"}),
    ("SELECT pg_drop_replication_slot('s')", {"drop"}),
    ("-- DROP TABLE t\nSELECT 'DROP TABLE t'", {"read"}),
    ("\\d+ orders", {"read"}),
    ("\\copy users to 'u.csv' csv", {"export"}),
    ("\\copy users from 'u.csv' csv", {"write"}),
    ("\\i migrations/V2__index.sql", {"schema"}),
    (".tables", {"read"}),
    (".dump", {"export"}),
    (".read scripts/report.sql", {"write"}),
]


@pytest.mark.parametrize(("text", "kinds"), STATEMENTS, ids=[t[:40] for t, _ in STATEMENTS])
def test_what_a_statement_does(text: str, kinds: set[str]) -> None:
    assert sql_kinds(text) == kinds


def action(command: str) -> tuple[list[str], list[str]]:
    """(kinds, places) of the first command of ``command``, sorted."""
    kinds, places = database_action(inner_command(simple_commands(command)[0]), "")
    return sorted(kinds), sorted(places)


ACTIONS = [
    ("psql", (["shell"], [LOCAL])),
    ("psql -h db.example.com -c 'SELECT 1'", (["read"], [PRODUCTION])),
    ("psql postgresql://u@10.1.2.3:5432/shop -c 'SELECT 1'", (["read"], [STAGING])),
    ("psql 'host=db.example.com dbname=shop' -f migrations/V3__x.sql", (["schema"],
                                                                      [PRODUCTION])),
    ("PGHOST=db.example.com psql -c 'TRUNCATE t'", (["drop"], [PRODUCTION])),
    ("psql -d prod_orders -c 'UPDATE t SET a = 1 WHERE b'", (["write"], [LOCAL, PRODUCTION])),
    ("mysql -hmysql.example.com -e 'SHOW TABLES'", (["read"], [PRODUCTION])),
    ("mongosh mongodb+srv://c0.example.mongodb.net/shop --eval 'db.o.find()'",
     (["read"], [PRODUCTION])),
    ("mongosh --eval 'db.o.deleteMany({})'", (["drop", "write"], [LOCAL])),
    ("redis-cli -h 10.0.0.4 -n 2 DEL k", (["write"], [STAGING])),
    ("redis-cli --scan --pattern 'user:*'", (["read"], [LOCAL])),
    ("kcat -b broker1.example.com:9092,broker2.example.com:9092 -t t -C", (["read"],
                                                                          [PRODUCTION])),
    ("pg_dump --schema-only -h db.example.com shop", (["read"], [PRODUCTION])),
    ("mysqlbinlog binlog.000042", ([], [])),
    ("pg_restore shop.dump", ([], [])),  # without -d it prints the script
    ("snowsql -c analytics_dev -q 'DELETE FROM t'", (["drop"], [STAGING])),
    ("snowsql -q 'SELECT 1'", (["read"], [PRODUCTION])),
    ("bq query --use_legacy_sql=false 'SELECT 1'", (["read"], [PRODUCTION])),
    ("bq rm -t shop_staging.orders", (["drop"], [STAGING])),
    ("alembic upgrade head", (["schema"], [LOCAL])),
    ("MIX_ENV=prod mix ecto.migrate", (["schema"], [PRODUCTION])),
    ("knex migrate:latest --env production", (["schema"], [PRODUCTION])),
    ("dbt seed --full-refresh -t dev", (["schema"], [STAGING])),
    ("supabase db push --local", (["schema"], [LOCAL])),
    ("aws rds describe-db-instances", (["read"], [PRODUCTION])),
    ("aws dynamodb delete-table --table-name orders-staging", (["drop"], [STAGING])),
    ("gcloud sql backups delete 42 --instance=shop-db", (["drop"], [PRODUCTION])),
    ("az postgres flexible-server show -g rg -n shop-pg", (["read"], [PRODUCTION])),
    ("heroku pg:reset DATABASE -a shop-staging", (["drop"], [STAGING])),
    ("docker exec -it pg psql -c 'SELECT 1'", (["read"], [LOCAL])),
    ("kubectl exec pg-0 -- psql -c 'SELECT 1'", (["read"], [LOCAL, PRODUCTION])),
    ("ls -la", ([], [])),
]


@pytest.mark.parametrize(("command", "expected"), ACTIONS, ids=[c for c, _ in ACTIONS])
def test_what_a_command_does_and_where(command: str,
                                       expected: tuple[list[str], list[str]]) -> None:
    assert action(command) == expected
