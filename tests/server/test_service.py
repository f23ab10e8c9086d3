"""The one service over real HTTP: every enabled subsystem behind one Guard, on loopback.

A real Gate (MiniLM, SQLite) runs as a subsystem; uvicorn serves the app on a free port.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest

from neuroplast.errors import ConfigError
from neuroplast.server.service import create_service
from neuroplast.server.service_config import ServiceConfig, ServiceSettings
from neuroplast.server.subsystems import KNOWN, available

if TYPE_CHECKING:
    from conftest import Served  # tests/server/conftest.py

NEUROPLAST = str(Path(sys.executable).with_name("neuroplast"))


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("home")


@pytest.fixture(scope="module")
def service(serve: Callable[..., Served], home: Path) -> Served:
    config = ServiceConfig.from_dict({"gate": {"deny_rules": ["Bash(rm -rf /:*)"]}},
                                     available())
    return serve(create_service(config, data_dir=home))


def test_every_route_needs_the_token_but_healthz(service: Served, home: Path) -> None:
    assert httpx.get(f"{service.url}/healthz").json()["status"] == "ok"
    for path in ("/v1/status", "/v1/gate/stats"):
        answer = httpx.get(f"{service.url}{path}")
        assert answer.status_code == 401, path
        assert answer.json()["error"]["type"] == "AuthenticationError"
    wrong = httpx.get(f"{service.url}/v1/status", headers={"Authorization": "Bearer " + "x" * 43})
    assert wrong.status_code == 401


def test_web_pages_other_hosts_and_non_json_are_refused(service: Served, home: Path) -> None:
    with service.client(home) as client:
        assert client.get("/v1/status", headers={"Origin": "http://evil.example"}
                          ).status_code == 403
        assert client.get("/v1/status", headers={"Host": "evil.example"}).status_code == 421
        form = client.post("/v1/gate/feedback", content=b"tool_use_id=x",
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert form.status_code == 415
        assert "access-control-allow-origin" not in client.get("/v1/status").headers


def test_status_says_what_runs_and_what_the_gate_learned(service: Served, home: Path) -> None:
    with service.client(home) as client:
        event = {"hook_event_name": "PreToolUse", "session_id": "s", "cwd": "/p",
                 "tool_name": "Bash", "tool_input": {"command": "rm -rf /"},
                 "tool_use_id": "svc-1"}
        answer = client.post("/v1/hooks/claude-code", json=event).json()
        assert answer["hookSpecificOutput"]["permissionDecision"] == "deny"
        status = client.get("/v1/status").json()
    gate = status["subsystems"]["gate"]
    assert gate["running"] is True and gate["decisions"] == 1 and gate["mode"] == "auto"
    assert status["data_dir"] == str(home)


def test_the_status_command_prints_each_subsystem(service: Served, home: Path) -> None:
    run = subprocess.run([NEUROPLAST, "status", "--url", service.url, "--data-dir", str(home)],
                         capture_output=True, text=True, timeout=120,
                         env={**os.environ, "COLUMNS": "200"})
    assert run.returncode == 0, run.stderr
    assert "gate" in run.stdout and "running" in run.stdout and "decisions 1" in run.stdout
    assert "answers_from" not in run.stdout  # no answer yet: nothing to say
    raw = subprocess.run([NEUROPLAST, "status", "--json", "--url", service.url, "--data-dir",
                          str(home)], capture_output=True, text=True, timeout=120)
    assert raw.returncode == 0, raw.stderr
    subsystems = json.loads(raw.stdout)["subsystems"]
    # every subsystem the service knows is listed, installed or not, and says why it is off
    assert set(KNOWN) <= set(subsystems)
    for name in set(KNOWN) - set(available()):
        assert subsystems[name] == {"running": False, "why": "not installed"}
        assert name in run.stdout
    if "peers" in available():
        peers = subsystems["peers"]
        assert peers["identity"].startswith("ed25519:") and peers["sync"] == {}


def test_status_of_the_gate_only_service(serve: Callable[..., Served],
                                         tmp_path: Path) -> None:
    """`neuroplast gate serve` has no /v1/status: status shows its gate."""
    from neuroplast.gate import GateConfig
    from neuroplast.server import create_app

    config = GateConfig.from_dict({"learner": {"backend": "thread"}})
    served = serve(create_app(data_dir=tmp_path, config=config))
    with served.client(tmp_path) as client:
        client.answer("only-1", "git status", approved=True)
    run = subprocess.run([NEUROPLAST, "status", "--json", "--url", served.url, "--data-dir",
                          str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["service"] == "neuroplast gate serve"
    assert data["subsystems"]["gate"]["decisions"] == 1
    assert data["subsystems"]["gate"]["labelled"] == 1


def test_status_names_the_file_and_section_that_turn_a_subsystem_off(
        serve: Callable[..., Served], tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[service]\ndisabled = ["peers"]\n[gate.learner]\nbackend = "thread"\n')
    config = ServiceConfig.from_file(path, available())
    served = serve(create_service(config, data_dir=tmp_path, warm_up=False))
    run = subprocess.run([NEUROPLAST, "status", "--url", served.url, "--data-dir",
                          str(tmp_path)], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "COLUMNS": "400"})
    assert run.returncode == 0, run.stderr
    lines = {line.split("│")[1].strip(): line for line in run.stdout.splitlines()
             if line.count("│") >= 3}
    assert f"disabled in [service] of {path}" in lines["peers"], run.stdout
    for name in {"sona", "memory"} & set(available()):  # off until configured
        assert "off" in lines[name] and "running" not in lines[name], run.stdout
        assert f"not enabled: set enabled = true in [{name}] of {path}" in lines[name]
    assert "running" in lines["gate"]
    # `serve --without NAME` is not the file's doing, and a missing file is the defaults
    elsewhere = ServiceConfig(ServiceSettings(disabled=["peers"]), subsystems=available(),
                              path=tmp_path / "none.toml", without=("peers",))
    assert elsewhere.off_because("peers") == (
        "turned off for this run (`neuroplast serve --without peers`)")
    assert elsewhere.where() == f"{tmp_path / 'none.toml'} (absent: the built-in defaults)"


def test_a_subsystem_turned_off_has_no_routes(serve: Callable[..., Served],
                                              tmp_path: Path) -> None:
    config = ServiceConfig(ServiceSettings(disabled=["gate"]), subsystems=available())
    served = serve(create_service(config, data_dir=tmp_path))
    with served.client(tmp_path) as client:
        assert client.get("/v1/gate/stats").status_code == 404
        gate = client.get("/v1/status").json()["subsystems"]["gate"]
        peers = client.get("/v1/status").json()["subsystems"]["peers"]
    assert gate == {"running": False, "why": 'disabled in [service] of the built-in defaults '
                    '(disabled = [..."gate"...]; take it out of that list to run it)'}
    assert peers == {"running": False, "why": "needs gate, which is off"}
    assert not (tmp_path / "gate" / "gate.db").exists()


def test_the_config_file_has_a_table_per_subsystem(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[service]\nport = 9100\n[gate]\nmode = "shadow"\n[gate.bands]\n'
                    'allow = 0.9\n')
    config = ServiceConfig.from_file(path, available())
    assert config.service.port == 9100
    assert config.section("gate").mode == "shadow" and config.section("gate").bands.allow == 0.9
    path.write_text("[gate]\nmood = 'auto'\n")
    with pytest.raises(ConfigError, match="no field 'mood'"):
        ServiceConfig.from_file(path, available())
    path.write_text("[service]\ndisabled = ['gaet']\n")
    with pytest.raises(ConfigError, match="no installed subsystem"):
        ServiceConfig.from_file(path, available())


def test_a_non_loopback_bind_needs_the_flag(tmp_path: Path) -> None:
    run = subprocess.run([NEUROPLAST, "serve", "--host", "0.0.0.0", "--data-dir",
                          str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 2
    assert "--allow-remote" in run.stderr
