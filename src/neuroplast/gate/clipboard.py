"""Calls that read or write the clipboard.

The clipboard is shared by every application of the user's session, and often beyond it
(clipboard managers keep a history; Universal Clipboard and KDE Connect sync it to other
devices); a password manager puts passwords on it. A user's view of this is one view
whatever tool touches it: someone who stops letting the agent run ``pbpaste`` stops it for
``xclip -o``, ``wl-paste`` and ``Get-Clipboard`` alike. So it is an act across programs
(``gate.acts``: ``* clipboard``), read from each tool's manual: pbcopy(1) and pbpaste(1);
xclip(1) (both directions; ``-o`` reads); xsel(1) (both; alone it prints the selection);
wl-copy(1) and wl-paste(1); ``clip``/``clip.exe``; termux-clipboard-get|set; copyq
``add|read|write|copy|paste|clipboard``; PowerShell's ``Get-Clipboard`` and
``Set-Clipboard``; ``kitty +kitten clipboard``; ``tmux load-buffer -w`` and
``set-buffer -w`` (which also set the system clipboard); ``osascript -e 'the clipboard'``.

>>> from neuroplast.gate.shell import split_command
>>> [uses_clipboard(s) for s in split_command(
...     "pbpaste; git diff | pbcopy; xclip -o -selection clipboard; wl-paste; cat notes; "
...     "copyq read 0; copyq tab")]
[True, False, True, True, True, False, True, False]
"""

from __future__ import annotations

from neuroplast.gate.shell import Segment

__all__ = ["uses_clipboard"]

_ALWAYS = frozenset({"pbcopy", "pbpaste", "xclip", "xsel", "wl-copy", "wl-paste", "clip",
                     "clip.exe", "termux-clipboard-get", "termux-clipboard-set",
                     "Get-Clipboard", "Set-Clipboard", "gpaste-client"})
_COPYQ = frozenset({"add", "read", "write", "copy", "paste", "clipboard", "insert",
                    "select"})
_CMDLETS = ("Get-Clipboard", "Set-Clipboard")


def uses_clipboard(seg: Segment) -> bool:
    """Whether ``seg`` reads or writes the clipboard (the ``clipboard`` act)."""
    head, argv = seg.head, seg.argv
    words = argv[1:]
    if any(a in ("--help", "-h", "--version") for a in words) and head not in ("xclip",):
        return False
    plain = [a for a in words if not a.startswith("-")]
    if head in _ALWAYS:
        return True
    if head == "copyq":
        return bool(_COPYQ.intersection(plain[:1]))
    if head == "kitty" or head == "kitten":
        return "clipboard" in plain[:2]
    if head == "tmux":
        return plain[:1] in (["load-buffer"], ["set-buffer"], ["loadb"], ["setb"]) and (
            "-w" in words)
    if head in ("pwsh", "powershell"):
        return any(c in w for w in words for c in _CMDLETS)
    if head == "osascript":
        return any("the clipboard" in w for w in words)
    return False
