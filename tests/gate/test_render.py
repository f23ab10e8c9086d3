"""render_call: what the embedder reads is readable, bounded and points out the risk."""

from __future__ import annotations

import time

from neuroplast.gate.calls import ToolCall
from neuroplast.gate.render import MAX_RENDER_CHARS, render_call, render_path

CWD = "/home/u/proj"


def test_bash_shows_command_and_cwd() -> None:
    text = render_call(ToolCall("Bash", {"command": "git push origin main"}, cwd=CWD))
    assert text == "Bash: git push origin main (cwd /home/u/proj)"


def test_paths_are_relative_inside_and_marked_outside() -> None:
    inside = render_call(ToolCall("Edit", {"file_path": f"{CWD}/src/a.py", "old_string": "a",
                                           "new_string": "b"}, cwd=CWD))
    outside = render_call(ToolCall("Write", {"file_path": "/etc/hosts", "content": "1\n2\n"},
                                   cwd=CWD))
    assert inside.startswith("Edit: src/a.py (1 B)")
    assert "outside project" not in inside
    assert outside.startswith("Write: /etc/hosts (outside project, system path, 3 lines, 4 B)")
    assert render_path("~/.aws/credentials", CWD) == "~/.aws/credentials (outside project, home)"


def test_webfetch_shows_domain_and_websearch_query() -> None:
    text = render_call(ToolCall("WebFetch", {"url": "https://Docs.Python.org/3/x",
                                             "prompt": "summarise"}, cwd=CWD))
    assert text.startswith("WebFetch: docs.python.org — https://")
    assert "summarise" in text
    assert render_call(ToolCall("WebSearch", {"query": "torch ewc"})) == "WebSearch: torch ewc"


def test_grep_glob_task_and_mcp_render() -> None:
    assert render_call(ToolCall("Grep", {"pattern": "TODO", "path": "src"}, cwd=CWD)) == (
        "Grep: TODO in src"
    )
    task = render_call(ToolCall("Task", {"description": "find bug", "prompt": "look"}))
    assert task.startswith("Task: {") and "find bug" in task
    mcp = render_call(ToolCall("mcp__github__create_issue", {"title": "x"}))
    assert mcp == 'mcp__github__create_issue: {"title": "x"}'


def test_huge_write_is_bounded_fast_and_marked() -> None:
    content = "line of text\n" * 800_000  # ~10 MB
    call = ToolCall("Write", {"file_path": "big.txt", "content": content}, cwd=CWD)
    start = time.perf_counter()
    text = render_call(call)
    elapsed = time.perf_counter() - start
    assert elapsed < 0.5
    assert len(text) <= MAX_RENDER_CHARS + 40
    assert "MB truncated]" in text
    assert "9.9 MB" in text  # the size note says how big the write really is


def test_huge_command_is_bounded() -> None:
    text = render_call(ToolCall("Bash", {"command": "echo " + "a" * 2_000_000}, cwd=CWD))
    assert len(text) <= MAX_RENDER_CHARS + 40 and "truncated]" in text


def test_surrogates_render_as_valid_utf8() -> None:
    bad = b"cat caf\xe9.txt".decode("utf-8", errors="surrogateescape")
    text = render_call(ToolCall("Bash", {"command": bad}, cwd=CWD))
    text.encode("utf-8")
    assert text.startswith("Bash: cat caf")
