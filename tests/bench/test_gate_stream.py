"""The call generator: placeholders filled, deterministic, held-out tools disjoint."""

from __future__ import annotations

import json
import random

import pytest

from neuroplast.errors import ConfigError
from neuroplast_bench.gate_stream import (
    GateStreamConfig,
    fill_placeholders,
    generate_stream,
    load_tldr,
    split_tools,
)

CWD = "/home/alice/projects/webapp"


@pytest.fixture(scope="module")
def stream() -> list:
    return generate_stream(GateStreamConfig(n_calls=1500, seed=3))


def test_filling_every_tldr_command_leaves_no_placeholder() -> None:
    rng = random.Random(0)
    rows = load_tldr()
    assert len(rows) > 30_000
    leftovers = [r["command"] for r in rows if "{{" in fill_placeholders(r["command"], rng, CWD)]
    assert leftovers == []


def test_filler_is_generic_by_placeholder_name() -> None:
    rng = random.Random(1)
    assert fill_placeholders("pip install {{package_name}}", rng, CWD).split()[-1].isidentifier() \
        or "-" in fill_placeholders("pip install {{package_name}}", rng, CWD)
    url = fill_placeholders("curl {{https://example.com}}", rng, CWD)
    assert url.startswith("curl https://")
    port = fill_placeholders("nc -l {{port}}", rng, CWD).split()[-1]
    assert port.isdigit()
    flag = fill_placeholders("ls {{[-a|--all]}}", rng, CWD).split()[-1]
    assert flag in ("-a", "--all")


def test_generator_is_deterministic_for_a_seed(stream: list) -> None:
    again = generate_stream(GateStreamConfig(n_calls=1500, seed=3))
    other = generate_stream(GateStreamConfig(n_calls=1500, seed=4))
    assert [c.event for c in again] == [c.event for c in stream]
    assert [c.event for c in other] != [c.event for c in stream]


def test_without_descriptions_the_same_calls_carry_none(stream: list) -> None:
    bare = generate_stream(GateStreamConfig(n_calls=1500, seed=3, descriptions=False))
    bash = [(a, b) for a, b in zip(stream, bare, strict=True) if a.tool_name == "Bash"]
    assert bash and all("description" in a.tool_input for a, _ in bash)
    assert all(b.tool_input == {"command": a.tool_input["command"]} for a, b in bash)
    assert [a.event for a in stream if a.tool_name != "Bash"] == [
        b.event for b in bare if b.tool_name != "Bash"]


def test_events_are_claude_code_pre_tool_use(stream: list) -> None:
    keys = {"session_id", "transcript_path", "cwd", "hook_event_name", "tool_name",
            "tool_input", "tool_use_id"}
    assert all(set(c.event) == keys for c in stream)
    assert {c.event["hook_event_name"] for c in stream} == {"PreToolUse"}
    assert len({c.event["tool_use_id"] for c in stream}) == len(stream)
    tools = {c.tool_name for c in stream}
    assert {"Bash", "Read", "Write", "Edit", "WebFetch", "Glob", "Grep"} <= tools
    assert len({c.cwd for c in stream}) >= 2 and len({c.event["session_id"] for c in stream}) >= 5
    assert not any("{{" in json.dumps(c.event) for c in stream)
    bash = [c for c in stream if c.tool_name == "Bash"]
    repeats = len(bash) - len({c.tool_input["command"] for c in bash})
    assert repeats > 0.3 * len(bash)  # habits repeat verbatim
    assert any(c.origin == "gtfobins" for c in stream)


def test_held_out_split_is_disjoint_and_held_out_tools_come_late(stream: list) -> None:
    tools = {r["tool"] for r in load_tldr()}
    train, held = split_tools(tools, 0.2, seed=3)
    assert train.isdisjoint(held) and train | held == tools
    assert 0.15 < len(held) / len(tools) < 0.25
    start = int(0.25 * len(stream))
    held_calls = [c for c in stream if c.held_out]
    assert held_calls and min(c.index for c in held_calls) >= start
    assert all(c.family not in train for c in held_calls if c.origin == "tldr")


def test_config_is_validated() -> None:
    with pytest.raises(ConfigError, match="abuse_rate"):
        GateStreamConfig(abuse_rate=1.5)
    with pytest.raises(ConfigError, match="groups of prefixes"):
        GateStreamConfig(focus_groups=("docker", "podman"))
