"""The gate service under test: ``neuroplast gate serve`` in a subprocess, as a user runs it.

The benchmark talks to it only over HTTP, through the endpoints named here, with the
install's token (``GateServer.headers``), as any client must.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from neuroplast.errors import BackendUnavailable

__all__ = ["FEEDBACK", "HOOK", "GateServer", "free_port"]

HOOK = "/v1/hooks/claude-code"
FEEDBACK = "/v1/gate/feedback"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class GateServer:
    """``neuroplast gate serve`` in a subprocess, as a user runs it; stopped on exit.

    >>> GateServer.command(Path("/tmp/d"), 9999)[-4:]
    ['--data-dir', '/tmp/d', '--port', '9999']
    >>> GateServer.command(Path("/tmp/d"), 9999, "gate.toml")[-2:]
    ['--config', 'gate.toml']
    """

    def __init__(self, data_dir: Path, port: int = 0, timeout_s: float = 180.0,
                 config_file: str = "") -> None:
        self.data_dir, self.port, self.timeout_s = data_dir, port or free_port(), timeout_s
        self.config_file = config_file
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen[bytes] | None = None
        self.log_path = data_dir / "server.log"
        self.token = ""  # read once the service has started (it creates it)

    @property
    def headers(self) -> dict[str, str]:
        """What every request but ``/healthz`` sends: ``Authorization: Bearer <token>``."""
        return {"Authorization": f"Bearer {self.token}"}

    @staticmethod
    def command(data_dir: Path, port: int, config_file: str = "") -> list[str]:
        script = Path(sys.executable).parent / "neuroplast"
        head = [str(script)] if script.exists() else [
            sys.executable, "-c", "from neuroplast.cli import main; main()"]
        config = ["--config", config_file] if config_file else []
        return [*head, "gate", "serve", "--data-dir", str(data_dir), "--port", str(port),
                *config]

    def __enter__(self) -> GateServer:
        import httpx

        self.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        env = {**os.environ, "HF_HUB_OFFLINE": "1"}
        # The service's log names the calls it decides: private, as its data dir is. The
        # child keeps its own copy of the file descriptor.
        with os.fdopen(os.open(self.log_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600),
                       "wb") as log:
            self.proc = subprocess.Popen(
                self.command(self.data_dir, self.port, self.config_file), stdout=log,
                stderr=subprocess.STDOUT, env=env)
        deadline = time.monotonic() + self.timeout_s
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise BackendUnavailable(f"gate service exited with {self.proc.returncode}: "
                                         f"{self.log_tail()}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{self.url}/healthz", timeout=2).status_code == 200:
                    self.token = (self.data_dir / "gate" / "token").read_text().strip()
                    return self
            time.sleep(0.3)
        self.__exit__(None, None, None)
        raise BackendUnavailable(f"gate service did not answer /healthz within "
                                 f"{self.timeout_s}s: {self.log_tail()}")

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def log_tail(self, n: int = 2000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-n:]
        except OSError:
            return ""

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
