"""Experience replay with locked slots.

Ordinary examples live in a bounded store whose eviction *policy* (reservoir, ring,
class-balanced or experience-balanced reservoir) is a small strategy object, separate from
the container. When the stream's boundaries are known or detected, the caller marks each
with :meth:`ReplayBuffer.end_experience`; the buffer then knows which experience each
example came from, can keep equal shares per experience (``policy="experience"``) and can
draw from past experiences only (``sample(..., past=True)``).
Examples whose weight reaches ``lock_threshold`` (for instance a false positive the user
flagged, weight 4x) go to a locked store and are never evicted, so what mattered most is
replayed in every round.
An example may carry the model's ``logits`` for it (dark experience replay, DER++:
:mod:`neuroplast.core.der`); they are stored, sampled and saved with it.
"""

from __future__ import annotations

import json
import math
import os
import random
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

import torch

from neuroplast.config import Config, check_config, check_range
from neuroplast.errors import ConfigError, EmptyBufferError, InvalidInputError, StateMismatchError
from neuroplast.store import load_tensors, save_tensors

__all__ = [
    "POLICIES",
    "BalancedPolicy",
    "EvictionPolicy",
    "Example",
    "ExperiencePolicy",
    "ReplayBuffer",
    "ReplayConfig",
    "ReservoirPolicy",
    "RingPolicy",
    "group_of",
]

# /2: one stacked tensor per store and field (a few tensors, not two per example: writing
# a checkpoint or starting a worker then costs about a millisecond of Python, not ~100);
# /1, one pair of tensors per example, is read, and written when shapes differ.
_FORMAT = "neuroplast.replay/2"
_FORMAT_PER_EXAMPLE = "neuroplast.replay/1"


@dataclass
class Example:
    """One weighted training example; ``weight`` must be finite and > 0.

    ``key`` names what the example is about (e.g. a kind of tool call), so that a newer
    answer about the same thing can supersede it (:meth:`ReplayBuffer.supersede`).
    ``logits``: the model's outputs for ``inputs`` when it learnt the example (DER++
    replays them), or None.

    >>> import torch
    >>> Example(torch.zeros(3), torch.tensor(1), weight=4.0).weight
    4.0
    """

    inputs: torch.Tensor
    target: torch.Tensor
    weight: float = 1.0
    key: str = ""
    logits: torch.Tensor | None = None

    def __post_init__(self) -> None:
        for name in ("inputs", "target", "logits"):
            value = getattr(self, name)
            if name == "logits" and value is None:
                continue
            if not isinstance(value, torch.Tensor):
                raise InvalidInputError(
                    f"Example.{name} must be a torch.Tensor, got {type(value).__name__}; "
                    f"wrap it with torch.as_tensor(...)"
                )
        w = self.weight
        if isinstance(w, bool) or not isinstance(w, int | float) or not math.isfinite(w) or w <= 0:
            raise InvalidInputError(
                f"Example.weight={w!r} is invalid; use a finite number > 0 (1.0 is ordinary)"
            )
        self.weight = float(w)
        if not isinstance(self.key, str):  # saved as text: 7 would come back as "7"
            raise InvalidInputError(f"Example.key={self.key!r} must be a string ('' for none)")


class EvictionPolicy(ABC):
    """Decides where a new ordinary example goes once the store is full."""

    name: ClassVar[str]

    @abstractmethod
    def slot(self, seen: int, capacity: int, rng: random.Random) -> int | None:
        """Index to overwrite for the example after ``seen`` others, or None to drop it."""

    def choose(self, groups: list[Any], group: Any, seen: int, group_seen: dict[Any, int],
               rng: random.Random) -> int | None:
        """Index of the full store to overwrite with a new example, or None to drop it.

        ``groups``: the class of each stored example (:func:`group_of`), ``group``: the new
        example's, ``group_seen``: examples offered per class, this one included (only
        policies that balance classes read them). By default, :meth:`slot`."""
        return self.slot(seen, len(groups), rng)


class ReservoirPolicy(EvictionPolicy):
    """Algorithm R: every example seen so far is kept with equal probability capacity/seen.

    >>> ReservoirPolicy().slot(seen=10, capacity=10, rng=random.Random(0)) in (None, *range(10))
    True
    """

    name = "reservoir"

    def slot(self, seen: int, capacity: int, rng: random.Random) -> int | None:
        j = rng.randrange(seen + 1)
        return j if j < capacity else None


class RingPolicy(EvictionPolicy):
    """First in, first out: the newest ``capacity`` examples are kept.

    >>> RingPolicy().slot(seen=12, capacity=10, rng=random.Random(0))
    2
    """

    name = "ring"

    def slot(self, seen: int, capacity: int, rng: random.Random) -> int | None:
        # Slots were filled in order 0..capacity-1, so the oldest sits at seen % capacity.
        return seen % capacity


def group_of(example: Example) -> Any:
    """The class an example counts under for balancing: its target's value when the target
    is one number (a class index or a 0/1 label), else the target's values as a tuple."""
    t = example.target
    return t.item() if t.numel() == 1 else tuple(t.flatten().tolist())


class BalancedPolicy(EvictionPolicy):
    """Class-balanced reservoir sampling (CBRS, Chrysakis & Moens, ICML 2020).

    A plain reservoir keeps each class in proportion to how often it was seen, and by
    chance: in a class-incremental stream an old class can end up with a third fewer slots
    than another, and the model then forgets it first. Once the store is full, an example of
    a class that is not among the largest in the store replaces a random example of a
    largest class; one of a largest class replaces a random example of its own class with
    probability (its slots) / (its examples seen), a reservoir within the class. Classes
    thus converge to equal shares, each a uniform sample of its class; with one class it is
    the plain reservoir.

    >>> policy = BalancedPolicy()  # a new class takes a slot of the largest one:
    >>> policy.choose([0, 0, 0, 1], 2, 4, {0: 3, 1: 1, 2: 1}, random.Random(0)) in (0, 1, 2)
    True
    """

    name = "balanced"
    # What the balanced shares are over: the example's class (group_of), or, for
    # ExperiencePolicy, the experience it arrived in.
    by: ClassVar[str] = "class"

    def slot(self, seen: int, capacity: int, rng: random.Random) -> int | None:
        return ReservoirPolicy().slot(seen, capacity, rng)

    def choose(self, groups: list[Any], group: Any, seen: int, group_seen: dict[Any, int],
               rng: random.Random) -> int | None:
        members: dict[Any, list[int]] = {}
        for i, g in enumerate(groups):
            members.setdefault(g, []).append(i)
        largest = max(len(v) for v in members.values())
        own = members.get(group, [])
        if len(own) < largest:
            full = [g for g, v in members.items() if len(v) == largest]
            return rng.choice(members[rng.choice(full)])
        if rng.random() * group_seen[group] < len(own):
            return rng.choice(own)
        return None


class ExperiencePolicy(BalancedPolicy):
    """Experience- and class-balanced reservoir: equal shares per (experience, class) pair,
    each a uniform sample of its pair; an experience is the stretch of the stream between
    two boundaries (:meth:`ReplayBuffer.end_experience`).

    The balanced reservoir of :class:`BalancedPolicy` over pairs instead of classes. Where
    every experience holds every class (permuted or rotated inputs, a user whose habits
    drift) a class balance says nothing about time, and this keeps equal shares per
    experience, as Avalanche's default buffer (``ExperienceBalancedBuffer``) does, but filled
    as the examples arrive rather than from a copy of the whole experience at its end, so
    memory stays bounded and the buffer is already balanced when a boundary comes. Where
    classes arrive apart (each class in one experience) it is the class balance: a balance
    over experiences alone would keep an experience's classes in whatever proportion they
    arrived (the continual benchmark's sweep measures both).

    >>> policy = ExperiencePolicy()  # experience 2 arrives: it takes a slot of the largest
    >>> groups = [(0, 7), (0, 7), (0, 7), (1, 7)]
    >>> policy.choose(groups, (2, 7), 4, {(0, 7): 3, (1, 7): 1, (2, 7): 1},
    ...               random.Random(0)) in (0, 1, 2)
    True
    """

    name = "experience"
    by: ClassVar[str] = "experience"


POLICIES: dict[str, type[EvictionPolicy]] = {
    p.name: p for p in (ReservoirPolicy, RingPolicy, BalancedPolicy, ExperiencePolicy)
}


@dataclass
class ReplayConfig(Config):
    """Replay settings.

    >>> ReplayConfig(capacity=50, policy="ring").policy
    'ring'
    >>> ReplayConfig(policy="lifo")
    Traceback (most recent call last):
    ...
    neuroplast.errors.ConfigError: ReplayConfig.policy='lifo' is unknown; use one of: \
balanced, experience, reservoir, ring
    """

    capacity: int = 1000
    lock_threshold: float = 4.0
    max_locked_in_sample: int | None = None
    policy: Literal["reservoir", "ring", "balanced", "experience"] = "reservoir"
    seed: int = 0

    def __post_init__(self) -> None:
        check_range("ReplayConfig", "capacity", self.capacity, 1, integer=True)
        # inf is allowed on purpose: it turns locking off.
        check_range("ReplayConfig", "lock_threshold", self.lock_threshold, 0.0,
                    low_inclusive=False, finite=False)
        if self.max_locked_in_sample is not None:
            check_range("ReplayConfig", "max_locked_in_sample", self.max_locked_in_sample, 0,
                        integer=True)
        if not isinstance(self.policy, str) or self.policy not in POLICIES:
            raise ConfigError(
                f"ReplayConfig.policy={self.policy!r} is unknown; use one of: "
                f"{', '.join(sorted(POLICIES))}"
            )
        check_range("ReplayConfig", "seed", self.seed, integer=True)


def _hashable(value: Any) -> Any:
    """A group read back from JSON: its lists (tuples when saved) as tuples again."""
    return tuple(_hashable(v) for v in value) if isinstance(value, list) else value


def _same_shapes(items: list[Example]) -> bool:
    """Whether ``items`` stack into one inputs, one targets (and one logits) tensor."""
    first = items[0].logits if items else None
    return all(ex.inputs.shape == items[0].inputs.shape and ex.target.shape ==
               items[0].target.shape and ex.inputs.dtype == items[0].inputs.dtype and
               ex.target.dtype == items[0].target.dtype and
               (ex.logits is None) == (first is None) and
               (first is None or (ex.logits is not None and ex.logits.shape == first.shape
                                  and ex.logits.dtype == first.dtype))
               for ex in items)


class ReplayBuffer:
    """Bounded replay store plus a locked store that is never evicted. Thread-safe.

    >>> import torch
    >>> buf = ReplayBuffer(ReplayConfig(capacity=2, lock_threshold=4.0, seed=1))
    >>> buf.add(Example(torch.zeros(2), torch.tensor(0), weight=4.0))
    True
    >>> for i in range(5):
    ...     _ = buf.add(Example(torch.full((2,), float(i)), torch.tensor(1)))
    >>> len(buf), len(buf.locked), len(buf.ordinary), buf.seen
    (3, 1, 2, 5)
    >>> [e.weight for e in buf.sample(1)]
    [1.0, 4.0]
    """

    def __init__(self, config: ReplayConfig | None = None) -> None:
        self.config = check_config(config, ReplayConfig, "ReplayBuffer")
        self.policy: EvictionPolicy = POLICIES[self.config.policy]()
        self._rng = random.Random(self.config.seed)
        self._ordinary: list[Example] = []
        self._locked: list[Example] = []
        self._seen = 0
        # Per class (or experience), for the balanced policies only: examples offered, and
        # each stored example's group (kept beside the store so a choice costs no tensor
        # reads).
        self._group_seen: dict[Any, int] = {}
        self._groups: list[Any] | None = [] if isinstance(self.policy, BalancedPolicy) else None
        # The experience now arriving (boundaries marked by end_experience), and the one
        # each ordinary example arrived in, whatever the policy (for sample(past=True)).
        self._experience = 0
        self._experiences: list[int] = []
        self._lock = threading.Lock()

    def add(self, example: Example) -> bool:
        """Store ``example``; return True when it went to the locked store."""
        if not isinstance(example, Example):
            raise InvalidInputError(
                f"ReplayBuffer.add expects an Example, got {type(example).__name__}; "
                "build one with Example(inputs, target, weight)"
            )
        # Own detached copies: later in-place edits by the caller must not change the
        # buffer, and views of one batch would otherwise share storage on save.
        logits = example.logits
        own = Example(
            example.inputs.detach().clone(), example.target.detach().clone(), example.weight,
            example.key, None if logits is None else logits.detach().clone(),
        )
        with self._lock:
            if own.weight >= self.config.lock_threshold:
                self._locked.append(own)
                return True
            capacity = self.config.capacity
            groups, group = self._groups, None
            if groups is not None:
                group = self._group(own)
                self._group_seen[group] = self._group_seen.get(group, 0) + 1
            if len(self._ordinary) < capacity:
                self._ordinary.append(own)
                self._experiences.append(self._experience)
                if groups is not None:
                    groups.append(group)
            else:
                index = self.policy.choose(groups if groups is not None else self._ordinary,
                                           group, self._seen, self._group_seen, self._rng)
                if index is not None:
                    self._ordinary[index] = own
                    self._experiences[index] = self._experience
                    if groups is not None:
                        groups[index] = group
            self._seen += 1
            return False

    def _group(self, example: Example) -> Any:
        if self.policy.name == "experience":
            return (self._experience, group_of(example))
        return group_of(example)

    def _stored_groups(self) -> list[Any]:
        if self.policy.name == "experience":
            return [(e, group_of(ex)) for ex, e in zip(self._ordinary, self._experiences,
                                                      strict=True)]
        return [group_of(ex) for ex in self._ordinary]

    def end_experience(self) -> int:
        """Mark a boundary of the stream (a task's end, known or detected): examples added
        from now on belong to the next experience. Returns the new experience's index.

        >>> import torch
        >>> buf = ReplayBuffer(ReplayConfig(capacity=4, policy="experience"))
        >>> buf.extend(Example(torch.zeros(1), torch.tensor(0)) for _ in range(4))
        >>> buf.end_experience()
        1
        >>> buf.extend(Example(torch.ones(1), torch.tensor(0)) for _ in range(100))
        >>> sorted(float(e.inputs) for e in buf.ordinary)  # equal shares
        [0.0, 0.0, 1.0, 1.0]
        >>> {float(e.inputs) for e in buf.sample(4, past=True)}  # the past only
        {0.0}
        """
        with self._lock:
            self._experience += 1
            return self._experience

    @property
    def experience(self) -> int:
        """Index of the experience now arriving: how many boundaries were marked."""
        return self._experience

    def extend(self, examples: Iterable[Example], *, supersede: bool = False) -> None:
        """Add every example in order; with ``supersede``, each keyed example first drops
        the stored examples it contradicts (:meth:`supersede`), so the newest answer about
        a key wins even within one call."""
        if isinstance(examples, Example):
            raise InvalidInputError("extend takes a list of examples; add one with add()")
        for example in examples:
            if supersede:
                self.supersede(example.key, example.target)
            self.add(example)

    def sample(self, n: int, rng: random.Random | None = None, *,
               locked: bool = True, past: bool = False,
               fresh: int | None = None) -> list[Example]:
        """``n`` ordinary examples without replacement (all if fewer), then the locked ones.

        With ``past``, the ordinary examples come from experiences before the current one
        only (:meth:`end_experience`), so rehearsal spends no draw on what the stream is
        teaching right now; before the first boundary there are none. With ``fresh``, the
        number of new examples of the current experience in the same step, the draws are
        spread so that every experience seen so far has an equal share of the step, the
        current one counting its fresh examples (:meth:`_even`).

        All locked examples are included unless ``max_locked_in_sample`` caps them, or
        ``locked=False`` leaves them out (a second draw that must not repeat them). Draws
        use ``rng`` if given, else the buffer's seeded RNG; a trainer passes its own, so two
        copies of a buffer that receive the same examples keep the same contents however
        often each is sampled (eviction draws from the buffer's RNG only).
        """
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            raise InvalidInputError(f"sample(n={n!r}) needs an integer n >= 0")
        if rng is not None and not isinstance(rng, random.Random):
            raise InvalidInputError(f"sample(rng={rng!r}) takes a random.Random, e.g. "
                                    "random.Random(0)")
        draw = rng if rng is not None else self._rng
        with self._lock:
            if not self._ordinary and not self._locked:
                raise EmptyBufferError(
                    "the replay buffer is empty; add examples first with add() or extend()"
                )
            if fresh is not None:
                ordinary = self._even(n, fresh, draw)
            else:
                pool = self._ordinary
                if past:
                    now = self._experience
                    pool = [ex for ex, e in zip(self._ordinary, self._experiences,
                                                strict=True) if e < now]
                ordinary = draw.sample(pool, min(n, len(pool)))
            if not locked:
                return ordinary
            cap = self.config.max_locked_in_sample
            if cap is None or cap >= len(self._locked):
                kept = list(self._locked)
            else:
                kept = draw.sample(self._locked, cap)
            return ordinary + kept

    def _even(self, n: int, fresh: int, draw: random.Random) -> list[Example]:
        """``n`` draws giving each stored experience an equal share of a step that already
        holds ``fresh`` new examples of the current one: the step's loss then weighs every
        experience seen so far alike, as training on all of them jointly would. Early in a
        stream the current experience is rehearsed too (its fresh examples are less than
        its share); once the fresh examples alone exceed a share, only the past is drawn.
        Caller holds the lock."""
        if isinstance(fresh, bool) or not isinstance(fresh, int) or fresh < 0:
            raise InvalidInputError(f"sample(fresh={fresh!r}) needs an integer >= 0")
        by: dict[int, list[Example]] = {}
        for ex, e in zip(self._ordinary, self._experiences, strict=True):
            by.setdefault(e, []).append(ex)
        now = self._experience
        current = by.pop(now, [])
        share = (n + fresh) / (len(by) + 1)
        picks = draw.sample(current, max(0, min(len(current), n, round(share) - fresh)))
        left = n - len(picks)
        past = sorted(by)
        if past and left:
            each, extra = divmod(left, len(past))
            lucky = set(draw.sample(past, extra))
            for e in past:
                picks += draw.sample(by[e], min(len(by[e]), each + (e in lucky)))
        return picks

    def supersede(self, key: str, target: torch.Tensor) -> int:
        """Drop the examples about ``key`` whose target differs from ``target``.

        Locked examples are never evicted for space, but the user may change their mind:
        a newer answer about the same thing replaces the old ones it contradicts. Returns
        how many were dropped; examples without a key are never touched.

        >>> import torch
        >>> buf = ReplayBuffer()
        >>> _ = buf.add(Example(torch.zeros(1), torch.tensor(0.0), 4.0, key="git --force"))
        >>> buf.supersede("git --force", torch.tensor(1.0)), len(buf.locked)
        (1, 0)
        """
        if not isinstance(key, str) or not isinstance(target, torch.Tensor):
            raise InvalidInputError(f"supersede(key, target) takes a string and a tensor, got "
                                    f"{type(key).__name__} and {type(target).__name__}")
        if not key:
            return 0
        with self._lock:
            before = len(self._ordinary) + len(self._locked)
            keep = [ex for ex in self._locked
                    if ex.key != key or torch.equal(ex.target, target)]
            self._locked = keep
            kept = [(ex, e) for ex, e in zip(self._ordinary, self._experiences, strict=True)
                    if ex.key != key or torch.equal(ex.target, target)]
            self._ordinary = [ex for ex, _ in kept]
            self._experiences = [e for _, e in kept]
            if self._groups is not None:
                self._groups = self._stored_groups()
            return before - len(self._ordinary) - len(self._locked)

    def __len__(self) -> int:
        return len(self._ordinary) + len(self._locked)

    @property
    def locked(self) -> list[Example]:
        """The locked examples (a copy of the list), in insertion order."""
        with self._lock:
            return list(self._locked)

    @property
    def ordinary(self) -> list[Example]:
        """The ordinary examples currently kept (a copy of the list), in slot order."""
        with self._lock:
            return list(self._ordinary)

    @property
    def seen(self) -> int:
        """How many ordinary examples were ever offered (the reservoir's denominator)."""
        return self._seen

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write every example, weights, policy state and RNG state to one safetensors file."""
        tensors, meta = self.to_tensors()
        save_tensors(path, tensors, meta)

    def to_tensors(self) -> tuple[dict[str, torch.Tensor], dict[str, str]]:
        """The whole buffer as ``(tensors, string metadata)``: what :meth:`save` writes and
        :meth:`from_tensors` reads (also how a training worker receives it)."""
        with self._lock:
            tensors: dict[str, torch.Tensor] = {}
            stores = (("ordinary", self._ordinary), ("locked", self._locked))
            stacked = all(_same_shapes(items) for _, items in stores)
            for kind, items in stores:
                if stacked and items:
                    tensors[f"{kind}.inputs"] = torch.stack([ex.inputs for ex in items])
                    tensors[f"{kind}.targets"] = torch.stack([ex.target for ex in items])
                    if items[0].logits is not None:
                        tensors[f"{kind}.logits"] = torch.stack(
                            [ex.logits for ex in items if ex.logits is not None])
                for i, ex in enumerate(items if not stacked else ()):
                    tensors[f"{kind}.{i}.inputs"] = ex.inputs
                    tensors[f"{kind}.{i}.target"] = ex.target
                    if ex.logits is not None:
                        tensors[f"{kind}.{i}.logits"] = ex.logits
            version, internal, gauss = self._rng.getstate()
            state = {
                "seen": self._seen,
                "rng_state": [version, list(internal), gauss],
                "ordinary_weights": [ex.weight for ex in self._ordinary],
                "locked_weights": [ex.weight for ex in self._locked],
                "group_seen": [[g, n] for g, n in self._group_seen.items()],
                "ordinary_keys": [ex.key for ex in self._ordinary],
                "locked_keys": [ex.key for ex in self._locked],
                "experience": self._experience,
                "ordinary_experiences": list(self._experiences),
            }
            meta = {"format": _FORMAT if stacked else _FORMAT_PER_EXAMPLE,
                    "config": self.config.to_json(), "state": json.dumps(state)}
        return tensors, meta

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> ReplayBuffer:
        """Rebuild a buffer saved by :meth:`save`; every locked example comes back."""
        tensors, meta = load_tensors(path)
        return cls.from_tensors(tensors, meta, source=str(path))

    @classmethod
    def from_tensors(cls, tensors: dict[str, torch.Tensor], meta: dict[str, str],
                     source: str = "replay state") -> ReplayBuffer:
        """Rebuild a buffer from :meth:`to_tensors` output; ``source`` names it in errors."""
        tensors = dict(tensors)
        stacked = meta.get("format") == _FORMAT
        if not stacked and meta.get("format") != _FORMAT_PER_EXAMPLE:
            raise StateMismatchError(
                f"{source} is not a replay buffer (format {meta.get('format')!r}, expected "
                f"{_FORMAT!r}); pass a file written by ReplayBuffer.save"
            )
        if "config" not in meta:
            raise StateMismatchError(f"{source} has no 'config' metadata; pass a file written "
                                     "by ReplayBuffer.save")
        buf = cls(ReplayConfig.from_json(meta["config"]))
        try:
            state = json.loads(meta["state"])
            for kind, store in (("ordinary", buf._ordinary), ("locked", buf._locked)):
                weights = state[f"{kind}_weights"]
                keys = state.get(f"{kind}_keys", [""] * len(weights))  # older files: no keys
                logits: list[torch.Tensor | None]
                if stacked and weights:
                    inputs = tensors.pop(f"{kind}.inputs").unbind(0)
                    targets = tensors.pop(f"{kind}.targets").unbind(0)
                    stacked_logits = tensors.pop(f"{kind}.logits", None)
                    logits = ([None] * len(weights) if stacked_logits is None
                              else list(stacked_logits.unbind(0)))
                else:
                    inputs = [tensors.pop(f"{kind}.{i}.inputs") for i in range(len(weights))]
                    targets = [tensors.pop(f"{kind}.{i}.target") for i in range(len(weights))]
                    logits = [tensors.pop(f"{kind}.{i}.logits", None) for i in range(len(weights))]
                for x, y, weight, key, z in zip(inputs, targets, weights, keys, logits,
                                                strict=True):
                    # files written before keys were checked hold None for "no key"
                    store.append(Example(x, y, weight, "" if key is None else key, z))
            version, internal, gauss = state["rng_state"]
            buf._rng.setstate((version, tuple(internal), gauss))
            buf._seen = int(state["seen"])
            buf._group_seen = {_hashable(g): int(n) for g, n in state.get("group_seen", [])}
            # Older files have no experiences: everything arrived in the first.
            buf._experience = int(state.get("experience", 0))
            buf._experiences = [int(e) for e in state.get("ordinary_experiences",
                                                          [0] * len(buf._ordinary))]
            if len(buf._experiences) != len(buf._ordinary) or any(
                    not 0 <= e <= buf._experience for e in buf._experiences):
                raise ValueError("ordinary_experiences")
            if buf._seen < 0 or buf._experience < 0:
                raise ValueError("seen or experience below 0")
            if buf._groups is not None:
                buf._groups = buf._stored_groups()
        except (KeyError, ValueError, TypeError) as exc:
            raise StateMismatchError(
                f"{source} holds an incomplete replay buffer ({exc!r} missing or malformed); "
                "restore a backup or start with an empty buffer"
            ) from exc
        if tensors:
            raise StateMismatchError(
                f"{source} holds tensors no example refers to ({', '.join(sorted(tensors)[:3])}); "
                "the file was edited or is corrupt; restore a backup"
            )
        return buf
