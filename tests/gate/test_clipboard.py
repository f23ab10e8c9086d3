"""Table tests of the ``clipboard`` act (``gate.clipboard``): the clipboard read or written
by any tool whose manual documents it."""

from __future__ import annotations

import pytest

from neuroplast.gate.acts import MUST_KNOW_ACTS
from neuroplast.gate.calls import ToolCall
from neuroplast.gate.clipboard import uses_clipboard
from neuroplast.gate.shell import split_command
from neuroplast.gate.support import program_keys


def _does(command: str) -> bool:
    return any(uses_clipboard(s) for s in split_command(command) if s.head)


@pytest.mark.parametrize("command", [
    'pbpaste',
    'pbcopy < notes.txt',
    'xclip -o -selection clipboard',
    'xclip -selection clipboard report.txt',
    'xsel --clipboard --output',
    'wl-copy < key.pub',
    'wl-paste',
    'clip.exe < out.txt',
    'termux-clipboard-get',
    'copyq read 0',
    'copyq add hello',
    'pwsh -Command "Get-Clipboard"',
    'kitty +kitten clipboard --get-clipboard',
    'tmux load-buffer -w notes.txt',
    "osascript -e 'the clipboard as text'",
])
def test_the_act_by_any_tool(command: str) -> None:
    assert _does(command)


@pytest.mark.parametrize("command", [
    'copyq tab',
    'tmux load-buffer notes.txt',
    'osascript -e \'display notification "x"\'',
    'cat notes.txt',
])
def test_what_is_not_the_act(command: str) -> None:
    assert not _does(command)


def test_the_act_is_one_key_across_programs() -> None:
    def keys(command: str) -> tuple[str, ...]:
        return program_keys(ToolCall("Bash", {"command": command}, cwd="/home/u/p"))

    for command in ("pbpaste", "xclip -o -selection clipboard", "wl-copy < a"):
        assert "Bash:* clipboard" in keys(command), command
    assert "Bash:* clipboard" not in keys("cat notes.txt")
    assert "clipboard" not in MUST_KNOW_ACTS  # it stays on this machine
