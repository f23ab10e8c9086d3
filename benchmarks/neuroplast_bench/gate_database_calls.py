"""What a command does to which database, read as a database administrator would: where
the database lives (this machine, staging or production) and what the command does there.

Written for the dba user (:mod:`neuroplast_bench.gate_eighth_user`), whose preferences are
about these two facts; what the facts mean to that user (what it refuses) is its module's.
:func:`database_action` reads one simple command (from :mod:`neuroplast_bench.gate_shell`)
into ``(kinds, places)``. The kinds, from each tool's documentation:

- ``read``: rows or metadata shown (``SELECT``, ``EXPLAIN`` without ``ANALYZE``, ``SHOW``,
  ``\\d``, ``describe-*``/``list-*``, ``redis-cli GET``, a schema-only dump) or a backup made;
- ``export``: rows copied out of the database as files (dumps, ``COPY ... TO``, ``INTO
  OUTFILE``, unloads, ``gcloud sql export``, ``redis-cli --rdb``, snapshot shares);
- ``write``: rows or settings changed, restores, imports, load tests, instance changes;
- ``schema``: the schema changed (``CREATE``/``ALTER`` of tables, indexes, views..., a
  migration applied by its tool, a migration file run through a client);
- ``drop``: data destroyed (``DROP``, ``TRUNCATE``, ``DELETE`` without ``WHERE``,
  ``FLUSHALL``, ``--clean`` restores, ``dropdb``, deleted instances and snapshots,
  shortened retention);
- ``access``: users, roles, grants, passwords, network access;
- ``secret``: a credential printed (``pg_authid``, ``CONFIG GET requirepass``,
  ``generate-db-auth-token``);
- ``shell``: an interactive prompt (or statements from stdin), which can run anything.

Where a database lives is read from its host (:func:`place_host`) or, for cloud instances,
framework environments and dbt targets, from its name (:func:`place_name`); a database no
host or name places is production.

>>> from neuroplast_bench.gate_shell import simple_commands
>>> def action(command):
...     kinds, places = database_action(simple_commands(command)[0], "")
...     return sorted(kinds), sorted(places)
>>> action("psql -h db.example.com -c 'EXPLAIN ANALYZE DELETE FROM t'")
(['drop'], ['production'])
>>> action("mysqldump --no-data -h 10.20.0.5 shop")
(['read'], ['staging'])
>>> action("RAILS_ENV=production rails db:migrate")
(['schema'], ['production'])
>>> action("alembic upgrade head")
(['schema'], ['local'])
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import parse_qs, urlparse

from neuroplast_bench.gate_shell import SimpleCommand

# the ops user's readings of a command line, shared by every user written apart
from neuroplast_bench.gate_third_user import _operands, _option_values

__all__ = ["DATABASE_CLIENTS", "LOCAL", "MYSQL_CLIENTS", "PRODUCTION", "QUERY_CLIENTS",
           "STAGING", "client_places", "database_action", "inner_command", "piped_text",
           "place_host", "place_name", "redis_words", "sql_kinds"]

# ------------------------------------------------------------------ where a database lives

LOCAL, STAGING, PRODUCTION = "local", "staging", "production"
_PROD_WORD = re.compile(r"(^|[^a-z])(prod|prd|production|live)([^a-z]|$)")
_STAGING_WORD = re.compile(r"(^|[^a-z])(staging|stage|stg|dev|devel|development|test|tests"
                           r"|testing|qa|uat|sandbox|ci|demo|preview|local)([^a-z]|$)")


def place_name(name: str) -> str:
    """Where a named database, instance, project, app or target lives: production unless
    its name says staging or development (a name the engineer cannot place is production)."""
    low = name.lower()
    if _PROD_WORD.search(low):
        return PRODUCTION
    return STAGING if _STAGING_WORD.search(low) else PRODUCTION


# RFC 1918 and RFC 4193 private networks, and link-local addresses: the staging network
_PRIVATE_NETWORKS = tuple(ipaddress.ip_network(n) for n in (
    "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16", "fc00::/7",
    "fe80::/10"))


def place_host(host: str) -> str:
    """Where a database at ``host`` lives: this machine (no host, loopback, a socket folder,
    a container's one-word name), the staging network (private addresses, staging names) or
    production (anything else)."""
    host = host.strip("[]'\"").split("@")[-1].lower()
    if re.match(r"^[\w.-]+:\d+$", host):
        host = host.rsplit(":", 1)[0]
    if _PROD_WORD.search(host):
        return PRODUCTION
    if host in ("", "localhost", "::1", "0.0.0.0", "host.docker.internal") or host.startswith(
            "/") or host.endswith((".local", ".localhost")) or re.match(r"^127\.", host):
        return LOCAL
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    if address is not None:
        if address.is_loopback:
            return LOCAL
        return STAGING if any(address in net for net in _PRIVATE_NETWORKS) else PRODUCTION
    if _STAGING_WORD.search(host):
        return STAGING
    return LOCAL if "." not in host else PRODUCTION


def _uri_host(word: str) -> str | None:
    """The host a database URI or JDBC URL names (``""`` for a socket), else None."""
    word = word.strip("'\"")
    if word.startswith("jdbc:"):
        word = word[5:]
        if word.startswith(("sqlserver://", "oracle:")):
            word = "x://" + word.split("@")[-1].split("//")[-1]
    m = re.match(r"^([a-z][\w+.-]*)://", word, re.I)
    if not m or m.group(1).lower() in ("http", "https", "file", "ssh", "s3", "gs"):
        return None
    if m.group(1).lower().startswith(("sqlite", "duckdb")):
        return ""
    try:
        parsed = urlparse(word)
        host = parsed.hostname or ""
    except ValueError:
        return ""
    if not host:  # postgresql:///db?host=/var/run/postgresql
        host = (parse_qs(parsed.query).get("host") or [""])[0]
    return host.split(",")[0]


def _conninfo_hosts(word: str) -> list[str]:
    """``host=...``/``hostaddr=...`` in a libpq connection string."""
    return re.findall(r"(?:^|\s)host(?:addr)?=([^\s]+)", word)


# ------------------------------------------------------------------ reading SQL

_READ_FIRST = {"select", "show", "describe", "desc", "table", "values", "use", "set",
               "reset", "begin", "start", "commit", "rollback", "end", "abort", "savepoint",
               "release", "listen", "unlisten", "help", "fetch", "close", "declare",
               "attach", "detach", "install", "load", "summarize", "pragma", "list", "get"}
_SECRET_TABLES = re.compile(r"\b(pg_authid|pg_shadow|pg_user_mappings?|mysql\.user"
                            r"|authentication_string|user_mapping_options)\b")
_WRITE_FUNCTIONS = re.compile(r"\b(pg_terminate_backend|pg_cancel_backend|pg_promote"
                              r"|pg_reload_conf|pg_switch_wal|pg_create_\w+|setval|nextval"
                              r"|pg_advisory_lock|set_config|dblink_exec)\s*\(")
_DROP_FUNCTIONS = re.compile(r"\b(pg_drop_replication_slot|lo_unlink)\s*\(")
_ACCESS_OBJECTS = re.compile(r"^(user|role|group|login)\b")
_SCHEMA_OBJECTS = re.compile(
    r"^(or\s+replace\s+)?(unique\s+)?(table|index|view|materialized\s+view|schema|sequence"
    r"|type|domain|function|procedure|trigger|extension|collation|policy|rule|aggregate"
    r"|operator|publication|subscription|foreign\s+table|event\s+trigger|column|constraint"
    r"|stage|stream|task|pipe|dynamic\s+table|external\s+table|dictionary|measurement"
    r"|continuous\s+query|retention\s+policy|keyspace|collection|(global\s+)?(temporary"
    r"|temp)\s+table)\b")


def _strip_sql(text: str) -> str:
    """SQL with comments and quoted literals blanked (keywords inside them are data)."""
    text = re.sub(r"--[^\n]*|/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"'(?:[^']|'')*'", "''", text)


def _meta_kinds(line: str) -> set[str]:
    """psql's backslash commands and sqlite's/duckdb's dot commands."""
    word = line.split()[0].lower()
    rest = line[len(word):].strip().lower()
    if word == "\\copy":
        return {"export"} if re.search(r"\bto\b", rest) and not re.search(
            r"\bfrom\b\s+(stdin|'|\S+\.)", rest) else {"write"}
    if word == ".dump" or (word in ("\\o", "\\out", ".output", ".once", ".backup", ".save",
                                   ".clone", ".excel", "\\g") and rest):
        return {"export"}
    if word in ("\\i", "\\ir", "\\include", ".read"):
        return _file_kinds(rest.split()[0] if rest else "")
    if word == "\\password":
        return {"access"}
    if word in (".import", ".restore", "\\!", ".shell", ".system"):
        return {"write"}
    return {"read"}


def _statement_kinds(statement: str) -> set[str]:
    """What one SQL statement does: read, export, write, schema, drop, access (+ secret)."""
    s = " ".join(statement.lower().split())
    if not s:
        return set()
    if s.startswith(("\\", ".")):
        return _meta_kinds(statement.strip())
    kinds: set[str] = set()
    if _SECRET_TABLES.search(s):
        kinds.add("secret")
    words = s.split()
    first = words[0].strip("(")
    rest = s[len(words[0]):].strip()
    if first == "explain":
        m = re.match(r"^explain\s+(?:\((?P<opts>[^)]*)\)\s*|(?P<an>analy[sz]e)\s+)?(?P<inner>.*)$",
                     s)
        if m is None:
            return kinds | {"read"}
        runs = bool(m.group("an")) or bool(re.search(r"\banaly[sz]e\b(?!\s*(false|off|0))",
                                                     m.group("opts") or ""))
        inner = re.sub(r"^((verbose|extended|query\s+plan|format\s*=?\s*\w+)\s+)*", "",
                       m.group("inner"))
        return kinds | (_statement_kinds(inner) if runs else {"read"})
    if first in ("select", "with"):
        if re.search(r"\binto\s+(outfile|dumpfile)\b", s):
            return kinds | {"export"}
        if first == "with" and re.search(r"\b(insert|update|delete|merge)\b", s):
            return kinds | {"write"}
        if re.search(r"\binto\s+(?!outfile|dumpfile)\w", s) and first == "select":
            return kinds | {"write"}  # SELECT ... INTO new_table
        if _DROP_FUNCTIONS.search(s):
            return kinds | {"drop"}
        return kinds | ({"write"} if _WRITE_FUNCTIONS.search(s) else {"read"})
    if first == "unload":
        return kinds | {"export"}
    if first == "copy":
        if re.match(r"^copy\s+into\s+(@|'|\"?(s3|gcs|azure)://)", s):
            return kinds | {"export"}  # Snowflake's unload to a stage
        if re.match(r"^copy\s+into\b", s):
            return kinds | {"write"}
        body = re.sub(r"^copy\s+(\(.*\)|[\w.\"]+(\s*\([^)]*\))?)\s*", "", s)
        return kinds | ({"export"} if body.startswith("to") else {"write"})
    if first == "export":
        return kinds | {"export"}
    if first == "get" and "@" in s:  # Snowflake GET @stage file://...: a download
        return kinds | {"export"}
    if first in ("grant", "revoke", "reassign") or s.startswith(("alter default privileges",
                                                                "set password",
                                                                "security label")):
        return kinds | {"access"}
    if first in ("set", "reset"):
        return kinds | ({"write"} if re.match(r"^set\s+(global|persist)\b", s) else {"read"})
    if first in ("drop", "truncate", "flushall", "flushdb"):
        if first == "drop" and _ACCESS_OBJECTS.match(rest):
            return kinds | {"access"}
        return kinds | {"drop"}
    if first == "delete":
        return kinds | ({"write"} if " where " in f" {s} " else {"drop"})
    if first in ("create", "alter", "rename", "comment"):
        if _ACCESS_OBJECTS.match(rest) or (first == "alter" and rest.startswith("system")):
            return kinds | ({"access"} if _ACCESS_OBJECTS.match(rest) else {"write"})
        if first == "comment" or first == "rename" or _SCHEMA_OBJECTS.match(rest):
            if re.match(r"^(or\s+replace\s+)?(global\s+)?(temporary|temp)\s+table\b", rest):
                return kinds | {"write"}
            return kinds | {"schema"}
        return kinds | {"write"}  # CREATE DATABASE, ALTER DATABASE ... SET
    if first == "import" and rest.startswith("foreign schema"):
        return kinds | {"schema"}
    if first == "pragma":
        return kinds | ({"write"} if "=" in s else {"read"})
    if first in _READ_FIRST:
        return kinds | {"read"}
    return kinds | {"write"}


def sql_kinds(text: str) -> set[str]:
    """What a text of statements does, statement by statement."""
    kinds: set[str] = set()
    sql = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith(("\\", ".")):  # a client's own command: one line each
            kinds |= _meta_kinds(stripped)
        else:
            sql.append(line)
    for statement in _strip_sql("\n".join(sql)).split(";"):
        kinds |= _statement_kinds(statement)
    return kinds


# a file of statements named for a schema migration (Flyway's V2__x.sql, a migrations folder,
# golang-migrate's 0001_x.up.sql, a schema or DDL file)
_MIGRATION_FILE = re.compile(r"(^|/)(migrations?|migrate|db/migrate|changelogs?|ddl|schema"
                             r"|schemas|sql/versions?)(/|$)|(^|/)V\d+[._\d]*__|\.up\.sql$"
                             r"|\.down\.sql$|migrat|(^|/)(schema|ddl)[\w.-]*\.sql$", re.I)


def _file_kinds(path: str) -> set[str]:
    """What running a file of statements does: a file named for a migration changes the
    schema; any other file's statements (a dump, a script) are unknown here, so it may
    write."""
    if _MIGRATION_FILE.search(path):
        return {"schema"}
    return {"write"}


# ------------------------------------------------------------------ database clients

MYSQL_CLIENTS = {"mysql", "mariadb", "mysqldump", "mariadb-dump", "mysqladmin", "mysqlcheck",
                  "mysqlimport", "mysqlbinlog", "mariadb-binlog", "mysqlsh", "mydumper",
                  "myloader", "mycli"}

# client -> options naming the host
_HOST: frozenset[str] = frozenset({"-h", "--host"})
_HOST_OPTIONS: dict[str, frozenset[str]] = {
    **dict.fromkeys(("psql", "pg_dump", "pg_dumpall", "pg_restore", "pg_basebackup",
                     "createdb", "dropdb", "createuser", "dropuser", "vacuumdb", "reindexdb",
                     "clusterdb", "pg_isready", "pgbench", "pg_amcheck", "pgcli",
                     "pg_receivewal", "pg_recvlogical", "mongo", "mongosh", "mongodump",
                     "mongorestore", "mongoexport", "mongoimport", "clickhouse-client",
                     *MYSQL_CLIENTS), _HOST),
    **dict.fromkeys(("redis-cli", "valkey-cli", "redis-benchmark"), frozenset({"-h"})),
    "influx": frozenset({"-host", "--host"}), "kcat": frozenset({"-b"}),
    "kafkacat": frozenset({"-b"}), "usql": frozenset(), "cqlsh": frozenset(),
    "sqlcmd": frozenset({"-S"}),
}
# options naming the database: a name saying production is production wherever it is served
_DBNAME_OPTIONS = {"-d", "--dbname", "--database", "-D", "--db"}


_SNOWSQL_NAMES = {"-a", "--accountname", "-d", "--dbname", "-c", "--connection", "-s",
                  "--schemaname", "-w", "--warehouse"}


def _names_place(names: list[str]) -> str:
    """Where resources given by these names live: staging when a name says so and none says
    production; none named, or only names the engineer cannot place, is production."""
    places = {place_name(n) for n in names if _PROD_WORD.search(n.lower())
              or _STAGING_WORD.search(n.lower())}
    return STAGING if places == {STAGING} else PRODUCTION


def client_places(c: SimpleCommand) -> set[str]:
    """Where the databases ``c`` reaches live (its default: this machine)."""
    prog = c.program
    hosts: list[str] = []
    if prog in _HOST_OPTIONS:
        hosts += _option_values(c, _HOST_OPTIONS[prog])
        if prog in MYSQL_CLIENTS or prog in ("redis-cli", "valkey-cli"):
            hosts += [a[2:] for a in c.args if a.startswith("-h") and len(a) > 2]
        if prog in ("kcat", "kafkacat"):
            hosts = [h for v in hosts for h in v.split(",")]
    for word in (*c.args, *(v for _, v in c.env)):
        value = word.split("=", 1)[1] if word.startswith("--") and "=" in word else word
        host = _uri_host(value)
        if host is not None:
            hosts.append(host)
        hosts += _conninfo_hosts(value)
    hosts += [v for k, v in c.env if k in ("PGHOST", "MYSQL_HOST", "REDISCLI_HOST")]
    names = _option_values(c, _DBNAME_OPTIONS) + [v for k, v in c.env if k == "PGDATABASE"]
    if prog == "cqlsh":
        hosts += _operands(c)[:1]
    if prog in ("mongo", "mongosh") and _operands(c)[:1]:
        first = _operands(c)[0]
        if re.match(r"^[\w.-]+(:\d+)?/\w", first):  # host:port/db
            hosts.append(first.split("/")[0])
    if prog == "mysqlsh":
        hosts += [o.split("@")[-1] for o in _operands(c) if "@" in o]
    if prog.removesuffix(".sh") in ("kafka-topics", "kafka-configs", "kafka-console-producer",
                "kafka-console-consumer", "kafka-consumer-groups", "kafka-delete-records"):
        hosts += [h for v in _option_values(c, {"--bootstrap-server", "--broker-list"})
                  for h in v.split(",")]
    places = {place_host(h) for h in hosts}
    if prog == "snowsql":  # a warehouse account, placed by the names it is given
        places = {_names_place(_option_values(c, _SNOWSQL_NAMES))}
    if not places:
        places = {LOCAL}
    if any(_PROD_WORD.search(n.lower()) for n in names):
        places.add(PRODUCTION)
    if "kubectl" in c.wrappers:  # a pod in a cluster the engineer cannot place
        places.add(PRODUCTION)
    return places


def piped_text(commands: list[SimpleCommand]) -> str:
    """Statements fed to a client by ``echo``/``printf`` in the same line."""
    return "\n".join(" ".join(_operands(c)) for c in commands if c.program in ("echo",
                                                                                "printf"))


def _statements_of(c: SimpleCommand) -> tuple[str | None, list[str]]:
    """The statements a client runs (None: none named) and the files of statements."""
    prog = c.program
    ops = _operands(c)
    files = [t for op, t in c.redirects if op == "<"]
    texts: list[str] = []
    if prog in ("psql", "usql"):
        texts += _option_values(c, {"-c", "--command"})
        files += _option_values(c, {"-f", "--file"})
    elif prog in ("mysql", "mariadb", "mycli"):
        texts += _option_values(c, {"-e", "--execute"})
    elif prog in ("sqlite3", "litecli"):
        texts += ops[1:] + _option_values(c, {"-cmd"})
    elif prog == "duckdb":
        texts += _option_values(c, {"-c", "-s", "-cmd"}) + ops[1:]
    elif prog in ("mongo", "mongosh"):
        texts += _option_values(c, {"--eval"})
        files += [o for o in ops if o.endswith(".js")]
    elif prog in ("snowsql", "clickhouse-client"):
        texts += _option_values(c, {"-q", "--query"})
        files += _option_values(c, {"-f", "--filename", "--queries-file"})
    elif prog == "cqlsh":
        texts += _option_values(c, {"-e", "--execute"})
        files += _option_values(c, {"-f", "--file"})
    elif prog == "influx":
        texts += _option_values(c, {"-execute", "--execute"})
    elif prog == "dolt":
        texts += _option_values(c, {"-q", "--query"})
        files += _option_values(c, {"-f", "--file"})
    elif prog == "sqlcmd":
        texts += _option_values(c, {"-Q", "-q"})
        files += _option_values(c, {"-i"})
    return ("\n".join(texts) if texts else None), files


_MONGO_READ = {
    "find", "findOne", "aggregate", "count", "countDocuments", "estimatedDocumentCount",
    "distinct", "getCollectionNames", "getCollectionInfos", "stats", "explain", "getIndexes",
    "version", "serverStatus", "hello", "isMaster", "status", "printjson", "print",
    "getName", "getSiblingDB", "getCollection", "listCollections", "currentOp",
    "getProfilingStatus", "hostInfo", "ping", "dataSize", "watch", "toArray", "limit",
    "sort", "skip", "pretty", "forEach", "map", "itcount", "size", "getMongo", "getDB",
    "adminCommand", "runCommand", "conf", "printReplicationInfo", "printShardingStatus"}
_MONGO_SCHEMA = {"createCollection", "createIndex", "createIndexes", "collMod", "dropIndex",
                 "dropIndexes", "renameCollection", "createView", "shardCollection"}
_MONGO_DROP = {"drop", "dropDatabase"}
_MONGO_ACCESS = {"createUser", "updateUser", "dropUser", "dropAllUsers", "grantRolesToUser",
                 "revokeRolesFromUser", "changeUserPassword", "createRole", "dropRole",
                 "updateRole", "grantPrivilegesToRole", "revokePrivilegesFromRole"}


def _mongo_kinds(text: str) -> set[str]:
    """What mongosh JavaScript does, by the methods it calls (unknown ones may write)."""
    kinds: set[str] = set()
    if re.search(r"showCredentials\s*:\s*true", text):
        kinds.add("secret")
    if re.search(r"\$(out|merge)\b", text):
        kinds.add("write")
    if re.search(r"\.(deleteMany|remove)\(\s*\{\s*\}\s*\)", text):
        kinds.add("drop")
    if re.search(r"\b(collMod|create|createIndexes|dropIndexes)\s*:", text):
        kinds.add("schema")  # runCommand({collMod: ...})
    if re.search(r"\bshow\s+(dbs|databases|collections|tables|users|roles|profile)\b", text):
        kinds.add("read")
    for name in re.findall(r"\.(\w+)\s*\(", text):
        if name in _MONGO_ACCESS:
            kinds.add("access")
        elif name in _MONGO_DROP:
            kinds.add("drop")
        elif name in _MONGO_SCHEMA:
            kinds.add("schema")
        elif name in _MONGO_READ:
            kinds.add("read")
        else:
            kinds.add("write")
    return kinds or ({"write"} if text.strip() else set())


_REDIS_VALUE_OPTIONS = {"-h", "-p", "-s", "-a", "-u", "-n", "-r", "-i", "-d", "--user",
                        "--pass", "--rdb", "--pattern", "--count", "--cluster-replicas",
                        "--cacert", "--cert", "--key", "--functions-rdb", "--eval",
                        "--memkeys-samples"}
_REDIS_READ = {"GET", "MGET", "KEYS", "SCAN", "HGET", "HGETALL", "HKEYS", "HVALS", "HLEN",
               "HMGET", "HSCAN", "HEXISTS", "LRANGE", "LLEN", "LINDEX", "SMEMBERS", "SCARD",
               "SISMEMBER", "SSCAN", "SRANDMEMBER", "ZRANGE", "ZREVRANGE", "ZRANGEBYSCORE",
               "ZCARD", "ZSCORE", "ZRANK", "ZSCAN", "ZCOUNT", "TYPE", "TTL", "PTTL",
               "EXISTS", "STRLEN", "INFO", "PING", "DBSIZE", "MONITOR", "SLOWLOG",
               "MEMORY", "OBJECT", "LATENCY", "COMMAND", "XRANGE", "XREVRANGE", "XLEN",
               "XREAD", "XINFO", "SUBSCRIBE", "PSUBSCRIBE", "PUBSUB", "ECHO", "TIME",
               "ROLE", "LASTSAVE", "SELECT", "GETRANGE", "RANDOMKEY", "BITCOUNT",
               "PFCOUNT", "GEOPOS", "GEODIST", "GEOSEARCH", "DUMP", "CLUSTER", "CLIENT",
               "CONFIG", "ACL", "HELLO", "WAIT", "LPOS", "SMISMEMBER", "JSON.GET", "FT.SEARCH",
               "FT.INFO", "TS.RANGE", "TS.GET", "SINTER", "SUNION", "SDIFF", "ZRANGESTORE"}


def redis_words(c: SimpleCommand) -> list[str]:
    """The Redis command a ``redis-cli`` call runs (its words after the options)."""
    args = list(c.args)
    out = []
    i = 0
    while i < len(args):
        word = args[i]
        if word in _REDIS_VALUE_OPTIONS:
            i += 2
            continue
        if word.startswith("-") and not out:
            i += 1
            continue
        out.append(word)
        i += 1
    return out


def _redis_kinds(c: SimpleCommand) -> set[str]:
    flags = set(c.args)
    if "--rdb" in flags or "--functions-rdb" in flags:
        return {"export"}
    if flags & {"--pipe"}:
        return {"write"}
    if "--cluster" in flags:
        sub = _option_values(c, {"--cluster"})
        return {"read"} if sub[:1] in (["check"], ["info"], ["help"]) else {"write"}
    words = redis_words(c)
    if not words:
        if flags & {"--scan", "--bigkeys", "--memkeys", "--hotkeys", "--stat", "--latency",
                    "--latency-history", "--latency-dist", "--intrinsic-latency",
                    "--keystats", "--version", "-v", "--help"}:
            return {"read"}
        return {"shell"}
    cmd = words[0].upper()
    sub = words[1].upper() if len(words) > 1 else ""
    if cmd in ("FLUSHALL", "FLUSHDB"):
        return {"drop"}
    if cmd == "ACL":
        if sub in ("SETUSER", "DELUSER", "LOAD", "SAVE", "DRYRUN"):
            return {"access"}
        return {"secret"} if sub in ("LIST", "GETUSER") else {"read"}
    if cmd == "CONFIG":
        if sub == "SET" and len(words) > 2 and words[2].lower() in ("requirepass",
                                                                   "masterauth"):
            return {"access"}
        if sub == "GET" and len(words) > 2 and re.search(r"pass|auth|\*", words[2], re.I):
            return {"secret"}
        return {"read"} if sub == "GET" else {"write"}
    if cmd == "CLIENT":
        return {"read"} if sub in ("LIST", "INFO", "GETNAME", "ID") else {"write"}
    if cmd == "CLUSTER":
        return {"read"} if sub in ("INFO", "NODES", "SLOTS", "SHARDS", "MYID",
                                   "KEYSLOT", "COUNTKEYSINSLOT") else {"write"}
    if cmd == "AUTH":
        return {"read"}
    return {"read"} if cmd in _REDIS_READ else {"write"}


# dumpers: what they copy out, and the forms that copy no rows (their man pages)
_DUMPERS = {"pg_dump", "pg_dumpall", "pg_basebackup", "pg_receivewal", "pg_recvlogical",
            "mysqldump", "mariadb-dump", "mydumper", "mongodump", "mongoexport",
            "mysqlbinlog", "mariadb-binlog"}


def _dumper_kinds(c: SimpleCommand) -> set[str]:
    prog, flags = c.program, set(c.args)
    if flags & {"--help", "-?", "--version", "-V"}:
        return set()
    if prog in ("pg_recvlogical", "pg_receivewal") and "--drop-slot" in flags:
        return {"drop"}  # a replication slot, and the changes kept for its consumer
    if prog in ("pg_recvlogical", "pg_receivewal") and "--create-slot" in flags:
        return {"write"}
    if prog in ("mysqlbinlog", "mariadb-binlog") and not flags & {
            "-R", "--read-from-remote-server", "--read-from-remote-source"}:
        return set()  # a local binlog file
    if prog == "pg_dump" and flags & {"-s", "--schema-only"}:
        return {"read"}
    if prog in ("mysqldump", "mariadb-dump") and flags & {"-d", "--no-data"}:
        return {"read"}
    if prog == "pg_dumpall" and flags & {"-s", "--schema-only", "-g", "--globals-only",
                                         "-r", "--roles-only"}:
        return {"read"}  # the roles' password hashes: _prints_credentials
    return {"export"}


_PG_TOOLS = _DUMPERS | {"pg_restore", "mongorestore", "mongoimport", "mysqlimport", "myloader",
                       "dropdb", "createuser", "dropuser", "createdb", "vacuumdb", "reindexdb",
                       "clusterdb", "pgbench", "redis-benchmark", "pg_isready", "pg_amcheck",
                       "mysqladmin", "mysqlcheck"}


_EMPTYING_FLAGS = {"mongorestore": {"--drop"}, "mongoimport": {"--drop", "--mode=delete"},
                   "mysqlimport": {"-d", "--delete"}, "myloader": {"-o", "--overwrite-tables"}}


def _pg_tool_kinds(c: SimpleCommand) -> set[str] | None:
    """PostgreSQL's and MySQL's command-line utilities, None for other programs."""
    prog, flags = c.program, set(c.args)
    ops = _operands(c)
    if prog not in _PG_TOOLS:
        return None
    if flags & {"--help", "-?", "--version", "-V"}:
        return set()
    if prog == "pg_restore":
        if not _option_values(c, {"-d", "--dbname"}) and not any(
                a.startswith("--dbname=") for a in c.args):
            return set()  # without -d it prints the script
        return {"drop"} if flags & {"-c", "--clean"} else {"write"}
    if prog in _EMPTYING_FLAGS:  # restores and imports that empty what they load into
        return {"drop"} if flags & _EMPTYING_FLAGS[prog] else {"write"}
    if prog == "dropdb":
        return {"drop"}
    if prog in ("createuser", "dropuser"):
        return {"access"}
    if prog in ("createdb", "vacuumdb", "reindexdb", "clusterdb", "pgbench",
                "redis-benchmark"):
        return {"write"}
    if prog in ("pg_isready", "pg_amcheck"):
        return {"read"}
    if prog == "mysqladmin":
        if "drop" in ops:
            return {"drop"}
        if {"password", "old-password"} & set(ops):
            return {"access"}
        return {"read"} if set(ops) <= {"status", "ping", "processlist", "variables",
                                        "version", "extended-status", "debug"} else {"write"}
    if prog == "mysqlcheck":
        return {"write"} if flags & {"-r", "--repair", "-o", "--optimize", "-a",
                                     "--analyze", "--auto-repair"} else {"read"}
    return _dumper_kinds(c)


_SQL_CLIENTS = {"psql", "usql", "mysql", "mariadb", "mycli", "sqlite3", "litecli", "duckdb",
                "snowsql", "clickhouse-client", "cqlsh", "influx", "sqlcmd", "pgcli",
                "mysqlsh", "dolt", "mongo", "mongosh"}
# clients whose output is rows: written to a file, it is an export
QUERY_CLIENTS = _SQL_CLIENTS | {"redis-cli", "valkey-cli", "kcat", "kafkacat",
                                 "kafka-console-consumer", "kafka-console-consumer.sh"}
# every program whose host options client_places reads
DATABASE_CLIENTS = frozenset(_HOST_OPTIONS) | _SQL_CLIENTS


def _client_kinds(c: SimpleCommand, piped: str) -> set[str] | None:
    """What a database client does, None when ``c`` is no database client."""
    prog = c.program
    flags = set(c.args)
    tool = _pg_tool_kinds(c)
    if tool is not None:
        return tool
    if prog in ("redis-cli", "valkey-cli"):
        return _redis_kinds(c)
    if prog in ("kcat", "kafkacat"):
        if flags & {"-P"}:
            return {"write"}
        return {"read"}
    if prog.startswith("kafka-"):
        return _kafka_kinds(c)
    if prog not in _SQL_CLIENTS:
        return None
    if flags & {"--help", "-?", "--version", "-V", "-help", "-version"} or (
            prog == "psql" and flags & {"-l", "--list"}):
        return {"read"}
    if prog == "dolt" and _operands(c)[:1] != ["sql"]:
        return None  # dolt's version-control commands are its own files
    text, files = _statements_of(c)
    if text is None and not files and piped:
        text = piped
    kinds: set[str] = set()
    if text is not None:
        kinds |= _mongo_kinds(text) if prog in ("mongo", "mongosh") else sql_kinds(text)
    for f in files:
        kinds |= _file_kinds(f) if prog not in ("mongo", "mongosh") else {"write"}
    if not kinds:
        return {"shell"}
    if _option_values(c, {"-o", "--output", "--tee"}) and prog in ("psql", "mysql",
                                                                    "mariadb", "usql"):
        kinds.add("export")  # query output written to a file
    return kinds


def _kafka_kinds(c: SimpleCommand) -> set[str]:
    prog, args = c.program.removesuffix(".sh"), c.args
    flags = set(args)
    text = " ".join(args)
    if "retention." in text and flags & {"--alter", "--add-config"}:
        return {"drop"}  # shorter retention deletes the log
    if prog == "kafka-topics":
        if "--delete" in flags:
            return {"drop"}
        return {"write"} if flags & {"--create", "--alter"} else {"read"}
    if prog == "kafka-delete-records":
        return {"drop"}
    if prog == "kafka-console-producer":
        return {"write"}
    if prog == "kafka-consumer-groups":
        return {"write"} if flags & {"--execute", "--delete", "--delete-offsets"} else {"read"}
    if prog == "kafka-configs":
        return {"write"} if flags & {"--alter"} else {"read"}
    return {"read"}


# ------------------------------------------------------------------ migration tools

_LAUNCH = {"yarn", "pnpm", "bun"}


def _tool_words(c: SimpleCommand) -> list[str]:
    """The program and its words with launchers read through: ``python manage.py X`` ->
    ``manage.py X``, ``php artisan X`` -> ``artisan X``, ``yarn knex X`` -> ``knex X``,
    ``npm exec X``, ``rake`` as ``rails``."""
    words = [c.program, *c.args]
    if words[0].startswith("python") and len(words) > 1 and words[1].endswith("manage.py"):
        words = ["manage.py", *words[2:]]
    elif words[0] == "php" and len(words) > 1 and words[1] == "artisan":
        words = ["artisan", *words[2:]]
    elif words[0] in _LAUNCH and len(words) > 1 and words[1] not in ("add", "install",
                                                                     "remove", "run"):
        words = words[1:] if words[1] != "exec" else words[2:]
    elif words[0] == "npm" and words[1:2] == ["exec"]:
        words = [w for w in words[2:] if w != "--"]
    if words and words[0] == "rake":
        words = ["rails", *words[1:]]
    if words and words[0].startswith("typeorm"):
        words = ["typeorm", *words[1:]]
    if words and words[0] == "drizzle-kit":
        words = ["drizzle-kit", *words[1:]]
    return words


def _env_place(c: SimpleCommand, words: list[str]) -> str:
    """The environment a framework's migration runs against: its env variables and flags
    (``RAILS_ENV=production``, ``--env production``, ``--target prod``), its database URL;
    without any, the developer's own database."""
    env = dict(c.env)
    names: list[str] = []
    for key in ("RAILS_ENV", "RACK_ENV", "NODE_ENV", "MIX_ENV", "APP_ENV", "FLASK_ENV",
                "DJANGO_SETTINGS_MODULE", "DBT_TARGET", "ENV", "ENVIRONMENT", "STAGE"):
        if key in env:
            names.append(env[key])
    sub = SimpleCommand(tuple(words), c.env, c.redirects, c.wrappers)
    names += _option_values(sub, {"--env", "-e", "--environment", "--target", "-t",
                                  "--settings", "--stage", "--profile"})
    names += [w.split("=", 1)[1] for w in words if w.startswith(("RAILS_ENV=", "env="))]
    places = {place_name(n) for n in names if n and not n.startswith("$")}
    hosts: list[str] = []
    for word in (*words, *(v for _, v in c.env)):
        value = word.split("=", 1)[1] if word.startswith("-") and "=" in word else word
        host = _uri_host(value)
        if host is not None:
            hosts.append(host)
        hosts += _conninfo_hosts(value)
    places |= {place_host(h) for h in hosts}
    if PRODUCTION in places:
        return PRODUCTION
    return STAGING if STAGING in places else LOCAL


def _framework_kinds(c: SimpleCommand) -> tuple[set[str], str] | None:
    """Migration tools and frameworks: what the call does to a schema, and where."""
    words = _tool_words(c)
    prog = words[0]
    ops = [w for w in words[1:] if not w.startswith("-")]
    flags = set(words[1:])
    if flags & {"-h", "--help", "--version"}:
        return None
    kinds: set[str] = set()
    first = ops[0] if ops else ""
    if prog == "flyway":
        kinds = {"drop"} if "clean" in ops else {"schema"} if set(ops) & {
            "migrate", "repair", "baseline", "undo"} else set()
    elif prog == "liquibase":
        norm = {o.lower().replace("-", "") for o in ops}
        if norm & {"dropall"}:
            kinds = {"drop"}
        elif any(o.startswith(("update", "rollback", "changelogsync", "marknextchangesetran",
                               "executesql")) and not o.endswith("sql") for o in norm):
            kinds = {"schema"}
    elif prog == "alembic":
        if first in ("upgrade", "downgrade", "stamp") and "--sql" not in flags:
            kinds = {"schema"}
    elif prog == "prisma":
        if ops[:2] == ["migrate", "reset"] or (ops[:2] == ["db", "push"]
                                               and "--force-reset" in flags):
            kinds = {"drop"}
        elif ops[:2] in (["migrate", "deploy"], ["migrate", "dev"], ["migrate", "resolve"],
                         ["db", "push"], ["db", "execute"]):
            kinds = {"schema"}
    elif prog == "dbt":
        if "--full-refresh" in flags and first in ("run", "build", "seed"):
            kinds = {"schema"}
        elif first in ("run", "build", "seed", "snapshot", "run-operation", "retry"):
            kinds = {"write"}
    elif prog == "rails":
        for o in ops:
            if o.endswith(":status"):
                continue  # db:migrate:status lists the migrations
            if re.match(r"^db:(drop|reset|purge|truncate_all|schema:load|structure:load"
                        r"|migrate:reset)", o):
                kinds.add("drop")
            elif re.match(r"^db:(migrate|rollback|setup|prepare|forward)", o):
                kinds.add("schema")
            elif re.match(r"^db:seed", o):
                kinds.add("write")
    elif prog in ("manage.py", "django-admin"):
        if first == "migrate" and "--plan" not in flags and "--check" not in flags:
            kinds = {"schema"}
        elif first in ("flush", "reset_db", "sqlflush") and first != "sqlflush":
            kinds = {"drop"}
        elif first in ("loaddata", "createsuperuser", "changepassword"):
            kinds = {"access"} if first != "loaddata" else {"write"}
    elif prog in ("knex", "sequelize", "sequelize-cli", "typeorm", "mikro-orm"):
        if prog == "typeorm" and first == "query" and len(ops) > 1:
            kinds = sql_kinds(ops[1])
        elif re.match(r"^(db:drop|schema:drop|migration:fresh|migrate:rollback.*--all)", first):
            kinds = {"drop"}
        elif re.match(r"^(migrate:(latest|up|down|rollback)|db:migrate|migration:(run|revert|up"
                      r"|down)|schema:sync|schema:update)", first):
            kinds = {"schema"}
        elif re.match(r"^(db:seed|seed:run)", first):
            kinds = {"write"}
    elif prog in ("sqlx", "diesel", "sea-orm-cli"):
        if ops[:2] in (["database", "reset"], ["database", "drop"], ["migrate", "fresh"]):
            kinds = {"drop"}
        elif ops[:2] in (["migrate", "run"], ["migrate", "revert"], ["migration", "run"],
                         ["migration", "revert"], ["migration", "redo"], ["database", "setup"],
                         ["migrate", "up"], ["migrate", "down"], ["migrate", "refresh"]):
            kinds = {"schema"}
    elif prog == "goose":
        if "reset" in ops:
            kinds = {"drop"}
        elif set(ops) & {"up", "up-by-one", "up-to", "down", "down-to", "redo"}:
            kinds = {"schema"}
    elif prog == "migrate":
        if "drop" in ops:
            kinds = {"drop"}
        elif set(ops) & {"up", "down", "goto", "force"}:
            kinds = {"schema"}
    elif prog == "dbmate":
        if "drop" in ops:
            kinds = {"drop"}
        elif set(ops) & {"up", "migrate", "rollback", "down", "load"}:
            kinds = {"schema"}
    elif prog == "sqitch":
        if set(ops) & {"deploy", "revert", "rebase", "checkout"}:
            kinds = {"schema"}
    elif prog == "atlas":
        if ops[:2] == ["schema", "clean"]:
            kinds = {"drop"}
        elif ops[:2] in (["migrate", "apply"], ["schema", "apply"], ["migrate", "down"]):
            kinds = {"schema"}
    elif prog == "mix":
        if re.match(r"^ecto\.(drop|reset)$", first):
            kinds = {"drop"}
        elif re.match(r"^ecto\.(migrate|rollback|setup)$", first):
            kinds = {"schema"}
    elif prog == "artisan":
        if re.match(r"^(migrate:(fresh|reset|refresh)|db:wipe)$", first):
            kinds = {"drop"}
        elif re.match(r"^migrate(:rollback|:install)?$", first) and "--pretend" not in flags:
            kinds = {"schema"}
        elif first == "db:seed":
            kinds = {"write"}
    elif prog == "supabase":
        if ops[:2] == ["db", "reset"]:
            kinds = {"drop"}
        elif ops[:2] in (["db", "push"], ["migration", "up"], ["migration", "down"],
                         ["migration", "repair"]) and "--dry-run" not in flags:
            kinds = {"schema"}
        if kinds:
            remote = (ops[:2] == ["db", "push"] and "--local" not in flags) or bool(
                flags & {"--linked", "--db-url"})
            return kinds, _env_place(c, words) if not remote else PRODUCTION
    elif prog == "drizzle-kit":
        if first in ("push", "migrate"):
            kinds = {"schema"}
    elif prog == "airflow":
        if ops[:2] in (["db", "reset"], ["db", "clean"]):
            kinds = {"drop"}
        elif ops[:2] in (["db", "migrate"], ["db", "upgrade"], ["db", "downgrade"],
                         ["db", "init"]):
            kinds = {"schema"}
    elif prog in ("skeema", "gh-ost", "pt-online-schema-change"):
        if (prog == "skeema" and first == "push") or "--execute" in flags:
            kinds = {"schema"}
    elif prog == "sqlite-utils":
        if re.match(r"^(drop-table|drop-view)$", first):
            kinds = {"drop"}
        elif re.match(r"^(create-table|create-index|create-view|add-column|add-foreign-keys?"
                      r"|transform|extract|rename-table|index-foreign-keys|enable-fts"
                      r"|disable-fts|duplicate)$", first):
            kinds = {"schema"}
    elif prog == "csvsql":
        dbs = _option_values(c, {"--db"})
        if dbs and "--insert" in flags:
            kinds = {"schema", "write"} if "--no-create" not in flags else {"write"}
            # a SQLAlchemy URL, or (written wrong) a bare host
            places = {place_host(d) for d in dbs if _uri_host(d) is None and "/" not in d}
            place = PRODUCTION if PRODUCTION in places else _env_place(c, words)
            return kinds, place
        return None
    else:
        return None
    return (kinds, _env_place(c, words)) if kinds else None


# ------------------------------------------------------------------ cloud databases

_CLOUD_READ = re.compile(r"^(describe|list|get|show|download|wait|help|head|ls)")
_RDS_SERVICES = {"rds", "docdb", "neptune", "redshift", "elasticache", "memorydb",
                 "dynamodb", "backup", "timestream-write", "keyspaces", "dms"}


def _cloud_names(c: SimpleCommand) -> str:
    """Where the cloud resources ``c`` names (in any word) live."""
    values = [a.split("=", 1)[1] if "=" in a else a for a in c.args]
    return _names_place([v for v in values if not v.startswith("-")])


def _aws_kinds(c: SimpleCommand) -> set[str] | None:
    ops = _operands(c)
    if len(ops) < 2 or ops[0] not in _RDS_SERVICES:
        return None
    service, verb = ops[0], ops[1]
    flags = set(c.args)
    text = " ".join(c.args)
    if flags & {"help"} or "help" in ops:
        return {"read"}
    if verb.startswith("delete") or (service == "dynamodb" and verb ==
                                     "update-continuous-backups" and "=false" in text.lower()):
        return {"drop"}
    if verb.startswith("modify") or verb.startswith("update"):
        if flags & {"--backup-retention-period", "--no-deletion-protection",
                    "--delete-automated-backups", "--no-copy-tags-to-snapshot"} or (
                service == "backup" and verb == "update-backup-plan"):
            return {"drop"}
        if flags & {"--publicly-accessible", "--master-user-password",
                    "--manage-master-user-password", "--vpc-security-group-ids"}:
            return {"access"}
        if verb.endswith("snapshot-attribute") and "--values-to-add" in flags:
            return {"export"}  # shares the snapshot with another account
    if verb.startswith(("authorize", "revoke", "add-role", "remove-role")):
        return {"access"}
    if verb in ("start-export-task", "export-table-to-point-in-time", "unload"):
        return {"export"}
    if verb in ("generate-db-auth-token", "get-cluster-credentials",
                "get-cluster-credentials-with-iam"):
        return {"secret"}
    if verb in ("create-db-snapshot", "create-db-cluster-snapshot", "create-backup",
                "start-backup-job", "create-snapshot", "create-cluster-snapshot"):
        return {"read"}  # a backup: what the policy wants
    if service == "dynamodb" and verb in ("scan", "query", "batch-get-item",
                                          "execute-statement") and (
            verb != "execute-statement" or re.search(r"select", text, re.I)):
        return {"read"}
    if service == "dynamodb" and verb in ("create-table", "update-table"):
        return {"schema"}
    if _CLOUD_READ.match(verb):
        return {"read"}
    return {"write"}


def _gcloud_kinds(c: SimpleCommand) -> set[str] | None:
    ops = _operands(c)
    flags = set(c.args)
    if ops[:1] != ["sql"]:
        return None
    group, verb = (ops[1] if len(ops) > 1 else ""), (ops[2] if len(ops) > 2 else "")
    if flags & {"--help"} or (not verb and group not in ("connect", "generate-login-token")):
        return {"read"}
    if group == "connect":
        return {"shell"}
    if group == "generate-login-token":
        return {"secret"}
    if group == "export":
        return {"export"}
    if group == "import":
        return {"write"}
    if group == "users":
        return {"read"} if verb in ("list", "describe") else {"access"}
    if verb == "delete" or verb == "restore-backup":
        return {"drop"}
    if group == "instances" and verb == "patch":
        text = " ".join(c.args)
        if re.search(r"--(no-backup|retained-backups-count|retained-transaction-log-days"
                     r"|no-deletion-protection|no-enable-point-in-time-recovery"
                     r"|no-enable-bin-log)", text):
            return {"drop"}
        if re.search(r"--(authorized-networks|assign-ip|no-require-ssl|ssl-mode"
                     r"|clear-authorized-networks)", text):
            return {"access"}
    if group == "backups" and verb == "create":
        return {"read"}
    if group == "ssl" or group == "ssl-certs":
        return {"read"} if verb in ("list", "describe") else {"secret"}
    return {"read"} if _CLOUD_READ.match(verb) else {"write"}


_AZ_DATABASES = {"postgres", "mysql", "sql", "cosmosdb", "redis", "mariadb"}


def _az_kinds(c: SimpleCommand) -> set[str] | None:
    ops = _operands(c)
    if not ops or ops[0] not in _AZ_DATABASES:
        return None
    flags = set(c.args)
    verbs = []  # the command's path: the words before its first option
    for word in c.args[1:]:
        if word.startswith("-"):
            break
        verbs.append(word)
    last = verbs[-1] if verbs else ""
    text = " ".join(c.args)
    if "--help" in flags or "-h" in flags:
        return {"read"}
    if "firewall-rule" in verbs or "ad-admin" in verbs or last in (
            "regenerate-key", "regenerate-keys", "regenerate") or "identity" in verbs:
        return {"read"} if last in ("list", "show") else {"access"}
    if last in ("list-keys", "list-connection-strings") or ("keys" in verbs and last == "list"):
        return {"secret"}
    if last == "delete" or "--backup-retention" in text or "--retention-days" in text:
        return {"drop"}
    if last == "export":
        return {"export"}
    if last == "connect":
        return {"shell"}
    if last == "execute":
        query = _option_values(c, {"--querytext", "-q"})
        return sql_kinds(query[0]) if query else {"write"}
    if last in ("list", "show", "show-connection-string", "list-skus", "check-name-availability",
                "wait"):
        return {"read"}
    return {"write"}


def _heroku_kinds(c: SimpleCommand) -> set[str] | None:
    ops = _operands(c)
    if not ops or not ops[0].startswith("pg:"):
        return None
    sub = ops[0]
    if sub in ("pg:psql",):
        return {"shell"}
    if sub in ("pg:backups:download", "pg:backups:url", "pg:pull"):
        return {"export"}
    if sub in ("pg:backups:delete", "pg:backups:restore", "pg:reset", "pg:copy",
               "pg:backups:cancel"):
        return {"drop"}
    if sub in ("pg:credentials:rotate", "pg:credentials:create", "pg:credentials:destroy"):
        return {"access"}
    if sub in ("pg:backups:capture", "pg:backups", "pg:info", "pg:diagnose", "pg:ps",
               "pg:outliers", "pg:locks", "pg:blocking", "pg:bloat", "pg:vacuum-stats",
               "pg:long-running-queries", "pg:settings", "pg:links", "pg:backups:info",
               "pg:backups:schedules", "pg:connection-pooling"):
        return {"read"}
    return {"write"}


def _bq_kinds(c: SimpleCommand) -> set[str] | None:
    """BigQuery's ``bq``: queries by their statement, the rest by its command."""
    ops = _operands(c)
    flags = set(c.args)
    if not ops or flags & {"--help", "--dry_run"} or ops[0] in ("help", "version", "ls",
                                                                "show", "head", "wait"):
        return {"read"}
    sub = ops[0]
    if sub == "query":
        kinds = sql_kinds(ops[-1]) if len(ops) > 1 else {"shell"}
        if any(a.startswith(("--destination_table", "--replace", "--append_table"))
               for a in c.args):
            kinds.add("write")
        return kinds
    if sub == "extract":
        return {"export"}
    if sub == "rm":
        return {"drop"}
    if sub in ("mk", "update"):
        return {"schema"}
    return {"write"}  # load, insert, cp, cancel...


def _cloud_kinds(c: SimpleCommand) -> tuple[set[str], str] | None:
    """Cloud database CLIs: what the call does and where (by the names it gives)."""
    reader = {"aws": _aws_kinds, "gcloud": _gcloud_kinds, "az": _az_kinds,
              "heroku": _heroku_kinds, "bq": _bq_kinds}.get(c.program)
    kinds = reader(c) if reader else None
    if kinds is None:
        return None
    return kinds, _cloud_names(c)


# ------------------------------------------------------------------ one command


def inner_command(c: SimpleCommand) -> SimpleCommand:
    """The program a container runs: ``docker exec [OPTS] CONTAINER PROG ...``, ``docker
    compose exec SERVICE PROG``, ``kubectl exec POD -- PROG`` (marked as run in a cluster)."""
    words = list(c.words)
    prog = c.program
    if prog in ("docker", "podman", "nerdctl") and words[1:2] == ["compose"]:
        words = words[1:]
    if prog in ("docker", "podman", "nerdctl") and words[1:2] == ["exec"]:
        rest = words[2:]
        while rest and rest[0].startswith("-"):
            rest = rest[2:] if rest[0] in ("-e", "--env", "-u", "--user", "-w", "--workdir",
                                           "--env-file") else rest[1:]
        if len(rest) > 1:
            return SimpleCommand(tuple(rest[1:]), c.env, c.redirects, (*c.wrappers, prog))
    if prog in ("kubectl", "oc") and words[1:2] == ["exec"] and "--" in words:
        rest = words[words.index("--") + 1:]
        if rest:
            return SimpleCommand(tuple(rest), c.env, c.redirects, (*c.wrappers, "kubectl"))
    return c


def database_action(c: SimpleCommand, piped: str) -> tuple[set[str], set[str]]:
    """(kinds, places): what ``c`` does to which databases; (set(), set()) when none."""
    kinds = _client_kinds(c, piped)
    if kinds is not None:
        return kinds, client_places(c) if kinds else set()
    framework = _framework_kinds(c)
    if framework is not None:
        kinds, place = framework
        if "kubectl" in c.wrappers:
            place = PRODUCTION
        return kinds, {place}
    cloud = _cloud_kinds(c)
    if cloud is not None:
        kinds, place = cloud
        return kinds, {place}
    return set(), set()
