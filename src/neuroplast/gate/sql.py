"""Statements a call hands to a database client, and which of them write.

A database client runs the SQL it is given on the command line: ``psql -c``, ``mysql -e``,
``sqlite3 FILE 'SQL'``. What the call does is then the statement's, not the client's: a
hundred approved ``psql -c 'SELECT ...'`` say nothing about the user's view of ``psql -c
'DROP TABLE ...'``. So each statement that writes is a verb of the command
(``gate.support``: ``sql-drop``), consequential like a sub-command that changes what lies
outside the working tree, and one verb across clients (``* sql-drop``).

Where each client takes SQL, from its manual: psql(1) ``-c``/``--command``; mysql(1) and
mariadb ``-e``/``--execute``; sqlite3(1) and duckdb the operands after the database file;
clickhouse-client ``-q``/``--query``; cqlsh ``-e``/``--execute``; sqlcmd ``-Q``/``-q``;
snowsql ``-q``/``--query``; ``bq query`` its operand; mongosh ``--eval`` (JavaScript; its
``drop``/``delete``/``update``/``insert`` methods); Trino's and Presto's ``--execute``;
beeline, hive and spark-sql ``-e``; impala-shell ``-q``/``--query``; mycli and litecli
``-e``/``--execute``; usql and vsql ``-c``/``--command``; ``cockroach sql -e|--execute``;
``dolt sql -q|--query``; ``sqlite-utils query DB SQL``; duckdb ``-c`` and, with sqlite3,
``-cmd``. The writing statements are SQL's data
and schema changes and its privilege statements (ISO/IEC 9075's SQL-data-change,
SQL-schema and access-control statements): INSERT, UPDATE, DELETE, MERGE, UPSERT,
REPLACE, TRUNCATE, CREATE, ALTER, DROP, RENAME, GRANT, REVOKE.

>>> from neuroplast.gate.shell import split_command
>>> [sql_writes(s) for s in split_command(
...     "psql -h db -c 'DROP TABLE users'; psql -c 'select 1'; "
...     "mysql -e 'truncate orders; select 1' shop; sqlite3 app.db 'DELETE FROM s'; "
...     "mongosh --eval 'db.users.drop()'")]
[['drop'], [], ['truncate'], ['delete'], ['drop']]
"""

from __future__ import annotations

import re

from neuroplast.gate.outputs import operands, option_values
from neuroplast.gate.shell import Segment

__all__ = ["SQL_WRITES", "sql_texts", "sql_writes", "statement_verbs"]

SQL_WRITES = frozenset({"insert", "update", "delete", "merge", "upsert", "replace",
                        "truncate", "create", "alter", "drop", "rename", "grant", "revoke"})
_OPTIONS: dict[str, tuple[str, ...]] = {
    "psql": ("-c", "--command"),
    "mysql": ("-e", "--execute"),
    "mariadb": ("-e", "--execute"),
    "clickhouse-client": ("-q", "--query"),
    "cqlsh": ("-e", "--execute"),
    "sqlcmd": ("-Q", "-q"),
    "snowsql": ("-q", "--query"),
    "trino": ("--execute",),
    "presto": ("--execute",),
    "beeline": ("-e",),
    "hive": ("-e",),
    "spark-sql": ("-e",),
    "impala-shell": ("-q", "--query"),
    "mycli": ("-e", "--execute"),
    "litecli": ("-e", "--execute"),
    "usql": ("-c", "--command"),
    "vsql": ("-c", "--command"),
}
# programs whose SQL sub-command takes it by an option (cockroach sql -e, dolt sql -q)
_SUBCOMMAND_OPTIONS: dict[str, tuple[str, ...]] = {"cockroach": ("-e", "--execute"),
                                                   "dolt": ("-q", "--query")}
# the file clients (CLIENT [OPTIONS] FILE [SQL]) and their options whose value is SQL
# (duckdb -c; -cmd runs before the input)
_FILE_CLIENTS: dict[str, tuple[str, ...]] = {"sqlite3": ("-cmd",), "duckdb": ("-c", "-cmd")}
_STATEMENT_START = re.compile(r"(?:^|;)\s*(?:--[^\n]*\n\s*)*([A-Za-z]+)")
# mongosh's JavaScript: the collection and database methods that change data, schema or
# users, each as the SQL verb it is
_MONGO_WRITES = {
    "drop": "drop", "dropDatabase": "drop", "dropIndex": "drop", "dropIndexes": "drop",
    "dropUser": "drop", "deleteOne": "delete", "deleteMany": "delete", "remove": "delete",
    "update": "update", "updateOne": "update", "updateMany": "update", "insert": "insert",
    "insertOne": "insert", "insertMany": "insert", "replaceOne": "replace",
    "renameCollection": "rename", "createCollection": "create", "createIndex": "create",
    "createUser": "create", "grantRolesToUser": "grant", "revokeRolesFromUser": "revoke",
}
_MONGO_WRITE = re.compile(r"\.(" + "|".join(sorted(_MONGO_WRITES, key=len, reverse=True))
                          + r")\s*\(")


def sql_texts(seg: Segment) -> list[str]:
    """The SQL (or mongosh JavaScript) a simple command hands to a database client."""
    head, argv = seg.head, seg.argv
    if head in _OPTIONS:
        return option_values(argv, _OPTIONS[head], clusters=False)
    if head in _FILE_CLIENTS:
        given = option_values(argv, _FILE_CLIENTS[head], clusters=False)
        return [*given, *operands(argv, frozenset(_FILE_CLIENTS[head]))[1:]]
    plain = operands(argv, frozenset())
    if head in _SUBCOMMAND_OPTIONS:
        return (option_values(argv, _SUBCOMMAND_OPTIONS[head], clusters=False)
                if plain[:1] == ["sql"] else [])
    if head == "sqlite-utils":  # sqlite-utils query DB SQL
        return plain[2:3] if plain[:1] == ["query"] else []
    if head == "bq":
        return plain[1:] if plain[:1] == ["query"] else []
    if head in ("mongosh", "mongo"):
        return option_values(argv, ("--eval",), clusters=False)
    return []


def statement_verbs(text: str) -> list[str]:
    r"""The first word of each SQL statement in ``text``, lower case, comments skipped.

    >>> statement_verbs("-- fix\nSELECT 1; delete from t")
    ['select', 'delete']
    """
    return [m.group(1).lower() for m in _STATEMENT_START.finditer(text)]


def sql_writes(seg: Segment) -> list[str]:
    """The writing statements' verbs (lower case, in order, once each) ``seg`` runs."""
    found: list[str] = []
    for text in sql_texts(seg):
        if seg.head in ("mongosh", "mongo"):
            verbs = [_MONGO_WRITES[m.group(1)] for m in _MONGO_WRITE.finditer(text)]
        else:
            verbs = statement_verbs(text)
        found += [v for v in verbs if v in SQL_WRITES and v not in found]
    return found
