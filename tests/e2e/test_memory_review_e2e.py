"""`neuroplast memory review` as a user runs it: the real command in a pseudo-terminal, keys
typed, decisions read back with `neuroplast memory candidates --json`."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

MODEL = Path(__file__).parents[2] / "benchmarks" / "data" / "tiny_lm" / "llama"
CLI = [sys.executable, "-c", "import sys; from neuroplast.cli import main; sys.argv[0] = "
       "'neuroplast'; main()"]
CONTEXT = {"nodes": [
    {"section": "journal", "kind": "memory", "key": "0001",
     "text": "the user's dog is called rex.", "timestamp": 1},
    {"section": "conversation", "kind": "user", "text": "what is my dog called?",
     "timestamp": 2},
    {"section": "conversation", "kind": "assistant", "text": "your dog is called rex.",
     "timestamp": 3},
    {"section": "conversation", "kind": "user", "text": "and my job?", "timestamp": 4},
    {"section": "conversation", "kind": "assistant", "text": "your job is chef.",
     "timestamp": 5},
]}
_ESCAPES = re.compile(r"\x1b\[[0-9;?<>]*[A-Za-z]|\x1b[()][A-Z0-9]|\x1b[=>]")


class Terminal:
    """A command in a 100x30 pseudo-terminal; ``expect`` reads until some text shows."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.fd, child = pty.openpty()  # Popen, not pty.fork: fork in a threaded process
        fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        self.proc = subprocess.Popen(argv, env=env, stdin=child, stdout=child, stderr=child,
                                     start_new_session=True)
        os.close(child)
        self.seen = ""

    def _read(self) -> bool:
        """Take what the command wrote within 0.1 s; False once it closed the terminal."""
        if select.select([self.fd], [], [], 0.1)[0]:
            try:
                self.seen += os.read(self.fd, 65536).decode(errors="replace")
            except OSError:
                return False
        return True

    def expect(self, text: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while text not in _ESCAPES.sub("", self.seen):
            assert time.monotonic() < deadline, f"{text!r} never showed:\n{self.seen[-2000:]}"
            assert self._read(), f"the command ended before {text!r} showed"

    def type(self, keys: str) -> None:
        os.write(self.fd, keys.encode())

    def wait(self, timeout: float = 30) -> int:
        deadline = time.monotonic() + timeout
        while self.proc.poll() is None:
            assert time.monotonic() < deadline, "the review screen did not quit"
            self._read()  # a command blocked on a full terminal would never end
        os.close(self.fd)
        return self.proc.returncode


@pytest.mark.slow
def test_review_in_a_terminal(tmp_path: Path) -> None:
    env = os.environ | {"HF_HUB_OFFLINE": "1", "NEUROPLAST_HOME": str(tmp_path / "home"),
                        "TERM": "xterm-256color"}
    context = tmp_path / "context.json"
    context.write_text(json.dumps(CONTEXT))
    found = subprocess.run([*CLI, "memory", "candidates", "--context", str(context), "--model",
                            str(MODEL), "--threshold", "0", "--generate", "--json"],
                           env=env, capture_output=True, text=True, timeout=300, check=True)
    rows = sorted((json.loads(line) for line in found.stdout.splitlines()),
                  key=lambda r: (-r["divergence"], r["response_ts"]))
    assert [r["status"] for r in rows] == ["pending", "pending"]

    term = Terminal([*CLI, "memory", "review", "--url", "http://127.0.0.1:9"], env)
    try:
        term.expect("2 pending")
        term.type("a")
        term.expect("approved response")
        term.type("r")
        term.expect("1 rejected")
        term.type("s")  # nothing listens on port 9: the screen says so, keeps the decisions
        term.expect("not sent")
        term.type("q")
        assert term.wait() == 0
    finally:
        if term.proc.poll() is None:
            term.proc.kill()

    listed = subprocess.run([*CLI, "memory", "candidates", "--json"], env=env,
                            capture_output=True, text=True, timeout=120, check=True)
    after = {r["response_ts"]: r["status"] for r in map(json.loads, listed.stdout.splitlines())}
    assert after == {rows[0]["response_ts"]: "approved", rows[1]["response_ts"]: "rejected"}
