"""neuroplast.gate - the learning tool-call gate (the SPF gateway's learning engine, real).

Names are re-exported lazily (PEP 562) so that ``neuroplast.gate.hook_cli``, which runs
on every tool call of an agent, starts without importing torch.

>>> from neuroplast.gate import GateConfig
>>> GateConfig().bands.allow
0.8
"""

from __future__ import annotations

from neuroplast.lazy import lazy_exports

__all__ = [
    "STRUCTURAL_DIM",
    "CachedEmbedder",
    "EmbedderConfig",
    "FeatureExtractor",
    "FeedbackResult",
    "Gate",
    "GateConfig",
    "GateDecision",
    "GateLog",
    "GateModel",
    "GateModelConfig",
    "Lesson",
    "PermissionRules",
    "RiskReport",
    "RuleMatch",
    "Teacher",
    "ToolCall",
    "agreement_series",
    "bce_loss",
    "call_signature",
    "feedback_weight",
    "gate_stats",
    "handle_claude_code_event",
    "inspect_call",
    "render_call",
    "structural_features",
]

_WHERE = {
    "STRUCTURAL_DIM": "features",
    "CachedEmbedder": "embedding",
    "EmbedderConfig": "embedding",
    "FeatureExtractor": "features",
    "FeedbackResult": "gate",
    "Gate": "gate",
    "GateConfig": "config",
    "GateDecision": "gate",
    "GateLog": "log",
    "GateModel": "model",
    "GateModelConfig": "model",
    "Lesson": "teacher",
    "PermissionRules": "rules",
    "RiskReport": "inspect",
    "RuleMatch": "rules",
    "Teacher": "teacher",
    "ToolCall": "calls",
    "agreement_series": "stats",
    "bce_loss": "model",
    "call_signature": "teacher",
    "feedback_weight": "teacher",
    "gate_stats": "stats",
    "handle_claude_code_event": "hooks",
    "inspect_call": "inspect",
    "render_call": "render",
    "structural_features": "features",
}


__getattr__ = lazy_exports(__name__, _WHERE)
