"""MiniLM through ONNX Runtime: sentence-transformers' embeddings at about half the CPU time.

A cache miss of the gate is dominated by one MiniLM forward pass. ONNX Runtime runs the
same graph with fused kernels: the embeddings agree with sentence-transformers' to ~1e-7
(``tests/gate/test_onnx_minilm.py``), so every decision stays the same, and a sentence costs
about half the CPU (``benchmarks/embedding_latency.py``).

Why our own few lines instead of sentence-transformers' ``backend="onnx"``: that backend
goes through ``optimum``, which pins an older ``transformers`` than the memory subsystem
uses. What we need is small: export the model once (``torch.onnx``), then a tokenizer and
one inference session. The export is cached per model under a key of the model's files and
the library versions, written atomically, and rebuilt when the key changes.

The exported graph is the model's Transformer, mean pooling over the attention mask and L2
normalisation: :func:`supported` checks that the sentence-transformers model is exactly
that pipeline, so any other model keeps the sentence-transformers path.

``precision="int8"`` runs a dynamically quantised copy of the export (ONNX Runtime's
``quantize_dynamic``: int8 weights per output channel, activations quantised per call).
The FFN's second projection of every layer stays float: its input is the GELU output,
whose few large outliers a per-tensor int8 range cannot hold (Bondarenko et al., 2021,
"Understanding and Overcoming the Challenges of Efficient Transformer Quantization").
Quantised that way, MiniLM's embeddings stay within cosine 0.99 of float's at about
0.6x the CPU per call (``benchmarks/gate_miss_stages.py``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

from neuroplast.errors import ConfigError

__all__ = ["PRECISIONS", "OnnxMiniLM", "cache_dir", "float_input_matmuls", "supported"]

_OPSET = 17
PRECISIONS = ("fp32", "int8")
# bump when the quantisation recipe changes, so cached int8 files are rebuilt
_INT8_RECIPE = "int8-pc-ffn2f"
_GELU_OPS = frozenset({"Erf", "Gelu", "FastGelu", "BiasGelu"})
_PIPELINE = ["sentence_transformers.models.Transformer", "sentence_transformers.models.Pooling",
             "sentence_transformers.models.Normalize"]


def cache_dir() -> Path:
    """Where exported models live: ``$NEUROPLAST_CACHE_DIR``, else ``$XDG_CACHE_HOME`` or
    ``~/.cache``, under ``neuroplast``. Shared by every data dir of a user."""
    root = os.environ.get("NEUROPLAST_CACHE_DIR")
    if root:
        return Path(root)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "neuroplast"


def supported(model_dir: str | os.PathLike[str]) -> bool:
    """Whether ``model_dir`` is a sentence-transformers model this module reproduces:
    Transformer, mean pooling only, Normalize, and a fast tokenizer file."""
    root = Path(model_dir)
    try:
        modules = json.loads((root / "modules.json").read_text())
        pooling = json.loads((root / "1_Pooling" / "config.json").read_text())
    except (OSError, ValueError):
        return False
    modes = {k for k, v in pooling.items() if k.startswith("pooling_mode_") and v}
    return ([m.get("type") for m in modules] == _PIPELINE and modes == {"pooling_mode_mean_tokens"}
            and (root / "tokenizer.json").is_file())


def _cache_key(root: Path) -> str:
    import onnxruntime
    import torch

    digest = hashlib.sha256(f"{torch.__version__} {onnxruntime.__version__} {_OPSET}".encode())
    for name in ("model.safetensors", "config.json", "tokenizer.json", "modules.json"):
        path = root / name
        if path.exists():  # the files' identity; pip never rewrites an installed file in place
            st = path.stat()
            digest.update(f"{path.resolve()} {st.st_size} {st.st_mtime_ns}".encode())
    return digest.hexdigest()[:20]


def _export(root: Path, target: Path) -> None:
    """Trace the model's Transformer + masked mean pooling + normalisation to ``target``."""
    import torch
    from sentence_transformers import SentenceTransformer

    class _Pooled(torch.nn.Module):
        def __init__(self, transformer: torch.nn.Module) -> None:
            super().__init__()
            self.transformer = transformer

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor
                    ) -> torch.Tensor:
            hidden = self.transformer(input_ids=input_ids,
                                      attention_mask=attention_mask).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, dim=-1)

    model = SentenceTransformer(str(root), device="cpu")
    pooled = _Pooled(model[0].auto_model).eval()
    sample = model.tokenizer(["git status --short", "ls"], padding=True, return_tensors="pt")
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".onnx.tmp")
    os.close(fd)
    try:
        import warnings

        with warnings.catch_warnings():  # tracer notes on shape-constant branches: expected
            warnings.simplefilter("ignore")
            torch.onnx.export(
                pooled, (sample["input_ids"], sample["attention_mask"]), tmp,
                input_names=["input_ids", "attention_mask"], output_names=["embedding"],
                dynamic_axes={"input_ids": {0: "batch", 1: "tokens"},
                              "attention_mask": {0: "batch", 1: "tokens"}},
                opset_version=_OPSET, dynamo=False,
            )
        os.replace(tmp, target)  # atomic: a reader sees the whole file or none
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def float_input_matmuls(graph: Any, depth: int = 4) -> list[str]:
    """Names of the MatMul nodes of ``graph`` (an ``onnx.GraphProto``) that read a GELU's
    output: an ``Erf`` or ``Gelu`` node at most ``depth`` producers up (the exported GELU,
    ``x * 0.5 * (1 + erf(x / sqrt(2)))``, puts its Erf four up). These are the FFN's second
    projections, which int8 quantisation leaves in float."""
    producer = {out: node for node in graph.node for out in node.output}
    names = []
    for node in graph.node:
        if node.op_type != "MatMul":
            continue
        frontier, seen = [node.input[0]], set()
        for _ in range(depth):
            parents = [producer[x] for x in frontier if x in producer and x not in seen]
            seen.update(frontier)
            if any(p.op_type in _GELU_OPS for p in parents):
                names.append(node.name)
                break
            frontier = [x for p in parents for x in p.input]
    return names


def _quantize(source: Path, target: Path) -> None:
    """Write the int8 copy of the float export ``source`` to ``target`` (atomically)."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    keep = float_input_matmuls(onnx.load(str(source), load_external_data=False).graph)
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".onnx.tmp")
    os.close(fd)
    # ONNX Runtime logs advice to pre-process the model first; its pre-processing (symbolic
    # shape inference) fails on this graph, so the advice is noise in the service's log
    root = logging.getLogger()
    root.addFilter(_no_preprocessing_advice)
    try:
        quantize_dynamic(source, tmp, weight_type=QuantType.QInt8, per_channel=True,
                         op_types_to_quantize=["MatMul"], nodes_to_exclude=keep)
        os.replace(tmp, target)
    finally:
        root.removeFilter(_no_preprocessing_advice)
        if os.path.exists(tmp):
            os.unlink(tmp)


def _no_preprocessing_advice(record: logging.LogRecord) -> bool:
    return "pre-processing before quantization" not in record.getMessage()


class OnnxMiniLM:
    """Unit-norm sentence embeddings of a mean-pooled sentence-transformers model, run by
    ONNX Runtime. :meth:`load` exports the model on first use (a few seconds, once per
    user and model version).

    ``encode`` strips each text and truncates it to the model's ``max_seq_length``, as
    sentence-transformers does.
    """

    def __init__(self, onnx_path: str | os.PathLike[str], model_dir: str | os.PathLike[str],
                 threads: int = 1, precision: str = "fp32") -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.path, self.precision = Path(onnx_path), precision
        root = Path(model_dir)
        max_len = json.loads((root / "sentence_bert_config.json").read_text())["max_seq_length"]
        self.tokenizer = Tokenizer.from_file(str(root / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=int(max_len))
        self.tokenizer.no_padding()
        options = ort.SessionOptions()
        options.intra_op_num_threads = max(1, int(threads))
        options.inter_op_num_threads = 1
        # no busy-waiting between ops: on a shared 2-core machine a spinning thread steals
        # the core the training worker needs, and vice versa
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = ort.InferenceSession(str(onnx_path), options,
                                            providers=["CPUExecutionProvider"])

    @classmethod
    def load(cls, model_dir: str | os.PathLike[str], threads: int = 1,
             directory: str | os.PathLike[str] | None = None, precision: str = "fp32"
             ) -> OnnxMiniLM:
        """The cached export of ``model_dir`` (exported now if missing or stale), in float
        or, with ``precision="int8"``, quantised (quantised now if missing)."""
        if precision not in PRECISIONS:
            raise ConfigError(f"OnnxMiniLM precision={precision!r} is unknown; use "
                              f"{' or '.join(map(repr, PRECISIONS))}")
        root = Path(model_dir)
        stem = Path(directory or cache_dir()) / f"{root.name}-{_cache_key(root)}"
        target = stem.with_name(stem.name + ".onnx")
        if not target.is_file():
            _export(root, target)
        if precision == "int8":
            source, target = target, stem.with_name(f"{stem.name}-{_INT8_RECIPE}.onnx")
            if not target.is_file():
                _quantize(source, target)
        return cls(target, root, threads, precision)

    def encode(self, texts: list[str], batch_size: int = 64) -> Any:
        """``(len(texts), dim)`` float32, unit rows. Batches group texts of similar length
        so padding stays small. int8 runs each text alone: dynamic quantisation takes an
        activation's range over the whole batch, so a text's embedding would otherwise
        depend on the texts (and padding) beside it."""
        import numpy as np

        if self.precision == "int8":
            batch_size = 1
        encodings = self.tokenizer.encode_batch([t.strip() for t in texts])
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        out: np.ndarray | None = None
        for start in range(0, len(order), batch_size):
            chunk = order[start:start + batch_size]
            width = max(len(encodings[i].ids) for i in chunk)
            ids = np.zeros((len(chunk), width), dtype=np.int64)
            mask = np.zeros((len(chunk), width), dtype=np.int64)
            for row, i in enumerate(chunk):
                n = len(encodings[i].ids)
                ids[row, :n] = encodings[i].ids
                mask[row, :n] = 1
            vecs = self.session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
            if out is None:
                out = np.zeros((len(texts), vecs.shape[1]), dtype=np.float32)
            out[chunk] = vecs
        return out if out is not None else np.zeros((0, 0), dtype=np.float32)
