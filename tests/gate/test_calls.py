"""ToolCall: hook-event parsing, validation, JSON round-trip, shell splitting, huge inputs."""

from __future__ import annotations

import json
import time

import pytest

from neuroplast.errors import InvalidInputError
from neuroplast.gate.calls import ToolCall, clip_text
from neuroplast.gate.paths import path_zone
from neuroplast.gate.shell import split_command

EVENT = {
    "session_id": "s1",
    "transcript_path": "/tmp/t.jsonl",
    "cwd": "/home/u/proj",
    "hook_event_name": "PreToolUse",
    "tool_name": "Bash",
    "tool_input": {"command": "npm test", "description": "run tests"},
    "tool_use_id": "toolu_01",
}


def test_from_hook_event_reads_the_fields_and_ignores_extra_ones() -> None:
    call = ToolCall.from_hook_event(EVENT, recent_tools=("Read", "Edit"), recent_call_count=3)
    assert call.tool_name == "Bash"
    assert call.command == "npm test"
    assert (call.cwd, call.session_id, call.tool_use_id) == ("/home/u/proj", "s1", "toolu_01")
    assert call.recent_tools == ("Read", "Edit")
    assert call.recent_call_count == 3


def test_unknown_tools_and_missing_optional_fields_are_fine() -> None:
    call = ToolCall.from_hook_event({"tool_name": "mcp__github__create_issue"})
    assert call.is_mcp and call.tool_input == {} and call.cwd == ""


@pytest.mark.parametrize(
    ("event", "needle"),
    [
        ({"tool_input": {}}, "'tool_name'"),
        ({"tool_name": "", "tool_input": {}}, "'tool_name'"),
        ({"tool_name": 3, "tool_input": {}}, "'tool_name' must be a string"),
        ({"tool_name": "Bash", "tool_input": "ls"}, "'tool_input' must be a JSON object"),
        ({"tool_name": "Bash", "tool_input": [1]}, "'tool_input' must be a JSON object"),
        ({"tool_name": "Bash", "cwd": 5}, "'cwd' must be a string"),
        ({"tool_name": "Bash", "tool_use_id": ["x"]}, "'tool_use_id' must be a string"),
    ],
)
def test_malformed_hook_events_raise_invalid_input(event: dict, needle: str) -> None:
    with pytest.raises(InvalidInputError, match=needle):
        ToolCall.from_hook_event(event)


def test_non_dict_event_is_rejected() -> None:
    with pytest.raises(InvalidInputError, match="JSON object"):
        ToolCall.from_hook_event(["tool_name", "Bash"])  # type: ignore[arg-type]


def test_constructor_validates_session_context() -> None:
    with pytest.raises(InvalidInputError, match="recent_call_count"):
        ToolCall("Bash", {}, recent_call_count=-1)
    with pytest.raises(InvalidInputError, match="recent_tools"):
        ToolCall("Bash", {}, recent_tools=("Read", 3))  # type: ignore[arg-type]
    assert ToolCall("Bash", {}, recent_tools=["Read"]).recent_tools == ("Read",)  # type: ignore[arg-type]
    for bad in (None, "Read", 3):  # a string is not a tuple of names, nor None an empty one
        with pytest.raises(InvalidInputError, match="recent_tools"):
            ToolCall.from_hook_event(EVENT, recent_tools=bad)  # type: ignore[arg-type]
    assert ToolCall.from_hook_event(EVENT, recent_tools=["Read"]).recent_tools == ("Read",)  # type: ignore[arg-type]


def test_json_round_trip_preserves_everything() -> None:
    call = ToolCall.from_hook_event(EVENT, recent_tools=("Read",), recent_call_count=2)
    again = ToolCall.from_dict(json.loads(call.to_json()))
    assert again == call
    with pytest.raises(InvalidInputError, match="no field"):
        ToolCall.from_dict({**call.to_dict(), "bogus": 1})


def test_content_views_for_each_tool_shape() -> None:
    edit = ToolCall("Edit", {"file_path": "a", "old_string": "x", "new_string": "y"})
    multi = ToolCall("MultiEdit", {"file_path": "a", "edits": [{"new_string": "p"},
                                                              {"new_string": "q"}]})
    assert (edit.content, multi.content) == ("y", "p\nq")
    assert ToolCall("WebFetch", {"url": "https://a.b", "prompt": "x"}).url == "https://a.b"
    assert ToolCall("Read", {"file_path": 7}).file_path == ""  # wrong type: treated as absent


def test_split_command_separates_chains_pipes_and_newlines_but_not_quotes() -> None:
    segs = split_command("git status && rm -rf / ; echo 'a | b' | wc -l\nls")
    assert [s.head for s in segs] == ["git", "rm", "echo", "wc", "ls"]
    assert [s.joiner for s in segs] == ["", "&&", ";", "|", "\n"]
    assert segs[2].words == ("echo", "a | b")


def test_split_command_redirects_wrappers_and_substitution() -> None:
    (seg,) = split_command("sudo -u root FOO=1 timeout 5 rm -rf x > out.log 2>&1")
    assert seg.argv == ("rm", "-rf", "x")
    assert seg.wrappers == ("sudo", "timeout")
    assert seg.redirects == ((">", "out.log"), ("2>&", "1"))
    assert split_command("echo $(cat /etc/passwd)")[0].substitution
    assert not split_command("echo '$(not run)'")[0].substitution


def test_split_command_survives_bad_quoting() -> None:
    segs = split_command("echo \"unterminated ; rm -rf /")
    assert len(segs) == 1 and segs[0].head == "echo"
    assert split_command("") == []
    assert split_command("   ") == []


def test_path_zones() -> None:
    cwd = "/home/u/proj"
    assert path_zone("src/x.py", cwd) == "project"
    assert path_zone("/home/u/proj/../other/x", cwd) == "home"
    assert path_zone("/etc/passwd", cwd) == "system"
    assert path_zone("/tmp/x", cwd) == "temp"
    assert path_zone("/srv/data", cwd) == "other"


def test_clip_marks_truncation_and_is_fast_on_ten_megabytes() -> None:
    big = "x" * 10_400_000
    start = time.perf_counter()
    clipped = clip_text(big, 100)
    assert time.perf_counter() - start < 0.1
    assert clipped.startswith("x" * 100) and clipped.endswith("[+9.9 MB truncated]")


def test_lone_surrogates_are_replaced_not_raised() -> None:
    text = b"ok \xff\xfe".decode("utf-8", errors="surrogateescape")
    clipped = clip_text(text)
    clipped.encode("utf-8")  # would raise if a surrogate survived
    assert clipped.startswith("ok ")


@pytest.mark.parametrize("value", [{1, 2}, object(), float("nan")])
def test_a_tool_input_that_is_no_json_is_refused_by_name(value: object) -> None:
    with pytest.raises(InvalidInputError, match="JSON values only"):
        ToolCall("Bash", {"command": "ls", "x": value}).to_json()


@pytest.mark.parametrize(("kwargs", "says"), [
    ({"recent_tools": None}, "recent_tools"),
    ({"recent_tools": ("Bash", 3)}, "recent_tools"),
    ({"recent_call_count": -1}, "recent_call_count"),
    ({"recent_call_count": 1.5}, "recent_call_count"),
])
def test_the_session_context_of_a_call_is_checked(kwargs: dict[str, object], says: str) -> None:
    with pytest.raises(InvalidInputError, match=says):
        ToolCall("Bash", {"command": "ls"}, **kwargs)  # type: ignore[arg-type]


def test_the_functions_that_read_a_call_name_a_wrong_argument() -> None:
    from neuroplast.gate import inspect_call, render_call, structural_features

    for read in (render_call, inspect_call, structural_features):
        with pytest.raises(InvalidInputError, match="takes a ToolCall, got dict"):
            read({"tool_name": "Bash", "tool_input": {"command": "ls"}})  # type: ignore[arg-type]
