"""``neuroplast peers``: this install's identity, and the peers it trusts (default deny).

The trust list is a file in the data dir (``peers/peers.db``), read by the running service
on every exchange: a peer added or removed here counts at once. ``remove --forget`` also
deletes what the peer taught and retrains the gate from the log without it, through the
running service (a signed request), or, when none runs, in the files directly (the next
start then retrains from the log).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from neuroplast.errors import BackendUnavailable, InvalidInputError, StoreError

__all__ = ["peers_app"]

peers_app = typer.Typer(help="BrainSync: the peers whose gate answers teach yours.",
                        no_args_is_help=True)

DataDir = Annotated[Path | None, typer.Option(
    help="The service's data dir (default: $NEUROPLAST_HOME or ~/.neuroplast).")]


def _folder(data_dir: Path | None) -> Path:
    from neuroplast.store import data_dir as resolve_data_dir

    return resolve_data_dir(data_dir) / "peers"


def _peer_list(data_dir: Path | None) -> Any:
    from neuroplast.peers import PeerList

    return PeerList(_folder(data_dir) / "peers.db")


@peers_app.command()
def identity(data_dir: DataDir = None) -> None:
    """Print this install's public key (created if missing): give it to your peers."""
    from neuroplast.peers import Identity
    from neuroplast.peers.identity import KEY_PREFIX

    key = Identity.load_or_create(_folder(data_dir) / "identity.pem").public_key
    typer.echo(KEY_PREFIX + key)


@peers_app.command()
def add(
    name: Annotated[str, typer.Argument(help="A name for the peer (letters, digits, ._-).")],
    pubkey: Annotated[str, typer.Argument(help="Its key (`neuroplast peers identity` there).")],
    url: Annotated[str, typer.Argument(help="Its service, e.g. https://bob.lan:8766 (its "
                                            "--tls-port).")],
    trust: Annotated[str, typer.Option(help="signals: its gate answers teach yours; weights: "
                                       "also its memory adapter and SONA router, both ways "
                                       "when it trusts you with weights too (they count "
                                       "below yours: \\[peers] adapter_weight).")
                     ] = "signals",
    data_dir: DataDir = None,
) -> None:
    """Trust a peer: its signed answers are applied; nothing from other keys is."""
    from neuroplast.peers import Identity
    from neuroplast.peers.identity import bare_public_key

    own = _folder(data_dir) / "identity.pem"
    if own.exists() and bare_public_key(pubkey) == Identity.load_or_create(own).public_key:
        raise InvalidInputError("that key is this install's own (`neuroplast peers identity`); "
                                "add the key `neuroplast peers identity` prints on the peer")
    peer = _peer_list(data_dir).add(name, pubkey, url, trust)
    Console().print(f"trusting {peer.name} ({peer.key[:12]}...) at {peer.url}, trust "
                    f"{peer.trust}")


@peers_app.command("list")
def list_peers(data_dir: DataDir = None) -> None:
    """The peers trusted, what was exchanged with each, and what was refused."""
    peers = _peer_list(data_dir)
    health = peers.health()
    table = Table(title="neuroplast peers")
    for column in ("name", "key", "url", "trust", "acked", "failures", "last error"):
        table.add_column(column)
    for peer in peers.all():
        h = health.get(peer.name, {})
        table.add_row(peer.name, peer.key[:12] + "...", Text(peer.url), peer.trust,
                      str(h.get("acked", 0)), str(h.get("failures", 0)),
                      Text(str(h.get("last_error", ""))[:60]))
    console = Console()
    console.print(table)
    refused = peers.refusals()
    if refused:
        console.print(Text("refused: " + ", ".join(f"{k} {v}" for k, v in refused.items())))
    from neuroplast.peers.adapters import applied
    from neuroplast.store import data_dir as resolve_data_dir

    home = resolve_data_dir(data_dir)
    counting = {(e["peer"], e["kind"], e["version"]) for kind in ("memory", "sona")
                for e in applied(home, kind)}
    for taken in peers.adapters_in():  # weights from peers trusted with them
        counts = (taken["peer"], taken["kind"], taken["version"]) in counting
        console.print(Text(f"adapter from {taken['peer']}: {taken['kind']} v{taken['version']} "
                           f"at {taken['path']}{' (counts now)' if counts else ''}"))


@peers_app.command()
def remove(
    name: Annotated[str, typer.Argument(help="The peer's name.")],
    forget: Annotated[bool, typer.Option(help="Also delete everything it taught and retrain "
                                         "the gate from the log without it.")] = False,
    url: Annotated[str | None, typer.Option(help="The running service (default: "
                                            "$NEUROPLAST_URL or port 8765).")] = None,
    data_dir: DataDir = None,
) -> None:
    """Stop trusting a peer (and, with --forget, unlearn what it taught)."""
    gone = _peer_list(data_dir).remove(name)
    if not gone and not forget:
        raise InvalidInputError(f"no trusted peer is named {name!r}; `neuroplast peers list` "
                                "shows them (--forget still unlearns a removed peer)")
    console = Console()
    console.print(Text(f"{name} removed from the trust list" if gone
                       else f"{name} was not trusted; forgetting what it taught"))
    if not forget:
        return
    base = (url or os.environ.get("NEUROPLAST_URL") or "http://127.0.0.1:8765").rstrip("/")
    try:
        with console.status(f"the service at {escape(base)} forgets {escape(name)} and "
                            "retrains the gate (minutes on a long log)..."):
            answer = _signed_post(base, "/v1/peers/forget", {"name": name}, data_dir)
        console.print(Text(f"forgot {answer['forgotten']} answers from {name}; the gate "
                           "retrained"))
    except (BackendUnavailable, StoreError) as exc:  # no service runs (or never ran)
        # Only when nothing listens: a service that took the request but is slow to
        # answer still runs, and its files must not be changed under it.
        if isinstance(exc, BackendUnavailable) and "cannot reach" not in str(exc):
            raise
        console.print(Text(f"forgot {_forget_offline(name, data_dir)} answers from {name}; "
                           "the gate retrains from its log when the service next starts"))


def _forget_offline(name: str, data_dir: Path | None) -> int:
    from neuroplast.gate.peer_log import PeerLog
    from neuroplast.peers.adapters import remove_received
    from neuroplast.store import Database
    from neuroplast.store import data_dir as resolve_data_dir

    home = resolve_data_dir(data_dir)
    peers = _peer_list(data_dir)
    try:
        peers.forget_adapters(name)  # and the adapter weights it sent
    finally:
        peers.close()
    remove_received(home, name)
    gate_dir = home / "gate"
    if not (gate_dir / "gate.db").exists():
        return 0
    db = Database(gate_dir / "gate.db")
    try:
        gone = PeerLog(db).forget(f"peer:{name}")
    finally:
        db.close()
    for folder in ("checkpoint", "checkpoint.old", "checkpoint.tmp"):
        shutil.rmtree(gate_dir / folder, ignore_errors=True)  # retrain from the log
    return gone


def _signed_post(base: str, path: str, body: dict[str, Any], data_dir: Path | None) -> Any:
    """POST ``body`` signed with the token; the answer once its signature verifies."""
    from neuroplast.cli.gate import signed_request

    response = signed_request(base, "POST", path, data_dir, body=body, timeout=600)
    if response.status_code != 200:
        raise InvalidInputError(f"the service refused: {response.text[:500]}")
    try:
        answer = response.json()
        int(answer["forgotten"])
    except (ValueError, KeyError, TypeError) as exc:
        raise BackendUnavailable(f"the service at {base} answered without a count of what "
                                 f"it forgot: {response.text[:300]}") from exc
    return answer
