"""The facts about one call that the gate's rules decide on, each computed once.

The cheap facts (the model's p and band, the user rule that matches) are given; the
rest (inspection's risk report, the evidence keys, what the memory of answers holds
about the call) are computed the first time a rule asks for them and kept, so no fact
is computed twice and none is computed for a call a rule decided before needing it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from neuroplast.gate.calls import ToolCall
from neuroplast.gate.inspect import RiskReport, inspect_call
from neuroplast.gate.support import (
    Evidence,
    SupportMemory,
    call_identity,
    command_identity,
    program_keys,
)
from neuroplast.gate.touches import is_touch_key

if TYPE_CHECKING:
    from neuroplast.gate.config import GateConfig
    from neuroplast.gate.rules import RuleMatch

__all__ = ["CallFacts"]


@dataclass
class CallFacts:
    """One call, as the rules see it."""

    call: ToolCall
    config: GateConfig
    memory: SupportMemory
    p: float | None  # P(user approves) by the model; None when a user rule decided alone
    band: str  # what p alone says: allow / ask / deny ("" without p)
    match: RuleMatch | None  # the user's own rule that matches the call
    labels: int  # calls the user has answered about
    accuracy: float  # share of the recent answers the live model fits
    vector: Any = None  # the call's unit MiniLM embedding (numpy), None without p
    peer_taught: bool = False  # the model has learned from a peer's answers
    ask_share: float = 0.0  # share of the gate's recent decisions that asked the user
    described: Any = None  # unit MiniLM embedding of the agent's description, None without

    @cached_property
    def risk(self) -> RiskReport:
        return inspect_call(self.call)

    @cached_property
    def keys(self) -> tuple[str, ...]:
        return program_keys(self.call)

    @cached_property
    def identity(self) -> int:
        return call_identity(self.call)

    @cached_property
    def evidence(self) -> Evidence:
        return self.memory.evidence(self.vector, self.keys, self.described,
                                    command_identity(self.call))

    @cached_property
    def flags(self) -> tuple[str, ...]:
        """The call's flag and sub-command keys (``Bash:git --force``, ``Bash:git push``)."""
        return tuple(k for k in self.keys
                     if " " in k and " =" not in k and not is_touch_key(k))

    @property
    def ps(self) -> str:
        return "p=n/a" if self.p is None else f"p={self.p:.2f}"
