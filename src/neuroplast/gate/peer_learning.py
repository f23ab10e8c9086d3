"""How the gate learns from a peer's answer: below the user's own, never locked, logged.

A peer's signal is one answer another install's user gave about a call. It trains the
gate like the user's own answer but with ``weight`` (``PeersConfig.weight``, below 1, the
weight of the user's ordinary answer), is never locked in replay, and is logged with its
origin (``gate.peer_log``). Where the user has answered the same call (same
``teacher.supersede_key``: programs, sub-commands and flags) the other way, the user
wins: the signal is logged (weight 0, ``overruled``) and not trained. A later answer of
the user's about the same call supersedes the peer's example in replay, as it would an
older answer of the user's.

A trusted peer's answer also enters the memory of answers the decision rules read
(``gate.support``), as a peer's row, by one principle: a peer may make the gate ask,
never deny, and never vouch (``support``, from ``PeersConfig.peer_support``):

- ``"refusals"``: a peer's refusal is a refusal of its keys (``latest_refusal``), so the
  gate asks about them until the *user* approves them again: a call the team refused is
  asked about here even where this user's answers would let it through. It is no
  evidence for ``refused_repeat`` (nor is it counted by ``risk_flags``): only the user's
  own refusal denies without asking.
- ``"both"`` (the default): a peer's approval also counts as an approval for
  ``first_place``, ``first_use`` and ``close_approvals`` (the team has reached this
  place, run this program, this close), so
  a shared habit is asked about once in the team rather than once per user. It never
  vouches: it clears no risk flag and lifts no refusal (only the user's own approval
  does), and stops counting once the user answers the same call the other way. On
  ``benchmarks/peers_sharing.py`` (two users who disagree about ``rm``) it asked 10-23%
  less than each alone, with no unsafe auto-allow; refusals alone changed the ask rate
  by -7% to +6% (they add questions where the team said no, as they should).
- ``"none"``: a peer's answers train the model only.

Whatever the mode, a peer's answer trains the model at ``weight``, so it moves the
model's p and with it the band. Once a peer has taught the model, its deny band
(``decision_rules.model_deny``) denies only what the user's own answers refuse too; a
deny the model owes to peers alone is asked, so no rule denies on a peer's word.

Where the user answered the same call the other way before the signal arrived, the
signal is overruled: it neither trains nor enters the memory. Whether it entered is in
its log record (``support``), so a restart rebuilds the same memory
(``support.rebuild_memory``) and forgetting a peer removes its rows from the memory as
from the model (``Gate.relearn``). A features-only signal carries no keys (no command
text): it trains the model only.

A signal carries the call (the tool, its input and the directory it ran in, as the peer's
log keeps them: the gate reads a call's paths against that directory), or, from
a peer that shares no text (``PeersConfig.features_only``), only the tool's name and the
call's feature vector: its structural features and MiniLM embedding.
"""

from __future__ import annotations

import hashlib
import json
import math
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import torch

from neuroplast.core.replay import Example
from neuroplast.errors import InvalidInputError
from neuroplast.gate.calls import ToolCall
from neuroplast.gate.log import DecisionRow
from neuroplast.gate.peer_log import PeerLog
from neuroplast.gate.support import program_keys
from neuroplast.gate.teacher import call_signature, supersede_key

if TYPE_CHECKING:
    from neuroplast.gate.gate import Gate

__all__ = ["SUPPORT_MODES", "PeerSignal", "Taught", "enters_memory", "signal_digest",
           "teach_from_peer"]


@dataclass(frozen=True)
class PeerSignal:
    """One answer from a peer: ``call`` or (features only) ``tool_name`` + ``features``.

    >>> PeerSignal("peer:alice", 3, 1.0, True, call={"tool_name": "Bash",
    ...            "tool_input": {"command": "ls"}}).tool
    'Bash'
    """

    origin: str  # "peer:<name>"
    seq: int
    ts: float
    approved: bool
    call: dict[str, Any] | None = None
    tool_name: str = ""
    features: tuple[float, ...] = ()

    @property
    def tool(self) -> str:
        return str(self.call["tool_name"]) if self.call else self.tool_name


@dataclass(frozen=True)
class Taught:
    """What became of a signal: applied now, a duplicate of one applied, or overruled."""

    seq: int
    outcome: str  # "trained" | "overruled" | "duplicate"


def signal_digest(signal: PeerSignal) -> str:
    """What identifies a signal's content: a second signal under its (origin, seq) must
    have the same, or it is a tampered replay."""
    content = {"seq": signal.seq, "ts": signal.ts, "approved": signal.approved,
               "call": signal.call, "tool_name": signal.tool_name,
               "features": list(signal.features)}
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


def _users_word(plog: PeerLog, call: ToolCall) -> bool | None:
    """The user's latest answer about the same call as ``call`` (same supersede key: the
    programs with their sub-commands and flags), if the user gave one."""
    key = supersede_key(call)
    for approved, call_json in plog.user_answers(call_signature(call)):
        if supersede_key(ToolCall.from_dict(json.loads(call_json))) == key:
            return approved
    return None


SUPPORT_MODES = ("refusals", "both", "none")


def enters_memory(signal: PeerSignal, support: str, overruled: bool) -> bool:
    """Whether ``signal`` enters the gate's memory of answers under ``support`` (one of
    ``SUPPORT_MODES``; see the module docstring).

    >>> no = PeerSignal("peer:a", 1, 0.0, False, call={"tool_name": "Bash", "tool_input": {}})
    >>> [enters_memory(no, mode, False) for mode in SUPPORT_MODES]
    [True, True, False]
    >>> enters_memory(no, "both", overruled=True)
    False
    """
    if support not in SUPPORT_MODES:
        raise InvalidInputError(f"peer support {support!r} is not one of {SUPPORT_MODES}")
    wanted = support == "both" or (support == "refusals" and not signal.approved)
    return wanted and signal.call is not None and not overruled


def teach_from_peer(gate: Gate, signal: PeerSignal, weight: float,
                    support: str = "both") -> Taught:
    """Apply ``signal`` to ``gate`` with training ``weight`` (< 1); committed first.
    ``support``: which of a peer's answers enter the memory of answers (``SUPPORT_MODES``)."""
    if not 0.0 < weight < 1.0:
        raise InvalidInputError(f"a peer's weight must be in (0, 1), got {weight!r}")
    plog = gate.peer_log
    digest = signal_digest(signal)
    if plog.applied(signal.origin, signal.seq) == digest:
        return Taught(signal.seq, "duplicate")
    if signal.call is not None:
        # in the peer's own directory, as its gate read the call: a path's zone (project,
        # home, system) is relative to it, in the features, the embedded rendering and
        # the memory's keys alike
        call = ToolCall.from_dict({"tool_name": signal.call.get("tool_name"),
                                   "tool_input": signal.call.get("tool_input"),
                                   "cwd": signal.call.get("cwd", "")})
        features = gate.extractor.features(call)
    else:
        call = ToolCall(signal.tool_name or "unknown", {})
        features = torch.tensor(signal.features, dtype=torch.float32)
        if features.shape != (gate.extractor.dim,) or not all(map(math.isfinite,
                                                                   signal.features)):
            raise InvalidInputError(
                f"signal {signal.seq} from {signal.origin} has {features.numel()} features; "
                f"this gate's calls have {gate.extractor.dim} finite ones (same neuroplast "
                "version and embedder on both peers)")
    signature = call_signature(call) if signal.call is not None else ""
    user = _users_word(plog, call) if signature else None
    overruled = user is not None and user != signal.approved
    remembered = enters_memory(signal, support, overruled)
    record = {
        "tool": call.tool_name, "source": signal.origin, "allowed": signal.approved,
        "status": "peer" if not overruled else "peer-overruled",
        "signature": signature, "weight": 0.0 if overruled else weight, "locked": False,
        "peer_seq": signal.seq, "peer_ts": signal.ts, "overruled": overruled,
        "vouched": False, "support": remembered,
    }
    if signal.call is None:
        record["features"] = [float(x) for x in signal.features]
    now = time.time()
    mode = "peer" if signal.call is not None else "peer-private"
    tool_use_id = f"{signal.origin}:{signal.seq}"
    decision = DecisionRow(tool_use_id, signal.origin, call.tool_name, call.to_json(), None,
                           "peer", signal.origin, "an answer from a peer", mode, now)
    with gate.feedback_lock():
        row_id = plog.add(signal.origin, signal.seq, digest, decision, record, now)
        if remembered:
            # the features start with the call's unit MiniLM embedding, as the gate's own
            gate.support.add(tool_use_id, features[: gate.support.dim].numpy(),
                             approved=signal.approved, clock=row_id,
                             programs=program_keys(call), kind=supersede_key(call), peer=True)
        if overruled:
            return Taught(signal.seq, "overruled")
        key = supersede_key(call) if signal.call is not None else ""  # private: no key
        example = Example(features.detach().to(torch.float32),
                          torch.tensor(1.0 if signal.approved else 0.0), weight, key)
        gate.learn_committed(example, row_id)
    return Taught(signal.seq, "trained")
