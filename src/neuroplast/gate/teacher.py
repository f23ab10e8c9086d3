"""Gate as teacher: one user answer becomes one weighted training example and one record.

The weight says how much an answer must count (the SPF gateway's severity weights):

======================================  ======
ordinary answer                          1x
false positive (auto-allowed, refused)   4x
repeated false positive (same signature) 6x
user override (auto-blocked, allowed)    4x
refusal of a call inspect_call flags     its RiskReport.weight (4x-8x)
======================================  ======

The largest applicable weight wins. Risk weights apply to *refusals* only: a refused
risky call is what the gate must never forget, while approving one needs no emphasis
(the risk guard keeps asking about such calls anyway) and would fill the locked store.
Examples with weight >= the replay lock threshold (4.0) are locked: never evicted and
replayed in every training round.

>>> import torch
>>> from neuroplast.gate.calls import ToolCall
>>> call = ToolCall("Bash", {"command": "git push origin main"})
>>> call_signature(call)
'Bash:git push'
>>> feedback_weight(approved=False, false_positive=True, repeated=True)
6.0
>>> lesson = Teacher().lesson(call, torch.zeros(3), approved=False, false_positive=True)
>>> lesson.weight, lesson.locked, lesson.record["signature"]
(4.0, True, 'Bash:git push')
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from neuroplast.core.replay import Example
from neuroplast.gate.calls import ToolCall
from neuroplast.gate.shell import Segment, split_command

if TYPE_CHECKING:
    import torch

__all__ = [
    "FALSE_POSITIVE_WEIGHT",
    "ORDINARY_WEIGHT",
    "OVERRIDE_WEIGHT",
    "REPEATED_FALSE_POSITIVE_WEIGHT",
    "Lesson",
    "Teacher",
    "answer_example",
    "call_signature",
    "feedback_weight",
    "supersede_key",
]

ORDINARY_WEIGHT = 1.0
FALSE_POSITIVE_WEIGHT = 4.0
REPEATED_FALSE_POSITIVE_WEIGHT = 6.0
OVERRIDE_WEIGHT = 4.0


def call_signature(call: ToolCall) -> str:
    """What makes two calls "the same kind" for repeated false positives.

    Bash: the command head plus its sub-command (``git push``, ``npm run``); file tools:
    the folder and extension of the path (``Write:/etc/*.conf``); WebFetch: the host;
    anything else: the tool name.

    >>> call_signature(ToolCall("Write", {"file_path": "/etc/hosts.conf"}))
    'Write:/etc/*.conf'
    >>> call_signature(ToolCall("WebFetch", {"url": "https://Example.com/a"}))
    'WebFetch:example.com'
    """
    tool = call.tool_name
    if call.command:
        segments = split_command(call.command)
        return f"{tool}:{_program_and_sub(segments[0]) if segments else ''}"
    if call.file_path:
        folder, name = posixpath.split(call.file_path)
        ext = posixpath.splitext(name)[1]
        return f"{tool}:{folder or '.'}/*{ext}"
    if call.url:
        return f"{tool}:{(urlsplit(call.url).hostname or '').lower()}"
    return tool


def _program_and_sub(segment: Segment) -> str:
    return f"{segment.head} {segment.subcommand}".strip()


def supersede_key(call: ToolCall) -> str:
    """What a newer answer about the same thing replaces: the call signature, and for Bash
    every program with its sub-command and flags (a later "yes" to ``git push`` must not
    undo a "no" to ``git push --force``).

    >>> supersede_key(ToolCall("Bash", {"command": "git push --force origin main"}))
    'Bash:git push --force'
    """
    if not call.command:
        return call_signature(call)
    parts = []
    for segment in split_command(call.command):
        parts.append(" ".join([_program_and_sub(segment), *segment.flags]).strip())
    return f"{call.tool_name}:{' | '.join(p for p in parts if p)}"


def feedback_weight(
    *,
    approved: bool,
    false_positive: bool = False,
    repeated: bool = False,
    user_override: bool = False,
    risk_weight: float = 1.0,
) -> float:
    """The largest weight among those that apply (see the module table)."""
    weights = [ORDINARY_WEIGHT]
    if false_positive:
        weights.append(REPEATED_FALSE_POSITIVE_WEIGHT if repeated else FALSE_POSITIVE_WEIGHT)
    if user_override:
        weights.append(OVERRIDE_WEIGHT)
    if not approved:
        weights.append(float(risk_weight))
    return max(weights)


def answer_example(call: ToolCall, features: torch.Tensor, *, approved: bool,
                   weight: float) -> Example:
    """The training example of one answer: what the gate learns when the answer comes and
    what it re-learns from the log after a restart (same key, weight and so lock state).

    >>> import torch
    >>> ex = answer_example(ToolCall("Bash", {"command": "git push -f"}), torch.zeros(2),
    ...                     approved=False, weight=4.0)
    >>> ex.key, ex.target.item(), ex.weight
    ('Bash:git push -f', 0.0, 4.0)
    """
    import torch

    return Example(features.detach().to(torch.float32),
                   torch.tensor(1.0 if approved else 0.0), weight, supersede_key(call))


@dataclass(frozen=True)
class Lesson:
    """A training example, its weight, whether it is locked, and the gateway record."""

    example: Example
    weight: float
    locked: bool
    record: dict[str, Any]


class Teacher:
    """Turns the user's answer about one call into a :class:`Lesson`.

    >>> import torch
    >>> from neuroplast.gate.calls import ToolCall
    >>> t = Teacher(lock_threshold=4.0)
    >>> t.lesson(ToolCall("Bash", {"command": "ls"}), torch.zeros(2), approved=True).weight
    1.0
    """

    def __init__(self, lock_threshold: float = 4.0) -> None:
        self.lock_threshold = lock_threshold

    def lesson(
        self,
        call: ToolCall,
        features: torch.Tensor,
        *,
        approved: bool,
        false_positive: bool = False,
        user_override: bool = False,
        repeated: bool = False,
        risk_score: float = 0.0,
        risk_flags: tuple[str, ...] = (),
        risk_weight: float = 1.0,
        source: str = "user",
        status: str = "",
        duration_s: float = 0.0,
    ) -> Lesson:
        weight = feedback_weight(
            approved=approved,
            false_positive=false_positive,
            repeated=repeated,
            user_override=user_override,
            risk_weight=risk_weight,
        )
        locked = weight >= self.lock_threshold
        example = answer_example(call, features, approved=approved, weight=weight)
        record = {
            "tool": call.tool_name,
            "source": source,
            "allowed": bool(approved),
            "status": status or ("approved" if approved else "refused"),
            "duration": float(duration_s),
            "user_override": bool(user_override),
            "false_positive": bool(false_positive),
            "repeated_false_positive": bool(false_positive and repeated),
            "recent_call_count": call.recent_call_count,
            "preceding_tools": list(call.recent_tools),
            "risk_score": float(risk_score),
            "risk_flags": list(risk_flags),
            "signature": call_signature(call),
            "weight": weight,
            "locked": locked,
        }
        return Lesson(example, weight, locked, record)
