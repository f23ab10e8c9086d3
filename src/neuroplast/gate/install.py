"""Install ``neuroplast-hook`` as a Claude Code hook in a ``settings.json``.

The merge keeps every other setting and every other hook; entries that already run
the hook are updated in place, so installing twice changes nothing.

The command written runs the hook's file with this Python and ``-I -S`` (no ``site``, no
console-script wrapper): Claude Code starts it before every tool call, and it answers 9 ms
sooner this way than the ``neuroplast-hook`` script, which does the same. A data dir other
than the default is written into it (``NEUROPLAST_HOME=...``): the hook reads the gate's
token from there.

>>> settings = {"permissions": {"allow": ["Bash(ls)"]}}
>>> merged = merge_hooks(settings, "/venv/bin/neuroplast-hook")
>>> sorted(merged["hooks"]), merged["permissions"]
(['PermissionDenied', 'PermissionRequest', 'PostToolUse', 'PreToolUse'], {'allow': ['Bash(ls)']})
>>> merge_hooks(merged, "/venv/bin/neuroplast-hook") == merged
True
"""

from __future__ import annotations

import copy
import json
import os
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from neuroplast.errors import InvalidInputError, StoreError
from neuroplast.gate import hook_cli
from neuroplast.store import atomic_write_text

__all__ = [
    "HOOK_EVENTS",
    "HOOK_FILE",
    "HOOK_SCRIPT",
    "InstallResult",
    "hook_command",
    "install_claude_code_hooks",
    "merge_hooks",
]

HOOK_SCRIPT = "neuroplast-hook"
HOOK_FILE = Path(hook_cli.__file__).resolve()
# PreToolUse asks for a decision; the other three are the user's answers (feedback).
HOOK_EVENTS = ("PreToolUse", "PermissionRequest", "PostToolUse", "PermissionDenied")
# Claude Code's own limit for the hook command, in seconds; the hook gives up on the
# service after NEUROPLAST_HOOK_TIMEOUT (2 s) and answers itself well before this.
_CLAUDE_TIMEOUT_S = 10


@dataclass(frozen=True)
class InstallResult:
    """What an install did: the file, the hook command, and whether the file changed.

    >>> InstallResult(Path("s.json"), "neuroplast-hook", True).changed
    True
    """

    path: Path
    command: str
    changed: bool


def hook_command(
    url: str | None = None,
    script: str | None = None,
    data_dir: str | os.PathLike[str] | None = None,
) -> str:
    """The shell command Claude Code runs: this Python running the hook's file, unless a
    ``script`` is given; ``data_dir`` is where the service keeps its token.

    >>> hook_command("http://127.0.0.1:9000", "/v/bin/neuroplast-hook", "/data")
    'NEUROPLAST_GATE_URL=http://127.0.0.1:9000 NEUROPLAST_HOME=/data /v/bin/neuroplast-hook'
    >>> hook_command().endswith("gate/hook_cli.py")
    True
    """
    if script is None:
        # -I -S: the hook imports only modules built into Python, so it needs no site-packages.
        command = shlex.join([sys.executable, "-I", "-S", str(HOOK_FILE)])
    else:
        command = shlex.quote(script)
    if data_dir:
        command = f"NEUROPLAST_HOME={shlex.quote(str(data_dir))} {command}"
    if url:
        command = f"NEUROPLAST_GATE_URL={shlex.quote(url)} {command}"
    return command


def _is_ours(handler: Any) -> bool:
    command = str(handler.get("command", "")) if isinstance(handler, dict) else ""
    return HOOK_SCRIPT in command or "neuroplast/gate/hook_cli.py" in command


def merge_hooks(settings: dict[str, Any], command: str) -> dict[str, Any]:
    """A copy of ``settings`` with ``command`` hooked to every event in ``HOOK_EVENTS``."""
    if not isinstance(settings, dict):
        raise InvalidInputError(
            f"Claude Code settings must be a JSON object, got {type(settings).__name__}"
        )
    merged = copy.deepcopy(settings)
    hooks = merged.setdefault("hooks", {})
    if not isinstance(hooks, dict):
        raise InvalidInputError(
            f'settings "hooks" must be an object of event -> list, got {type(hooks).__name__}; '
            "fix the settings file by hand"
        )
    handler = {"type": "command", "command": command, "timeout": _CLAUDE_TIMEOUT_S}
    for event in HOOK_EVENTS:
        groups = hooks.setdefault(event, [])
        if not isinstance(groups, list):
            raise InvalidInputError(
                f'settings "hooks.{event}" must be a list of matcher groups, '
                f"got {type(groups).__name__}; fix the settings file by hand"
            )
        found = False
        emptied: list[int] = []
        for position, group in enumerate(groups):
            inner = group.get("hooks") if isinstance(group, dict) else None
            if not isinstance(inner, list):
                continue
            for index, existing in enumerate(inner):
                if _is_ours(existing):
                    # Ours already: refresh it (new path or URL) and drop any duplicates.
                    inner[index] = None if found else dict(existing) | handler
                    found = True
            if None in inner:
                inner[:] = [h for h in inner if h is not None]
                if not inner:
                    emptied.append(position)
        for position in reversed(emptied):
            del groups[position]
        if not found:
            groups.append({"matcher": "*", "hooks": [dict(handler)]})
    return merged


def install_claude_code_hooks(
    settings_path: str | os.PathLike[str] = ".claude/settings.json",
    *,
    url: str | None = None,
    command: str | None = None,
    data_dir: str | os.PathLike[str] | None = None,
) -> InstallResult:
    """Merge the gate's hooks into ``settings_path`` (created if missing), atomically.

    ``data_dir``: the service's ``--data-dir``, if not the default (``~/.neuroplast``).
    """
    path = Path(settings_path)
    command = command or hook_command(url, data_dir=data_dir)
    settings: Any = {}
    if path.exists():
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise InvalidInputError(
                f"{path} is not UTF-8 text; fix it or move it aside (nothing was changed)"
            ) from None
        except OSError as exc:
            raise StoreError(f"cannot read {path}: {exc.strerror}; check permissions") from exc
        if text.strip():
            try:
                settings = json.loads(text)
            except json.JSONDecodeError as exc:
                raise InvalidInputError(
                    f"{path} is not valid JSON ({exc}); fix it or move it aside, then install "
                    "again (nothing was changed)"
                ) from None
    merged = merge_hooks(settings, command)
    if merged == settings:
        return InstallResult(path, command, changed=False)
    atomic_write_text(path, json.dumps(merged, indent=2) + "\n")
    return InstallResult(path, command, changed=True)
