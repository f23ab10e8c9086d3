"""Calls that make a link: a second name for a file or folder, elsewhere.

A link makes what it points at reachable wherever the link lies, with the rights of
whoever follows it: a symbolic link from a web root to a private folder serves that folder,
one in a shared temporary folder lets another user redirect a write (CWE-59 'Improper Link
Resolution Before File Access'), a hard link keeps a file alive after its deletion, and a
backup or a copy that follows links takes what they point at along. A user's view of this
is one view whatever makes the link: someone who stops letting the agent run ``ln -s``
stops it for ``cp -s``, ``stow`` and ``npm link`` alike. So it is an act across programs
(``gate.acts``: ``* link``). Each tool is read from its own manual; dry runs, listing and
removing links are not the act:

- ln(1) ('make links between files'; hard links, or symbolic with ``-s``) and link(1);
  cp(1) ``-s``/``--symbolic-link`` and ``-l``/``--link`` ('hard link files instead of
  copying'); lndir(1), which builds a shadow tree of symbolic links;
- GNU Stow, which installs a package by linking it into the target folder (not
  ``-n``/``--no``/``--simulate``, nor ``-D``/``--delete``, which removes the links);
- package managers' link commands, which link a package folder into a global one: ``npm
  link``, ``yarn link``, ``pnpm link``, ``bun link``, ``brew link`` (not
  ``-n``/``--dry-run``);
- update-alternatives(1) and alternatives(8) ``--install``, ``--set``, ``--config`` and
  ``--auto``, which change the links of ``/etc/alternatives``;
- Windows' ``mklink`` and PowerShell's ``New-Item -ItemType SymbolicLink|HardLink|Junction``;

and, read after the court user's first run, from each manual:

- de-duplicators that replace copies with links: hardlink(1) ('consolidate duplicate files
  via hardlinks'; not ``-n``/``--dry-run``), rdfind(1) ``-makesymlinks true`` and
  ``-makehardlinks true`` (not ``-dryrun true``), jdupes(1) ``-L``/``--link-hard`` and
  ``-l``/``--link-soft``, ``fclones link``, ``nix-store --optimise`` and ``nix store
  optimise`` ('replaces identical files in the store by hard links');
- copies and upgrades that link: rsync(1) ``--link-dest`` ('hardlink to files in DIR when
  unchanged'), pg_upgrade(1) ``-k``/``--link`` (not ``-c``/``--check``);
- tools' own link commands: ``systemctl link`` ('link a unit file ... into the unit file
  search path'), eselect(1) modules' ``set`` and ``update`` (the symlink each module
  manages: ``/usr/src/linux``, ``make.profile``...), ``valet link``, ``homeshick link``,
  ``rustup toolchain link`` ('create a custom toolchain by symlinking to a directory'),
  ``tlmgr path add`` ('adds symlinks for the binaries ... in the system directories'), and
  ldconfig(8), which 'creates the necessary links ... to the most recent shared libraries'
  (not ``-p``/``--print-cache``, nor ``-X``, which updates no link);
- Ansible's file module with ``state=link`` or ``state=hard``.

>>> from neuroplast.gate.shell import split_command
>>> [links(s) for s in split_command(
...     "ln -s ../shared/.env .env; ln --help; cp -al snap/ now/; cp -r a b; stow -t ~ vim; "
...     "stow -n vim; npm link; npm unlink x; update-alternatives --display java")]
[True, False, True, False, True, False, True, False, False]
"""

from __future__ import annotations

from itertools import pairwise

from neuroplast.gate.outputs import has_short_option, names_option
from neuroplast.gate.shell import Segment

__all__ = ["links"]

_NOT_RUN = frozenset({"--help", "--version", "--dry-run", "--simulate", "--no"})
_ALWAYS = frozenset({"ln", "link", "lndir", "mklink"})
_CP_LINKS = frozenset({"--symbolic-link", "--link"})
_ALTERNATIVES = frozenset({"update-alternatives", "alternatives"})
_ALTERNATIVES_CHANGES = frozenset({"--install", "--set", "--config", "--auto"})
_LINK_TYPES = ("symboliclink", "hardlink", "junction")
_PACKAGE_LINK = frozenset({"link", "ln"})
# program -> its sub-commands that link (each manual)
_LINK_VERBS: dict[str, frozenset[str]] = {
    "npm": _PACKAGE_LINK, "yarn": _PACKAGE_LINK, "pnpm": _PACKAGE_LINK, "bun": _PACKAGE_LINK,
    "brew": _PACKAGE_LINK, "systemctl": frozenset({"link"}), "valet": frozenset({"link"}),
    "homeshick": frozenset({"link"}), "fclones": frozenset({"link"}),
    "eselect": frozenset({"set", "update"}),
}
# (program, sub-command) -> the word after it that links
_NESTED_LINKS = {("rustup", "toolchain"): "link", ("tlmgr", "path"): "add",
                 ("nix", "store"): "optimise"}
_RDFIND_LINKS = ("-makesymlinks", "-makehardlinks")


def links(seg: Segment) -> bool:
    """Whether ``seg`` makes a symbolic or hard link (the ``link`` act)."""
    head, words = seg.head, seg.argv[1:]
    if names_option(words, _NOT_RUN):
        return False
    plain = [a for a in words if not a.startswith("-")]
    if head in _ALWAYS:
        return bool(plain)
    if head == "cp":
        return has_short_option(words, "sl") or bool(_CP_LINKS.intersection(words))
    if head == "stow":
        return bool(plain) and not has_short_option(words, "nD") and "--delete" not in words
    if head in _ALTERNATIVES:
        return bool(_ALTERNATIVES_CHANGES.intersection(words))
    if head == "hardlink":
        return bool(plain) and not has_short_option(words, "n")
    if head == "rdfind":  # -OPTION true|false, one word each
        pairs = dict(pairwise(words))
        return pairs.get("-dryrun") != "true" and any(pairs.get(o) == "true"
                                                      for o in _RDFIND_LINKS)
    if head == "jdupes":
        return has_short_option(words, "Ll") or any(a in ("--link-hard", "--link-soft")
                                                    for a in words)
    if head == "nix-store":
        return "--optimise" in words or "--optimize" in words
    if head == "rsync":
        return any(a.startswith("--link-dest") for a in words)
    if head == "pg_upgrade":
        return (has_short_option(words, "k") or "--link" in words) and not (
            has_short_option(words, "c") or "--check" in words)
    if head == "ldconfig":
        return not (has_short_option(words, "pX") or "--print-cache" in words)
    if head == "ansible":
        return "file" in words and any(f"state={s}" in a for a in words for s in ("link", "hard"))
    nested = _NESTED_LINKS.get((head, seg.subcommand))
    if nested is not None:
        return plain[1:2] == [nested]
    if head in _LINK_VERBS:
        # eselect MODULE ACTION: the action is the second plain word; brew's -n: a dry run
        verb = plain[1:2] if head == "eselect" else [seg.subcommand]
        return bool(_LINK_VERBS[head].intersection(verb)) and not (head == "brew" and "-n" in words)
    if head in ("pwsh", "powershell"):
        text = " ".join(words).lower()
        return "new-item" in text and any(t in text for t in _LINK_TYPES)
    return False
