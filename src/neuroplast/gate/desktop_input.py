"""Calls that drive the user's desktop: keystrokes typed, the pointer moved or clicked,
windows raised, moved or closed by a program instead of the person at the screen.

Synthetic input acts with the user's whole session: it types into whatever window has the
focus (a terminal, a chat, a password prompt), clicks whatever is under the pointer, and
nothing tells it apart from the person's own hands (ATT&CK T1056 'Input Capture' and the
accessibility abuse in T1548; Apple's 'Control your Mac with accessibility' permission
gates the same power; xdotool(1): 'simulate keyboard input and mouse activity'). A user's
view of this is one view whatever tool drives: someone who stops letting the agent run
``xdotool`` stops it for ``ydotool``, ``wtype`` and ``osascript`` keystrokes alike. So it
is an act across programs (``gate.acts``: ``* input``). Each tool is read from its own
manual; reading the pointer's place, searching or listing windows, help and versions are
not the act:

- X11: xdotool ``key|keydown|keyup|type|click|mousedown|mouseup|mousemove|
  mousemove_relative|windowactivate|windowfocus|windowraise|windowmove|windowsize|
  windowminimize|windowclose|windowkill|windowmap|windowunmap|set_desktop``, xte(1),
  wmctrl ``-a|-c|-r|-s|-k`` (not ``-l``, ``-d``, ``-m``);
- Wayland and the console: ydotool ``key|type|click|mousemove``, wtype(1), dotool;
- macOS: cliclick, osascript whose script sends ``keystroke``, ``key code`` or
  ``click`` through System Events.

>>> from neuroplast.gate.shell import split_command
>>> [drives_desktop(s) for s in split_command(
...     "xdotool type 'hello'; xdotool getmouselocation; wtype ls; wmctrl -l; "
...     "osascript -e 'tell application \\"System Events\\" to keystroke \\"q\\"'")]
[True, False, True, False, True]
"""

from __future__ import annotations

from neuroplast.gate.outputs import has_short_option, operands
from neuroplast.gate.shell import Segment

__all__ = ["drives_desktop"]

_NOT_DRIVING = frozenset({"--help", "-h", "--version", "-v"})
_XDOTOOL = frozenset({"key", "keydown", "keyup", "type", "click", "mousedown", "mouseup",
                      "mousemove", "mousemove_relative", "windowactivate", "windowfocus",
                      "windowraise", "windowmove", "windowsize", "windowminimize",
                      "windowclose", "windowkill", "windowmap", "windowunmap",
                      "set_desktop"})
_YDOTOOL = frozenset({"key", "type", "click", "mousemove"})
_OSASCRIPT_INPUT = ("keystroke", "key code", "click")

# the programs this act reads; any other is answered at once
_PROGRAMS = frozenset({"wtype", "dotool", "xte", "cliclick", "xdotool", "ydotool", "wmctrl",
                       "osascript"})


def drives_desktop(seg: Segment) -> bool:
    """Whether ``seg`` sends keystrokes, pointer moves or clicks, or moves, raises or
    closes windows (the ``input`` act)."""
    head, argv = seg.head, seg.argv
    words = argv[1:]
    if head not in _PROGRAMS or any(a in _NOT_DRIVING for a in words):
        return False
    if head in ("wtype", "dotool", "xte", "cliclick"):
        return True
    if head == "xdotool":  # commands chain: xdotool search --name x windowactivate
        return bool(_XDOTOOL & set(operands(argv, frozenset())))
    if head == "ydotool":
        return bool(_YDOTOOL & set(words[:1]))
    if head == "wmctrl":
        return has_short_option(words, "acrsk")
    if head == "osascript":
        script = " ".join(words)
        return "System Events" in script and any(k in script for k in _OSASCRIPT_INPUT)
    return False
