"""Calls that leave work running after they return, with nobody watching it.

A command that detaches (a daemon, a job put in the background, a task queued for later)
keeps running once the call has answered: it writes, listens and spends resources where no
one sees its output, and it is still running when the session that started it is gone
(ATT&CK T1543 'Create or Modify System Process' and T1053 'Scheduled Task/Job'; NIST SP
800-123 4.1 on running only the processes needed). A user's view of this is one view
whatever detaches: someone who stops letting the agent run ``nohup`` stops it for ``setsid``,
``screen -dm`` and a daemon's own ``--daemon`` alike. So it is an act across programs
(``gate.acts``: ``* detach``). Starting a service through its manager is the ``start`` act
and a schedule that runs at boot or at a time is ``autostart``; this act is the work that
detaches on its own. Each tool is read from its own manual; help, versions, listing and
stopping are not the act:

- a command the shell runs asynchronously (bash(1): 'If a command is terminated by the
  control operator &, the shell executes the command in the background') that no later
  ``wait`` on the line waits for (``shell.Segment.background``);
- the shell's and coreutils' detachers: nohup(1) (it exists for a command to outlive its
  session), setsid(1) (not ``-w``/``--wait``), bash's ``disown`` and ``bg`` builtins;
  daemonize(1), libslack's daemon(1), start-stop-daemon(8) with ``-b``/``--background``,
  cpulimit with ``-b``/``--background``;
- terminal sessions started detached: screen(1) ``-d -m`` (``-dm``, ``-dmS name``), tmux(1)
  ``new-session -d`` (``new -d``), dtach(1) ``-n``, abduco ``-n``;
- ssh(1) and autossh with ``-f`` ('requests ssh to go to background just before command
  execution');
- a program's own option to detach, as the GNU and BSD conventions name it: ``--daemon``,
  ``-daemon``, ``--daemonize`` (``--daemonize yes``; not ``no``), ``--background``; and
  these one-letter ones in their manuals: wpa_supplicant(8) ``-B``, mosquitto(8) ``-d``,
  memcached(1) ``-d``, php-fpm(8) ``-D``, haproxy(1) ``-D``, picom(1) ``-b``;
- task queues that run work unattended: pueue ``add|enqueue|start|restart|resume|
  parallel`` (pueue's README: 'a command-line task management tool for ... long-running
  tasks'), task-spooler's ``tsp`` and nq(1) given a command;
- systemd-run(1), which runs the command as a transient unit in the background unless
  ``--scope``, ``--wait``, ``--pty``, ``--pipe`` or ``--shell`` keep it attached.

Daemons that detach by default when run by hand (sshd, nginx...) are their own programs'
keys: whether each forks is a fact of its build and configuration, not of the command line.

>>> from neuroplast.gate.shell import split_command
>>> [detaches(s) for s in split_command(
...     "nohup ./sync.sh; setsid -w ./job; screen -dmS s top; tmux new -d -s w; tmux ls; "
...     "redis-server --daemonize yes; redis-server --daemonize no; ssh -f -N host; "
...     "pueue add -- make test; pueue status; systemd-run --scope make; systemd-run make")]
[True, False, True, True, False, True, False, True, True, False, False, True]
>>> [[detaches(s) for s in split_command(line)]
...  for line in ("./serve.sh > log 2>&1 & curl localhost", "make watch & npm test & wait")]
[[True, False], [False, False, False]]
"""

from __future__ import annotations

from neuroplast.gate.outputs import has_short_option, names_option
from neuroplast.gate.shell import Segment

__all__ = ["detaches"]

_NOT_RUN = frozenset({"--help", "--version", "--usage"})
_BUILTINS = frozenset({"disown", "bg"})
_DAEMONIZERS = frozenset({"daemonize", "daemon"})
# long options that detach, in the GNU and BSD spelling and the single-dash one of X tools
# (not ``--detach``, which detaches git's HEAD, nor ``--fork``, which forks a chain in
# hardhat and anvil: the same words name other things there)
_DETACH_OPTIONS = frozenset({"--daemon", "-daemon", "--daemonize", "-daemonize",
                             "--background"})
_OFF = frozenset({"no", "false", "0", "off"})
# program -> its one-letter option that detaches (each program's manual)
_SHORT: dict[str, str] = {"start-stop-daemon": "b", "cpulimit": "b", "ssh": "f",
                          "autossh": "f", "wpa_supplicant": "B", "mosquitto": "d",
                          "memcached": "d", "php-fpm": "D", "haproxy": "D", "picom": "b",
                          "dtach": "n", "abduco": "n"}
_PUEUE_QUEUES = frozenset({"add", "enqueue", "start", "restart", "resume", "parallel"})
# task-spooler (Debian's ``tsp``; not moreutils' ``ts``, which timestamps lines) and nq(1)
_SPOOLERS = frozenset({"tsp", "nq"})
_SYSTEMD_RUN_ATTACHED = frozenset({"--scope", "--wait", "--pty", "-t", "--pipe", "-P",
                                   "--shell", "-S"})


def detaches(seg: Segment) -> bool:
    """Whether ``seg`` leaves work running after it returns (the ``detach`` act)."""
    head, argv = seg.head, seg.argv
    if names_option(argv[1:], _NOT_RUN):
        return False
    if seg.background or _wrapper_detaches(seg) or head in _BUILTINS or head in _DAEMONIZERS:
        return True
    options = argv[1:]
    if head in _SHORT and has_short_option(options, _SHORT[head]):
        return True
    if head == "screen":
        return has_short_option(options, "d") and has_short_option(options, "m")
    if head == "tmux":
        return bool({"new-session", "new"} & set(options[:1])) and "-d" in options
    if head == "pueue":
        return next((a for a in options if not a.startswith("-")), "") in _PUEUE_QUEUES
    if head in _SPOOLERS:
        return any(not a.startswith("-") for a in options)
    if head == "systemd-run":
        return len(options) > 0 and not names_option(options, _SYSTEMD_RUN_ATTACHED)
    return _detach_option(argv)


def _wrapper_detaches(seg: Segment) -> bool:
    """nohup anywhere before the program; setsid unless told to wait."""
    if "nohup" in seg.wrappers:
        return True
    if "setsid" not in seg.wrappers:
        return False
    before = seg.words[: len(seg.words) - len(seg.argv)]
    return not any(w in ("-w", "--wait") for w in before)


def _detach_option(argv: tuple[str, ...]) -> bool:
    """One of the conventional long options that detach, unless its value (after ``=`` or
    as the next word) switches it off: ``--daemonize no``, ``--daemon=false``."""
    for i, a in enumerate(argv[1:], 1):
        name, eq, value = a.partition("=")
        if name in _DETACH_OPTIONS:
            if not eq:
                value = argv[i + 1] if i + 1 < len(argv) else ""
            return value.lower() not in _OFF
    return False
