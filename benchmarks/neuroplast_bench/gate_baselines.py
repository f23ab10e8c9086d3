"""Baselines the gate is measured against, on the same stream in the same run.

- :class:`AlwaysAsk`: what Claude Code does without a gate: every call is a prompt.
- :class:`RiverLogReg`: River's online ``linear_model.LogisticRegression`` on the gate's own
  ``structural_features`` (as a dict), with the same confidence bands (0.8 / 0.2), learning
  from the same answers the simulated user gives (and 4x from false positives / overrides).
- :class:`BashClassify`: the static rule-based classifier ``bash-classify`` (PyPI):
  READONLY -> allow, DANGEROUS -> deny, anything else -> ask; non-Bash tools -> ask.

Every baseline speaks the same two verbs: ``decide(event) -> "allow"|"ask"|"deny"`` and
``learn(event, approved, weight)``.

>>> gate = AlwaysAsk()
>>> gate.decide({"tool_name": "Bash", "tool_input": {"command": "ls"}, "cwd": "/p"})
'ask'
"""

from __future__ import annotations

from typing import Any, Protocol

from neuroplast.errors import BackendUnavailable

__all__ = ["AlwaysAsk", "Baseline", "BashClassify", "RiverLogReg", "bash_classify_available"]


class Baseline(Protocol):
    """What the benchmark driver needs from a system it replays the stream through."""

    name: str

    def decide(self, event: dict[str, Any]) -> str: ...

    def learn(self, event: dict[str, Any], approved: bool, weight: float = 1.0) -> None: ...


class AlwaysAsk:
    """Asks the user about every call; learns nothing."""

    name = "always-ask"

    def decide(self, event: dict[str, Any]) -> str:
        return "ask"

    def learn(self, event: dict[str, Any], approved: bool, weight: float = 1.0) -> None:
        return None


class RiverLogReg:
    """Online logistic regression (River) on ``structural_features`` with confidence bands.

    Asks until it has seen ``min_labels`` answers, like an untrained gate. River's default
    SGD step (0.01) hardly leaves the ask band in a few thousand answers, so the step is an
    argument (default 0.1) to give the baseline a fair chance.

    >>> lr = RiverLogReg(min_labels=2)
    >>> event = {"tool_name": "Bash", "tool_input": {"command": "ls"}, "cwd": "/p"}
    >>> lr.decide(event)
    'ask'
    >>> for _ in range(30):
    ...     lr.learn(event, True)
    >>> lr.decide(event)
    'allow'
    """

    name = "river-logreg"

    def __init__(self, allow: float = 0.8, block: float = 0.2, min_labels: int = 20,
                 lr: float = 0.1) -> None:
        from river import linear_model, optim

        self.allow, self.block, self.min_labels = allow, block, min_labels
        self.model = linear_model.LogisticRegression(optimizer=optim.SGD(lr))
        self.labels = 0
        self._last: tuple[tuple[int, Any], dict[str, float]] | None = None

    def features(self, event: dict[str, Any]) -> dict[str, float]:
        from neuroplast.gate.calls import ToolCall
        from neuroplast.gate.features import structural_features

        # decide() and learn() see the same event back to back: compute its features once
        key = (id(event), event.get("tool_use_id"))
        if self._last is not None and self._last[0] == key:
            return self._last[1]
        vector = structural_features(ToolCall.from_hook_event(event))
        found = {f"f{i}": v for i, v in enumerate(vector) if v}
        self._last = (key, found)
        return found

    def probability(self, event: dict[str, Any]) -> float:
        return float(self.model.predict_proba_one(self.features(event)).get(True, 0.5))

    def decide(self, event: dict[str, Any]) -> str:
        if self.labels < self.min_labels:
            return "ask"
        p = self.probability(event)
        return "allow" if p >= self.allow else "deny" if p <= self.block else "ask"

    def learn(self, event: dict[str, Any], approved: bool, weight: float = 1.0) -> None:
        self.model.learn_one(self.features(event), bool(approved), w=weight)
        self.labels += 1


def bash_classify_available() -> str | None:
    """None when ``bash_classify`` imports; otherwise the reason it does not."""
    try:
        import bash_classify  # noqa: F401
    except Exception as exc:  # any import failure means the baseline cannot run
        return f"{type(exc).__name__}: {exc}"
    return None


class BashClassify:
    """Static classification by ``bash-classify``; never learns.

    Install: ``pip install --ignore-requires-python bash-classify==0.14.1``.
    """

    name = "bash-classify"

    def __init__(self) -> None:
        reason = bash_classify_available()
        if reason is not None:
            raise BackendUnavailable(
                f"bash-classify cannot be imported ({reason}); install it with "
                "`pip install --ignore-requires-python bash-classify==0.14.1`")
        from bash_classify import classify_expression

        self._classify = classify_expression

    def decide(self, event: dict[str, Any]) -> str:
        if event.get("tool_name") != "Bash":
            return "ask"
        command = str((event.get("tool_input") or {}).get("command", ""))
        try:
            label = self._classify(command).classification.value
        except Exception:  # a command its parser rejects: a static tool would ask
            return "ask"
        return {"READONLY": "allow", "DANGEROUS": "deny"}.get(label, "ask")

    def learn(self, event: dict[str, Any], approved: bool, weight: float = 1.0) -> None:
        return None
