"""The fused loops give torch's arithmetic to 1e-6, on every path a tensor can take."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import torch

from neuroplast.core.fused import MIN_ELEMENTS, _kernels, _split, add_pull_, fold_squares_

BIG = MIN_ELEMENTS + 123  # odd, so no loop length is a multiple of a vector width


def _tensors(count: int, dtype: torch.dtype, seed: int) -> list[torch.Tensor]:
    gen = torch.Generator().manual_seed(seed)
    sizes = [BIG, 7, 2 * BIG, 1]  # fused, torch, fused, torch
    return [torch.randn(sizes[i % 4], generator=gen, dtype=dtype) for i in range(count)]


def _close(got: list[torch.Tensor], want: list[torch.Tensor]) -> None:
    for g, w in zip(got, want, strict=True):
        torch.testing.assert_close(g, w, rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
def test_fold_squares_equals_torch_decay_and_square(dtype: torch.dtype) -> None:
    runs = [t.abs() for t in _tensors(4, dtype, 0)]
    grads = _tensors(4, dtype, 1)
    want = [r.clone() for r in runs]
    torch._foreach_mul_(want, 0.9)
    torch._foreach_addcmul_(want, grads, grads, value=0.1)
    fold_squares_(runs, grads, 0.9)
    _close(runs, want)


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
def test_add_pull_equals_torch_penalty_gradient(dtype: torch.dtype) -> None:
    grads, weight, params, centers = (_tensors(4, dtype, s) for s in range(4))
    weight = [w.abs() for w in weight]
    want = [g + 20.0 * w * (p - c) for g, w, p, c in zip(grads, weight, params, centers,
                                                         strict=True)]
    add_pull_(grads, weight, params, centers, 20.0)
    _close(grads, want)


def test_large_contiguous_cpu_tensors_take_the_loops_and_the_rest_torch() -> None:
    big, small = torch.zeros(BIG), torch.zeros(7)
    strided = torch.zeros(2 * BIG)[::2]  # as large, not contiguous
    half = torch.zeros(BIG, dtype=torch.float16)
    assert _split([[big, small, strided, half]]) == ([0], [1, 2, 3])
    # A position is fused only when every tensor in it can be: same dtype, contiguous.
    assert _split([[big, big], [big, torch.zeros(BIG, dtype=torch.float64)]]) == ([0], [1])
    assert _split([[big, big], [big, strided]]) == ([0], [1])


def test_strided_and_half_tensors_give_the_same_arithmetic() -> None:
    base = torch.randn(2 * BIG, generator=torch.Generator().manual_seed(5))
    runs = [torch.ones(2 * BIG)[::2]]
    fold_squares_(runs, [base[::2]], 0.5)
    _close(runs, [0.5 + 0.5 * base[::2] ** 2])
    g = [torch.ones(BIG, dtype=torch.float16)]
    add_pull_(g, [torch.ones(BIG, dtype=torch.float16)], [torch.full((BIG,), 2.0,
              dtype=torch.float16)], [torch.zeros(BIG, dtype=torch.float16)], 0.5)
    assert g[0].dtype == torch.float16 and bool((g[0] == 2.0).all())


def test_nan_and_inf_survive_the_loops() -> None:
    """The loops are compiled without the no-NaN/no-inf assumptions: a bad gradient must
    show in the running Fisher and the gradient, never vanish."""
    grads = [torch.ones(BIG)]
    grads[0][10], grads[0][20] = float("nan"), float("inf")
    runs = [torch.ones(BIG)]
    fold_squares_(runs, grads, 0.5)
    assert torch.isnan(runs[0][10]) and torch.isinf(runs[0][20])
    add_pull_(grads, [torch.ones(BIG)], [torch.ones(BIG)], [torch.zeros(BIG)], 1.0)
    assert torch.isnan(grads[0][10]) and torch.isinf(grads[0][20])
    assert int(torch.isfinite(grads[0]).sum()) == BIG - 2


_CONCURRENT = """
import threading, torch
from neuroplast.core.fused import add_pull_
errors = []
def work(seed):
    try:
        for _ in range(20):
            g = [torch.randn(2 * 40_000, generator=torch.Generator().manual_seed(seed))]
            want = g[0] + 2.0 * (g[0] - 1.0)
            add_pull_(g, [torch.full_like(g[0], 2.0)], [g[0].clone()], [torch.ones_like(g[0])], 1.0)
            torch.testing.assert_close(g[0], want, rtol=1e-6, atol=1e-6)
    except BaseException as exc:
        errors.append(exc)
threads = [threading.Thread(target=work, args=(s,)) for s in range(4)]
for t in threads: t.start()
for t in threads: t.join()
print("errors", errors)
import numba
try:
    print("pool", numba.threading_layer())
except ValueError:  # no parallel kernel ever ran
    print("pool none")
"""


def test_threads_calling_at_once_get_their_own_results_and_no_pool_starts() -> None:
    """Learners in threads of one service call the loops at the same time. The loops run
    on the calling thread: numba's portable pool (forced here) would abort the process on
    concurrent kernels, and its OpenMP pool would keep a core spinning between steps."""
    env = {**os.environ, "NUMBA_THREADING_LAYER": "workqueue"}
    done = subprocess.run([sys.executable, "-c", _CONCURRENT], env=env, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["errors", "[]", "pool", "none"]


def test_without_a_writable_cache_folder_the_loops_compile_uncached(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A read-only install with no writable home has nowhere to cache the compiled loops:
    numba refuses ``cache=True`` there, and the loops must still run."""
    from numba.core import caching

    impl = getattr(caching, "CacheImpl", None) or caching._CacheImpl  # renamed in 0.60
    monkeypatch.setattr(impl, "_locator_classes", [])
    fold, pull = _kernels.__wrapped__()
    g = torch.ones(BIG)
    pull(g.numpy(), torch.full((BIG,), 2.0).numpy(), torch.full((BIG,), 3.0).numpy(),
         torch.ones(BIG).numpy(), torch.tensor(0.5).numpy().dtype.type(0.5))
    assert bool((g == 3.0).all())
    run = torch.ones(BIG)
    fold(run.numpy(), g.numpy(), *(run.numpy().dtype.type(v) for v in (0.5, 0.5)))
    assert bool((run == 5.0).all())
