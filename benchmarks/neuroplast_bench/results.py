"""One benchmark result: a method of one implementation on one stream and setting.

>>> r = MethodResult("permuted", "offline", "naive", "neuroplast", [[[1.0, 0.0], [0.5, 1.0]]], 2.0)
>>> r.acc, r.forgetting
(0.75, 0.5)
>>> sorted(r.to_json_dict())[:5]
['acc', 'acc_per_seed', 'bwt', 'forgetting', 'impl']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from neuroplast_bench.metrics import summarize

__all__ = ["MethodResult", "mean_matrix"]


def mean_matrix(matrices: list[list[list[float]]]) -> list[list[float]]:
    """Element-wise mean of equally shaped accuracy matrices (one per seed)."""
    n = len(matrices)
    return [[sum(m[i][j] for m in matrices) / n for j in range(len(matrices[0][i]))]
            for i in range(len(matrices[0]))]


@dataclass
class MethodResult:
    """Accuracy matrices (one per seed) and mean wall time of one method run."""

    stream: str
    setting: str
    method: str
    impl: str  # "neuroplast" or "avalanche"
    matrices: list[list[list[float]]]
    seconds: float
    ratio_vs_avalanche: float | None = None
    note: str | None = None  # e.g. why the Avalanche counterpart is missing
    extra: dict[str, Any] = field(default_factory=dict)

    def _mean(self, key: str) -> float:
        return sum(summarize(m)[key] for m in self.matrices) / len(self.matrices)

    @property
    def acc(self) -> float:
        return self._mean("acc")

    @property
    def bwt(self) -> float:
        return self._mean("bwt")

    @property
    def forgetting(self) -> float:
        return self._mean("forgetting")

    @property
    def matrix(self) -> list[list[float]]:
        return mean_matrix(self.matrices)

    def to_json_dict(self) -> dict[str, Any]:
        """The JSON line of this result: metrics are means over seeds, rounded to 4 places."""
        out: dict[str, Any] = {
            "stream": self.stream, "setting": self.setting, "method": self.method,
            "impl": self.impl, "acc": round(self.acc, 4), "bwt": round(self.bwt, 4),
            "forgetting": round(self.forgetting, 4), "seconds": round(self.seconds, 3),
            "seeds": len(self.matrices),
            "acc_per_seed": [round(summarize(m)["acc"], 4) for m in self.matrices],
        }
        if self.impl == "neuroplast":
            out["ratio_vs_avalanche"] = (None if self.ratio_vs_avalanche is None
                                         else round(self.ratio_vs_avalanche, 4))
        if self.note:
            out["avalanche"] = self.note
        out.update(self.extra)
        return out
