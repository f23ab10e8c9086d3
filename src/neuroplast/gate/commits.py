"""Calls that record a change in a version-control history: a commit made, a branch merged,
a commit picked, reverted or applied from a patch, a pull request merged.

A commit is the author's word that a change is ready: it carries their name, it is what
review, blame and release notes read, and once shared it cannot be taken back without a
rewrite (git-commit(1): 'Create a new commit containing the current contents of the index
and the given log message describing the changes'; Pro Git 2.2 'Recording Changes to the
Repository'). Many people let an agent edit files but keep the commit for themselves, and
that view is one view whatever tool records it: a user who stops letting the agent run
``git commit`` stops it for ``hg commit``, ``svn commit`` and ``gh pr merge`` alike. So it
is an act across programs (``gate.acts``: ``* commit``). Each tool is read from its own
reference; status, diffs, logs, help, dry runs and the abort of one in progress are not:

- git: ``commit`` (not ``--dry-run``), ``merge``, ``cherry-pick``, ``revert`` (not ``-n``,
  ``--no-commit``), ``am``, ``commit-tree`` and ``pull`` when it is told to merge
  (``--no-rebase``) are each documented to create commits; ``--abort``, ``--quit``,
  ``--skip`` and ``--show-current-patch`` end or show one in progress instead;
- Mercurial hg(1) and Sapling ``sl``: ``commit``/``ci``, ``graft``, ``backout``, ``import``
  (not ``--no-commit``); Subversion svn(1) and CVS: ``commit``/``ci``, ``import``;
  Breezy/Bazaar ``brz``/``bzr`` and Fossil: ``commit``/``ci``; Jujutsu ``jj commit``;
  darcs and pijul ``record``; Perforce ``p4 submit``; DVC ``dvc commit``;
- a pull or merge request merged on the forge: ``gh pr merge`` (not ``--disable-auto``),
  ``glab mr merge``, Gitea's ``tea pulls merge``.

>>> from neuroplast.gate.shell import split_command
>>> [commits(s) for s in split_command(
...     "git commit -m 'fix: retry'; git commit --dry-run; git -C lib merge main; "
...     "git merge --abort; hg ci -m x; gh pr merge 42 --squash; git status; svn commit -m y")]
[True, False, True, False, True, True, False, True]
"""

from __future__ import annotations

from neuroplast.gate.executed import GLOBAL_OPTIONS
from neuroplast.gate.outputs import leads_to, operands
from neuroplast.gate.shell import Segment

__all__ = ["commits"]

_NO_COMMIT = frozenset({"--help", "-h", "--version", "--dry-run", "--abort", "--quit",
                        "--skip", "--show-current-patch", "--disable-auto"})
_COMMIT = frozenset({"commit", "ci"})
# git sub-commands documented to create commits, and the options that stop them doing so
_GIT = {"commit": frozenset(), "merge": frozenset({"--no-commit"}),
        "cherry-pick": frozenset({"-n", "--no-commit"}),
        "revert": frozenset({"-n", "--no-commit"}), "am": frozenset(),
        "commit-tree": frozenset()}
# tool -> (the commands, as the first plain words, that lead to the commit, the verbs
# that make it)
_COMMANDS: dict[str, tuple[tuple[tuple[str, ...], frozenset[str]], ...]] = {
    "hg": (((), _COMMIT | {"graft", "backout", "import"}),),
    "sl": (((), _COMMIT | {"graft", "backout", "import"}),),
    "svn": (((), _COMMIT | {"import"}),),
    "cvs": (((), _COMMIT | {"import"}),),
    "brz": (((), _COMMIT),), "bzr": (((), _COMMIT),), "fossil": (((), _COMMIT),),
    "jj": (((), frozenset({"commit"})),),
    "darcs": (((), frozenset({"record", "rec"})),), "pijul": (((), frozenset({"record"})),),
    "p4": (((), frozenset({"submit"})),),
    "dvc": (((), frozenset({"commit"})),),
    "gh": ((("pr",), frozenset({"merge"})),),
    "glab": ((("mr",), frozenset({"merge"})),),
    "tea": ((("pulls",), frozenset({"merge"})), (("pr",), frozenset({"merge"})),
            (("pull",), frozenset({"merge"}))),
}

# the programs this act reads; any other is answered at once
_PROGRAMS = frozenset({"git", *_COMMANDS})


def commits(seg: Segment) -> bool:
    """Whether ``seg`` records a change in a version-control history (the ``commit`` act)."""
    head, argv = seg.head, seg.argv
    if head not in _PROGRAMS or any(a.partition("=")[0] in _NO_COMMIT for a in argv[1:]):
        return False
    plain = operands(argv, GLOBAL_OPTIONS.get(head, (frozenset(), False))[0])
    if head == "git":
        sub = plain[:1]
        if sub == ["pull"]:
            return "--no-rebase" in argv
        stops = _GIT.get(sub[0]) if sub else None
        return stops is not None and not stops.intersection(argv)
    if head in ("hg", "sl") and "--no-commit" in argv:
        return False
    return leads_to(plain, _COMMANDS.get(head, ()))
