"""The pass/fail targets of the continual benchmark (on Permuted-Digits, offline).

- naive fine-tuning far below the others: its ACC at least ``NAIVE_GAP`` under every
  other method of ours;
- our EWC ACC >= 0.70; our EWC + replay ACC >= 0.88;
- each of our methods with an Avalanche counterpart: ACC ratio ours/Avalanche >= 1.0.
  Naive fine-tuning is the same algorithm in both, so its ratio only measures shuffle
  noise: it is shown as information (``passed`` is None), not as a pass or a fail.

>>> from neuroplast_bench.results import MethodResult
>>> good = [[[1.0, 0.0], [0.9, 0.9]]]
>>> rs = [MethodResult("permuted", "offline", "ewc", "neuroplast", good, 1.0, 1.0)]
>>> [(t.name, t.passed) for t in check_targets(rs)]
[('neuroplast ewc ACC >= 0.70', True), ('neuroplast ewc ACC / avalanche >= 1.0', True)]
"""

from __future__ import annotations

from dataclasses import dataclass

from neuroplast_bench.results import MethodResult

__all__ = ["NAIVE_GAP", "Target", "check_targets"]

NAIVE_GAP = 0.2
MIN_ACC = {"ewc": 0.70, "ewc_replay": 0.88}


@dataclass(frozen=True)
class Target:
    """One target: what was asked, what was measured, and whether it passed."""

    name: str
    measured: str
    passed: bool | None  # None: information only


def check_targets(results: list[MethodResult], stream: str = "permuted",
                  setting: str = "offline") -> list[Target]:
    """The targets that apply to the ``stream``/``setting`` results present."""
    ours = {r.method: r for r in results
            if r.stream == stream and r.setting == setting and r.impl == "neuroplast"}
    out: list[Target] = []
    if "naive" in ours and len(ours) > 1:
        best_other = min(r.acc for m, r in ours.items() if m != "naive")
        naive = ours["naive"].acc
        out.append(Target(f"naive ACC <= every other method - {NAIVE_GAP}",
                          f"{naive:.3f} vs min other {best_other:.3f}",
                          naive <= best_other - NAIVE_GAP))
    for method, r in ours.items():
        if method in MIN_ACC:
            out.append(Target(f"neuroplast {method} ACC >= {MIN_ACC[method]:.2f}",
                              f"{r.acc:.3f}", r.acc >= MIN_ACC[method]))
        if r.ratio_vs_avalanche is not None:
            ok = None if method == "naive" else r.ratio_vs_avalanche >= 1.0
            out.append(Target(f"neuroplast {method} ACC / avalanche >= 1.0",
                              f"{r.ratio_vs_avalanche:.3f}", ok))
        elif r.note:
            out.append(Target(f"neuroplast {method} ACC / avalanche >= 1.0", r.note, False))
    return out
