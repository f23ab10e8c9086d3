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
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

__all__ = ["OnnxMiniLM", "cache_dir", "supported"]

_OPSET = 17
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


class OnnxMiniLM:
    """Unit-norm sentence embeddings of a mean-pooled sentence-transformers model, run by
    ONNX Runtime. :meth:`load` exports the model on first use (a few seconds, once per
    user and model version).

    ``encode`` strips each text and truncates it to the model's ``max_seq_length``, as
    sentence-transformers does.
    """

    def __init__(self, onnx_path: str | os.PathLike[str], model_dir: str | os.PathLike[str],
                 threads: int = 1) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

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
             directory: str | os.PathLike[str] | None = None) -> OnnxMiniLM:
        """The cached export of ``model_dir`` (exported now if missing or stale)."""
        root = Path(model_dir)
        target = Path(directory or cache_dir()) / f"{root.name}-{_cache_key(root)}.onnx"
        if not target.is_file():
            _export(root, target)
        return cls(target, root, threads)

    def encode(self, texts: list[str], batch_size: int = 64) -> Any:
        """``(len(texts), dim)`` float32, unit rows. Batches group texts of similar length
        so padding stays small."""
        import numpy as np

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
