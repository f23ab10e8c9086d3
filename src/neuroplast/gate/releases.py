"""Calls that cut a release: a version of the project named (a tag made or pushed, the
version bumped by a release tool) or a release created on a forge.

A release is a promise to everyone downstream: a tag pushed starts the pipelines that build
and ship it, a version bumped is what packagers, auditors and customers will cite, and a
release created on GitHub notifies every watcher and is mirrored within minutes (the
Semantic Versioning specification, item 3: 'once a versioned package has been released,
the contents of that version MUST NOT be modified'; NIST SP 800-53 CM-2 and CM-3,
baselines and change control; NIST SP 800-218 PS.3 'Archive and Protect Each Software
Release'). A user's view of this is one view whatever tool cuts it: someone who stops
letting the agent run ``git tag v2.3`` after a tag it pushed shipped an untested build
stops it for ``gh release create``, ``npm version patch`` and ``cargo release`` alike. So
it is an act across programs (``gate.acts``: ``* release``). Uploading the package to a
registry is ``publish``'s (``gate.support``), moving or deleting a tag is ``rewrite``.
Each tool is read from its own manual; listing, showing and verifying tags and releases,
printing the version, dry runs, help and versions are not the act:

- tags: ``git tag NAME`` (not ``-l``/``--list``, ``-n``, ``-v``/``--verify``,
  ``--contains``, ``--points-at``, ``--merged``; nor a bare ``git tag``, which lists),
  ``git push --tags|--follow-tags``, ``hg tag`` (not ``-l``, ``--remove``), ``gbp tag``,
  ``git flow release finish`` and ``git flow hotfix finish``;
- releases on a forge: ``gh release create|edit|upload``, ``glab release create|update|
  upload``, ``tea releases create``;
- versions bumped: ``npm|yarn|pnpm version`` with a new version or increment, ``cargo
  release`` (which only previews without ``--execute``), ``cargo set-version``, ``poetry
  version`` and ``hatch version`` with a new version or rule, ``bump2version``,
  ``bumpversion``, ``bump-my-version bump``, ``semantic-release`` (not ``--dry-run``),
  ``release-it``, ``standard-version``, ``changeset version``, ``lerna version``,
  ``goreleaser release`` (not ``--snapshot``), ``mvn release:prepare|perform``, ``dch
  -r``/``--release``.

>>> from neuroplast.gate.shell import split_command
>>> [cuts_release(s) for s in split_command(
...     "git tag -a v2.3 -m 'v2.3'; git tag -l; git push --follow-tags; git push origin main; "
...     "gh release create v2.3; gh release list; npm version patch; npm version; "
...     "cargo release patch; cargo release patch --execute")]
[True, False, True, False, True, False, True, False, False, True]
"""

from __future__ import annotations

from neuroplast.gate.executed import global_values
from neuroplast.gate.outputs import leads_to, names_option, operands
from neuroplast.gate.shell import Segment

__all__ = ["cuts_release"]

_NOT_RUN = frozenset({"--help", "-h", "--version", "--dry-run", "-n"})
# git-tag(1)'s options that list, show or verify instead of making a tag
_TAG_READS = frozenset({"-l", "--list", "-n", "-v", "--verify", "--contains",
                        "--no-contains", "--points-at", "--merged", "--no-merged",
                        "--column", "--sort", "--format"})
# program -> (the commands, as the first plain words, that lead to a release, its verbs)
_COMMANDS: dict[str, tuple[tuple[tuple[str, ...], frozenset[str]], ...]] = {
    "gh": ((("release",), frozenset({"create", "edit", "upload"})),),
    "glab": ((("release",), frozenset({"create", "update", "upload"})),),
    "tea": ((("releases",), frozenset({"create"})), (("release",), frozenset({"create"}))),
    "gbp": (((), frozenset({"tag"})),),
    "bump-my-version": (((), frozenset({"bump"})),),
    "changeset": (((), frozenset({"version"})),),
    "lerna": (((), frozenset({"version"})),),
    "goreleaser": (((), frozenset({"release"})),),
    "mvn": (((), frozenset({"release:prepare", "release:perform"})),),
    "cargo": (((), frozenset({"set-version"})),),
}
# tools that cut a release whenever they run (their manuals)
_ALWAYS = frozenset({"bump2version", "bumpversion", "semantic-release", "release-it",
                     "standard-version"})
_JS_MANAGERS = frozenset({"npm", "yarn", "pnpm"})
# tools whose ``version`` command prints the version alone and sets it with an argument
_SETS_VERSION_WITH_ARGUMENT = frozenset({"poetry", "hatch", *_JS_MANAGERS})


# the programs this act reads beyond _ALWAYS; any other is answered at once
_PROGRAMS = frozenset({"git", "hg", "dch", *_SETS_VERSION_WITH_ARGUMENT, *_COMMANDS})


def _git_tag(words: list[str], argv: tuple[str, ...]) -> bool:
    if words[:1] == ["tag"]:
        rest = argv[argv.index("tag") + 1:]
        return (not _TAG_READS.intersection(a.partition("=")[0] for a in rest)
                and any(not a.startswith("-") for a in rest)
                and not any(a in ("-d", "--delete") for a in rest))
    if words[:1] == ["push"]:
        return names_option(argv, ("--tags", "--follow-tags"))
    return words[:2] in (["flow", "release"], ["flow", "hotfix"]) and "finish" in words[2:3]


def cuts_release(seg: Segment) -> bool:
    """Whether ``seg`` names a version of the project as released: a tag made or pushed, a
    version bumped, a release created on a forge (the ``release`` act)."""
    head, argv = seg.head, seg.argv
    words = argv[1:]
    if names_option(words, _NOT_RUN):
        return False
    if head in _ALWAYS:
        return True
    if head not in _PROGRAMS:
        return False
    plain = operands(argv, global_values(head))
    if head == "git":
        return _git_tag(plain, argv)
    if head == "hg":
        return plain[:1] == ["tag"] and len(plain) > 1 and not names_option(
            words, ("-l", "--local", "--remove"))
    if head in _SETS_VERSION_WITH_ARGUMENT and plain[:1] == ["version"]:
        return len(plain) > 1 and not (head in _JS_MANAGERS and plain[1] == "list")
    if head == "cargo" and plain[:1] == ["release"]:
        return "--execute" in words or "-x" in words
    if head == "goreleaser" and "--snapshot" in words:
        return False  # builds a snapshot, releases nothing
    if head == "dch":
        return names_option(words, ("-r", "--release"))
    return leads_to(plain, _COMMANDS.get(head, ()))
