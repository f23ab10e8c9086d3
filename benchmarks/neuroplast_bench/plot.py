"""PNG plots of accuracy on each task over the stream, one file per stream and setting.

A grid with a row per implementation and a column per method; each panel draws, for
every task j, its test accuracy after training each task (``R[i][j]`` against i), plus
the mean accuracy over the tasks seen so far in black.

>>> import tempfile, pathlib
>>> from neuroplast_bench.results import MethodResult
>>> r = MethodResult("split", "offline", "naive", "neuroplast", [[[1.0, 0.0], [0.2, 0.9]]], 0.1)
>>> with tempfile.TemporaryDirectory() as d:
...     path = plot_stream([r], pathlib.Path(d))
...     path.name, path.stat().st_size > 1000
('continual_split_offline.png', True)
"""

from __future__ import annotations

from pathlib import Path

from neuroplast.store import atomic_write_bytes
from neuroplast_bench.results import MethodResult

__all__ = ["plot_stream"]


def plot_stream(results: list[MethodResult], out_dir: Path) -> Path:
    """Plot the results of one stream and setting into ``out_dir``; return the PNG path."""
    import io

    import matplotlib

    matplotlib.use("Agg")  # files only, no display
    import matplotlib.pyplot as plt

    stream, setting = results[0].stream, results[0].setting
    impls = list(dict.fromkeys(r.impl for r in results))
    methods = list(dict.fromkeys(r.method for r in results))
    fig, axes = plt.subplots(len(impls), len(methods), squeeze=False, sharey=True,
                             figsize=(3.0 * len(methods), 2.6 * len(impls)))
    cells = {(r.impl, r.method): r for r in results}
    for row, impl in enumerate(impls):
        for col, method in enumerate(methods):
            ax = axes[row][col]
            r = cells.get((impl, method))
            if r is None:
                ax.set_axis_off()
                continue
            m = r.matrix
            steps = list(range(1, len(m) + 1))
            for j in range(len(m)):
                ax.plot(steps[j:], [m[i][j] for i in range(j, len(m))], lw=1, alpha=0.7)
            seen = [sum(m[i][: i + 1]) / (i + 1) for i in range(len(m))]
            ax.plot(steps, seen, color="black", lw=2.5, label="mean over seen tasks")
            ax.set_title(f"{impl} {method}\nACC {r.acc:.3f}", fontsize=9)
            ax.set_ylim(0, 1.02)
            ax.set_xlabel("tasks trained", fontsize=8)
            if col == 0:
                ax.set_ylabel("test accuracy", fontsize=8)
    fig.suptitle(f"{stream} digits, {setting}: accuracy on each task over the stream")
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90)
    plt.close(fig)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"continual_{stream}_{setting}.png"
    atomic_write_bytes(path, buf.getvalue())
    return path
