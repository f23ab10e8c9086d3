"""A simulated multi-endpoint world for the SONA routing benchmark.

Queries are real tldr command descriptions embedded with the bundled MiniLM. Each belongs
to a hidden *topic* (a family of tools: git, containers, packaging, networking...), which
the router never sees. Every seed draws its own world: which topics occur, how many routes,
a hidden table of each route's quality per topic, the noise level, a drift half-way (one
route degrades on some topics, another improves on one) and a topic that goes quiet for the
middle third and then returns. The quality a route earns is the table's value plus noise,
clipped to [0, 1].

>>> topics = topic_of("git-commit"), topic_of("kubectl"), topic_of("ls")
>>> topics
('git', 'kubernetes', None)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from neuroplast_bench.gate_stream import load_tldr

__all__ = ["TOPICS", "World", "embedded_corpus", "make_world", "topic_of"]

# Tool families by name: what a user of several endpoints would call kinds of questions.
TOPICS: dict[str, str] = {
    "git": r"^git",
    "docker": r"^docker|^podman",
    "kubernetes": r"^kubectl|^helm|^minikube|^kind$|^k3d|^k9s",
    "packages": r"^apt|^dnf|^pacman|^brew|^pip|^npm|^yarn|^cargo|^gem$|^snap|^flatpak|^zypper"
                r"|^yum",
    "media": r"^ffmpeg|^convert|^magick|^gimp|^sox|^mpv|^vlc|^yt-dlp|^youtube|^exiftool",
    "archives": r"^tar$|^zip|^unzip|^gzip|^bzip2|^xz|^7z|^zstd|^rar|^unrar|^gunzip",
    "network": r"^curl|^wget|^ssh|^scp|^ping|^nmap|^netstat|^ss$|^ip$|^dig|^nslookup"
               r"|^traceroute|^nc$|^rsync|^ftp|^telnet|^ifconfig|^iptables|^tcpdump",
    "text": r"^grep|^sed|^awk|^cut|^sort|^uniq|^tr$|^wc$|^jq|^head|^tail|^xargs|^rg$|^ag$",
    "system": r"^systemctl|^journalctl|^service|^crontab|^ps$|^kill|^top$|^htop|^lsof|^free"
              r"|^df$|^du$|^mount|^umount|^lsblk|^fdisk|^mkfs",
    "languages": r"^python|^node|^gcc|^clang|^make$|^cmake|^go$|^rustc|^javac|^java$|^ruby"
                 r"|^perl|^php|^gdb|^lldb",
    "cloud": r"^aws|^az$|^gcloud|^terraform|^ansible|^vagrant",
    "databases": r"^psql|^mysql|^sqlite3|^redis-cli|^mongo|^pg_",
}
_COMPILED = [(name, re.compile(p)) for name, p in TOPICS.items()]


def topic_of(tool: str) -> str | None:
    """The first topic whose pattern matches ``tool``; None for tools outside all topics."""
    for name, pattern in _COMPILED:
        if pattern.search(tool):
            return name
    return None


def embedded_corpus(cache: Path | None = None) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """``(embeddings, topic index per row, queries)`` of every tldr row in a topic.

    A query is ``"<tool>: <description>"``, as a user asking an endpoint about a command
    would name it: descriptions alone ("List all files") are shared across tool families,
    and a supervised classifier on their embeddings finds the family only 62-76% of the
    time, which would cap any router far below the oracle whatever it learns.

    Embeddings are computed once with the bundled MiniLM and kept in ``cache`` (a .npy of
    float32, read without pickle) keyed by the row count.
    """
    rows = [r for r in load_tldr() if topic_of(r["tool"]) is not None]
    texts = [f"{r['tool']}: {r['description']}" for r in rows]
    names = list(TOPICS)
    labels = np.array([names.index(topic_of(r["tool"])) for r in rows], dtype=np.int64)
    if cache is not None and cache.is_file():
        vecs = np.load(cache, allow_pickle=False)
        if vecs.shape[0] == len(texts):
            return vecs, labels, texts
    from neuroplast.gate.embedding import CachedEmbedder

    vecs = CachedEmbedder(capacity=len(texts) + 1).embed(texts)
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(".tmp.npy")
        np.save(tmp, vecs, allow_pickle=False)
        tmp.replace(cache)
    return vecs, labels, texts


@dataclass
class World:
    """One seed's hidden world: topics in play, route qualities before/after the drift."""

    seed: int
    topics: list[int]                # topic indices that occur
    routes: list[str]
    before: np.ndarray               # (n_topics_total, n_routes) mean quality
    after: np.ndarray                # the table after the drift
    noise: float
    quiet_topic: int                 # absent in the middle third, back in the last
    drifted: list[tuple[int, int]] = field(default_factory=list)  # (topic, route) changed

    def table(self, t: int, n: int) -> np.ndarray:
        """The quality table in force at step ``t`` of ``n``."""
        return self.before if t < n // 2 else self.after

    def quality(self, topic: int, route: int, t: int, n: int, rng: np.random.Generator) -> float:
        mean = self.table(t, n)[topic, route]
        return float(np.clip(mean + rng.normal(0.0, self.noise), 0.0, 1.0))


def make_world(seed: int, n_topics_total: int = len(TOPICS)) -> World:
    """Draw a world: 6-10 topics, 3-6 routes, noise 0.05-0.15, a drift and a quiet topic."""
    rng = np.random.default_rng(10_000 + seed)
    k = int(rng.integers(6, 11))
    topics = sorted(rng.choice(n_topics_total, size=k, replace=False).tolist())
    n_routes = int(rng.integers(3, 7))
    routes = [f"route{i}" for i in range(n_routes)]
    # Each route is a generalist of middling quality with a few specialities.
    base = rng.uniform(0.3, 0.65, size=(1, n_routes))
    table = np.clip(base + rng.normal(0.0, 0.12, size=(n_topics_total, n_routes)), 0.05, 0.95)
    for r in range(n_routes):
        for topic in rng.choice(topics, size=max(1, k // n_routes), replace=False):
            table[topic, r] = rng.uniform(0.75, 0.95)
    after = table.copy()
    drifted = []
    # The drift: the best route of some topics degrades there; another route improves on one.
    for topic in rng.choice(topics, size=max(1, k // 3), replace=False):
        best = int(np.argmax(table[topic]))
        after[topic, best] = rng.uniform(0.1, 0.35)
        drifted.append((int(topic), best))
    lucky_topic = int(rng.choice(topics))
    lucky_route = int(rng.integers(n_routes))
    after[lucky_topic, lucky_route] = min(0.97, after[lucky_topic].max() + 0.1)
    drifted.append((lucky_topic, lucky_route))
    untouched = [t for t in topics if all(t != d for d, _ in drifted)] or topics
    return World(seed=seed, topics=topics, routes=routes, before=table, after=after,
                 noise=float(rng.uniform(0.05, 0.15)), quiet_topic=int(rng.choice(untouched)),
                 drifted=drifted)
