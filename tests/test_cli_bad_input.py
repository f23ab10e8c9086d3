"""Bad input on the real `neuroplast` command line: a message that says what to do and a
usage exit code, never a traceback or a silent success (each case was a traceback, a hang
or an exit 0 before)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

NEUROPLAST = str(Path(sys.executable).with_name("neuroplast"))


def _run(args: list[str], home: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NEUROPLAST_HOME": str(home), "HF_HUB_OFFLINE": "1"}
    return subprocess.run([NEUROPLAST, *args], capture_output=True, text=True, timeout=120,
                          cwd=home.parent, env=env, input=stdin)


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "bin.json").write_bytes(b"\x00\xff\xfe")
    (tmp_path / "dict.jsonl").write_text('{"embedding": {"a": 1}, "route": "a", "quality": 1}\n')
    (tmp_path / "ok.jsonl").write_text('{"embedding": [1, 2], "route": "a", "quality": 1}\n' * 3)
    (tmp_path / "quality.jsonl").write_text('{"embedding": [1], "route": "a", "quality": 1}\n'
                                            '{"embedding": [1], "route": "a", "quality": 7}\n')
    (tmp_path / "home").mkdir()
    return tmp_path


CASES = [
    # (arguments, exit code, what the message says); {d} is the test's folder
    (["peers", "remove", "[/b]"], 2, "no trusted peer is named '[/b]'"),   # markup in text
    (["gate", "stats", "--url", "http://[::1"], 2, "is not a URL"),
    (["gate", "install", "--claude-code", "--url", "notaurl", "--settings", "{d}/s.json"], 2,
     "must start with http://"),
    (["gate", "install", "--claude-code", "--data-dir", "{d}/bin.json", "--settings",
      "{d}/s.json"], 2, "is a file"),
    (["gate", "token", "--data-dir", ""], 3, "is the current folder"),
    (["gate", "serve", "--port", "99999"], 2, "65535"),
    (["memory", "candidates", "--context", "{d}/bin.json", "--model", "{d}"], 2,
     "cannot read context"),
    (["memory", "review"], 2, "needs a terminal"),                         # hung before
    (["dashboard", "--url", "garbage"], 2, "must start with http://"),      # exit 0 before
    (["sona", "federate", "--trajectories", "{d}/bin.json"], 2, "as UTF-8 JSON lines"),
    (["sona", "federate", "--trajectories", "{d}/dict.jsonl", "--agents", "1"], 2,
     "lists of numbers"),
    (["sona", "federate", "--trajectories", "{d}/ok.jsonl", "--agents", "100"], 2,
     "more than the 3 trajectories"),                                      # 23 min before
    (["sona", "federate", "--trajectories", "{d}/ok.jsonl", "--agents", "2", "--waves", "-1"],
     2, "--waves -1"),                                                     # exit 0 before
    (["sona", "federate", "--trajectories", "{d}/ok.jsonl", "--agents", "2",
      "--quality-threshold", "2"], 2, "--quality-threshold 2.0: use a quality in [0, 1]"),
    (["sona", "federate", "--trajectories", "{d}/quality.jsonl", "--agents", "1"], 2,
     "quality.jsonl:2 is not a trajectory"),                               # no line before
    (["sona", "proxy", "--upstream", "a=http://x", "--upstream", "a=http://y"], 2,
     "names 'a' twice"),
]


@pytest.mark.parametrize(("args", "code", "says"), CASES,
                         ids=[" ".join(c[0][:3]) for c in CASES])
def test_bad_input_is_a_message_and_a_usage_exit_code(args: list[str], code: int, says: str,
                                                      files: Path) -> None:
    run = _run([a.replace("{d}", str(files)) for a in args], files / "home")
    out = run.stdout + run.stderr
    assert "Traceback" not in out
    assert run.returncode == code, out
    assert says in " ".join(out.split()), out  # rich wraps long messages
