"""The README's Python examples run as written."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_python_examples_run(tmp_path: Path) -> None:
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(), re.S)
    assert blocks, "README has no python examples"
    script = tmp_path / "readme_examples.py"
    script.write_text("\n".join(blocks))
    out = subprocess.run(
        [sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=120,
        env={"HF_HUB_OFFLINE": "1", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split()[0] == "allow"


def test_readme_gate_config_is_a_valid_config(tmp_path: Path) -> None:
    from neuroplast.gate.config import GateConfig

    blocks = re.findall(r"```toml\n(.*?)```", README.read_text(), re.S)
    assert blocks, "README has no TOML example"
    for i, block in enumerate(blocks):
        path = tmp_path / f"gate{i}.toml"
        path.write_text(block)
        config = GateConfig.from_file(path)
        assert config.deny_rules and config.bands.allow == 0.8
