"""Calls that read or write the clipboard.

The clipboard is shared by every application of the user's session, and often beyond it
(clipboard managers keep a history; Universal Clipboard and KDE Connect sync it to other
devices); a password manager puts passwords on it. A user's view of this is one view
whatever tool touches it: someone who stops letting the agent run ``pbpaste`` stops it for
``xclip -o``, ``wl-paste`` and ``Get-Clipboard`` alike. So it is an act across programs
(``gate.acts``: ``* clipboard``), read from each tool's manual: pbcopy(1) and pbpaste(1);
xclip(1) (both directions; ``-o`` reads); xsel(1) (both; alone it prints the selection);
wl-copy(1) and wl-paste(1); ``clip``/``clip.exe``; termux-clipboard-get|set; copyq
``add|read|write|copy|paste|clipboard`` and copyq alone (its server, which keeps the
history of every copy); PowerShell's ``Get-Clipboard`` and
``Set-Clipboard``; ``kitty +kitten clipboard``; ``tmux load-buffer -w`` and
``set-buffer -w`` (which also set the system clipboard); ``osascript -e 'the clipboard'``.

Clipboard managers and tools whose documented job is the clipboard: cliphist (every
command reads or edits the history it keeps), Clipboard's ``cb``, clipman, clipmenu,
``greenclip print``, clipcat's ``clipcatctl``, ``lemonade copy|paste`` (a remote one),
win32yank, yank(1) ('yank terminal output to clipboard'). And programs that use it as
their output or input when their documentation says so:

- always: farge ('The color code is automatically saved to the clipboard', printed too
  with ``--stdout``);
- by default, unless told otherwise: code2prompt (the prompt is copied, not with
  ``--no-clipboard``), hyprshot (the screenshot is saved and copied, not with ``--raw``),
  ``picgo upload`` given no file (the clipboard's image is uploaded);
- with an option: any long option named for the clipboard, by any program
  (``--clipboard``, ``--to-clipboard``, ``--from-clipboard``, ``--select-to-clipboard``:
  rbw, gnome-screenshot, flameshot, wacaw, carbon-now, i3-scrot...; not
  ``--no-clipboard``), and the options named otherwise: ``pass|passage|gopass ...
  -c|--clip`` (a password put on the clipboard), ``keepassxc-cli clip``, ``secrethub read
  --clip|-c``, ``hyprpicker -a|--autocopy``, ``gnome-screenshot|xfce4-screenshooter|
  flameshot -c``, ``spectacle -c|--copy-image``, ``grimblast copy|copysave``, airshare's
  ``--clip-send|--clip-receive|--file-path`` (paths read from the clipboard), walker's
  clipboard module (``-m clipboard``).

>>> from neuroplast.gate.shell import split_command
>>> [uses_clipboard(s) for s in split_command(
...     "pbpaste; git diff | pbcopy; xclip -o -selection clipboard; wl-paste; cat notes; "
...     "copyq read 0; copyq tab")]
[True, False, True, True, True, False, True, False]
"""

from __future__ import annotations

import re

from neuroplast.gate.outputs import option_values
from neuroplast.gate.shell import Segment

__all__ = ["uses_clipboard"]

_ALWAYS = frozenset({"pbcopy", "pbpaste", "xclip", "xsel", "wl-copy", "wl-paste", "clip",
                     "clip.exe", "termux-clipboard-get", "termux-clipboard-set",
                     "Get-Clipboard", "Set-Clipboard", "gpaste-client",
                     # clipboard managers: every command reads or edits the clipboard or
                     # its history; farge always copies the colour it picks
                     "cliphist", "cb", "clipman", "clipmenu", "clipcatctl", "win32yank",
                     "yank", "farge"})
_COPYQ = frozenset({"add", "read", "write", "copy", "paste", "clipboard", "insert",
                    "select"})
# A long option named for the clipboard (``--clipboard``, ``--to-clipboard``,
# ``--select-to-clipboard``, ``--from-clipboard``, ``--clipboard-only``) says what it does,
# whatever the program, by the GNU convention that a long option's name is its meaning;
# ``--no-clipboard`` says the opposite.
_CLIPBOARD_OPTION = re.compile(r"^--(?!no-)(?:[\w-]*-)?clipboard(?:-[\w-]*)?(?:=|$)")
# program -> its other options (short, or named otherwise) that put its output on the
# clipboard or read its input from it
_CLIP_OPTIONS: dict[str, frozenset[str]] = {
    **dict.fromkeys(("pass", "passage", "gopass"), frozenset({"-c", "--clip"})),
    "secrethub": frozenset({"-c", "--clip"}),
    "hyprpicker": frozenset({"-a", "--autocopy"}),
    **dict.fromkeys(("gnome-screenshot", "xfce4-screenshooter", "flameshot"),
                    frozenset({"-c"})),
    "spectacle": frozenset({"-c", "--copy-image"}),
    "airshare": frozenset({"--clip-send", "--clip-receive", "--file-path", "-cs", "-cr",
                           "-fp"}),
}
_CLIP_LINE = re.compile(r"(?<=^-c)\d+$")  # pass(1): '-c[line-number]'
# program -> the option that keeps its default copy off the clipboard
_COPIES_UNLESS = {"code2prompt": "--no-clipboard", "hyprshot": "--raw"}
_CMDLETS = ("Get-Clipboard", "Set-Clipboard")


def uses_clipboard(seg: Segment) -> bool:
    """Whether ``seg`` reads or writes the clipboard (the ``clipboard`` act)."""
    head, argv = seg.head, seg.argv
    words = argv[1:]
    if any(a in ("--help", "-h", "--version") for a in words) and head not in ("xclip",):
        return False
    plain = [a for a in words if not a.startswith("-")]
    if head in _ALWAYS or any("clipboard" in a and _CLIPBOARD_OPTION.match(a) for a in words):
        return True
    if head in _CLIP_OPTIONS:
        return bool(_CLIP_OPTIONS[head].intersection(
            _CLIP_LINE.sub("", a.partition("=")[0]) for a in words))
    if head in _COPIES_UNLESS:
        return _COPIES_UNLESS[head] not in words
    if head == "keepassxc-cli":
        return plain[:1] == ["clip"]
    if head == "greenclip":
        return plain[:1] == ["print"]
    if head == "lemonade":
        return bool({"copy", "paste"}.intersection(plain[:1]))
    if head == "grimblast":
        return bool({"copy", "copysave"}.intersection(plain[:1]))
    if head == "picgo":  # picgo upload [files]: the clipboard's image when none is given
        return plain[:1] in (["upload"], ["u"]) and len(plain) == 1
    if head == "walker":
        return any("clipboard" in v.split(",") for v in option_values(argv, ("-m",
                                                                           "--modules")))
    if head == "copyq":  # alone, it starts the server that records every copy
        return not plain or bool(_COPYQ.intersection(plain[:1]))
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
