"""Adapter weights between peers trusted with them (``--trust weights``): signed, checked
to the last byte, safetensors only.

A bundle is ``{"payload": <JSON text>, "signature", "weights": <base64>}``. The payload
``{"v", "from", "to", "sent", "kind", "version", "config", "size", "sha256", "tensors"}``
is signed as sent and names the weights' SHA-256, size, and every tensor's dtype and
shape; ``config`` is the PEFT ``adapter_config.json``. The weights are the adapter's
``adapter_model.safetensors``, whose 8-byte length and JSON header are read by hand and
whose tensors are loaded by ``safetensors`` (no pickle can run: there is none to load).

:func:`open_adapter` refuses, in this order: a wrong shape (``InvalidInputError``), a key
not on the trust list or trusted with signals only (``UntrustedPeer``), a bad signature or
another addressee (``AuthenticationError``), an old bundle (``StaleBundle``), a kind this
install does not take, weights over the limit (``PayloadTooLarge``, checked on the
base64 text before decoding), a digest or size that differs from the signed one, a
header that differs from the signed tensors, names that are not LoRA's (``...lora_A
.weight`` ``r x in``, ``...lora_B.weight`` ``out x r``, in pairs, ``r`` as configured),
dtypes that are not floating point, values that are not finite, and shapes other than
those of this install's own adapter of the kind (another base model).

>>> import tempfile, pathlib, torch
>>> from safetensors.torch import save
>>> from neuroplast.peers.identity import Identity
>>> from neuroplast.peers.trust import PeerList
>>> tmp = pathlib.Path(tempfile.mkdtemp())
>>> alice, bob = Identity.load_or_create(tmp / "a"), Identity.load_or_create(tmp / "b")
>>> peers = PeerList(tmp / "peers.db")
>>> _ = peers.add("alice", alice.public_key, "http://a", trust="weights")
>>> weights = save({"base_model.model.fc.lora_A.weight": torch.ones(2, 3),
...                 "base_model.model.fc.lora_B.weight": torch.zeros(4, 2)})
>>> wire = seal_adapter(alice, bob.public_key, "memory", 1, {"peft_type": "LORA", "r": 2},
...                     weights)
>>> peer, adapter = open_adapter(wire, bob.public_key, peers, 60, 1 << 20)
>>> peer.name, adapter.version, adapter.tensors["base_model.model.fc.lora_B.weight"]
('alice', 1, ('F32', (4, 2)))
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import math
import struct
import time
from dataclasses import dataclass
from typing import Any

from neuroplast.errors import AuthenticationError, InvalidInputError, PayloadTooLarge
from neuroplast.peers.bundle import StaleBundle, UntrustedPeer
from neuroplast.peers.config import ADAPTER_KINDS
from neuroplast.peers.identity import Identity, verify
from neuroplast.peers.trust import Peer, PeerList

__all__ = ["ADAPTER_KINDS", "Adapter", "open_adapter", "seal_adapter", "tensor_header"]

WEIGHTS_VERSION = 1
_FLOAT = frozenset({"F16", "BF16", "F32", "F64"})
_MAX_CONFIG = 16 * 1024
_MAX_HEADER = 4 * 1024 * 1024


@dataclass(frozen=True)
class Adapter:
    """A peer's adapter once every check passed: what to write as a PEFT directory."""

    kind: str
    version: int
    config: dict[str, Any]
    weights: bytes  # adapter_model.safetensors
    sha256: str
    tensors: dict[str, tuple[str, tuple[int, ...]]]  # name -> (dtype, shape)


def tensor_header(weights: bytes) -> dict[str, tuple[str, tuple[int, ...]]]:
    """Every tensor of a safetensors file by name: ``(dtype, shape)``, from its header
    alone (nothing is loaded); raises ``InvalidInputError`` for anything else."""
    if len(weights) < 8:
        raise InvalidInputError("the weights are not a safetensors file (under 8 bytes)")
    (length,) = struct.unpack("<Q", weights[:8])
    if not 2 <= length <= min(_MAX_HEADER, len(weights) - 8):
        raise InvalidInputError("the weights are not a safetensors file (bad header length)")
    try:
        header = json.loads(weights[8:8 + length])
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise InvalidInputError("the weights are not a safetensors file (header is not "
                                "JSON)") from None
    if not isinstance(header, dict):
        raise InvalidInputError("the weights' safetensors header is not an object")
    out: dict[str, tuple[str, tuple[int, ...]]] = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        if not isinstance(info, dict) or not isinstance(info.get("dtype"), str) or not (
                isinstance(info.get("shape"), list)) or not all(
                isinstance(d, int) and not isinstance(d, bool) and d >= 0
                for d in info["shape"]):
            raise InvalidInputError(f"the weights' tensor {name[:100]!r} has no dtype/shape")
        out[name] = (info["dtype"], tuple(info["shape"]))
    return out


def seal_adapter(identity: Identity, to: str, kind: str, version: int,
                 config: dict[str, Any], weights: bytes, sent: float | None = None
                 ) -> dict[str, str]:
    """The wire form of adapter ``version`` of ``kind`` for the install whose key is
    ``to``: ``weights`` are its safetensors bytes, ``config`` its PEFT config."""
    tensors = {n: [dtype, list(shape)] for n, (dtype, shape) in tensor_header(weights).items()}
    payload = json.dumps({
        "v": WEIGHTS_VERSION, "from": identity.public_key, "to": to,
        "sent": time.time() if sent is None else sent, "kind": kind, "version": version,
        "config": config, "size": len(weights),
        "sha256": hashlib.sha256(weights).hexdigest(), "tensors": tensors,
    }, sort_keys=True, separators=(",", ":"))
    return {"payload": payload, "signature": identity.sign(payload.encode("utf-8")),
            "weights": base64.b64encode(weights).decode("ascii")}


def open_adapter(wire: Any, me: str, peers: PeerList, max_age_s: float, max_bytes: int,
                 expected: dict[str, tuple[str, tuple[int, ...]]] | None = None
                 ) -> tuple[Peer, Adapter]:
    """The trusted sender and its adapter, once every check passed (module docstring).
    ``expected``: this install's own adapter of the kind, whose shapes the peer's must
    have."""
    if not isinstance(wire, dict) or set(wire) != {"payload", "signature", "weights"} or (
            not all(isinstance(v, str) for v in wire.values())):
        raise InvalidInputError('an adapter bundle is {"payload": "<JSON text>", '
                                '"signature": "<base64>", "weights": "<base64>"}')
    try:
        payload = json.loads(wire["payload"])
    except json.JSONDecodeError as exc:
        raise InvalidInputError(f"the adapter's payload is not JSON ({exc})") from None
    if not isinstance(payload, dict) or payload.get("v") != WEIGHTS_VERSION:
        raise InvalidInputError(f"the adapter's payload must be an object with v = "
                                f"{WEIGHTS_VERSION}")
    sender = payload.get("from")
    peer = peers.by_key(sender) if isinstance(sender, str) else None
    if peer is None:
        raise UntrustedPeer(f"key {str(sender)[:16]}... is on no trust list of this "
                            "install; no weights were taken")
    if peer.trust != "weights":
        raise UntrustedPeer(f"{peer.name} is trusted with signals, not weights; no weights "
                            f"were taken (`neuroplast peers add {peer.name} KEY URL --trust "
                            "weights` to take them)")
    if not verify(peer.key, wire["signature"], wire["payload"].encode("utf-8")):
        raise AuthenticationError(f"the adapter from {peer.name} does not verify with its "
                                  "key; no weights were taken")
    if payload.get("to") != me:
        raise AuthenticationError(f"the adapter from {peer.name} is addressed to another "
                                  "install; no weights were taken")
    sent = payload.get("sent")
    if not _number(sent) or abs(time.time() - sent) > max_age_s:
        raise StaleBundle(f"the adapter from {peer.name} was sealed {sent!r}, more than "
                          f"{max_age_s:g} s from now: a replay, or a clock to fix")
    kind, version, size = payload.get("kind"), payload.get("version"), payload.get("size")
    if kind not in ADAPTER_KINDS:
        raise InvalidInputError(f"the adapter from {peer.name} is of kind {kind!r}; this "
                                f"install takes {', '.join(ADAPTER_KINDS)}")
    if not _count(version) or version < 1 or not _count(size):
        raise InvalidInputError("the adapter's version (>= 1) and size must be integers")
    if size > max_bytes or len(wire["weights"]) > 4 * math.ceil(max_bytes / 3):
        raise PayloadTooLarge(f"the adapter from {peer.name} is over the {max_bytes}-byte "
                              "limit ([peers] max_adapter_mb); no weights were taken")
    try:
        weights = base64.b64decode(wire["weights"], validate=True)
    except (binascii.Error, ValueError):
        raise InvalidInputError("the adapter's weights are not base64") from None
    digest = hashlib.sha256(weights).hexdigest()
    if len(weights) != size or digest != payload.get("sha256"):
        raise AuthenticationError(f"the weights from {peer.name} are not the ones it signed "
                                  "(size or SHA-256 differ); no weights were taken")
    config = payload.get("config")
    if kind == "sona":
        tensors = _check_router(peer, weights, payload.get("tensors"), config)
    else:
        tensors = _check_tensors(peer, weights, payload.get("tensors"), config, expected)
    return peer, Adapter(kind, version, config, weights, digest, tensors)


def _check_tensors(peer: Peer, weights: bytes, signed: Any, config: Any,
                   expected: dict[str, tuple[str, tuple[int, ...]]] | None
                   ) -> dict[str, tuple[str, tuple[int, ...]]]:
    if not isinstance(config, dict) or config.get("peft_type") != "LORA" or not _count(
            config.get("r")) or not 1 <= config["r"] <= 1024 or len(
            json.dumps(config)) > _MAX_CONFIG:
        raise InvalidInputError(f"the adapter from {peer.name} has no PEFT LoRA config "
                                "(peft_type LORA, r from 1 to 1024)")
    tensors = tensor_header(weights)
    if _signed_tensors(signed) != tensors:
        raise InvalidInputError(f"the weights from {peer.name} hold other tensors than it "
                                "signed")
    ranks = config.get("rank_pattern") or {}
    if not isinstance(ranks, dict) or not all(_count(r) for r in ranks.values()):
        raise InvalidInputError(f"the adapter from {peer.name} has a rank_pattern that is "
                                "not {module: rank}")
    pairs: dict[str, dict[str, tuple[int, ...]]] = {}
    for name, (dtype, shape) in tensors.items():
        module, dot, part = name.rpartition(".lora_")
        if not dot or part not in ("A.weight", "B.weight") or len(shape) != 2:
            raise InvalidInputError(f"the adapter from {peer.name} has tensor {name[:100]!r}, "
                                    "which is no LoRA matrix (…lora_A.weight, …lora_B.weight)")
        if dtype not in _FLOAT:
            raise InvalidInputError(f"tensor {name[:100]!r} is {dtype}, not floating point")
        pairs.setdefault(module, {})[part[0]] = shape
    for module, parts in pairs.items():
        rank = next((r for k, r in ranks.items() if module.endswith(k)), config["r"])
        a, b = parts.get("A"), parts.get("B")
        if a is None or b is None or a[0] != rank or b[1] != rank:
            raise InvalidInputError(f"the adapter from {peer.name}: {module[:100]!r} needs "
                                    f"lora_A (r x in) and lora_B (out x r) with r = {rank}")
    if expected is not None and tensors != expected:
        raise InvalidInputError(f"the adapter from {peer.name} has other tensors or shapes "
                                "than this install's own (another base model, rank or "
                                "targets); no weights were taken")
    _check_values(peer, weights)
    return tensors


def _check_router(peer: Peer, weights: bytes, signed: Any, config: Any
                  ) -> dict[str, tuple[str, tuple[int, ...]]]:
    """A SONA router's weights (``sona.peer_routers``): its LoRA pairs and route head, as
    signed, floating point, finite. Whether they fit this install's router (projection,
    dimensions, ranks) is the engine's check, made before anything is kept."""
    from neuroplast.sona.peer_routers import ROUTER_FORMAT, TENSORS

    if not isinstance(config, dict) or config.get("format") != ROUTER_FORMAT or len(
            json.dumps(config)) > _MAX_CONFIG:
        raise InvalidInputError(f"the router from {peer.name} is no {ROUTER_FORMAT} (its "
                                "config names another format, or is over 16 KiB)")
    tensors = tensor_header(weights)
    if _signed_tensors(signed) != tensors:
        raise InvalidInputError(f"the weights from {peer.name} hold other tensors than it "
                                "signed")
    if set(tensors) != set(TENSORS):
        raise InvalidInputError(f"the router from {peer.name} holds {sorted(tensors)[:8]}; "
                                f"a router's are {', '.join(TENSORS)}")
    dims = {"head.bias": 1, "instant.cov": 3}  # the rest are matrices
    for name, (dtype, shape) in tensors.items():
        if dtype not in _FLOAT or len(shape) != dims.get(name, 2):
            raise InvalidInputError(f"the router from {peer.name}: tensor {name!r} is {dtype} "
                                    f"{list(shape)}, not floating point of "
                                    f"{dims.get(name, 2)} dimensions")
    _check_values(peer, weights)
    return tensors


def _check_values(peer: Peer, weights: bytes) -> None:
    """The tensors load as safetensors (never a pickle) and every value is finite."""
    from safetensors import SafetensorError
    from safetensors.torch import load

    try:
        loaded = load(weights)  # safetensors: raw tensors, no code
    except (SafetensorError, ValueError) as exc:
        raise InvalidInputError(f"the weights from {peer.name} do not load ({exc})") from None
    for name, tensor in loaded.items():
        if not bool(tensor.float().isfinite().all()):
            raise InvalidInputError(f"tensor {name[:100]!r} from {peer.name} holds values "
                                    "that are not finite")


def _signed_tensors(signed: Any) -> dict[str, tuple[str, tuple[Any, ...]]] | None:
    """The payload's ``tensors`` as :func:`tensor_header` gives them, or None if malformed."""
    if not isinstance(signed, dict):
        return None
    out: dict[str, tuple[str, tuple[Any, ...]]] = {}
    for name, value in signed.items():
        if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], str)
                and isinstance(value[1], list)):
            return None
        out[name] = (value[0], tuple(value[1]))
    return out


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(
        value)


def _count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0
