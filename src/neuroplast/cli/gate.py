"""``neuroplast gate``: run the gate service, hook it into Claude Code, read its stats.

Everything that talks to the service proves it knows the install's token
(``<data dir>/gate/token``, see ``neuroplast gate token``): ``stats`` signs its request with
it and checks the answer's signature, as the hook does. Errors become exit codes in
``neuroplast.cli.main``; this module only raises them.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from neuroplast.errors import BackendUnavailable, InvalidInputError

__all__ = ["default_url", "gate_app", "signed_get", "signed_request", "stats_rows",
           "token_file"]

gate_app = typer.Typer(
    help="The learning tool-call gate: serve it, install its Claude Code hooks, read its stats.",
    no_args_is_help=True,
)

_URL_HELP = "URL of the running gate service (default: $NEUROPLAST_GATE_URL or port 8765)."
_DATA_HELP = ("The gate service's data dir, which holds its token (default: $NEUROPLAST_HOME "
              "or ~/.neuroplast).")
DataDir = Annotated[Path | None, typer.Option(help=_DATA_HELP)]


def token_file(data_dir: Path | None) -> Path:
    """``<data dir>/gate/token``, the data dir resolved (and created, private) as ``serve``
    does."""
    from neuroplast.gate.hook_cli import token_path
    from neuroplast.store import data_dir as resolve_data_dir

    return Path(token_path(str(resolve_data_dir(data_dir))))


def default_url() -> str:
    """``$NEUROPLAST_GATE_URL`` or the service's default address."""
    from neuroplast.gate.hook_cli import DEFAULT_URL

    return os.environ.get("NEUROPLAST_GATE_URL") or DEFAULT_URL


@gate_app.command()
def serve(
    data_dir: Annotated[
        Path | None,
        typer.Option(help="Where the gate keeps its log and model (default: $NEUROPLAST_HOME "
                     "or ~/.neuroplast)."),
    ] = None,
    host: Annotated[
        str, typer.Option(help="Interface to listen on: loopback (127.0.0.1, ::1) unless "
                          "--allow-remote is given.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port to listen on.", min=0, max=65535)] = 8765,
    mode: Annotated[
        str | None,
        typer.Option(help="auto|shadow. auto: decide when confident; shadow: learn, always "
                     "ask. Default: the config file's, else auto."),
    ] = None,
    config_file: Annotated[
        Path | None,
        typer.Option("--config", help="A .toml or .json file of GateConfig fields: "
                     "mode, allow_rules, ask_rules, deny_rules, disabled_rules, ask_budget, "
                     "\\[bands] allow / block... (see neuroplast.gate.GateConfig)."),
    ] = None,
    allow_remote: Annotated[
        bool, typer.Option("--allow-remote", help="Allow a --host other machines can reach "
                           "(requests still need the token, sent in clear text over HTTP).")
    ] = False,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(help="With --allow-remote: a Host name clients may use besides --host "
                     "and loopback (repeatable)."),
    ] = None,
    max_body_mb: Annotated[
        float, typer.Option(help="Largest hook event accepted, in MiB (a bigger PreToolUse "
                            "gets 413 and `ask`).", min=0.001, max=1024.0)
    ] = 8.0,
) -> None:
    """Run the gate service that `neuroplast-hook` forwards Claude Code's events to."""
    from dataclasses import replace

    import uvicorn

    from neuroplast.gate import GateConfig
    from neuroplast.server import create_app, server_config
    from neuroplast.server.guard import is_loopback
    from neuroplast.store import data_dir as resolve_data_dir

    if not 0.001 <= max_body_mb <= 1024:  # NaN passes the option's own range check
        raise InvalidInputError(f"--max-body-mb {max_body_mb}: use a size in [0.001, 1024]")
    remote = not is_loopback(host)
    if remote and not allow_remote:
        raise InvalidInputError(
            f"--host {host} can be reached from other machines; the gate answers for your "
            "agent's tool calls, so keep it on 127.0.0.1, or pass --allow-remote if you mean it"
        )
    os.umask(0o077)  # every file this process (and its training worker) writes is private
    config = GateConfig.from_file(config_file) if config_file else GateConfig()
    if mode is not None:
        config = replace(config, mode=mode)  # validated again: ConfigError
    directory = resolve_data_dir(data_dir)
    console = Console()
    console.print(
        f"neuroplast gate ({config.mode} mode) listening on http://{host}:{port}, "
        f"data in {directory}, token in {token_file(directory)}"
    )
    allowed = tuple(allowed_host or ())
    if remote:
        allowed += (host,)
        console.print(f"[yellow]warning:[/] {host} is reachable from other machines; they "
                      "need the token, which plain HTTP sends in clear text")
    _tune_for_serving()
    app = create_app(data_dir=directory, config=config, allowed_hosts=allowed,
                     max_body_bytes=int(max_body_mb * 1024 * 1024))
    uvicorn.Server(server_config(app, host=host, port=port)).run()


def _tune_for_serving() -> None:
    """Process settings that keep decisions fast while the learner trains beside them.

    One thread for torch and for numpy's BLAS: the gate's model and its support memory
    are small, and the helper threads of a multi-threaded call go on spinning for a while
    after it, on the core the training worker and the agent need. The BLAS helper of the
    support memory's nearest-answer search did exactly that: with it, one decision in 25
    took 3-16 ms while the worker trained, against 1 in 500 with one thread (HTTP, 500
    decisions each way, after a 5,000-call stream). A 0.5 ms GIL switch interval (default
    5 ms): a request waits at most that long behind a training step's Python code.
    """
    import sys

    import numpy  # noqa: F401  (loads the BLAS library threadpoolctl then limits)
    import torch
    from threadpoolctl import threadpool_limits

    torch.set_num_threads(1)
    threadpool_limits(limits=1)
    sys.setswitchinterval(0.0005)


@gate_app.command()
def install(
    claude_code: Annotated[
        bool, typer.Option("--claude-code", help="Install the hooks for Claude Code.")
    ] = False,
    settings: Annotated[
        Path,
        typer.Option(help="Claude Code settings file to merge the hooks into (created if "
                     "missing; other settings are kept)."),
    ] = Path(".claude/settings.json"),
    url: Annotated[
        str | None,
        typer.Option(help="Gate service URL to bake into the hook command (default: the "
                     "hook's own default, http://127.0.0.1:8765)."),
    ] = None,
    data_dir: Annotated[
        Path | None,
        typer.Option(help="The service's --data-dir, baked into the hook command (the hook "
                     "reads the token there); default: $NEUROPLAST_HOME, else ~/.neuroplast."),
    ] = None,
) -> None:
    """Hook the gate into PreToolUse, PermissionRequest, PostToolUse, PermissionDenied.

    The command written is what `neuroplast-hook` runs, started as `python -I -S
    .../hook_cli.py` so that each tool call pays 9 ms less for it."""
    from neuroplast.gate.install import install_claude_code_hooks

    if not claude_code:
        raise InvalidInputError("say which agent to install for: pass --claude-code")
    from neuroplast.config import check_url

    if url is not None:  # the hook speaks plain HTTP to a local service
        url = check_url(url, "--url", schemes=("http",))
    home = data_dir or os.environ.get("NEUROPLAST_HOME") or None
    home = Path(home).expanduser().resolve() if home else None
    if home is not None and home.exists() and not home.is_dir():
        raise InvalidInputError(f"--data-dir {home} is a file; pass the service's data folder")
    result = install_claude_code_hooks(settings, url=url, data_dir=home)
    verb = "installed into" if result.changed else "already installed in"
    Console().print(f"neuroplast gate hooks {verb} {result.path} (command: {result.command})")


def stats_rows(stats: dict[str, Any], prefix: str = "") -> list[tuple[str, str]]:
    """Flatten ``Gate.stats()`` into (name, value) rows; nested dicts get dotted names.

    >>> stats_rows({"mode": "auto", "confusion": {"true_allow": 3}, "ask_rate": 0.25})
    [('mode', 'auto'), ('confusion.true_allow', '3'), ('ask_rate', '0.250')]
    """
    rows: list[tuple[str, str]] = []
    for key, value in stats.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            rows.extend(stats_rows(value, f"{name}."))
        elif isinstance(value, float):
            rows.append((name, f"{value:.3f}"))
        else:
            rows.append((name, str(value)))
    return rows


@gate_app.command()
def token(data_dir: DataDir = None) -> None:
    """Print the install's token (created if missing), which every client must send:
    curl -H "Authorization: Bearer $(neuroplast gate token)" ..."""
    from neuroplast.store import ensure_token

    typer.echo(ensure_token(token_file(data_dir)))


def signed_request(base: str, method: str, path: str, data_dir: Path | None = None,
                   body: dict[str, Any] | None = None, timeout: float = 10.0) -> Any:
    """``method`` ``base + path`` (with ``body`` as JSON), signed with the install's token;
    the response once its signature verifies (so no other program on the port can
    answer). Raises :class:`BackendUnavailable` when the service cannot be reached or its
    answer is not signed; the status code is the caller's to judge."""
    import httpx

    from neuroplast.config import check_url
    from neuroplast.gate.hook_cli import (
        AUTH_SCHEME,
        NONCE_HEADER,
        SIGNATURE_HEADER,
        new_nonce,
        request_mac,
        response_mac,
    )
    from neuroplast.store import read_token

    base = check_url(base, "--url")
    secret = read_token(token_file(data_dir)).encode("ascii")
    url = httpx.URL(f"{base}{path}")
    raw = b"" if body is None else json.dumps(body).encode()
    nonce = new_nonce()
    mac = request_mac(secret, method, url.raw_path.decode("ascii"), nonce, raw)
    headers = {"Authorization": f"{AUTH_SCHEME} {mac}", NONCE_HEADER: nonce}
    if body is not None:
        headers["Content-Type"] = "application/json"
    try:
        response = httpx.request(method, url, content=raw or None, headers=headers,
                                 timeout=timeout)
    except httpx.HTTPError as exc:
        if isinstance(exc, httpx.TimeoutException) and not isinstance(
                exc, httpx.ConnectTimeout):  # connected: something is there
            raise BackendUnavailable(
                f"the service at {base} took the request but did not answer within "
                f"{timeout:g} s; see its log, or try again") from exc
        raise BackendUnavailable(
            f"cannot reach the service at {base} ({exc}); start it with `neuroplast serve` "
            "(or `neuroplast gate serve`) or pass --url"
        ) from exc
    expected = response_mac(secret, nonce, response.status_code, response.content)
    if response.headers.get(SIGNATURE_HEADER) != expected:
        said = f" (it said: {response.text[:300]})" if response.status_code == 401 else ""
        raise BackendUnavailable(
            f"the answer from {base} (HTTP {response.status_code}) is not signed with the "
            f"token in {token_file(data_dir)}: pass the service's --data-dir, or another "
            f"program holds the port{said}"
        )
    return response


def signed_get(base: str, path: str, data_dir: Path | None = None) -> Any:
    """GET ``base + path`` from the service, signed with the token, and its JSON answer
    once its signature verifies (:func:`signed_request`)."""
    response = signed_request(base, "GET", path, data_dir)
    if response.status_code != 200:
        raise BackendUnavailable(
            f"the gate service at {base} answered HTTP {response.status_code}: "
            f"{response.text[:500]}"
        )
    return response.json()


@gate_app.command()
def stats(
    url: Annotated[str | None, typer.Option(help=_URL_HELP)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the raw JSON instead.")] = False,
    data_dir: DataDir = None,
) -> None:
    """Show what the running gate decided and how well it agrees with you."""
    base = (url or default_url()).rstrip("/")
    data = signed_get(base, "/v1/gate/stats", data_dir)
    if as_json:
        typer.echo(json.dumps(data, indent=2, sort_keys=True))
        return
    table = Table(title=f"neuroplast gate — {escape(base)}")
    table.add_column("stat")
    table.add_column("value", justify="right")
    for name, value in stats_rows(data):
        table.add_row(Text(name), Text(value))
    Console().print(table)



@gate_app.command()
def explain(
    tool_use_id: Annotated[str, typer.Argument(help="The call's tool_use_id (Claude Code's).")],
    data_dir: DataDir = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the raw JSON instead.")] = False,
) -> None:
    """Why the gate decided a call: every rule evaluated, in order, and the one that
    decided. Reads the gate's log in the data dir (the service may be running or not)."""
    from neuroplast.gate.log import GateLog
    from neuroplast.store import Database
    from neuroplast.store import data_dir as resolve_data_dir

    path = resolve_data_dir(data_dir) / "gate" / "gate.db"
    if not path.exists():
        raise InvalidInputError(f"no gate log at {path}; pass the service's --data-dir")
    glog = GateLog(Database(path))
    try:
        row = glog.decision(tool_use_id)
    finally:
        glog.close()
    if row is None:
        raise InvalidInputError(f"the gate never decided a call with tool_use_id {tool_use_id!r}")
    trace = json.loads(row.trace_json)
    call = json.loads(row.call_json)
    if as_json:
        typer.echo(json.dumps({"tool_use_id": tool_use_id, "decision": row.decision,
                               "rule": row.source, "reason": row.reason, "p": row.p,
                               "call": call, "trace": trace}, indent=2, sort_keys=True))
        return
    console = Console()
    console.print(f"[bold]{escape(row.decision)}[/] by rule [bold]{escape(row.source)}[/]: "
                  f"{escape(row.reason)}")
    shown = json.dumps(call.get("tool_input"))
    if len(shown) > 300:
        shown = f"{shown[:300]}... ({len(shown) - 300} more characters; --json shows all)"
    console.print(Text(f"call: {call.get('tool_name')} {shown}"))
    table = Table(title="rules evaluated, in order")
    table.add_column("rule")
    table.add_column("verdict")
    table.add_column("why")
    for rule, decision, reason in trace:
        table.add_row(Text(str(rule)), Text(decision or "pass"), Text(str(reason)))
    console.print(table)


@gate_app.command()
def rules() -> None:
    """The gate's decision rules in the order they are evaluated, each with its principle.
    Switch one off with `disabled_rules = ["name"]` in the --config file."""
    from neuroplast.gate.decision_rules import GATE_RULES

    table = Table(title="neuroplast gate rules (first verdict wins)")
    table.add_column("rule")
    table.add_column("principle")
    for rule in GATE_RULES:
        table.add_row(rule.name, rule.principle)
    Console().print(table)
