"""The attacker section of ``neuroplast bench gate`` against the real service, small counts.

One ``neuroplast gate serve`` (with a deny rule, so that one call is denied) is attacked by
every family of :func:`neuroplast_bench.gate_attacks.run_attacks` (200 fuzzed requests, no
kill trials), and each target must hold (marked slow: about 40 s with the service's start
and stop on a busy machine). The counters themselves are checked on cases
that must be counted: a hook that prints ``allow``, files another user can read, and
fuzz cases whose bodies the service's parser refuses.
"""

from __future__ import annotations

import json
import os
import random
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from neuroplast.errors import InvalidInputError
from neuroplast.server.body import parse_json
from neuroplast_bench.gate_attacks import (
    SQUATTER_VARIANTS,
    TARGETS,
    fuzz_case,
    private_files,
    run_attacks,
    run_kill_trials,
    run_squatter,
)
from neuroplast_bench.gate_server import HOOK, GateServer


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GateServer]:
    root = tmp_path_factory.mktemp("attacks")
    config = root / "gate.toml"
    config.write_text('deny_rules = ["Bash(shutdown:*)"]\n')
    with GateServer(root / "data", config_file=str(config), timeout_s=120) as server:
        yield server


@pytest.mark.slow  # a service start and stop: 10-20 s each on a loaded 2-core machine
def test_every_attack_family_meets_its_target(service: GateServer) -> None:
    denied = {"hook_event_name": "PreToolUse", "session_id": "s", "cwd": "/tmp/p",
              "tool_name": "Bash", "tool_input": {"command": "shutdown -h now"},
              "tool_use_id": "toolu_denied_by_rule"}
    answer = httpx.post(f"{service.url}{HOOK}", json=denied, headers=service.headers, timeout=30)
    assert answer.json()["hookSpecificOutput"]["permissionDecision"] == "deny"

    row = run_attacks(service.url, service.data_dir, service.token, fuzz=200, kills=0,
                      seed=3, alive=service.alive, squatter_repeats=1, hook_timeout_s=1.5)

    json.dumps(row)  # one JSON line
    assert row["benchmark"] == "gate_attacks"
    for name, target in TARGETS.items():
        if name == "lost_answers":
            continue
        assert row[name]["value"] == target and row[name]["pass"] is True, (name, row[name])
    assert row["lost_answers"]["value"] is None and "skipped" in row["lost_answers"]["note"]
    assert row["not_run"] == ["lost_answers"] and row["all_pass"]

    forged = row["forged_requests_accepted"]["detail"]
    assert set(forged["attempts_by_kind"]) == {"web_page", "dns_rebinding", "no_credential",
                                              "wrong_token", "replay", "teach_unasked"}
    assert forged["denied_calls_tried"] >= 1
    assert all(r.endswith(": 200") for r in forged["replayed_originals"])  # replays of real ones

    squatter = row["squatter_answers_accepted"]["detail"]
    assert squatter["hook_runs"] == len(SQUATTER_VARIANTS)
    # the harness can get an answer through: signed with the real token, or relayed intact
    assert squatter["control_allow_printed"]
    relayed = squatter["controls"]["relay_unaltered"][0]
    assert relayed["printed"] in ("ask", "deny") and relayed["problem"] == ""

    fuzzed = row["fuzz_5xx"]["detail"]
    assert fuzzed["requests"] == 200 and fuzzed["connection_errors"] == 0
    assert fuzzed["hook_posts_answered_200"] > 0  # some reached the gate and were decided
    assert fuzzed["feedback_rows_added"] == 0
    assert row["files_readable_by_others"]["detail"]["checked"] >= 5  # db, token, checkpoint


def test_a_hook_that_prints_allow_is_counted(tmp_path: Path) -> None:
    fake = tmp_path / "hook.py"
    fake.write_text('print(\'{"hookSpecificOutput": {"permissionDecision": "allow", '
                    '"updatedInput": {"command": "x"}}}\')\n')
    out = run_squatter("http://127.0.0.1:9", tmp_path, "t" * 43, repeats=1,
                       command=[sys.executable, str(fake)])
    assert out["n_accepted"] == out["hook_runs"] == len(SQUATTER_VARIANTS)
    assert out["outputs_with_extra_keys"] == len(SQUATTER_VARIANTS) + 2  # and the controls


def test_files_another_user_can_open_are_counted(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "gate" / "checkpoint").mkdir(parents=True)
    for folder in (data, data / "gate"):
        folder.chmod(0o700)
    (data / "gate" / "checkpoint").chmod(0o750)
    (data / "gate" / "token").write_text("x")
    (data / "gate" / "token").chmod(0o600)
    (data / "gate" / "gate.db-wal").write_text("x")
    (data / "gate" / "gate.db-wal").chmod(0o644)
    os.symlink("/etc/passwd", data / "gate" / "link")
    out = private_files(data)
    assert sorted(e.split()[0] for e in out["exposed"]) == ["gate/checkpoint", "gate/gate.db-wal"]
    assert out["symlinks"] == ["gate/link"] and out["n_exposed"] == 2


def test_kill_trials_are_reported_as_not_run_without_their_module(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert "skipped" in run_kill_trials(0)["note"]
    monkeypatch.setitem(sys.modules, "neuroplast_bench.gate_faults", None)  # import fails
    out = run_kill_trials(2)
    assert out["lost_answers"] is None and "gate_faults not available" in out["note"]


def test_fuzz_cases_are_reproducible_and_refused_bodies_cannot_decide() -> None:
    cases = [fuzz_case(random.Random(9), 0, 9) for _ in range(2)]
    assert cases[0] == cases[1]
    rng = random.Random(11)
    names = set()
    for i in range(1500):
        case = fuzz_case(rng, i, 11)
        names.add(case.name.split(":")[0].split("_")[0])
        if case.route != HOOK or case.content_type != "application/json":
            assert not case.may_decide
            continue
        try:
            event = parse_json(case.body)
        except InvalidInputError:
            assert not case.may_decide, case.name  # the service refuses it: no decision
            continue
        if not isinstance(event, dict) or event.get("hook_event_name") != "PreToolUse":
            assert not case.may_decide, case.name
    assert {"deep", "huge", "lone", "nan", "wrong", "long", "binary", "truncated", "empty",
            "content", "other", "unicode", "bad", "feedback", "unknown"} <= names
