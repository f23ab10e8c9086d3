"""``neuroplast gate install --claude-code``: merge, idempotence, bad files, the real CLI."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from neuroplast.errors import InvalidInputError
from neuroplast.gate.install import (
    HOOK_EVENTS,
    HOOK_FILE,
    hook_command,
    install_claude_code_hooks,
    merge_hooks,
)

BIN = Path(sys.executable).parent
OTHER = {"type": "command", "command": "echo audit >> /tmp/log"}


def ours(settings: dict, event: str) -> list[dict]:
    return [
        h
        for group in settings["hooks"][event]
        for h in group["hooks"]
        if "neuroplast-hook" in h["command"] or "gate/hook_cli.py" in h["command"]
    ]


def test_new_file_gets_all_four_events(tmp_path: Path) -> None:
    path = tmp_path / ".claude" / "settings.json"
    result = install_claude_code_hooks(path)
    assert result.changed
    settings = json.loads(path.read_text())
    assert sorted(settings["hooks"]) == sorted(HOOK_EVENTS)
    for event in HOOK_EVENTS:
        (handler,) = ours(settings, event)
        assert handler["type"] == "command"
        # this venv's Python, absolute, running the hook file without site-packages
        assert handler["command"] == f"{sys.executable} -I -S {HOOK_FILE}"
        assert settings["hooks"][event][-1]["matcher"] == "*"


def test_merge_keeps_everything_else_and_is_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    before = {
        "model": "opus",
        "permissions": {"allow": ["Bash(ls)"]},
        "hooks": {
            "PreToolUse": [{"matcher": "Bash", "hooks": [OTHER]}],
            "Stop": [{"hooks": [OTHER]}],
        },
    }
    path.write_text(json.dumps(before))
    assert install_claude_code_hooks(path).changed
    after = json.loads(path.read_text())
    assert after["model"] == "opus"
    assert after["permissions"] == before["permissions"]
    assert after["hooks"]["Stop"] == before["hooks"]["Stop"]
    assert after["hooks"]["PreToolUse"][0] == {"matcher": "Bash", "hooks": [OTHER]}
    assert len(ours(after, "PreToolUse")) == 1
    text = path.read_text()
    again = install_claude_code_hooks(path)
    assert not again.changed
    assert path.read_text() == text


def test_reinstall_with_a_url_updates_in_place(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    install_claude_code_hooks(path)
    install_claude_code_hooks(path, url="http://127.0.0.1:9999")
    settings = json.loads(path.read_text())
    for event in HOOK_EVENTS:
        (handler,) = ours(settings, event)
        assert handler["command"].startswith("NEUROPLAST_GATE_URL=http://127.0.0.1:9999 ")
        assert len(settings["hooks"][event]) == 1


def test_duplicates_collapse_to_one() -> None:
    handler = {"type": "command", "command": "neuroplast-hook"}
    settings = {"hooks": {"PreToolUse": [{"hooks": [handler]}, {"hooks": [handler, OTHER]}]}}
    merged = merge_hooks(settings, "/v/bin/neuroplast-hook")
    assert len(ours(merged, "PreToolUse")) == 1
    assert merged["hooks"]["PreToolUse"][1]["hooks"] == [OTHER]
    assert settings["hooks"]["PreToolUse"][0]["hooks"] == [handler]  # input not mutated


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("{not json", "not valid JSON"),
        ("[1]", "JSON object"),
        ('{"hooks": []}', "hooks"),
        ('{"hooks": {"PreToolUse": {}}}', "hooks.PreToolUse"),
    ],
)
def test_bad_settings_are_refused_untouched(tmp_path: Path, text: str, match: str) -> None:
    path = tmp_path / "settings.json"
    path.write_text(text)
    with pytest.raises(InvalidInputError, match=match):
        install_claude_code_hooks(path)
    assert path.read_text() == text


def test_an_entry_of_the_console_script_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    old = {"type": "command", "command": str(BIN / "neuroplast-hook"), "timeout": 10}
    path.write_text(json.dumps({"hooks": {"PreToolUse": [{"matcher": "*", "hooks": [old]}]}}))
    install_claude_code_hooks(path)
    (handler,) = ours(json.loads(path.read_text()), "PreToolUse")
    assert handler["command"] == hook_command()


def test_hook_command_quotes_paths() -> None:
    cmd = hook_command(script="/path with space/neuroplast-hook")
    assert cmd == "'/path with space/neuroplast-hook'"
    cmd = hook_command(script="/v/neuroplast-hook", data_dir="/my data")
    assert cmd == "NEUROPLAST_HOME='/my data' /v/neuroplast-hook"


def test_cli_installs_and_the_installed_command_runs(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens here once closed
    settings = tmp_path / ".claude" / "settings.json"
    data = tmp_path / "gate data"
    args = [str(BIN / "neuroplast"), "gate", "install", "--claude-code"]
    args += ["--settings", str(settings), "--url", f"http://127.0.0.1:{port}"]
    args += ["--data-dir", str(data)]  # where the service keeps the token the hook needs
    proc = subprocess.run(args, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "installed into" in proc.stdout
    again = subprocess.run(args, capture_output=True, text=True, timeout=60)
    assert "already installed" in again.stdout
    (handler,) = ours(json.loads(settings.read_text()), "PreToolUse")
    assert f"NEUROPLAST_HOME='{data}'" in handler["command"]
    token = subprocess.run([str(BIN / "neuroplast"), "gate", "token", "--data-dir", str(data)],
                           capture_output=True, text=True, timeout=60)
    assert token.returncode == 0, token.stderr
    assert (data / "gate" / "token").read_text().strip() == token.stdout.strip()
    event = {"hook_event_name": "PreToolUse", "tool_name": "Bash", "tool_input": {}}
    # Claude Code runs the command through a shell with the event on stdin.
    run = subprocess.run(
        handler["command"],
        shell=True,
        input=json.dumps(event),
        capture_output=True,
        text=True,
        timeout=30,
        env=os.environ | {"NEUROPLAST_GATE_URL": "http://unused:1", "NEUROPLAST_HOME": "/x"},
    )
    out = json.loads(run.stdout)["hookSpecificOutput"]
    assert out["permissionDecision"] == "ask"
    assert f"127.0.0.1:{port}" in out["permissionDecisionReason"]  # the baked-in URL won
    assert "unavailable" in out["permissionDecisionReason"]  # it found the token: nobody there


def test_cli_needs_a_target(tmp_path: Path) -> None:
    args = [str(BIN / "neuroplast"), "gate", "install", "--settings", str(tmp_path / "s.json")]
    proc = subprocess.run(args, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "--claude-code" in proc.stderr
    assert not (tmp_path / "s.json").exists()
