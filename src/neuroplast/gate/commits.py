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

- git: ``commit`` (not ``--dry-run``), ``merge`` (not ``--squash``, ``--ff-only``, which
  make no commit), ``cherry-pick``, ``revert`` (not ``-n``, ``--no-commit``), ``am``,
  ``commit-tree`` and ``pull`` when it may merge (``--no-rebase``, ``--commit``, ``--ff``,
  ``--no-ff``) are each documented to create commits; ``--abort``, ``--quit``, ``--skip``
  and ``--show-current-patch`` end or show one in progress instead; and the tools run as
  ``git NAME``: ``subtree add|merge|pull`` and ``split --rejoin``, ``svn dcommit|set-tree|
  commit-diff``, ``p4 submit``, ``imerge merge|continue|finish|record|revert``, ``annex
  sync|assist``, ``flow ... finish``, git-extras' ``setup``, ``release``, ``merge-repo``,
  ``merge-into`` (not ``--ff``), ``feature finish`` (not ``--squash``) and ``squash`` given
  a message; gitmoji ``-c``; etckeeper, yadm and vcsh's ``commit``;
- Mercurial hg(1) and Sapling ``sl``: ``commit``/``ci``, ``graft``, ``backout``, ``import``
  (not ``--no-commit``), hg's ``tag`` (not ``--local``); Subversion svn(1) and CVS:
  ``commit``/``ci``, ``import``, and svn's ``mkdir|copy|move|delete`` given a URL ('via an
  immediate commit'); RCS ci(1); Breezy/Bazaar ``brz``/``bzr`` and Fossil:
  ``commit``/``ci``; Jujutsu's ``commit``, ``new``, ``describe``, ``split``, ``duplicate``
  and ``revert``; Dolt's ``commit``, ``merge``, ``cherry-pick`` and ``revert``; darcs and
  pijul ``record``; Perforce ``p4 submit|populate``. DVC's ``dvc commit`` records data in
  its cache, not a revision;
- release tools that commit the version they set: ``npm|yarn|pnpm version NEW`` (not
  ``--no-git-tag-version``), standard-version (not ``--skip.commit``), ``lerna
  version|publish``;
- a pull or merge request merged on the forge: ``gh pr merge`` (not ``--disable-auto``),
  ``glab mr merge``, Gitea's ``tea pulls merge``.

>>> from neuroplast.gate.shell import split_command
>>> [commits(s) for s in split_command(
...     "git commit -m 'fix: retry'; git commit --dry-run; git -C lib merge main; "
...     "git merge --abort; hg ci -m x; gh pr merge 42 --squash; git status; svn commit -m y")]
[True, False, True, False, True, True, False, True]
"""

from __future__ import annotations

from neuroplast.gate.executed import global_values
from neuroplast.gate.outputs import leads_to, names_option, operands
from neuroplast.gate.shell import Segment

__all__ = ["commits"]

_NO_COMMIT = frozenset({"--help", "-h", "--version", "--dry-run", "--abort", "--quit",
                        "--skip", "--show-current-patch", "--disable-auto", "--no-commit",
                        "--no-git-tag-version", "--skip.commit"})
_COMMIT = frozenset({"commit", "ci"})
_ANY: frozenset[str] = frozenset()
# git's sub-commands (and the git tools run as ``git NAME``) documented to create commits,
# and the options that stop them doing so
_GIT: dict[str, frozenset[str]] = {
    "commit": _ANY, "cherry-pick": frozenset({"-n"}), "revert": frozenset({"-n"}),
    "am": _ANY, "commit-tree": _ANY,
    # git-merge(1): --squash 'do not actually make a commit'; --ff-only makes none either
    "merge": frozenset({"--squash", "--ff-only"}),
    # git-extras: setup 'make an initial commit', release 'Commit, tag and push', squash
    # commits when given a message, merge-repo merges two histories, merge-into merges
    # (not --ff), feature finish merges (not --squash)
    "setup": _ANY, "release": _ANY, "merge-repo": _ANY, "merge-into": frozenset({"--ff"}),
}
# git tools whose commands, as the words after the tool, commit
_GIT_TOOLS: dict[str, frozenset[str]] = {
    "subtree": frozenset({"add", "merge", "pull"}),  # git-subtree(1): 'A new commit is created'
    "svn": frozenset({"dcommit", "set-tree", "commit-diff"}),  # git-svn(1)
    "p4": frozenset({"submit"}),  # git-p4(1)
    "imerge": frozenset({"merge", "continue", "finish", "record", "revert"}),
    "annex": frozenset({"sync", "assist"}),  # git-annex-sync(1): 'commits any staged changes'
}
# tool -> (the commands, as the first plain words, that lead to the commit, the verbs
# that make it)
_COMMANDS: dict[str, tuple[tuple[tuple[str, ...], frozenset[str]], ...]] = {
    # hg help tag: 'tagging creates a new commit' (not --local)
    "hg": (((), _COMMIT | {"graft", "backout", "import", "tag"}),),
    "sl": (((), _COMMIT | {"graft", "backout", "import"}),),
    "svn": (((), _COMMIT | {"import"}),),
    "cvs": (((), _COMMIT | {"import"}),),
    "brz": (((), _COMMIT),), "bzr": (((), _COMMIT),), "fossil": (((), _COMMIT),),
    # jj: commit, new, describe, split, duplicate and revert each record a new change
    "jj": (((), frozenset({"commit", "new", "describe", "desc", "split", "duplicate",
                           "revert", "backout"})),),
    "darcs": (((), frozenset({"record", "rec"})),), "pijul": (((), frozenset({"record"})),),
    "p4": (((), frozenset({"submit", "populate"})),),
    "dolt": (((), frozenset({"commit", "merge", "cherry-pick", "revert"})),),
    "etckeeper": (((), frozenset({"commit"})),),
    "yadm": (((), frozenset({"commit"})),),
    "lerna": (((), frozenset({"version", "publish"})),),  # both commit the version bumps
    "gh": ((("pr",), frozenset({"merge"})),),
    "glab": ((("mr",), frozenset({"merge"})),),
    "tea": ((("pulls",), frozenset({"merge"})), (("pr",), frozenset({"merge"})),
            (("pull",), frozenset({"merge"}))),
}
# svn(1): mkdir, copy, move and delete given a URL commit at once ('via an immediate commit')
_SVN_URL_COMMANDS = frozenset({"mkdir", "copy", "cp", "move", "mv", "rename", "ren",
                               "delete", "del", "remove", "rm"})
# the programs this act reads; any other is answered at once
_PROGRAMS = frozenset({"git", "ci", "gitmoji", "standard-version", "npm", "yarn", "pnpm",
                       "vcsh", *_COMMANDS})


def commits(seg: Segment) -> bool:
    """Whether ``seg`` records a change in a version-control history (the ``commit`` act)."""
    head, argv = seg.head, seg.argv
    if head not in _PROGRAMS or names_option(argv[1:], _NO_COMMIT):
        return False
    plain = operands(argv, global_values(head))
    if head == "git":
        return _git_commits(plain, argv)
    if head == "ci":  # RCS ci(1): 'ci stores new revisions into RCS files'
        return len(argv) > 1
    if head == "gitmoji":  # gitmoji -c|--commit: 'Interactively commit'
        return bool({"-c", "--commit"} & set(argv))
    if head == "standard-version":  # commits the release unless --skip.commit
        return True
    if head in ("npm", "yarn", "pnpm"):  # npm-version(1): 'create a version commit and tag'
        return plain[:1] == ["version"] and len(plain) > 1
    if head == "vcsh":  # vcsh REPO commit ...: git's commit in that repository
        return plain[1:2] == ["commit"]
    if head == "svn" and plain[:1] and plain[0] in _SVN_URL_COMMANDS:
        return any("://" in a for a in plain[1:])
    if head == "hg" and plain[:1] == ["tag"] and "--local" in argv:
        return False
    if head == "dolt" and plain[:1] == ["merge"] and "--squash" in argv:
        return False  # dolt merge --squash: 'without updating the commit history'
    return leads_to(plain, _COMMANDS.get(head, ()))


def _git_commits(plain: list[str], argv: tuple[str, ...]) -> bool:
    sub = plain[0] if plain else ""
    if sub == "pull":  # git-pull(1): a merge that may commit, unless it only fast-forwards
        return bool({"--no-rebase", "--commit", "--no-ff", "--ff"} & set(argv))
    if sub in _GIT_TOOLS:
        if sub == "subtree" and plain[1:2] == ["split"]:
            return "--rejoin" in argv
        return bool(_GIT_TOOLS[sub].intersection(plain[1:2]))
    if sub == "flow":  # git flow feature|release|hotfix|bugfix finish: merges
        return plain[2:3] == ["finish"]
    if sub == "feature":  # git-extras' feature finish merges, --squash does not commit
        return plain[1:2] == ["finish"] and "--squash" not in argv
    if sub == "squash":  # git-extras: a commit when a message is given
        return len(plain) > 2 or "--squash-msg" in argv
    stops = _GIT.get(sub)
    return stops is not None and not stops.intersection(argv)
