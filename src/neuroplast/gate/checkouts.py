"""Calls that check the work tree out at another branch or revision: a branch switched to or
created and switched to, a tag or commit checked out, a bisection stepping through commits,
a pull request's branch checked out, whatever version-control tool does it.

The work tree is what the user is working in. Checking it out at another revision changes
its files under the user's editor and build, carries uncommitted changes along (or stops
on them), and leaves the next commit on a branch the user did not choose (git-switch(1),
git-checkout(1) 'Switch branches or restore working tree files'; Pro Git 3.2 'Basic
Branching and Merging' on switching with changes not yet committed; hg-update(1)). Checking
out a pull request also puts someone else's code where the next build runs it. A user's
view of this is one view whatever tool switches: someone who stops letting the agent run
``git switch release`` after it left their work on the wrong branch stops it for ``git
checkout -b``, ``hg update -r``, ``gh pr checkout`` and ``jj edit`` alike. So it is an act
across programs (``gate.acts``: ``* checkout``). Restoring files from a revision is
``discard``'s; updating to upstream's newest (``git pull``, a bare ``hg update`` or ``svn
update``) and another work tree made beside this one (``git worktree add``) are not the
act. Each tool is read from its own manual; help is not the act:

- git: ``switch``; ``checkout`` of a branch, tag or commit (``-b``/``-B``/``--orphan``/
  ``--detach`` or one name that is not a file: ``--``, ``.`` or a file name make it a
  checkout of files); ``bisect`` but ``log``, ``visualize``/``view``, ``terms`` and
  ``help``, as git-bisect(1) checks out each commit it asks about;
- Mercurial ``hg`` and Sapling ``sl``: ``update``/``up``/``checkout``/``co``/``goto`` to a
  named revision (an operand, ``-r``/``--rev``, ``-d``/``--date``); Subversion:
  ``switch``/``sw``, and ``update``/``up`` with ``-r``/``--revision``; Breezy/Bazaar:
  ``switch``; Fossil: ``checkout``/``co``, and ``update`` to a named version; Jujutsu:
  ``edit``;
- a forge's pull request checked out: ``gh pr checkout``, ``glab mr checkout``, Gitea's
  ``tea pulls checkout``.

>>> from neuroplast.gate.shell import split_command
>>> [checks_out(s) for s in split_command(
...     "git switch develop; git checkout -b fix/x; git checkout -- a.py; git checkout .; "
...     "git bisect good; git bisect log; hg update -r 42; hg update; gh pr checkout 7")]
[True, True, False, False, True, False, True, False, True]
"""

from __future__ import annotations

import re

from neuroplast.gate.executed import after_global_options
from neuroplast.gate.outputs import names_option, operands
from neuroplast.gate.shell import Segment

__all__ = ["checks_out", "names_files"]

_HELP = frozenset({"--help", "-h"})
_FILE_NAME = re.compile(r"[\w-]\.[A-Za-z]\w{0,7}$")  # app.py, ci.yaml: a file, not a branch
# git-checkout(1)'s options that name the branch made or say that a branch or commit is meant
_GIT_CHECKOUT_BRANCH = ("-b", "-B", "--orphan", "--detach", "-d", "-t", "--track")
_GIT_CHECKOUT_VALUES = frozenset({"-b", "-B", "--orphan", "--conflict", "--pathspec-from-file"})
_GIT_BISECT_STILL = frozenset({"log", "visualize", "view", "terms", "help"})
_HG_UPDATE = frozenset({"update", "up", "checkout", "co", "goto", "go"})
_HG_REVISION = ("-r", "--rev", "-d", "--date")
_HG_VALUES = frozenset({"-r", "--rev", "-d", "--date", "-R", "--repository", "--cwd",
                        "--config", "-t", "--tool"})
_FORGE_CHECKOUT = {"gh": ("pr", "checkout"), "glab": ("mr", "checkout"),
                   "tea": ("pulls", "checkout")}


def checks_out(seg: Segment) -> bool:
    """Whether ``seg`` checks the work tree out at another branch or revision (the
    ``checkout`` act)."""
    head, argv = seg.head, seg.argv
    if names_option(argv[1:], _HELP):
        return False
    if head == "git":
        return _git_checks_out(after_global_options("git", argv))
    if head in ("hg", "sl"):
        plain = operands(argv, _HG_VALUES)
        return plain[:1] != [] and plain[0] in _HG_UPDATE and (
            len(plain) > 1 or plain[0] == "goto" or names_option(argv[2:], _HG_REVISION))
    if head == "svn":
        plain = operands(argv, frozenset({"-r", "--revision"}))
        return plain[:1] in (["switch"], ["sw"]) or (
            plain[:1] in (["update"], ["up"]) and names_option(argv[2:], ("-r", "--revision")))
    if head in ("bzr", "brz"):
        return operands(argv, frozenset())[:1] == ["switch"]
    if head == "fossil":
        plain = operands(argv, frozenset())
        return plain[:1] in (["checkout"], ["co"]) or (plain[:1] == ["update"] and len(plain) > 1)
    if head == "jj":
        return operands(argv, frozenset({"-R", "--repository", "--at-op"}))[:1] == ["edit"]
    if head in _FORGE_CHECKOUT:
        return tuple(operands(argv, frozenset({"-R", "--repo"}))[:2]) == _FORGE_CHECKOUT[head]
    return False


def names_files(plain: list[str]) -> bool:
    """Whether ``git checkout``'s plain words name files, not a branch or commit: ``.``,
    ``:/`` or a file's name (``app.py``, ``ci.yaml``).

    >>> names_files(["src/app.py"]), names_files(["."]), names_files(["release/1.4"])
    (True, True, False)
    """
    return any(p in (".", ":/") or _FILE_NAME.search(p) for p in plain)


def _git_checks_out(words: list[str]) -> bool:
    if not words:
        return False
    sub, rest = words[0], tuple(words[1:])
    if sub == "switch":
        return True
    if sub == "bisect":
        return rest[:1] != () and rest[0] not in _GIT_BISECT_STILL
    if sub != "checkout" or "--" in rest:
        return False
    plain = operands(("checkout", *rest), _GIT_CHECKOUT_VALUES)
    if names_files(plain):
        return False
    return names_option(rest, _GIT_CHECKOUT_BRANCH) or len(plain) == 1 or rest == ("-",)
