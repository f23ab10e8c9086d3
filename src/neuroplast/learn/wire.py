"""Frames between the learner and its worker process: JSON header + safetensors payload.

One frame is ``>QQ`` (header length, payload length), the UTF-8 JSON header, then the
payload: ``safetensors.torch.save`` bytes, or nothing. No pickle anywhere: a frame from
a broken or hostile peer can at worst fail to parse, never run code.

>>> import io, torch
>>> buf = io.BytesIO()
>>> write_frame(buf, {"op": "ping"}, {"w": torch.ones(2)})
>>> _ = buf.seek(0)
>>> header, tensors = read_frame(buf)
>>> header, tensors["w"].tolist()
({'op': 'ping'}, [1.0, 1.0])
"""

from __future__ import annotations

import json
import struct
from typing import IO, TYPE_CHECKING, Any

from neuroplast.errors import BackendUnavailable, InvalidInputError

if TYPE_CHECKING:
    import torch

__all__ = ["pack_examples", "read_frame", "unpack_examples", "write_frame"]

_PREFIX = struct.Struct(">QQ")
_MAX_HEADER = 1 << 24  # a header is a few hundred bytes; more means a corrupt stream


def write_frame(
    stream: IO[bytes], header: dict[str, Any], tensors: dict[str, torch.Tensor] | None = None
) -> None:
    """Write one frame and flush it."""
    body = json.dumps(header).encode("utf-8")
    payload = b""
    if tensors:
        from safetensors.torch import save

        payload = save(_unshared(tensors))
    stream.write(_PREFIX.pack(len(body), len(payload)) + body + payload)
    stream.flush()


def read_frame(stream: IO[bytes]) -> tuple[dict[str, Any], dict[str, torch.Tensor]]:
    """Read one frame; :class:`BackendUnavailable` if the stream ends before it is whole."""
    head_len, payload_len = _PREFIX.unpack(_read_exactly(stream, _PREFIX.size))
    if head_len > _MAX_HEADER:
        raise InvalidInputError(
            f"frame header of {head_len} bytes is implausible; the stream is corrupt, "
            "restart the worker"
        )
    header = json.loads(_read_exactly(stream, head_len).decode("utf-8"))
    if not isinstance(header, dict):
        raise InvalidInputError("frame header is not a JSON object; the stream is corrupt")
    tensors: dict[str, torch.Tensor] = {}
    if payload_len:
        from safetensors.torch import load

        tensors = load(_read_exactly(stream, payload_len))
    return header, tensors


def pack_examples(examples: list[Any]) -> dict[str, torch.Tensor]:
    """A round's examples as frame tensors: ``inputs`` and ``target`` stacked when all
    examples' inputs, and all their targets, agree in shape and dtype (what one learner
    trains on), else one pair per example (``n<i>.inputs``, ``n<i>.target``). The
    serving process builds this frame every round while holding the GIL, and
    safetensors' cost is per tensor: two tensors instead of 2·N make a round's frame
    several times cheaper.

    >>> import torch
    >>> from neuroplast.core.replay import Example
    >>> packed = pack_examples([Example(torch.zeros(3), torch.tensor(i)) for i in (1, 2)])
    >>> sorted(packed), [t.tolist() for t in unpack_examples(packed, 2)[1]]
    (['inputs', 'target'], [1, 2])
    """
    from neuroplast.learn.batch import collate

    if examples and all(_alike(e.inputs, examples[0].inputs)
                        and _alike(e.target, examples[0].target) for e in examples):
        inputs, targets, _ = collate(examples)
        return {"inputs": inputs, "target": targets}
    out: dict[str, torch.Tensor] = {}
    for i, example in enumerate(examples):
        out[f"n{i}.inputs"] = example.inputs
        out[f"n{i}.target"] = example.target
    return out


def unpack_examples(tensors: dict[str, torch.Tensor], count: int
                    ) -> tuple[list[torch.Tensor], list[torch.Tensor]]:
    """The ``count`` inputs and targets :func:`pack_examples` shipped, in order."""
    if "inputs" in tensors and "target" in tensors:
        inputs, target = tensors["inputs"], tensors["target"]
        if len(inputs) != count or len(target) != count:
            raise InvalidInputError(
                f"a round frame stacks {len(inputs)} inputs and {len(target)} targets for "
                f"{count} examples; the stream is corrupt, restart the worker"
            )
        return list(inputs.unbind(0)), list(target.unbind(0))
    try:
        return ([tensors[f"n{i}.inputs"] for i in range(count)],
                [tensors[f"n{i}.target"] for i in range(count)])
    except KeyError as exc:
        raise InvalidInputError(
            f"a round frame lacks {exc.args[0]!r} of its {count} examples; the stream is "
            "corrupt, restart the worker"
        ) from None


def _alike(a: torch.Tensor, b: torch.Tensor) -> bool:
    return a.shape == b.shape and a.dtype == b.dtype


def _unshared(tensors: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    """Tensors safetensors accepts: contiguous, no two on one storage (tied weights, views).

    Only those that need it are copied: a frame is built once per training round, in the
    serving process.
    """
    seen: set[int] = set()
    out: dict[str, torch.Tensor] = {}
    for name, tensor in tensors.items():
        tensor = tensor.detach()
        storage = tensor.untyped_storage().data_ptr()
        if storage in seen or not tensor.is_contiguous():
            tensor = tensor.contiguous().clone()
            storage = tensor.untyped_storage().data_ptr()
        seen.add(storage)
        out[name] = tensor
    return out


def _read_exactly(stream: IO[bytes], size: int) -> bytes:
    chunks: list[bytes] = []
    left = size
    while left:
        chunk = stream.read(left)
        if not chunk:
            raise BackendUnavailable(
                "the peer closed the pipe in the middle of a frame (its process exited)"
            )
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)
