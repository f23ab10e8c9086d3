"""Calls that change the user's shell startup or login environment: what every later shell or
session runs or inherits.

A line added to ``~/.bashrc`` or a variable set for every session runs in every shell the
user opens afterwards, long after the call: a PATH that puts another directory first, an
alias that replaces a command, an environment that points every tool at another server
(ATT&CK T1546.004 'Unix Shell Configuration Modification' and T1546.013 'PowerShell
Profile'; CIS Controls v8 4.1 'Establish and Maintain a Secure Configuration Process'). A
user's view of this is one view whatever writes it: someone who stops letting the agent
append to ``~/.zshrc`` stops it for ``conda init``, ``pipx ensurepath``, ``setx`` and
``launchctl setenv`` alike. So it is an act across programs (``gate.acts``: ``*
profile``), beside what the call touches (each file written is keyed already). Each tool
is read from its own manual; printing what it would add (``conda init --dry-run``,
``starship init zsh``), help and versions are not the act:

- a startup file written: a redirection (``>``, ``>>``), ``tee``, ``cp``, ``ln`` or an
  in-place edit (``sed -i``) onto a shell's startup files (bash(1)'s ``~/.bashrc``,
  ``~/.bash_profile``, ``~/.bash_login``, ``~/.profile``; zsh's ``.zshenv``, ``.zprofile``,
  ``.zshrc``, ``.zlogin``; ksh's, csh's and tcsh's; fish's ``config.fish``; PowerShell's
  profile scripts) or the system's (``/etc/profile``, ``/etc/profile.d/``,
  ``/etc/environment``, ``/etc/bash.bashrc``, ``/etc/zsh/``), ``~/.pam_environment`` and
  ``environment.d``;
- tools that add themselves to the startup files: ``conda|mamba init``, ``micromamba shell
  init``, ``pipx ensurepath``, ``uv tool update-shell``, ``chezmoi apply|update|init
  --apply``;
- a variable set for every later session: Windows' setx, PowerShell's
  ``[Environment]::SetEnvironmentVariable`` for the user or the machine, ``launchctl
  setenv``, ``systemctl --user set-environment``.

>>> from neuroplast.gate.shell import split_command
>>> [changes_profile(s) for s in split_command(
...     "echo 'export PATH=$HOME/bin:$PATH' >> ~/.bashrc; echo hi > notes.txt; conda init zsh; "
...     "conda init --dry-run; setx JAVA_HOME C:\\\\jdk; export X=1")]
[True, False, True, False, True, False]
"""

from __future__ import annotations

from neuroplast.gate.in_place import rewrites_in_place
from neuroplast.gate.outputs import names_option, operands
from neuroplast.gate.shell import Segment

__all__ = ["changes_profile"]

_NOT_RUN = frozenset({"--help", "--version", "--dry-run"})
_STARTUP_NAMES = frozenset({".bashrc", ".bash_profile", ".bash_login", ".bash_logout",
                            ".profile", ".zshenv", ".zprofile", ".zshrc", ".zlogin",
                            ".kshrc", ".cshrc", ".tcshrc", ".login", "config.fish",
                            ".pam_environment", "Microsoft.PowerShell_profile.ps1",
                            "profile.ps1", "/etc/profile", "/etc/environment",
                            "/etc/bash.bashrc", "/etc/zshenv", "/etc/zprofile"})
_STARTUP_FOLDERS = ("/etc/profile.d/", "/etc/zsh/", "/.config/environment.d/",
                    "/etc/environment.d/", "/.config/fish/conf.d/")
_WRITERS = frozenset({"tee", "cp", "ln", "install", "mv"})
_EDITORS = frozenset({"sed", "gsed", "perl"})  # the stream editors a startup file is edited with
_INIT_TOOLS = frozenset({"conda", "mamba"})


def _is_startup_file(path: str) -> bool:
    name = path.rsplit("/", 1)[-1]
    return (name in _STARTUP_NAMES or path in _STARTUP_NAMES
            or any(folder in path or path.startswith(folder.lstrip("/"))
                   for folder in _STARTUP_FOLDERS))


def changes_profile(seg: Segment) -> bool:
    """Whether ``seg`` changes the user's shell startup or login environment (the
    ``profile`` act)."""
    if any(op.lstrip("0123456789&") in (">", ">>", ">|") and _is_startup_file(target)
           for op, target in seg.redirects):
        return True
    head, argv = seg.head, seg.argv
    words = argv[1:]
    if names_option(words, _NOT_RUN):
        return False
    given = operands(argv, frozenset())
    if head in _WRITERS:
        targets = given[-1:] if head in ("cp", "ln", "install", "mv") else given
        return any(_is_startup_file(t) for t in targets)
    if head in _EDITORS:  # sed -i, perl -pi, as gate.in_place reads them
        return rewrites_in_place(seg) and any(_is_startup_file(t) for t in given)
    if head in _INIT_TOOLS:  # conda init -d is its dry run
        return given[:1] == ["init"] and "-d" not in words
    if head == "micromamba":
        return given[:2] == ["shell", "init"]
    if head == "pipx":
        return given[:1] == ["ensurepath"]
    if head == "uv":
        return given[:2] == ["tool", "update-shell"]
    if head == "chezmoi":
        return given[:1] in (["apply"], ["update"]) or (
            given[:1] == ["init"] and "--apply" in words)
    if head in ("setx", "setx.exe"):
        return bool(given)
    if head == "launchctl":
        return given[:1] == ["setenv"]
    if head == "systemctl":
        return "--user" in words and given[:1] in (["set-environment"], ["import-environment"])
    if head in ("pwsh", "powershell", "powershell.exe"):
        return any("SetEnvironmentVariable" in w and ("User" in w or "Machine" in w)
                   for w in words)
    return False
