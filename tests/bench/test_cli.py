"""``neuroplast bench``: there when the harness is installed, one clear line when it is not."""

from __future__ import annotations

import subprocess
import sys

# The real CLI entry point; the harness is hidden by a None in sys.modules, which makes
# its import fail as it does in a venv without it.
RUN_CLI = "import sys; {hide}from neuroplast.cli import main; main()"


def _neuroplast(*args: str, hide_harness: bool = False) -> subprocess.CompletedProcess[str]:
    code = RUN_CLI.format(hide="sys.modules['neuroplast_bench'] = None; " if hide_harness else "")
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          timeout=120)


def test_bench_group_lists_its_benchmarks() -> None:
    out = _neuroplast("bench", "--help")
    assert out.returncode == 0, out.stderr
    assert "continual" in out.stdout and "gate" in out.stdout


def test_without_the_harness_bench_says_how_to_install_it() -> None:
    for args in (["bench", "gate", "--calls", "10"], ["bench", "continual"], ["bench"]):
        out = _neuroplast(*args, hide_harness=True)
        assert out.returncode == 2, out
        assert "Traceback" not in out.stderr
        lines = out.stderr.strip().splitlines()
        assert len(lines) == 1 and "pip install -e benchmarks" in lines[0], out.stderr
    assert _neuroplast("gate", "--help", hide_harness=True).returncode == 0  # the rest works
