"""A context as the model sees it: token ids from the tokenizer's own chat template, and the
token range of every node.

Each node becomes one chat message (instructions and, by default, memories as ``system``
messages; tool results as ``tool``). The template is rendered once per message prefix, so
the character span of each message is known without assumptions about the template's
markup; the whole text is then tokenized once with offsets, and a node's *content* is
mapped to the tokens that overlap it. A template whose rendering of a prefix is not a
prefix of the whole (one that rewrites earlier messages later) is refused with a clear error.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from neuroplast.config import Config
from neuroplast.errors import ConfigError, InvalidInputError
from neuroplast.memory.context import Context, Node

if TYPE_CHECKING:
    from transformers import PreTrainedTokenizerBase

__all__ = ["RenderConfig", "Rendered", "render", "render_dropping", "render_without"]


@dataclass
class RenderConfig(Config):
    """How nodes become chat messages.

    >>> RenderConfig().memory_format.format(key="dog", text="rex.")
    'memory dog: rex.'
    """

    memory_role: str = field(default="system", metadata={"help": "chat role of a memory"})
    memory_format: str = field(
        default="memory {key}: {text}",
        metadata={"help": "str.format template of a memory message ({key}, {text})"},
    )
    tool_role: str = field(default="tool", metadata={"help": "chat role of a tool result"})

    def __post_init__(self) -> None:
        try:
            self.memory_format.format(key="k", text="t")
        except (KeyError, IndexError, ValueError) as exc:
            raise ConfigError(
                f"RenderConfig.memory_format={self.memory_format!r} is invalid ({exc}); "
                "use only the fields {key} and {text}"
            ) from exc


_ROLES = {"text": "system", "user": "user", "assistant": "assistant"}


def message(node: Node, config: RenderConfig) -> dict[str, str]:
    """The chat message of ``node``."""
    if node.kind == "memory":
        return {"role": config.memory_role,
                "content": config.memory_format.format(key=node.key, text=node.text)}
    if node.kind == "tool":
        return {"role": config.tool_role, "content": node.text}
    return {"role": _ROLES[node.kind], "content": node.text}


@dataclass(frozen=True)
class Rendered:
    """Token ids of a context and, per node, the token range ``[start, end)`` of its content.

    ``spans[i]`` belongs to ``context.nodes[i]``; ``message_spans[i]`` covers the node's
    whole message (role markup included), which is what removing the node removes.
    """

    context: Context
    ids: tuple[int, ...]
    spans: tuple[tuple[int, int], ...]
    message_spans: tuple[tuple[int, int], ...]
    text: str = ""
    bounds: tuple[tuple[int, int, int, int], ...] = ()  # characters: message, content

    def response_ranges(self) -> list[tuple[int, int]]:
        """Token ranges of the assistant responses, in order."""
        return [s for n, s in zip(self.context.nodes, self.spans, strict=True)
                if n.kind == "assistant"]

    def memory_span(self, key: str) -> tuple[int, int]:
        """Token range of memory ``key``'s whole message."""
        return self.message_spans[self.context.index_of(key)]


def _template_text(tokenizer: PreTrainedTokenizerBase, messages: list[dict[str, str]]) -> str:
    try:
        text = tokenizer.apply_chat_template(messages, tokenize=False)
    except Exception as exc:  # jinja raises its own errors for roles a template refuses
        raise InvalidInputError(
            f"the tokenizer's chat template cannot render these messages ({exc}); choose "
            "RenderConfig roles the template accepts (e.g. memory_role='user')"
        ) from exc
    if not isinstance(text, str):
        raise ConfigError("apply_chat_template(tokenize=False) did not return text")
    return text


def render(
    context: Context, tokenizer: PreTrainedTokenizerBase, config: RenderConfig | None = None
) -> Rendered:
    """Token ids and per-node token ranges of ``context`` under ``tokenizer``'s template."""
    config = config or RenderConfig()
    if getattr(tokenizer, "chat_template", None) is None:
        raise ConfigError(
            "the tokenizer has no chat template; use a chat model's tokenizer or set "
            "tokenizer.chat_template"
        )
    if not getattr(tokenizer, "is_fast", False):
        raise ConfigError(
            "token ranges need a fast tokenizer (offsets); load it with use_fast=True")
    messages = [message(n, config) for n in context.nodes]
    bounds: list[tuple[int, int, int, int]] = []  # message start/end, content start/end
    previous = ""
    for i, msg in enumerate(messages):
        text = _template_text(tokenizer, messages[: i + 1])
        if not text.startswith(previous):
            raise ConfigError(
                "the chat template renders earlier messages differently once later ones are "
                f"added (at message {i}); token ranges cannot be found with this template"
            )
        at = text.find(msg["content"], len(previous)) if msg["content"] else len(text)
        if at < 0:
            raise ConfigError(
                f"the chat template does not copy message {i}'s content verbatim; "
                "token ranges cannot be found with this template"
            )
        bounds.append((len(previous), len(text), at, at + len(msg["content"])))
        previous = text
    return _tokenized(context, tokenizer, previous, bounds)


def _tokenized(context: Context, tokenizer: PreTrainedTokenizerBase, text: str,
               bounds: list[tuple[int, int, int, int]]) -> Rendered:
    encoded = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
    ids = tuple(int(t) for t in encoded["input_ids"])
    offsets = _Offsets(encoded["offset_mapping"])
    return Rendered(
        context=context,
        ids=ids,
        spans=tuple(offsets.over(c0, c1) for _, _, c0, c1 in bounds),
        message_spans=tuple(offsets.over(m0, m1) for m0, m1, _, _ in bounds),
        text=text,
        bounds=tuple(bounds),
    )


def render_without(
    base: Rendered, keys: set[str], tokenizer: PreTrainedTokenizerBase,
    config: RenderConfig | None = None,
) -> Rendered:
    """``render(base.context.without(keys))``, with one template render instead of one per
    message: when the template renders the reduced messages as the base's text with the
    removed messages cut out (a template that renders each message on its own), the
    character bounds follow from the base's; otherwise it falls back to :func:`render`.
    """
    base.context.without(keys)  # unknown keys are an error
    drop = {i for i, n in enumerate(base.context.nodes) if n.key in keys}
    return render_dropping(base, drop, tokenizer, config)


def render_dropping(
    base: Rendered, indices: set[int], tokenizer: PreTrainedTokenizerBase,
    config: RenderConfig | None = None,
) -> Rendered:
    """``render(base.context.dropping(indices))``: :func:`render_without` for nodes of any
    kind (memories, or whole turns of the conversation), by node position."""
    config = config or RenderConfig()
    context = base.context.dropping(indices)
    if not base.bounds:
        return render(context, tokenizer, config)
    text = _template_text(tokenizer, [message(n, config) for n in context.nodes])
    pieces, bounds, shift, at = [], [], 0, 0
    for i, (m0, m1, c0, c1) in enumerate(base.bounds):
        if i in indices:
            pieces.append(base.text[at:m0])
            at = m1
            shift += m1 - m0
            continue
        bounds.append((m0 - shift, m1 - shift, c0 - shift, c1 - shift))
    pieces.append(base.text[at:])
    if "".join(pieces) != text:
        return render(context, tokenizer, config)
    return _tokenized(context, tokenizer, text, bounds)


class _Offsets:
    """Token character offsets, searchable by binary search (tokens are in text order)."""

    def __init__(self, offsets: list[Any]) -> None:
        self.count = len(offsets)
        # tokens with characters (special tokens added without text have none)
        self.index = [i for i, (a, b) in enumerate(offsets) if b > a]
        self.starts = [offsets[i][0] for i in self.index]
        self.ends = [offsets[i][1] for i in self.index]

    def over(self, start: int, end: int) -> tuple[int, int]:
        """``[first, last)`` of the tokens whose characters overlap ``[start, end)``."""
        k = bisect.bisect_right(self.ends, start)  # first token ending after start
        first = self.index[k] if k < len(self.index) else self.count
        j = bisect.bisect_left(self.starts, end)  # tokens from here start at or after end
        last = self.index[j - 1] + 1 if j > k else first
        return first, max(first, last)
