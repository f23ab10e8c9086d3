"""``neuroplast serve`` (every subsystem on one service), ``neuroplast status`` and
``neuroplast dashboard`` (a one-time login link for the dashboard).

The config file (``<data dir>/config.toml`` unless ``--config``) has a ``[service]`` table
and one table per subsystem (``neuroplast.server.service_config``); options given here win
over it. ``status`` signs its request with the install's token and checks the answer's
signature, as ``neuroplast gate stats`` does.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from neuroplast.errors import BackendUnavailable, InvalidInputError

__all__ = ["dashboard", "serve", "status", "status_lines"]

CONFIG_FILE = "config.toml"


def serve(
    data_dir: Annotated[Path | None, typer.Option(
        help="The one data dir of every subsystem (default: $NEUROPLAST_HOME or "
             "~/.neuroplast).")] = None,
    config_file: Annotated[Path | None, typer.Option(
        "--config", help="TOML file: a \\[service] table and one table per subsystem "
                         "(default: <data dir>/config.toml, if there is one).")] = None,
    host: Annotated[str | None, typer.Option(
        help="Interface to listen on (default 127.0.0.1); another than loopback needs "
             "--allow-remote.")] = None,
    port: Annotated[int | None, typer.Option(help="TCP port (default 8765).")] = None,
    allow_remote: Annotated[bool, typer.Option(
        "--allow-remote", help="Allow a --host other machines can reach (requests still "
                               "need the token, sent in clear text over plain HTTP).")] = False,
    allowed_host: Annotated[list[str] | None, typer.Option(
        help="With --allow-remote: a Host name clients may use (repeatable).")] = None,
    without: Annotated[list[str] | None, typer.Option(
        help="A subsystem not to run, e.g. --without peers (repeatable).")] = None,
    tls_port: Annotated[int | None, typer.Option(
        help="Also listen with HTTPS on this port (for peers on other machines); the hook "
             "and the CLI keep the plain loopback port.")] = None,
    tls_host: Annotated[str | None, typer.Option(
        help="Interface of the HTTPS listener (default 127.0.0.1; another needs "
             "--allow-remote).")] = None,
    ssl_certfile: Annotated[Path | None, typer.Option(
        help="PEM certificate (chain) of the HTTPS listener.")] = None,
    ssl_keyfile: Annotated[Path | None, typer.Option(
        help="PEM private key of the HTTPS listener.")] = None,
) -> None:
    """Run every installed subsystem (gate, peers, dashboard, sona, memory) on one service."""
    from neuroplast.cli.gate import _tune_for_serving
    from neuroplast.server.guard import is_loopback
    from neuroplast.server.listeners import Listeners, TLSListener
    from neuroplast.server.service import create_service
    from neuroplast.server.service_config import ServiceConfig
    from neuroplast.server.subsystems import available
    from neuroplast.store import data_dir as resolve_data_dir

    directory = resolve_data_dir(data_dir)
    subsystems = available()
    config = ServiceConfig.from_file(config_file or directory / CONFIG_FILE, subsystems)
    if config_file is not None and not config_file.exists():
        raise InvalidInputError(f"no config file {config_file}; pass an existing --config")
    settings = config.service
    overrides: dict[str, Any] = {"disabled": sorted({*settings.disabled, *(without or ())})}
    # a subsystem only --without turns off is not "disabled in the file" (status says which)
    off_now = tuple(n for n in (without or ()) if n not in settings.disabled)
    if host is not None:
        overrides["host"] = host
    if port is not None:
        overrides["port"] = port
    if allow_remote:
        overrides["allow_remote"] = True
    if allowed_host:
        overrides["allowed_hosts"] = [*settings.allowed_hosts, *allowed_host]
    for name, value in (("tls_port", tls_port), ("tls_host", tls_host),
                        ("tls_certfile", ssl_certfile), ("tls_keyfile", ssl_keyfile)):
        if value is not None:
            overrides[name] = str(value) if isinstance(value, Path) else value
    config = ServiceConfig(replace(settings, **overrides), config.sections, subsystems,
                           path=config.path, without=off_now)
    settings = config.service
    remote = not is_loopback(settings.host)
    secure_remote = bool(settings.tls_port) and not is_loopback(settings.tls_host)
    for flag, where in (("--host", settings.host if remote else ""),
                        ("--tls-host", settings.tls_host if secure_remote else "")):
        if where and not settings.allow_remote:
            raise InvalidInputError(
                f"{flag} {where} can be reached from other machines; the service answers "
                "for your agent's tool calls, so keep it on 127.0.0.1, or pass "
                "--allow-remote if you mean it")
    tls = TLSListener(settings.tls_host, settings.tls_port, settings.tls_certfile,
                      settings.tls_keyfile) if settings.tls_port else None
    os.umask(0o077)  # every file this process (and its training worker) writes is private
    for exposed, name in ((remote, settings.host), (secure_remote, settings.tls_host)):
        if exposed:  # the Guard reads its Host names when the app is built
            config.service.allowed_hosts.append(name)
    app = create_service(config, data_dir=directory)  # opens nothing until it starts
    listeners = Listeners(app, settings.host, settings.port, tls)  # reads the TLS files
    console = Console()
    started = [name for name in subsystems if config.enabled(name)]
    running = [name for name in started if not config.not_enabled(name)]
    idle = [name for name in started if config.not_enabled(name)]
    console.print(f"neuroplast serving {', '.join(running) or 'nothing'} on "
                  f"http://{settings.host}:{settings.port}"
                  + (f" and https://{settings.tls_host}:{settings.tls_port}" if tls else "")
                  + f", data in {escape(str(directory))}"
                  + (f"; not enabled: {', '.join(idle)} (set enabled = true in its table of "
                     f"{escape(config.where())})" if idle else ""))
    if remote:
        console.print(f"[yellow]warning:[/] {settings.host} is reachable from other machines; "
                      "they need the token, which plain HTTP sends in clear text (use "
                      "--tls-port for peers instead)")
    if secure_remote:
        console.print(f"[yellow]note:[/] https://{settings.tls_host}:{settings.tls_port} is "
                      "reachable from other machines (every route but the peers' needs the "
                      "token)")
    _tune_for_serving()
    listeners.run()


def status_lines(data: dict[str, Any]) -> list[tuple[str, str, str]]:
    """``(subsystem, state, what it has learned)`` rows of a ``/v1/status`` answer.

    >>> status_lines({"subsystems": {"gate": {"running": True, "decisions": 12,
    ...     "labelled": 10, "ask_rate": 0.25, "agreement": 0.9, "converged": False,
    ...     "model_version": 3, "answers_from": {"user": 10, "peer:ann": 4}},
    ...     "sona": {"running": False, "why": "not installed"},
    ...     "memory": {"running": True, "enabled": False, "why": "not enabled: set ..."}}})
    [('gate', 'running', 'decisions 12 · labelled 10 · ask_rate 0.250 · agreement 0.900 \
· converged False · model_version 3 · answers_from user 10, peer:ann 4'), ('sona', 'off', \
'not installed'), ('memory', 'off', 'not enabled: set ...')]
    """
    rows = []
    for name, info in data.get("subsystems", {}).items():
        if not info.get("running"):
            rows.append((name, "off", str(info.get("why", ""))))
            continue
        if info.get("enabled") is False:  # started, but its section leaves it off
            rows.append((name, "off", str(info.get("why", "not enabled"))))
            continue
        parts = [f"{key} {_brief(value)}" for key, value in info.items()
                 if key != "running" and value not in ({}, [])]
        rows.append((name, "running", " · ".join(parts)))
    return rows


def _brief(value: Any) -> str:
    """A status value in a few words: numbers to three places, a table as ``k v, k v``."""
    if isinstance(value, float):
        return f"{value:.3f}"
    if isinstance(value, dict):
        return ", ".join(f"{k} {_brief(v)}" for k, v in value.items())
    if isinstance(value, list):
        return f"{len(value)} items"
    return str(value)


def status(
    url: Annotated[str | None, typer.Option(
        help="URL of the service (default: $NEUROPLAST_URL or http://127.0.0.1:8765).")] = None,
    data_dir: Annotated[Path | None, typer.Option(
        help="The service's data dir, which holds its token.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the raw JSON instead.")] = False,
) -> None:
    """What is running and what each subsystem has learned."""
    import json

    from neuroplast.cli.gate import signed_get, signed_request

    base = (url or os.environ.get("NEUROPLAST_URL") or "http://127.0.0.1:8765").rstrip("/")
    answer = signed_request(base, "GET", "/v1/status", data_dir)
    if answer.status_code == 404:
        # `neuroplast gate serve`: the gate's own service, which has no /v1/status
        stats = signed_get(base, "/v1/gate/stats", data_dir)
        keys = ("mode", "decisions", "labelled", "ask_rate", "agreement", "converged",
                "model_version")
        data = {"service": "neuroplast gate serve", "subsystems": {"gate": {
            "running": True, **{k: stats[k] for k in keys if k in stats}}}}
    elif answer.status_code != 200:
        raise BackendUnavailable(f"the service at {base} answered HTTP {answer.status_code}: "
                                 f"{answer.text[:500]}")
    else:
        data = answer.json()
    if as_json:
        typer.echo(json.dumps(data, indent=2, sort_keys=True))
        return
    title = (f"neuroplast at {base} (pid {data.get('pid')}, up {data.get('uptime_s')} s, "
             f"data in {data.get('data_dir')})") if "pid" in data else (
             f"{data.get('service', 'neuroplast')} at {base}")
    table = Table(title=escape(title))
    table.add_column("subsystem")
    table.add_column("state")
    table.add_column("learning")
    # escaped: rich reads "[service]" in "disabled in [service] of ..." as markup and
    # drops it, which left "disabled in  of <path>"
    for name, state, learned in status_lines(data):
        table.add_row(escape(name), f"[green]{state}[/]" if state == "running"
                      else escape(state), escape(learned))
    Console().print(table)


def dashboard(
    url: Annotated[str | None, typer.Option(
        help="URL of the service (default: $NEUROPLAST_URL or http://127.0.0.1:8765).")] = None,
    data_dir: Annotated[Path | None, typer.Option(
        help="The service's data dir, which holds its token.")] = None,
    open_browser: Annotated[bool, typer.Option(
        "--open", help="Open the link in the default browser.")] = False,
) -> None:
    """Print a one-time link that logs this browser into the dashboard (valid 5 minutes)."""
    from neuroplast.cli.gate import token_file
    from neuroplast.config import check_url
    from neuroplast.server.sessions import LOGIN_PATH, login_code
    from neuroplast.store import read_token

    base = check_url(url or os.environ.get("NEUROPLAST_URL") or "http://127.0.0.1:8765",
                     "--url")
    link = f"{base}{LOGIN_PATH}?code={login_code(read_token(token_file(data_dir)).encode())}"
    typer.echo(link)
    if open_browser:
        import webbrowser

        webbrowser.open(link)
