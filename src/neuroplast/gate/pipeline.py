"""A decision as an ordered list of named rules, with the trace of every rule evaluated.

Each rule looks at the facts about a call (computed once, :mod:`neuroplast.gate.facts`) and
either decides (a :class:`Verdict`) or passes (None). The first rule that decides, decides;
the trace records each rule evaluated up to it, so a user can ask why (``neuroplast gate
explain``), and any rule can be switched off by name (``GateConfig.disabled_rules``).

>>> rules = (Rule("always_ask", lambda facts: Verdict("ask", "asks everything")),)
>>> verdict, trace = run_pipeline(rules, facts=None, disabled=())
>>> verdict, trace
(Verdict(decision='ask', reason='asks everything', rule='always_ask'), \
[Step(rule='always_ask', decision='ask', reason='asks everything')])
>>> run_pipeline(rules, facts=None, disabled=("always_ask",))[0].rule
'no_rule'
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

__all__ = ["Rule", "Step", "Verdict", "run_pipeline", "trace_json"]


@dataclass(frozen=True)
class Verdict:
    """What a rule decided: ``allow``, ``ask`` or ``deny``, and why."""

    decision: str
    reason: str
    rule: str = ""


@dataclass(frozen=True)
class Step:
    """One rule evaluated: its name and verdict ("" when it passed), and why."""

    rule: str
    decision: str
    reason: str


@dataclass(frozen=True)
class Rule:
    """A named rule: ``evaluate(facts) -> Verdict | None`` (a verdict with decision ""
    passes with a note, which the final reason carries). The function's docstring
    states the principle it serves (shown by ``neuroplast gate rules``)."""

    name: str
    evaluate: Callable[[Any], Verdict | None]

    @property
    def principle(self) -> str:
        doc = (self.evaluate.__doc__ or "").strip()
        return " ".join(doc.split())


def run_pipeline(rules: Sequence[Rule], facts: Any, disabled: Sequence[str]
                 ) -> tuple[Verdict, list[Step]]:
    """The first verdict of ``rules`` not ``disabled``, and the trace up to it. When no
    rule decides, the call is asked (the user is the fallback of every gate)."""
    trace: list[Step] = []
    notes: list[str] = []
    for rule in rules:
        if rule.name in disabled:
            continue
        verdict = rule.evaluate(facts)
        if verdict is None or not verdict.decision:  # passed (a verdict "" passes with a note)
            note = verdict.reason if verdict is not None else ""
            notes += [note] if note else []
            trace.append(Step(rule.name, "", note))
            continue
        reason = "; ".join([verdict.reason, *notes])
        trace.append(Step(rule.name, verdict.decision, verdict.reason))
        return replace(verdict, rule=rule.name, reason=reason), trace
    verdict = Verdict("ask", "; ".join(["no rule decided", *notes]), "no_rule")
    trace.append(Step("no_rule", "ask", "no rule decided"))
    return verdict, trace


def trace_json(trace: Sequence[Step]) -> list[list[str]]:
    """The trace as stored: ``[[rule, decision, reason], ...]``."""
    return [[s.rule, s.decision, s.reason] for s in trace]
