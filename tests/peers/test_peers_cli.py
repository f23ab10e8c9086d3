"""`neuroplast peers` on a real command line: keys that look like options, and usage errors
that read as messages, not tracebacks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from neuroplast.peers import Identity, PeerList
from neuroplast.peers.identity import KEY_PREFIX

NEUROPLAST = str(Path(sys.executable).with_name("neuroplast"))


def _identity_starting_with_dash(folder: Path) -> Identity:
    # one key in 64 starts with '-' in URL-safe base64: a few dozen tries find one
    for n in range(2000):
        identity = Identity.load_or_create(folder / f"k{n}.pem")
        if identity.public_key.startswith("-"):
            return identity
    raise AssertionError("no key starting with '-' in 2000 tries")


def test_a_key_as_printed_is_taken_even_when_its_base64_starts_with_a_dash(
        tmp_path: Path) -> None:
    shown = subprocess.run([NEUROPLAST, "peers", "identity", "--data-dir", str(tmp_path)],
                           capture_output=True, text=True, timeout=120)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith(KEY_PREFIX)
    dashed = _identity_starting_with_dash(tmp_path / "keys")
    add = subprocess.run([NEUROPLAST, "peers", "add", "dave", KEY_PREFIX + dashed.public_key,
                          "http://127.0.0.1:9", "--data-dir", str(tmp_path)],
                         capture_output=True, text=True, timeout=120)
    assert add.returncode == 0, add.stderr
    peers = PeerList(tmp_path / "peers" / "peers.db")
    assert [p.key for p in peers.all()] == [dashed.public_key]  # stored bare, as signed
    peers.close()


def test_a_usage_error_is_a_message_and_exit_code_2_not_a_traceback(tmp_path: Path) -> None:
    run = subprocess.run([NEUROPLAST, "peers", "add", "dave", "-notakey", "http://x:9",
                          "--data-dir", str(tmp_path)], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 2
    assert "No such option" in run.stderr
    assert "Traceback" not in run.stderr


def test_peers_list_marks_the_adapters_that_count_now(tmp_path: Path) -> None:
    from neuroplast.peers.adapters import write_applied

    peers = PeerList(tmp_path / "peers" / "peers.db")
    for name, trust in (("ann", "weights"), ("bob", "signals")):
        peers.add(name, Identity.load_or_create(tmp_path / f"{name}.pem").public_key,
                  "http://127.0.0.1:9", trust=trust)
        peers.took_adapter(name, "memory", 2, "a" * 64, f"/x/{name}/memory/v2")
    peers.took_adapter("ann", "memory", 1, "b" * 64, "/x/ann/memory/v1")
    peers.close()
    write_applied(tmp_path, [{"peer": n, "kind": "memory", "version": 2, "sha256": "a" * 64,
                              "path": f"/x/{n}/memory/v2", "weight": 0.5}
                             for n in ("ann", "bob")])
    shown = subprocess.run([NEUROPLAST, "peers", "list", "--data-dir", str(tmp_path)],
                           capture_output=True, text=True, timeout=120)
    assert shown.returncode == 0, shown.stderr
    lines = {line.split(" at ")[0]: line for line in shown.stdout.splitlines()
             if line.startswith("adapter from")}
    assert lines["adapter from ann: memory v2"].endswith("(counts now)")
    assert not lines["adapter from ann: memory v1"].endswith("(counts now)")  # an older one
    assert not lines["adapter from bob: memory v2"].endswith("(counts now)")  # signals only
