"""The learning tool-call gate: decide allow / ask / deny, learn from the user's answers.

Every call -> facts (features, ``GateModel``'s p = P(user approves), its confidence band,
inspection's risk flags, the evidence keys and what the user's answers say about them)
-> the named rules of ``gate.decision_rules`` in order -> the first verdict, stored with
the trace of every rule evaluated (``neuroplast gate explain``). The user's own rules come
first; the model decides only once trained and fitting the user's recent answers; and it
may auto-allow only a call no inspection flag, refusal or novelty sends back to the user.

Decisions and answers are committed to SQLite before ``decide``/``feedback`` return.
Training runs in the learner (by default in a low-priority worker process, see
``GateConfig.learner``); a background thread checkpoints the learner's trained model with
the highest feedback row it includes, at most ``checkpoint_max_answers`` answers or
``checkpoint_interval_s`` seconds behind, and a restart re-learns every answer committed
after that checkpoint, as the same examples, so no signal is lost.

>>> import tempfile
>>> from neuroplast.gate.calls import ToolCall
>>> gate = Gate(GateConfig(deny_rules=["Bash(rm:*)"]), data_dir=tempfile.mkdtemp())
>>> gate.decide(ToolCall("Bash", {"command": "rm -rf build"}, tool_use_id="t1")).decision
'deny'
>>> gate.close()
"""

from __future__ import annotations

import hmac
import json
import logging
import math
import shutil
import threading
import time
import uuid
from collections import deque
from contextlib import AbstractContextManager
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import torch

from neuroplast.config import check_config
from neuroplast.core.bands import ConfidenceBands
from neuroplast.core.ewc import OnlineEWC
from neuroplast.core.replay import Example, ReplayBuffer
from neuroplast.errors import BackendUnavailable, InvalidInputError, NeuroplastError
from neuroplast.gate.calls import ToolCall
from neuroplast.gate.checkpoint import CheckpointThread, restore_learner, write_checkpoint
from neuroplast.gate.config import GateConfig
from neuroplast.gate.decision_rules import GATE_RULES
from neuroplast.gate.facts import CallFacts
from neuroplast.gate.features import FeatureExtractor
from neuroplast.gate.inspect import inspect_call
from neuroplast.gate.log import DecisionRow, GateLog
from neuroplast.gate.peer_log import PeerLog
from neuroplast.gate.pipeline import run_pipeline, trace_json
from neuroplast.gate.redact import CallDigest, redact_call
from neuroplast.gate.render import call_description
from neuroplast.gate.rules import PermissionRules
from neuroplast.gate.stats import agreement_series, gate_stats
from neuroplast.gate.support import (
    Support,
    SupportMemory,
    call_identity,
    command_identity,
    program_keys,
    rebuild_memory,
)
from neuroplast.gate.teacher import Teacher, call_signature, supersede_key
from neuroplast.learn.learner import OnlineLearner
from neuroplast.learn.spec import ModelSpec
from neuroplast.store import Database, ensure_token, private_dir
from neuroplast.store import data_dir as resolve_data_dir

if TYPE_CHECKING:
    from neuroplast.gate.embedding import CachedEmbedder

__all__ = ["FeedbackResult", "Gate", "GateDecision"]

log = logging.getLogger(__name__)

_HISTORY = 20  # calls remembered per session
# the recent decisions whose share of asks is held against the user's ask budget (new_part):
# a few hundred calls, so a burst of new programs early on does not close it for long
_ASK_WINDOW = 200
_RECENT_TOOLS = 5  # tools of the calls before this one that a ToolCall carries
_RATE_WINDOW_S = 60.0  # recent_call_count counts calls in this many seconds
_BAND_NAMES = {"allow": "allow", "ask": "ask", "block": "deny"}
_TOKEN_FILE = "token"  # the install's token in the gate folder (server.app.TOKEN_FILE)


@dataclass(frozen=True)
class GateDecision:
    """What the gate answered about one call.

    >>> GateDecision("t1", "ask", 0.5, "untrained: 0 of 20 answers", "untrained").decision
    'ask'
    """

    tool_use_id: str
    decision: str  # "allow" | "ask" | "deny"
    probability: float | None
    reason: str
    source: str  # the rule that decided (``gate.decision_rules``), e.g. "user_rules"
    band: str = ""  # what the model's p alone says: "allow" | "ask" | "deny"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class FeedbackResult:
    """How an answer was taken: its training weight and whether it is locked in replay.

    >>> FeedbackResult("t1", 4.0, True).locked
    True
    """

    tool_use_id: str
    weight: float
    locked: bool

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class Gate:
    """The learning gate. See the module docstring; thread-safe."""

    def __init__(
        self,
        config: GateConfig | None = None,
        data_dir: str | Path | None = None,
        *,
        embedder: CachedEmbedder | None = None,
    ) -> None:
        self.config = check_config(config, GateConfig, "Gate")
        self.dir = private_dir(resolve_data_dir(data_dir) / "gate")  # 0700: calls are private
        self.checkpoint_dir = self.dir / "checkpoint"
        self.db = Database(self.dir / "gate.db")
        self.log = GateLog(self.db)
        self.peer_log = PeerLog(self.db)  # what peers taught (gate.peer_learning)
        if embedder is None:
            from neuroplast.gate.embedding import CachedEmbedder

            embedder = CachedEmbedder(self.db, backend=self.config.embedder.backend,
                                      precision=self.config.embedder.precision,
                                      threads=self.config.embedder.threads)
        self.extractor = FeatureExtractor(embedder)
        self.rules = PermissionRules(
            allow=self.config.allow_rules, ask=self.config.ask_rules, deny=self.config.deny_rules
        )
        self.bands = ConfidenceBands(self.config.bands)
        self.teacher = Teacher(lock_threshold=self.config.replay.lock_threshold)
        self.support = SupportMemory(self.config.support, dim=int(embedder.dim))
        self.learner = self._new_learner()
        self._lock = threading.Lock()  # history, label count, accuracy window
        self._feedback_lock = threading.Lock()  # commit + enqueue in row-id order
        self._checkpoint_lock = threading.Lock()
        # per session: (time, tool, tool_use_id) of its latest calls, oldest first
        self._history: dict[str, deque[tuple[float, str, str]]] = {}
        self._window: deque[tuple[str, torch.Tensor, bool]] = deque(
            maxlen=self.config.accuracy_window
        )
        self._accuracy: tuple[int, float] = (-1, 0.0)  # (model version, accuracy)
        self._asks: deque[bool] = deque(maxlen=_ASK_WINDOW)  # whether each recent decision asked
        self._labels = 0
        self._peer_taught = False  # whether the model has learned a peer's answer
        self._enqueued = 0  # highest feedback row id handed to the learner
        # committed answers the learner's full queue did not take yet, oldest first
        self._unqueued: deque[tuple[Example, int]] = deque()
        self._saved = (-1, -1)  # (version, feedback id) of the last checkpoint
        self._saved_at = -math.inf  # when it was written (time.monotonic())
        self._closed = False
        self._digest: CallDigest | None = None  # made from the install's token when needed
        try:
            self._restore()
        except BaseException:
            self.learner.close()
            self.db.close()
            raise
        self._checkpointer = CheckpointThread(self._checkpoint_tick)

    # ---------------------------------------------------------------- deciding
    def decide(self, call: ToolCall) -> GateDecision:
        """Decide one call; the decision row is committed before this returns.

        A tool_use_id is decided once: the same call under it again gets the logged
        decision; another call raises :class:`ConflictError` and the logged one stays.
        """
        with self.serving():
            if isinstance(call, ToolCall) and call.tool_use_id:
                self._check_open()
                logged = self.log.decision(call.tool_use_id)
                if logged is not None:
                    return self._decided_before(call, logged)
            return self._decide(call)

    def _decided_before(self, call: ToolCall, row: DecisionRow) -> GateDecision:
        """The logged decision about ``call``'s id, if it is the call that was logged."""
        from neuroplast.errors import ConflictError

        logged = ToolCall.from_dict(json.loads(row.call_json))
        if not (self.same_call(row, call.tool_name, call.tool_input)
                and (logged.session_id, logged.cwd) == (call.session_id, call.cwd)):
            log.warning("refused a PreToolUse that reuses tool_use_id %r for another call "
                        "(%s); the logged call (%s) is kept", call.tool_use_id,
                        call.tool_name, logged.tool_name)
            raise ConflictError(
                f"tool_use_id {call.tool_use_id!r} was already decided for another call; "
                "each tool call needs its own id (the logged call is unchanged)"
            )
        return GateDecision(row.tool_use_id, row.decision, row.p, row.reason, row.source)

    def same_call(self, row: DecisionRow, tool_name: str, tool_input: Any) -> bool:
        """Whether ``tool_name`` and ``tool_input`` are those of the call logged in ``row``:
        by the row's digest when it keeps the call redacted, else by its JSON."""
        if row.call_digest:
            return hmac.compare_digest(self._call_digest(tool_name, tool_input),
                                       row.call_digest)
        logged = json.loads(row.call_json)
        return bool(tool_name == logged.get("tool_name")
                    and tool_input == logged.get("tool_input"))

    def find_latest(self, call: ToolCall) -> str | None:
        """tool_use_id of the latest decision in ``call``'s session on the same tool and
        input, or None."""
        digest = (self._call_digest(call.tool_name, call.tool_input)
                  if self.config.redact_secrets else "")
        return self.log.find_latest(call.session_id, call.tool_name, call.tool_input, digest)

    def _call_digest(self, tool_name: str, tool_input: Any) -> str:
        if self._digest is None:
            # keyed with the install's token, so a short secret cannot be guessed by
            # hashing candidates against the log
            self._digest = CallDigest(ensure_token(self.dir / _TOKEN_FILE).encode("ascii"))
        return self._digest(tool_name, tool_input)

    def serving(self) -> AbstractContextManager[None]:
        """Mark latency-critical work (a request being answered): training defers its
        Python work meanwhile (see :meth:`OnlineLearner.serving`). ``decide`` uses it."""
        return self.learner.serving()

    def _decide(self, call: ToolCall) -> GateDecision:
        if not isinstance(call, ToolCall):
            raise InvalidInputError(
                f"Gate.decide expects a ToolCall, got {type(call).__name__}; build one with "
                "ToolCall.from_hook_event(event)"
            )
        self._check_open()
        now = time.time()
        call = self._with_context(call, now)
        stored, digest = call, ""
        if self.config.redact_secrets:
            # The gate decides and learns from what its log keeps, the call without its
            # secrets (feedback and restarts read it back); the user's rules see the call.
            stored = redact_call(call)
            digest = self._call_digest(call.tool_name, call.tool_input)
        facts, version = self.facts(stored, rules_call=call)
        verdict, trace = run_pipeline(GATE_RULES, facts, self.config.disabled_rules)
        self.log.add_decision(DecisionRow(
            call.tool_use_id, call.session_id, call.tool_name, stored.to_json(), facts.p,
            verdict.decision, verdict.rule, verdict.reason, self.config.mode, now,
            version, trace_json=json.dumps(trace_json(trace)), call_digest=digest,
        ))
        with self._lock:
            self._history.setdefault(call.session_id, deque(maxlen=_HISTORY)).append(
                (now, call.tool_name, call.tool_use_id)
            )
            self._asks.append(verdict.decision == "ask")
        return GateDecision(call.tool_use_id, verdict.decision, facts.p, verdict.reason,
                            verdict.rule, facts.band)

    def facts(self, call: ToolCall, rules_call: ToolCall | None = None
              ) -> tuple[CallFacts, int]:
        """What the rules know about ``call``, and the model version that judged it. The
        model is not consulted when the user's own rule decides (``user_rules``).
        ``rules_call``: the call the user's rules are matched against, if not ``call``
        (the call as sent, when ``call`` is its redacted copy)."""
        match = self.rules.match(rules_call or call)
        p, band, vector, described = None, "", None, None
        version = self.learner.version
        rule_decides = (match is not None and self.config.mode == "auto"
                        and "user_rules" not in self.config.disabled_rules)
        if not rule_decides:
            features = self.extractor.features(call)
            version, logit = self.learner.predict_versioned(features.unsqueeze(0))
            p = float(torch.sigmoid(logit.reshape(-1)[0]))
            band = _BAND_NAMES[self.bands.decide(p)]
            vector = self._embedding(features)
            described = self._description_embedding(call)
        accuracy = self._recent_accuracy(version) if p is not None else 0.0
        with self._lock:
            ask_share = sum(self._asks) / len(self._asks) if self._asks else 0.0
        return CallFacts(call, self.config, self.support, p, band, match, self._labels,
                         accuracy, vector, self._peer_taught, ask_share, described), version

    def check_support(self, call: ToolCall, features: torch.Tensor) -> Support:
        """What the memory of answers says about ``call`` (whose features are given)."""
        return self.support.check(self._embedding(features), program_keys(call))

    def _description_embedding(self, call: ToolCall) -> Any:
        """The MiniLM embedding of what the agent said ``call`` does, None if it said
        nothing (``support`` rule 6); short and repeated, so mostly a cache hit."""
        text = call_description(call)
        return self.extractor.embedder.embed([text])[0] if text else None

    def _embedding(self, features: torch.Tensor) -> Any:
        # The features start with the unit MiniLM embedding of the rendered call.
        return features[: self.support.dim].numpy()

    def _recent_accuracy(self, version: int) -> float:
        """Share of the recent labelled calls the live model gets right.

        Scored in the training thread each time a model is published (``_score``), so a
        decision only reads it; it is computed here only before any model was scored.
        """
        with self._lock:
            scored_version, accuracy = self._accuracy
            has_labels = bool(self._window)
        if not has_labels:
            return 0.0
        if scored_version < 0:
            return self._score(self.learner.version, self.learner.live_model)
        return accuracy

    def _score(self, version: int, model: torch.nn.Module) -> float:
        """Accuracy of ``model`` on the recent labelled calls; cached for decisions."""
        with self._lock:
            window = list(self._window)
        if not window:
            return 0.0
        inputs = torch.stack([f for _, f, _ in window])
        labels = torch.tensor([a for _, _, a in window])
        with torch.no_grad():
            logits = model(inputs)
        accuracy = float(((logits.reshape(-1) >= 0.0) == labels).float().mean())
        with self._lock:
            if version >= self._accuracy[0]:
                self._accuracy = (version, accuracy)
        return accuracy

    def _with_context(self, call: ToolCall, now: float) -> ToolCall:
        """Give the call an id and, unless the caller set them, its session history."""
        changes: dict[str, Any] = {}
        if not call.tool_use_id:
            changes["tool_use_id"] = f"np-{uuid.uuid4().hex}"
        if not call.recent_tools and not call.recent_call_count:
            with self._lock:
                past = list(self._history.get(call.session_id, ()))
            changes["recent_tools"] = tuple(t for _, t, _ in past[-_RECENT_TOOLS:])
            changes["recent_call_count"] = sum(1 for ts, _, _ in past
                                               if now - ts <= _RATE_WINDOW_S)
        return replace(call, **changes) if changes else call

    # ---------------------------------------------------------------- learning
    def feedback(
        self,
        tool_use_id: str,
        approved: bool,
        *,
        false_positive: bool = False,
        user_override: bool = False,
        source: str = "user",
        status: str = "",
    ) -> FeedbackResult:
        """Record the user's answer about a decided call and learn from it (in background).

        ``false_positive``: the gate auto-allowed it and the user would have refused
        (needs ``approved=False``); ``user_override``: the gate blocked it and the user
        allows it (needs ``approved=True``). Committed before this returns.
        """
        for name, value in (("approved", approved), ("false_positive", false_positive),
                            ("user_override", user_override)):
            if not isinstance(value, bool):
                raise InvalidInputError(f"feedback {name}={value!r} must be true or false")
        if false_positive and approved:
            raise InvalidInputError(
                "false_positive=True means the user would have refused the call; "
                "pass approved=False with it"
            )
        if user_override and not approved:
            raise InvalidInputError(
                "user_override=True means the user allowed a blocked call; pass approved=True"
            )
        if not all(isinstance(v, str) for v in (tool_use_id, source, status)):
            raise InvalidInputError("feedback tool_use_id, source and status must be strings")
        self._check_open()
        row = self.log.decision(tool_use_id)
        if row is None:
            raise InvalidInputError(
                f"no decision with tool_use_id {tool_use_id!r}; send feedback only for ids "
                "the gate decided (GateDecision.tool_use_id)"
            )
        call = ToolCall.from_dict(json.loads(row.call_json))
        features = self.extractor.features(call)
        risk = inspect_call(call)
        now = time.time()
        with self._feedback_lock:
            repeated = false_positive and self.log.had_false_positive(call_signature(call))
            lesson = self.teacher.lesson(
                call, features, approved=approved, false_positive=false_positive,
                user_override=user_override, repeated=repeated, risk_score=risk.score,
                risk_flags=risk.flags, risk_weight=risk.weight, source=source, status=status,
                duration_s=max(0.0, now - row.ts),
            )
            first = not self.log.has_feedback(tool_use_id)
            # the user's own word: an answer when asked, or one sent as the user's
            vouched = row.decision == "ask" or row.asked or source == "user"
            record = {**lesson.record, "vouched": vouched}
            row_id = self.log.add_feedback(tool_use_id, record, now)
            self.support.add(tool_use_id, self._embedding(features), approved=approved,
                             clock=row_id, programs=program_keys(call),
                             false_positive=false_positive, identity=call_identity(call),
                             risks=risk.flags, vouched=vouched, kind=supersede_key(call),
                             described=self._description_embedding(call),
                             command=command_identity(call))
            # The example is keyed by the call's signature: in replay it replaces the older
            # answers about the same call that it contradicts, locked ones included (the
            # user may change their mind; locked means never evicted for space).
            self._learn(lesson.example, row_id)
        with self._lock:
            self._labels += int(first)
            self._remember_label(tool_use_id, features, approved)
        return FeedbackResult(tool_use_id, lesson.weight, lesson.locked)

    def _remember_label(self, tool_use_id: str, features: torch.Tensor, approved: bool) -> None:
        for i, (tid, _, _) in enumerate(self._window):
            if tid == tool_use_id:
                del self._window[i]
                break
        self._window.append((tool_use_id, features, approved))
        # The window changed; the model published after this answer's round rescores it.

    def _learn(self, example: Example, row_id: int) -> None:
        """Queue the committed answer ``row_id`` for training, marked with its row id (the
        learner then says which answers its model includes; checkpoints record that).
        Called in row-id order. An answer the learner cannot take now waits for the next."""
        self._unqueued.append((example, row_id))
        self._drain()
        if self._enqueued - self._saved[1] >= self.config.checkpoint_max_answers:
            self._checkpointer.poke()

    def _drain(self) -> None:
        """Hand the waiting answers to the learner, oldest first (under _feedback_lock)."""
        retried = False
        while self._unqueued:
            example, row_id = self._unqueued[0]
            try:
                self.learner.learn([example], marks=[row_id])
            except BackendUnavailable as exc:  # its queue stayed full: training is stuck
                log.warning("gate training is behind (%s); %d answers wait for it", exc,
                            len(self._unqueued))
                return
            except NeuroplastError as exc:
                # A failed earlier round is raised here once; the answer is already
                # committed, so log it, keep the live model and queue the answer anyway.
                log.warning("gate training round failed (%s); the live model was kept", exc)
                if retried:
                    return
                retried = True
                continue
            self._unqueued.popleft()
            self._enqueued = row_id

    def feedback_lock(self) -> threading.Lock:
        """Held while an answer is committed and queued, so answers train in log order
        (``gate.peer_learning`` commits a peer's answers under it too)."""
        return self._feedback_lock

    def learn_committed(self, example: Example, row_id: int) -> None:
        """Train on ``example``, a peer's committed answer ``row_id`` (under feedback_lock)."""
        self._peer_taught = True
        self._learn(example, row_id)

    def relearn(self) -> None:
        """Train a new model from the log alone, dropping the checkpoint: what a peer
        taught is forgotten once its rows are deleted (``PeerLog.forget``)."""
        self._check_open()
        with self._feedback_lock, self._checkpoint_lock:
            for name in ("checkpoint", "checkpoint.old", "checkpoint.tmp"):
                shutil.rmtree(self.dir / name, ignore_errors=True)
            old, self.learner = self.learner, self._new_learner()
            old.close()
            self._unqueued.clear()
            self._history.clear()
            self._window.clear()
            self._accuracy = (-1, 0.0)
            self.support = SupportMemory(self.config.support, dim=self.support.dim)
            self._restore()

    # ---------------------------------------------------------------- other queries
    def lookup(self, tool_use_id: str) -> DecisionRow | None:
        """The logged decision for ``tool_use_id``, or None."""
        return self.log.decision(tool_use_id)

    def explain(self, tool_use_id: str) -> list[list[str]]:
        """The trace of the decision about ``tool_use_id``: ``[rule, decision, reason]`` for
        every rule evaluated, in order; the last one decided ("" where a rule passed)."""
        self._check_open()
        row = self.log.decision(tool_use_id)
        if row is None:
            raise InvalidInputError(f"the gate never decided a call with tool_use_id "
                                    f"{tool_use_id!r}")
        return list(json.loads(row.trace_json))

    def has_feedback(self, tool_use_id: str) -> bool:
        return self.log.has_feedback(tool_use_id)

    def mark_asked(self, tool_use_id: str) -> bool:
        """Record that Claude Code showed the user a permission prompt for this call."""
        return self.log.mark_asked(tool_use_id)

    def stats(self) -> dict[str, Any]:
        """Counts, confusion matrix, ask rate, agreement, convergence (see gate.stats)."""
        self._check_open()
        cfg = self.config
        out = gate_stats(self.db, window=cfg.convergence_window,
                         target=cfg.convergence_target, min_labels=cfg.min_labels_converged)
        out.update(mode=cfg.mode, model_version=self.learner.version,
                   min_labels_to_decide=cfg.min_labels_to_decide,
                   by_origin=self.peer_log.by_origin())
        return out

    def series(self, window: int = 50) -> list[dict[str, Any]]:
        """Agreement and ask rate per window of decisions, for plotting."""
        return agreement_series(self.db, window=window)

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Wait until every answer so far is trained into the live model."""
        return self.learner.wait_idle(timeout)

    # ---------------------------------------------------------------- persistence
    def _new_learner(self) -> OnlineLearner:
        cfg = self.config
        # The process backend rebuilds the model in its worker from these importable
        # names; the learner's own copy is built from the same spec.
        spec = ModelSpec(
            factory="neuroplast.gate.model:build_gate_model",
            kwargs={"in_dim": self.extractor.dim, "hidden": cfg.hidden, "seed": cfg.seed},
            loss="neuroplast.learn.losses:bce_loss",
        )
        return OnlineLearner(
            spec.build(),
            spec.loss_fn(),
            cfg.learner,
            regularizer=OnlineEWC(cfg.ewc),
            replay=ReplayBuffer(cfg.replay),
            on_publish=self._score,
            model_spec=spec,
        )

    def _restore(self) -> None:
        """Load the last checkpoint, queue newer answers to re-learn (in the background:
        ``wait_idle`` waits for them), rebuild in-memory state."""
        self.learner, included, self._enqueued, _ = restore_learner(
            self.learner, self._new_learner, self.dir, self.log, self.extractor
        )
        # The loaded (or initial) state; the answers being re-learned are checkpointed on
        # the usual schedule as they are trained.
        self._saved, self._saved_at = (self.learner.version, included), time.monotonic()
        for session, tool, ts, tool_use_id in self.log.recent_calls():
            self._history.setdefault(session, deque(maxlen=_HISTORY)).append(
                (ts, tool, tool_use_id)
            )
        self._labels = int(self.db.query(  # the user's own labels: not a peer's (peer_log)
            "SELECT COUNT(DISTINCT f.tool_use_id) FROM feedback f JOIN decisions d ON "
            "d.tool_use_id = f.tool_use_id WHERE d.mode NOT IN ('peer', 'peer-private')")[0][0])
        self._asks.extend(reversed([row[0] == "ask" for row in self.db.query(
            "SELECT decision FROM decisions WHERE mode NOT IN ('peer', 'peer-private') "
            "ORDER BY rowid DESC LIMIT ?", (_ASK_WINDOW,))]))
        self._peer_taught = bool(self.db.query(
            "SELECT EXISTS (SELECT 1 FROM decisions WHERE mode IN ('peer', 'peer-private'))"
        )[0][0])
        labelled = self.log.labelled(self.config.accuracy_window)
        if labelled:
            inputs = self.extractor.features_batch(
                [ToolCall.from_dict(json.loads(c)) for _, _, c in labelled]
            )
            for (tool_use_id, approved, _), x in zip(labelled, inputs, strict=True):
                self._window.append((tool_use_id, x, approved))
        rebuild_memory(self.support, self.log, self.extractor.embedder,
                       self.config.support.window)

    def checkpoint(self, timeout: float | None = None) -> bool:
        """Checkpoint the trained model and the last answer it includes (its mark), unless
        that state is saved already; answers after it are re-learned on restart.

        Waits up to ``timeout`` seconds (None: as long as it takes) for the answers given
        so far to be trained first; True if the checkpoint includes them all. The
        background schedule (:meth:`_checkpoint_tick`) never waits.
        """
        enqueued = self._enqueued
        if timeout is None or timeout > 0:
            try:
                self.learner.wait_idle(timeout)
            except NeuroplastError as exc:  # a failed round: checkpoint what was trained
                log.warning("gate training round failed (%s); checkpointing the live model",
                            exc)
        with self._checkpoint_lock:
            if (self.learner.version, self.learner.mark) != self._saved:
                self._saved = write_checkpoint(self.learner, self.dir, self.extractor.dim)
                self._saved_at = time.monotonic()
            return self._saved[1] >= enqueued

    def _checkpoint_tick(self) -> float:
        """Checkpoint when the model includes ``checkpoint_max_answers`` answers more than
        the last checkpoint, or ``checkpoint_interval_s`` after it if the model changed; a
        stream of answers that never lets training go idle delays neither. Returns the
        seconds until the next look (an answer that makes one due pokes it sooner)."""
        cfg = self.config
        since = time.monotonic() - self._saved_at
        changed = (self.learner.version, self.learner.mark) != self._saved
        behind = self.learner.mark - self._saved[1]
        if changed and (since >= cfg.checkpoint_interval_s
                        or behind >= cfg.checkpoint_max_answers):
            self.checkpoint(timeout=0)
            return cfg.checkpoint_interval_s
        return max(0.05, cfg.checkpoint_interval_s - since)

    def _check_open(self) -> None:
        if self._closed:
            raise NeuroplastError("this Gate is closed; create a new Gate(data_dir=...) to go on")

    def close(self) -> None:
        """Finish training, write a final checkpoint, close the database. Safe twice."""
        if self._closed:
            return
        self._closed = True
        self._checkpointer.stop()
        try:
            with self._feedback_lock:
                self._drain()  # the answers still waiting, before the final checkpoint
            self.checkpoint()
        finally:
            self.learner.close()
            flush = getattr(self.extractor.embedder, "flush", None)
            if flush is not None:
                flush()  # the embeddings still waiting for their timer
            self.db.close()

    def __enter__(self) -> Gate:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
