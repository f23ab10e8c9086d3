"""neuroplast.sona: a router that learns from every outcome (SONA's trajectory engine).

Trajectories with measured quality train a PyTorch router in two loops: an instant
micro-LoRA + route-head gradient step per trajectory, and background cycles that extract
patterns into a ReasoningBank and train a base LoRA with EWC++. Names are loaded lazily, so
``import neuroplast.sona`` does not import torch.

>>> from neuroplast.sona import SonaConfig
>>> SonaConfig.edge_deployment().hidden_dim
32
"""

from __future__ import annotations

from neuroplast.lazy import lazy_exports

__all__ = [
    "BankConfig",
    "DurableEngine",
    "Engine",
    "EphemeralAgent",
    "FederatedCoordinator",
    "LearnedPattern",
    "ReasoningBank",
    "RouteSuggestion",
    "SonaConfig",
    "Trajectory",
    "TrajectoryBuilder",
    "TrajectoryStep",
]

_WHERE = {
    "BankConfig": "config",
    "DurableEngine": "durable",
    "Engine": "engine",
    "EphemeralAgent": "federated",
    "FederatedCoordinator": "federated",
    "LearnedPattern": "pattern",
    "ReasoningBank": "bank",
    "RouteSuggestion": "types",
    "SonaConfig": "config",
    "Trajectory": "types",
    "TrajectoryBuilder": "types",
    "TrajectoryStep": "types",
}

__getattr__ = lazy_exports(__name__, _WHERE)
