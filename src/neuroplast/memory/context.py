"""An agent's context: ordered sections whose nodes are memories, messages and tool results.

Sections come in a fixed order, ``system``, ``identity``, ``journal``, ``conversation``;
each holds nodes in the order they were added. A node is plain text (instructions, in the
system and identity sections), a memory (with a key), a user message, an assistant
response or a tool result, each with a timestamp. Contexts are immutable: ``without``
gives a new context with some memories left out, which is what scoring compares.

>>> ctx = Context.build(
...     system=["you are helpful."],
...     journal=[("dog", "the user's dog is called rex.")],
...     conversation=[("user", "what is my dog called?"), ("assistant", "rex.")],
... )
>>> [n.kind for n in ctx.nodes], [m.key for m in ctx.memories]
(['text', 'memory', 'user', 'assistant'], ['dog'])
>>> [n.kind for n in ctx.without({"dog"}).nodes]
['text', 'user', 'assistant']
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from neuroplast.errors import InvalidInputError

__all__ = ["KINDS", "SECTIONS", "Context", "Node"]

SECTIONS = ("system", "identity", "journal", "conversation")
KINDS = ("text", "memory", "user", "assistant", "tool")
Kind = Literal["text", "memory", "user", "assistant", "tool"]


@dataclass(frozen=True)
class Node:
    """One piece of the context. ``key`` names a memory (and only a memory).

    >>> Node("conversation", "memory", "the sky is green here.", key="sky").key
    'sky'
    >>> Node("conversation", "memory", "no key")
    Traceback (most recent call last):
    ...
    neuroplast.errors.InvalidInputError: a memory node needs a non-empty key (the memory's \
id in the agent's store); give key='...'
    """

    section: str
    kind: Kind
    text: str
    timestamp: float = 0.0
    key: str | None = None

    def __post_init__(self) -> None:
        if self.section not in SECTIONS:
            raise InvalidInputError(
                f"section {self.section!r} is unknown; use one of {', '.join(SECTIONS)}"
            )
        if self.kind not in KINDS:
            raise InvalidInputError(f"node kind {self.kind!r} is unknown; use one of {KINDS}")
        if not isinstance(self.text, str):
            raise InvalidInputError(f"node text must be a string, got {type(self.text).__name__}")
        ts = self.timestamp
        if isinstance(ts, bool) or not isinstance(ts, int | float) or not math.isfinite(ts):
            raise InvalidInputError(f"node timestamp {ts!r} must be a finite number (seconds)")
        if self.kind == "memory" and (not isinstance(self.key, str) or not self.key):
            raise InvalidInputError(
                "a memory node needs a non-empty key (the memory's id in the agent's store); "
                "give key='...'"
            )
        if self.kind != "memory" and self.key is not None:
            raise InvalidInputError(f"only memory nodes have a key; a {self.kind} node got one")

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"section": self.section, "kind": self.kind, "text": self.text,
                               "timestamp": self.timestamp}
        if self.key is not None:
            out["key"] = self.key
        return out


@dataclass(frozen=True)
class Context:
    """Nodes in section order. Build one with :meth:`build` or from nodes."""

    nodes: tuple[Node, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        nodes = tuple(self.nodes)
        order = [SECTIONS.index(n.section) for n in nodes]
        if order != sorted(order):
            raise InvalidInputError(
                "context nodes are out of section order; sections go "
                f"{' -> '.join(SECTIONS)}, each node after the ones of earlier sections"
            )
        keys = [n.key for n in nodes if n.kind == "memory"]
        if len(keys) != len(set(keys)):
            dup = next(k for k in keys if keys.count(k) > 1)
            raise InvalidInputError(
                f"memory key {dup!r} appears twice in the context; give each memory its own key"
            )
        object.__setattr__(self, "nodes", nodes)

    @classmethod
    def build(
        cls,
        system: Iterable[str] = (),
        identity: Iterable[str] = (),
        journal: Iterable[tuple[str, str]] = (),
        conversation: Iterable[tuple[str, str] | tuple[str, str, str]] = (),
        start: float = 0.0,
    ) -> Context:
        """A context from plain values; timestamps count up by one second from ``start``.

        ``journal`` holds ``(key, text)`` memories; ``conversation`` holds ``(kind, text)``
        messages or ``("memory", key, text)`` memories recalled mid-conversation.
        """
        nodes: list[Node] = []
        for section, texts in (("system", system), ("identity", identity)):
            if isinstance(texts, str):  # one string would become one node per character
                raise InvalidInputError(f"{section} is a list of texts; give [{texts!r:.40}]")
            nodes += [Node(section, "text", t, start + len(nodes)) for t in texts]
        for entry in journal:
            if not isinstance(entry, tuple | list) or len(entry) != 2:
                raise InvalidInputError(f"a journal entry is (key, text), got {entry!r:.80}")
            key, text = entry
            nodes.append(Node("journal", "memory", text, start + len(nodes), key))
        for item in conversation:
            if not isinstance(item, tuple | list) or len(item) not in (2, 3):
                raise InvalidInputError("a conversation entry is (kind, text) or "
                                        f"('memory', key, text), got {item!r:.80}")
            if item[0] == "memory":
                if len(item) != 3:
                    raise InvalidInputError("a conversation memory is ('memory', key, text)")
                nodes.append(Node("conversation", "memory", item[2], start + len(nodes), item[1]))
            elif len(item) == 2:
                nodes.append(Node("conversation", item[0], item[1], start + len(nodes)))  # type: ignore[arg-type]
            else:
                raise InvalidInputError(f"a {item[0]!r} message is ({item[0]!r}, text)")
        return cls(tuple(nodes))

    @property
    def memories(self) -> list[Node]:
        return [n for n in self.nodes if n.kind == "memory"]

    @property
    def responses(self) -> list[Node]:
        return [n for n in self.nodes if n.kind == "assistant"]

    def index_of(self, key: str) -> int:
        """Position in ``nodes`` of the memory ``key``."""
        if not isinstance(key, str) or not key:
            raise InvalidInputError(f"memory key {key!r}: give a memory's non-empty key")
        for i, node in enumerate(self.nodes):
            if node.key == key:
                return i
        raise InvalidInputError(f"no memory {key!r} in this context; memories: "
                                f"{[m.key for m in self.memories][:20]}")

    def without(self, keys: Iterable[str]) -> Context:
        """This context with the memories ``keys`` left out (unknown keys are an error)."""
        if isinstance(keys, str):  # one key would be read as its characters
            raise InvalidInputError(f"without takes a list of keys; give [{keys!r}]")
        drop = set(keys)
        for key in drop:
            self.index_of(key)
        return Context(tuple(n for n in self.nodes if n.key not in drop))

    def dropping(self, indices: Iterable[int]) -> Context:
        """This context without the nodes at positions ``indices`` (any kind).

        >>> ctx = Context.build(conversation=[("user", "hi"), ("assistant", "hello")])
        >>> [n.kind for n in ctx.dropping([0]).nodes]
        ['assistant']
        """
        drop = set(indices)
        for i in drop:
            if not isinstance(i, int) or not 0 <= i < len(self.nodes):
                raise InvalidInputError(f"node index {i!r} is not in this {len(self.nodes)}"
                                        "-node context; give 0 <= index < its length")
        return Context(tuple(n for i, n in enumerate(self.nodes) if i not in drop))

    def without_memories(self) -> Context:
        """This context with every memory left out."""
        return Context(tuple(n for n in self.nodes if n.kind != "memory"))

    def truncated(self, count: int) -> Context:
        """The first ``count`` nodes."""
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise InvalidInputError(f"truncated({count!r}): give a node count >= 0")
        return Context(self.nodes[:count])

    def to_dict(self) -> dict[str, Any]:
        return {"nodes": [n.to_dict() for n in self.nodes]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Context:
        """Inverse of :meth:`to_dict`; bad input raises :class:`InvalidInputError`."""
        if not isinstance(data, dict) or not isinstance(data.get("nodes"), list):
            raise InvalidInputError('a context is {"nodes": [{"section", "kind", "text", ...}]}')
        nodes: Sequence[Any] = data["nodes"]
        out = []
        for raw in nodes:
            if not isinstance(raw, dict):
                raise InvalidInputError(f"a context node must be an object, got {raw!r:.80}")
            try:
                out.append(Node(raw["section"], raw["kind"], raw["text"],
                                float(raw.get("timestamp", 0.0)), raw.get("key")))
            except (KeyError, TypeError, ValueError) as exc:
                if isinstance(exc, InvalidInputError):
                    raise
                raise InvalidInputError(f"context node {raw!r:.120} is malformed: {exc}") from exc
        return cls(tuple(out))
