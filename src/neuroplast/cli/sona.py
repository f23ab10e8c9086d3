"""``neuroplast sona``: the SONA router's commands.

``neuroplast sona federate --agents 8 --trajectories log.jsonl --backend ray`` deals the
logged trajectories (JSON lines ``{"embedding": [...] | "text": "...", "route", "quality"}``)
out to ephemeral agents — Ray tasks on a local Ray cluster the command starts (or the one
at ``--address``) — each sends its bundle to a coordinator actor; prints the totals as
JSON. The HTTP routes are on
``neuroplast serve`` (``[sona] enabled = true``).
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

import typer

from neuroplast.errors import InvalidInputError

__all__ = ["sona_app"]

sona_app = typer.Typer(help="SONA: route queries to the model that does best, learnt from "
                            "outcomes.", no_args_is_help=True)


def _read(path: Path) -> tuple[list[Any], list[str], list[float]]:
    queries, routes, qualities = [], [], []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInputError(f"cannot read {path} as UTF-8 JSON lines: {exc}") from exc
    from neuroplast.sona.types import check_quality

    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            query = row["text"] if "text" in row else row["embedding"]
            routes.append(str(row["route"]))
            qualities.append(check_quality(row["quality"]))
        except (ValueError, KeyError, TypeError) as exc:
            raise InvalidInputError(
                f"{path}:{n} is not a trajectory ({exc}); each line needs text or "
                "embedding, route and a quality in [0, 1]") from exc
        queries.append(query)
    if not queries:
        raise InvalidInputError(f"{path} holds no trajectories")
    return queries, routes, qualities


@sona_app.command()
def federate(
    trajectories: Annotated[Path, typer.Option(help="JSON lines of logged trajectories")],
    agents: Annotated[int, typer.Option(help="ephemeral agents to deal them to")] = 8,
    backend: Annotated[str, typer.Option(help="local or ray")] = "local",
    address: Annotated[str | None, typer.Option(
        help="an existing Ray cluster to join (default: start a local one)")] = None,
    num_cpus: Annotated[int | None, typer.Option(help="CPUs of the local Ray cluster")] = None,
    waves: Annotated[int, typer.Option(
        help="agents per wave, each wave warm-started by the ones before (0: one wave)")] = 0,
    quality_threshold: Annotated[float, typer.Option(
        help="trajectories below this quality are counted as rejected")] = 0.4,
) -> None:
    """Federated learning from ephemeral agents into one coordinator."""
    import numpy as np
    import torch

    # the router's tensors are small: extra threads only spin against the agents' own
    torch.set_num_threads(1)

    from neuroplast.sona.config import SonaConfig
    from neuroplast.sona.distributed import Shards
    from neuroplast.sona.distributed import federate as run

    if not 0.0 <= quality_threshold <= 1.0:
        raise InvalidInputError(f"--quality-threshold {quality_threshold}: use a quality in "
                                "[0, 1]")
    if waves < 0:
        raise InvalidInputError(f"--waves {waves}: use 0 (one wave) or the agents per wave")
    if backend == "local" and (address is not None or num_cpus is not None):
        raise InvalidInputError("--address and --num-cpus set up a Ray cluster: pass them "
                                "with --backend ray")
    queries, routes, qualities = _read(trajectories)
    if agents > len(routes):
        raise InvalidInputError(f"--agents {agents} is more than the {len(routes)} trajectories "
                                f"in {trajectories}: each agent needs one at least")
    texts = [q for q in queries if isinstance(q, str)]
    if texts:  # embedded here once, by the bundled MiniLM (agents get vectors)
        from neuroplast.gate.embedding import CachedEmbedder

        vecs = iter(CachedEmbedder().embed(texts))
        queries = [next(vecs) if isinstance(q, str) else q for q in queries]
    try:
        emb = np.asarray(queries, dtype=np.float32)
    except (ValueError, TypeError) as exc:
        raise InvalidInputError(f"embeddings in {trajectories} must be lists of numbers, all "
                                f"one length ({exc})") from exc
    if emb.ndim != 2 or emb.shape[1] == 0 or not np.isfinite(emb).all():
        raise InvalidInputError(f"embeddings in {trajectories} must be finite, non-empty and "
                                "all one length")
    base = SonaConfig.for_ephemeral()
    config = replace(base, embedding_dim=int(emb.shape[1]),
                     max_routes=max(base.max_routes, len(set(routes))))
    out = run(agents, Shards(emb, routes, qualities, agents), config, backend=backend,
              address=address, num_cpus=num_cpus, quality_threshold=quality_threshold,
              warm_every=waves)
    typer.echo(json.dumps(out, sort_keys=True))


@sona_app.command()
def proxy(
    upstream: Annotated[list[str], typer.Option(
        help="NAME=URL of an OpenAI-compatible endpoint (repeat for each)")],
    port: Annotated[int, typer.Option(help="loopback port to listen on", min=0,
                                      max=65535)] = 8780,
    data_dir: Annotated[Path | None, typer.Option(
        help="data dir (default: $NEUROPLAST_HOME or ~/.neuroplast); the token is its "
             "gate/token, the engine lives in sona-proxy/")] = None,
) -> None:
    """An OpenAI chat-completions proxy that routes each request to the best upstream."""
    import uvicorn

    from neuroplast.cli.gate import _tune_for_serving
    from neuroplast.gate.embedding import CachedEmbedder
    from neuroplast.server.app import TOKEN_FILE
    from neuroplast.server.serving import server_config
    from neuroplast.server.sona_proxy import create_proxy
    from neuroplast.sona.durable import DurableEngine
    from neuroplast.store import Database, ensure_token, private_dir
    from neuroplast.store import data_dir as resolve_data_dir

    upstreams: dict[str, str] = {}
    for spec in upstream:
        name, sep, url = spec.partition("=")
        name = name.strip()
        if not sep or not name:
            raise InvalidInputError(f"--upstream {spec!r}: use NAME=URL")
        if name in upstreams:
            raise InvalidInputError(f"--upstream names {name!r} twice; give each a name of "
                                    "its own")
        upstreams[name] = url.strip()
    directory = resolve_data_dir(data_dir)
    token = ensure_token(private_dir(directory / "gate") / TOKEN_FILE).encode("ascii")
    _tune_for_serving()
    folder = directory / "sona-proxy"
    durable = DurableEngine(folder, embedder=CachedEmbedder(Database(folder / "embeddings.db")))
    try:
        app = create_proxy(upstreams, durable, lambda: token)
        typer.echo(f"routing over {', '.join(upstreams)} on http://127.0.0.1:{port}")
        uvicorn.Server(server_config(app, host="127.0.0.1", port=port)).run()
    finally:
        durable.close()
