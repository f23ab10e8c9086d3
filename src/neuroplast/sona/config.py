"""``SonaConfig``: the engine's settings, with the ReasoningBank's and EWC++'s nested.

Field names follow SONA's ``SonaConfig`` where the idea is the same. Defaults that differ
from SONA's say so and why in their help text; the presets live in :mod:`.presets`.

>>> cfg = SonaConfig(micro_lora_rank=2)
>>> SonaConfig.from_json(cfg.to_json()) == cfg
True
>>> SonaConfig(micro_lora_rank=4)
Traceback (most recent call last):
...
neuroplast.errors.ConfigError: SonaConfig.micro_lora_rank=4 is out of range; use a value in [1, 2]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from neuroplast.config import Config, check_range
from neuroplast.core.ewcpp import EWCPlusPlusConfig
from neuroplast.core.loss_shift import LossShiftConfig
from neuroplast.errors import ConfigError

__all__ = ["BankConfig", "SonaConfig"]


def _ints(owner: str, obj: object, names: tuple[str, ...]) -> None:
    for name in names:
        value = getattr(obj, name)
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"{owner}.{name}={value!r} must be an integer")


@dataclass
class BankConfig(Config):
    """How the ReasoningBank extracts, merges, decays and prunes patterns.

    >>> BankConfig(pattern_clusters=10).merge_similarity
    0.9
    """

    pattern_clusters: int = field(default=50, metadata={
        "help": "most clusters k-means makes per cycle (SONA: 50); fewer when there are "
                "fewer than min_cluster_size trajectories per cluster"})
    min_cluster_size: int = field(default=3, metadata={
        "help": "trajectories a cluster needs to become a pattern"})
    merge_similarity: float = field(default=0.9, metadata={
        "help": "a new cluster is merged into the nearest pattern instead of stored again "
                "when their centroids' cosine similarity reaches this, or the cluster's own "
                "mean member similarity if lower (SONA stored every cycle's clusters anew)"})
    decay: float = field(default=0.98, metadata={
        "help": "factor on every pattern's weight per background cycle"})
    prune_min_weight: float = field(default=0.5, metadata={
        "help": "a pattern lighter than this ..."})
    prune_idle_s: float = field(default=7 * 86400.0, metadata={
        "help": "... and unused for this long is pruned"})
    max_patterns: int = field(default=100_000, metadata={
        "help": "bound of the bank; the lightest patterns go first"})
    index_min_patterns: int = field(default=4096, metadata={
        "help": "from this many patterns on, search goes through an approximate index "
                "(FAISS IVF, 8-bit codes) whose candidates are re-scored exactly; below "
                "it search is exact. At 4096 × 384 floats one exact product reads 6 MB, "
                "about a millisecond on a loaded machine"})
    index_probe_fraction: float = field(default=0.1, metadata={
        "help": "fraction of the index's cells a query visits (more: higher recall, "
                "slower)"})
    index_candidates: int = field(default=8, metadata={
        "help": "candidates per wanted result the index proposes for exact re-scoring"})

    def __post_init__(self) -> None:
        owner = "BankConfig"
        _ints(owner, self, ("pattern_clusters", "min_cluster_size", "max_patterns",
                            "index_min_patterns", "index_candidates"))
        check_range(owner, "pattern_clusters", self.pattern_clusters, 1)
        check_range(owner, "min_cluster_size", self.min_cluster_size, 1)
        check_range(owner, "merge_similarity", self.merge_similarity, -1.0, 1.0)
        check_range(owner, "decay", self.decay, 0.0, 1.0, low_inclusive=False)
        check_range(owner, "prune_min_weight", self.prune_min_weight, 0.0)
        check_range(owner, "prune_idle_s", self.prune_idle_s, 0.0, finite=False)  # inf: never
        check_range(owner, "max_patterns", self.max_patterns, 1)
        check_range(owner, "index_min_patterns", self.index_min_patterns, 64)
        check_range(owner, "index_probe_fraction", self.index_probe_fraction, 0.0, 1.0,
                    low_inclusive=False)
        check_range(owner, "index_candidates", self.index_candidates, 1)


@dataclass
class SonaConfig(Config):
    """Everything the engine needs; nested ``bank`` and ``ewc`` may be given as dicts."""

    embedding_dim: int = field(default=384, metadata={
        "help": "query embedding size (SONA: 256; ours: the bundled MiniLM's 384)"})
    hidden_dim: int = field(default=128, metadata={
        "help": "router's hidden layer (SONA: 256; 128 is enough for a route head and "
                "halves the instant loop's cost)"})
    max_routes: int = field(default=16, metadata={"help": "routes the head has room for"})
    micro_lora_rank: int = field(default=2, metadata={
        "help": "instant-loop adapter rank, 1-2 (SONA: 1; 2 lets two route preferences "
                "change at once, e.g. one route degrading while another improves)"})
    micro_lora_lr: float = field(default=0.05, metadata={
        "help": "instant-loop SGD step (SONA: 0.001 on a non-gradient, which moved outputs "
                "by 6e-7 in 200 trajectories; this is a real gradient step)"})
    head_lr: float = field(default=0.1, metadata={
        "help": "instant-loop SGD step of the route head"})
    micro_decay: float = field(default=0.001, metadata={
        "help": "per-update shrink of the micro adapter towards zero: recent adaptations "
                "fade unless the evidence keeps them, while the base LoRA consolidates"})
    policy_weight: float = field(default=0.1, metadata={
        "help": "weight of the policy-gradient term (REINFORCE with a running baseline) "
                "beside the per-route quality regression"})
    instant_replay: int = field(default=4, metadata={
        "help": "stored trajectories replayed with each instant update (0 = none), so "
                "queries not seen for a while keep their gradient"})
    replay_per_key: int = field(default=8, metadata={
        "help": "latest outcomes replayed per (pattern, route): older ones about the same "
                "region and route are superseded"})
    evidence_patterns: int = field(default=8, metadata={
        "help": "patterns nearest a query whose latest outcomes per route are the evidence "
                "the route choice weighs against the model, each by how far outcomes "
                "measured at its similarity differ (neuroplast.sona.shrinkage); 1 = the "
                "nearest pattern only"})
    base_lora_rank: int = field(default=8, metadata={"help": "background adapter rank, 4-16"})
    base_lora_lr: float = field(default=0.01, metadata={
        "help": "background Adam step (SONA: 0.0001 with plain SGD)"})
    base_steps: int = field(default=20, metadata={
        "help": "optimizer steps of the base LoRA per background cycle"})
    base_batch: int = field(default=128, metadata={"help": "trajectories per base step"})
    exploration: Literal["ucb", "thompson"] = field(default="ucb", metadata={
        "help": "ucb: optimism by the model's uncertainty; thompson: sample from it"})
    exploration_beta: float = field(default=1.0, metadata={
        "help": "width of the uncertainty bonus (UCB) or of the sampled spread (Thompson)"})
    prior_precision: float = field(default=1.0, metadata={
        "help": "prior precision of the last-layer Gaussian the uncertainty comes from"})
    evidence_decay: float = field(default=0.999, metadata={
        "help": "per-update forgetting of that evidence, so a route that changes becomes "
                "uncertain again (1 = never forget)"})
    trajectory_capacity: int = field(default=10_000, metadata={
        "help": "trajectories kept for replay and pattern extraction (SONA: 10000)"})
    min_trajectories: int = field(default=100, metadata={
        "help": "new trajectories a background cycle waits for; fewer stay buffered "
                "(SONA drained and discarded them); force_learn ignores this"})
    background_interval_s: float = field(default=60.0, metadata={
        "help": "seconds between background cycles run on their own (SONA: 3600); "
                "0 = only when ticked or forced"})
    quality_threshold: float = field(default=0.5, metadata={
        "help": "trajectories at or above this quality shape the patterns' centroids "
                "(SONA's meaning); route statistics count every outcome"})
    seed: int = field(default=0, metadata={"help": "seed of weights and exploration"})
    bank: BankConfig = field(default_factory=BankConfig)
    ewc: EWCPlusPlusConfig = field(default_factory=lambda: EWCPlusPlusConfig(
        auto_boundary=False, anchor="task"), metadata={
        "help": "EWC++ of the base LoRA (SONA: λ=1000, the same; its EWC++ never ran). Its "
                "own gradient-norm boundary detector is off: a background batch mixes "
                "replayed trajectories with new ones, so a drift in one region of query "
                "space barely lifts the gradient norm (it fired after 1 drift in 5 on the "
                "routing benchmark); tasks end where `drift` finds them. Centred per task "
                "(anchor 'task'), what SONA's figures were measured with"})
    drift: LossShiftConfig = field(default_factory=LossShiftConfig, metadata={
        "help": "task boundaries for EWC++ from the router's prequential errors: a "
                "background cycle's new trajectories whose mean squared error (prediction "
                "before learning vs measured quality) jumps above the running level"})

    def __post_init__(self) -> None:
        owner = "SonaConfig"
        if isinstance(self.bank, dict):
            self.bank = BankConfig.from_dict(self.bank)
        if isinstance(self.ewc, dict):
            self.ewc = EWCPlusPlusConfig.from_dict(self.ewc)
        if isinstance(self.drift, dict):
            self.drift = LossShiftConfig.from_dict(self.drift)
        for name, kind in (("bank", BankConfig), ("ewc", EWCPlusPlusConfig),
                           ("drift", LossShiftConfig)):
            if not isinstance(getattr(self, name), kind):
                raise ConfigError(f"{owner}.{name}={getattr(self, name)!r}; give a "
                                  f"{kind.__name__} (a table in a file)")
        _ints(owner, self, ("embedding_dim", "hidden_dim", "max_routes", "micro_lora_rank",
                            "base_lora_rank", "replay_per_key", "evidence_patterns",
                            "base_steps", "base_batch", "instant_replay",
                            "trajectory_capacity", "min_trajectories", "seed"))
        check_range(owner, "embedding_dim", self.embedding_dim, 1)
        check_range(owner, "hidden_dim", self.hidden_dim, 1)
        check_range(owner, "max_routes", self.max_routes, 1, 1024)
        check_range(owner, "micro_lora_rank", self.micro_lora_rank, 1, 2)
        check_range(owner, "base_lora_rank", self.base_lora_rank, 4, 16)
        for name in ("micro_lora_lr", "head_lr", "base_lora_lr"):
            check_range(owner, name, getattr(self, name), 0.0, 10.0, low_inclusive=False)
        check_range(owner, "micro_decay", self.micro_decay, 0.0, 1.0, high_inclusive=False)
        check_range(owner, "policy_weight", self.policy_weight, 0.0)
        check_range(owner, "instant_replay", self.instant_replay, 0, 1024)
        check_range(owner, "replay_per_key", self.replay_per_key, 1)
        check_range(owner, "evidence_patterns", self.evidence_patterns, 1, 1024)
        check_range(owner, "base_steps", self.base_steps, 1)
        check_range(owner, "base_batch", self.base_batch, 1)
        if self.exploration not in ("ucb", "thompson"):
            raise ConfigError(
                f"SonaConfig.exploration={self.exploration!r} is unknown; use 'ucb' or 'thompson'"
            )
        check_range(owner, "exploration_beta", self.exploration_beta, 0.0)
        check_range(owner, "prior_precision", self.prior_precision, 0.0, low_inclusive=False)
        check_range(owner, "evidence_decay", self.evidence_decay, 0.0, 1.0, low_inclusive=False)
        check_range(owner, "trajectory_capacity", self.trajectory_capacity, 1)
        check_range(owner, "min_trajectories", self.min_trajectories, 1)
        check_range(owner, "background_interval_s", self.background_interval_s, 0.0)
        check_range(owner, "quality_threshold", self.quality_threshold, 0.0, 1.0)
        check_range(owner, "seed", self.seed, 0)
        if self.min_trajectories > self.trajectory_capacity:
            raise ConfigError(
                f"SonaConfig.min_trajectories={self.min_trajectories} exceeds "
                f"trajectory_capacity={self.trajectory_capacity}; a cycle could never start. "
                "Lower min_trajectories or raise trajectory_capacity"
            )

    # The presets, as SONA names them (see neuroplast.sona.presets for what each changes).
    @classmethod
    def max_throughput(cls) -> SonaConfig:
        from neuroplast.sona.presets import max_throughput

        return max_throughput()

    @classmethod
    def max_quality(cls) -> SonaConfig:
        from neuroplast.sona.presets import max_quality

        return max_quality()

    @classmethod
    def edge_deployment(cls) -> SonaConfig:
        from neuroplast.sona.presets import edge_deployment

        return edge_deployment()

    @classmethod
    def batch_processing(cls) -> SonaConfig:
        from neuroplast.sona.presets import batch_processing

        return batch_processing()

    @classmethod
    def for_ephemeral(cls) -> SonaConfig:
        from neuroplast.sona.presets import for_ephemeral

        return for_ephemeral()

    @classmethod
    def for_coordinator(cls) -> SonaConfig:
        from neuroplast.sona.presets import for_coordinator

        return for_coordinator()
