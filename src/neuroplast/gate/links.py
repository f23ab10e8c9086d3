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
- Windows' ``mklink`` and PowerShell's ``New-Item -ItemType SymbolicLink|HardLink|Junction``.

>>> from neuroplast.gate.shell import split_command
>>> [links(s) for s in split_command(
...     "ln -s ../shared/.env .env; ln --help; cp -al snap/ now/; cp -r a b; stow -t ~ vim; "
...     "stow -n vim; npm link; npm unlink x; update-alternatives --display java")]
[True, False, True, False, True, False, True, False, False]
"""

from __future__ import annotations

from neuroplast.gate.outputs import has_short_option
from neuroplast.gate.shell import Segment

__all__ = ["links"]

_NOT_RUN = frozenset({"--help", "--version", "--dry-run", "--simulate", "--no"})
_ALWAYS = frozenset({"ln", "link", "lndir", "mklink"})
_CP_LINKS = frozenset({"--symbolic-link", "--link"})
_PACKAGE_LINKERS = frozenset({"npm", "yarn", "pnpm", "bun", "brew"})
_ALTERNATIVES = frozenset({"update-alternatives", "alternatives"})
_ALTERNATIVES_CHANGES = frozenset({"--install", "--set", "--config", "--auto"})
_LINK_TYPES = ("symboliclink", "hardlink", "junction")


def links(seg: Segment) -> bool:
    """Whether ``seg`` makes a symbolic or hard link (the ``link`` act)."""
    head, words = seg.head, seg.argv[1:]
    if any(a.partition("=")[0] in _NOT_RUN for a in words):
        return False
    plain = [a for a in words if not a.startswith("-")]
    if head in _ALWAYS:
        return bool(plain)
    if head == "cp":
        return has_short_option(words, "sl") or bool(_CP_LINKS.intersection(words))
    if head == "stow":
        return bool(plain) and not has_short_option(words, "nD") and "--delete" not in words
    if head in _PACKAGE_LINKERS:
        return seg.subcommand in ("link", "ln") and not (head == "brew" and "-n" in words)
    if head in _ALTERNATIVES:
        return bool(_ALTERNATIVES_CHANGES.intersection(words))
    if head in ("pwsh", "powershell"):
        text = " ".join(words).lower()
        return "new-item" in text and any(t in text for t in _LINK_TYPES)
    return False
