"""Federation on a real local Ray cluster: agents as tasks, the coordinator an actor;
every trajectory sent is accepted or rejected, patterns reach the coordinator, and the
local backend gives the same totals."""

from __future__ import annotations

import numpy as np
import pytest

from neuroplast.sona.config import SonaConfig
from neuroplast.sona.distributed import Shards, federate

CFG = SonaConfig(embedding_dim=8, hidden_dim=16, min_trajectories=50,
                 background_interval_s=0.0, bank={"min_cluster_size": 2})


def _shards(agents: int, per_agent: int = 30) -> Shards:
    rng = np.random.default_rng(0)
    centres = np.random.default_rng(99).normal(size=(3, 8))
    n = agents * per_agent
    kinds = np.arange(n) % 3
    routes = ["ab"[int(r)] for r in rng.integers(2, size=n)]
    good = [(r == "a") == (k != 1) for r, k in zip(routes, kinds, strict=True)]
    quality = np.clip(np.where(good, 0.85, 0.25) + rng.normal(0, 0.1, n), 0, 1)
    emb = centres[kinds] + rng.normal(0, 0.1, (n, 8))
    return Shards(emb, routes, quality.tolist(), agents)


def test_local_federation_counts_every_trajectory() -> None:
    out = federate(2, _shards(2), CFG, backend="local", consolidate_every=1, warm_every=1)
    assert out["sent"] == 60 and out["accepted"] + out["rejected"] == 60
    assert 0 < out["rejected"] < 60
    assert out["agents_seen"] == 2 and out["patterns"] > 0 and out["consolidations"] >= 2


@pytest.mark.slow  # starts a Ray cluster and its workers: 30-60 s on 2 busy cores
def test_ray_agents_as_tasks_send_bundles_to_a_coordinator_actor() -> None:
    work = _shards(4)
    local = federate(4, work, CFG, backend="local", consolidate_every=2, warm_every=2)
    out = federate(4, work, CFG, backend="ray", num_cpus=1, consolidate_every=2,
                   warm_every=2)
    assert out["backend"] == "ray"
    for key in ("sent", "accepted", "rejected", "agents_seen", "agents"):
        assert out[key] == local[key], key  # same agents, same data: same counts
    assert out["patterns"] > 0 and out["consolidations"] >= 2


def test_the_federate_command_deals_a_trajectory_log_to_agents(tmp_path) -> None:
    import json

    from typer.testing import CliRunner

    from neuroplast.cli.sona import sona_app

    work = _shards(2, per_agent=15)
    log = tmp_path / "log.jsonl"
    log.write_text("".join(json.dumps({"embedding": e.tolist(), "route": r, "quality": q})
                           + "\n" for e, r, q in zip(work.embeddings, work.routes,
                                                     work.qualities, strict=True)))
    result = CliRunner().invoke(sona_app, ["federate", "--trajectories", str(log),
                                           "--agents", "2"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output.strip().splitlines()[-1])
    assert out["sent"] == 30 and out["accepted"] + out["rejected"] == 30
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"route": "a", "quality": 0.5}\n')
    result = CliRunner().invoke(sona_app, ["federate", "--trajectories", str(bad)])
    assert result.exit_code != 0
    assert "needs text or embedding" in str(result.exception)
