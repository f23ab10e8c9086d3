"""Calls that install, upgrade or remove software packages, with any package manager.

What software an environment holds decides what every later run does in it: an upgrade in
a shared environment can make a published result impossible to rerun, a removed package
breaks a colleague's tool, and an installed one runs its own code on the machine. A user's
view of this is one view whatever the manager: someone who stops letting the agent change
packages with ``pip`` stops it for ``conda``, ``npm`` and ``apt`` alike, and for every
spelling each manager accepts (``npm i``, ``npm r``, ``npm up`` are ``install``,
``uninstall``, ``update``). So it is an act across programs (``gate.acts``: ``*
package``). Each manager's commands and their documented aliases are read from its own
reference; its search, list, show, outdated, audit, lock and cache commands change no
installed package and are not the act, nor is a run that only prints help or previews
(``--dry-run``, apt's ``-s``, emerge's ``-p``).

Installing what a lockfile pins (``npm ci``, ``uv sync``, ``poetry install``) also changes
the environment, and is the act: the manuals describe it as installing, and a user who
refuses package changes refuses it too.

>>> from neuroplast.gate.shell import split_command
>>> [changes_packages(s) for s in split_command(
...     "npm i -g serde; npm run install; uv tool install rich; uv tree; "
...     "sudo apt-get -s install jq; apt install jq; conda update -n base conda; "
...     "Rscript -e 'install.packages(\\"x\\")'; pacman -Ss vim; pacman -Syu")]
[True, False, True, False, False, True, True, True, False, True]
"""

from __future__ import annotations

import re

from neuroplast.gate.outputs import names_option, option_values
from neuroplast.gate.shell import Segment

__all__ = ["changes_packages"]

_NPM_INSTALL = ("install", "add", "i", "in", "ins", "inst", "insta", "instal", "isnt",
                "isnta", "isntal", "isntall")
_PYTHON_ENV = ("add", "remove", "install", "update", "sync")
_CONDA = frozenset({"install", "update", "upgrade", "remove", "uninstall", "create"})
_APT = frozenset({"install", "remove", "purge", "upgrade", "full-upgrade", "dist-upgrade",
                  "autoremove", "autopurge", "reinstall", "build-dep", "satisfy"})
_DNF = frozenset({"install", "in", "localinstall", "remove", "rm", "erase", "upgrade", "up",
                  "update", "reinstall", "downgrade", "autoremove", "distro-sync", "swap",
                  "groupinstall", "groupremove", "groupupdate"})
_VERSION_MANAGERS = frozenset({"install", "uninstall"})  # nvm, fnm, pyenv, rbenv, nodenv...

# manager -> its sub-commands that install, upgrade or remove packages, aliases included
_VERBS: dict[str, frozenset[str]] = {
    # npm's commands reference (``npm help install`` and the others list their aliases):
    # install, ci, install-test, install-ci-test, uninstall, update, dedupe, prune, link
    "npm": frozenset({*_NPM_INSTALL, "ci", "clean-install", "ic", "install-clean",
                      "isntall-clean", "install-test", "it", "install-ci-test", "cit",
                      "clean-install-test", "sit", "uninstall", "unlink", "remove", "rm", "r",
                      "un", "update", "up", "upgrade", "udpate", "dedupe", "ddp", "prune",
                      "link", "ln"}),
    # pnpm CLI reference; yarn (classic and berry) CLI; bun's package manager commands
    "pnpm": frozenset({"add", "install", "i", "install-test", "it", "update", "up",
                       "upgrade", "remove", "rm", "uninstall", "un", "link", "ln", "unlink",
                       "prune", "import", "dedupe"}),
    "yarn": frozenset({"add", "install", "remove", "upgrade", "upgrade-interactive", "up",
                       "dedupe", "link", "unlink", "unplug"}),
    "bun": frozenset({"add", "a", "install", "i", "remove", "rm", "update", "link", "unlink"}),
    "deno": frozenset({"install", "i", "uninstall", "add", "remove", "upgrade"}),
    # pip's user guide (install, uninstall); uv's CLI reference; pipx; poetry; pdm;
    # pipenv; rye
    "pip": frozenset({"install", "uninstall"}),
    "uv": frozenset({"add", "remove", "sync"}),
    "pipx": frozenset({"install", "install-all", "uninstall", "uninstall-all", "upgrade",
                       "upgrade-all", "upgrade-shared", "reinstall", "reinstall-all",
                       "inject", "uninject"}),
    "poetry": frozenset(_PYTHON_ENV),
    "pdm": frozenset(_PYTHON_ENV),
    "pipenv": frozenset({"install", "uninstall", "update", "upgrade", "sync", "clean"}),
    "rye": frozenset({"add", "remove", "sync", "install", "uninstall"}),
    # conda's command reference (mamba and micromamba take the same commands); pixi
    "conda": _CONDA,
    "mamba": _CONDA,
    "micromamba": _CONDA,
    "pixi": frozenset({"add", "remove", "rm", "install", "i", "update", "upgrade",
                       "self-update"}),
    # gem(1) and bundle(1); cargo's commands (and cargo-binstall); ``go help install``,
    # ``go help get``; Composer's CLI (its aliases i, r, rm, u); ``dotnet add|remove package``
    "gem": frozenset({"install", "i", "uninstall", "update", "cleanup"}),
    "bundle": frozenset({"install", "update", "add", "remove", "clean"}),
    "cargo": frozenset({"install", "uninstall", "add", "remove", "rm", "update", "binstall"}),
    "go": frozenset({"install", "get"}),
    "composer": frozenset({"install", "i", "require", "r", "remove", "rm", "uninstall",
                           "update", "u", "upgrade", "reinstall"}),
    "nuget": frozenset({"install", "update"}),
    # brew(1): formulae and casks, their sources (tap) and links into the prefix;
    # port(1) (MacPorts)
    "brew": frozenset({"install", "reinstall", "uninstall", "remove", "rm", "upgrade",
                       "update", "tap", "untap", "link", "unlink", "autoremove", "cleanup"}),
    "port": frozenset({"install", "uninstall", "upgrade", "selfupdate", "activate",
                       "deactivate"}),
    # apt(8), apt-get(8), aptitude(8), nala (``update`` only refreshes the lists);
    # dnf(8), yum(8), zypper(8), apk(8), FreeBSD pkg(8), snap, flatpak(1)
    "apt": _APT,
    "apt-get": _APT,
    "aptitude": _APT,
    "nala": _APT,
    "dnf": _DNF,
    "dnf5": _DNF,
    "yum": _DNF,
    "microdnf": _DNF,
    "tdnf": _DNF,
    "zypper": frozenset({"install", "in", "remove", "rm", "update", "up", "dist-upgrade",
                         "dup", "patch"}),
    "apk": frozenset({"add", "del", "upgrade", "fix"}),
    "pkg": frozenset({"install", "delete", "remove", "upgrade", "autoremove"}),
    "snap": frozenset({"install", "remove", "refresh", "revert"}),
    "flatpak": frozenset({"install", "uninstall", "update"}),
    # winget, Chocolatey, Scoop
    "winget": frozenset({"install", "add", "uninstall", "remove", "rm", "upgrade", "update"}),
    "choco": frozenset({"install", "uninstall", "upgrade"}),
    "scoop": frozenset({"install", "uninstall", "update"}),
    # other languages' managers: LuaRocks, opam, cabal, stack, CocoaPods, Carthage, vcpkg,
    # TeX Live's tlmgr, ansible-galaxy (roles and collections)
    "luarocks": frozenset({"install", "remove", "purge"}),
    "opam": frozenset({"install", "remove", "uninstall", "upgrade", "reinstall"}),
    "cabal": frozenset({"install"}),
    "stack": frozenset({"install"}),
    "pod": frozenset({"install", "update"}),
    "carthage": frozenset({"update", "bootstrap"}),
    "vcpkg": frozenset({"install", "remove", "upgrade"}),
    "tlmgr": frozenset({"install", "remove", "update"}),
    "ansible-galaxy": frozenset({"install"}),
    # runtime and toolchain managers: nvm, fnm, volta, pyenv, rbenv, nodenv, SDKMAN's sdk,
    # asdf, mise, rustup
    "nvm": _VERSION_MANAGERS,
    "fnm": _VERSION_MANAGERS,
    "volta": _VERSION_MANAGERS,
    "pyenv": _VERSION_MANAGERS,
    "rbenv": _VERSION_MANAGERS,
    "nodenv": _VERSION_MANAGERS,
    "sdk": frozenset({"install", "i", "uninstall", "rm", "upgrade", "ug", "selfupdate"}),
    "asdf": _VERSION_MANAGERS,
    "mise": frozenset({"install", "i", "uninstall", "remove", "rm", "upgrade", "up", "use",
                       "u"}),
    "rustup": frozenset({"update", "install", "uninstall"}),
}
# (manager, command) -> the nested commands under it that change packages
_NESTED: dict[tuple[str, str], frozenset[str]] = {
    ("npm", "audit"): frozenset({"fix"}),
    ("yarn", "global"): frozenset({"add", "remove", "upgrade"}),
    ("uv", "pip"): frozenset({"install", "uninstall", "sync"}),
    ("uv", "tool"): frozenset({"install", "uninstall", "upgrade"}),
    ("uv", "python"): frozenset({"install", "uninstall", "upgrade"}),
    ("uv", "self"): frozenset({"update"}),
    ("poetry", "self"): frozenset({"add", "remove", "install", "update", "sync"}),
    ("pdm", "self"): frozenset({"add", "remove", "update"}),
    ("rye", "self"): frozenset({"update", "uninstall"}),
    ("conda", "env"): frozenset({"create", "update", "remove"}),
    ("mamba", "env"): frozenset({"create", "update", "remove"}),
    ("micromamba", "env"): frozenset({"create", "update", "remove"}),
    ("pixi", "global"): frozenset({"install", "uninstall", "remove", "add", "upgrade",
                                   "upgrade-all", "update", "sync"}),
    ("composer", "global"): frozenset({"install", "require", "remove", "update", "upgrade"}),
    ("dotnet", "add"): frozenset({"package"}),
    ("dotnet", "remove"): frozenset({"package"}),
    ("dotnet", "tool"): frozenset({"install", "uninstall", "update"}),
    ("dotnet", "workload"): frozenset({"install", "uninstall", "update"}),
    ("dnf", "group"): frozenset({"install", "remove", "upgrade"}),
    ("dnf", "module"): frozenset({"install", "remove"}),
    ("yum", "group"): frozenset({"install", "remove", "upgrade"}),
    ("nix", "profile"): frozenset({"install", "add", "remove", "upgrade"}),
    ("asdf", "plugin"): frozenset({"add", "remove", "update"}),
    ("rustup", "toolchain"): frozenset({"install", "uninstall", "add", "remove"}),
    ("rustup", "component"): frozenset({"add", "remove"}),
    ("rustup", "target"): frozenset({"add", "remove"}),
    ("rustup", "self"): frozenset({"update", "uninstall"}),
    ("ansible-galaxy", "collection"): frozenset({"install"}),
    ("ansible-galaxy", "role"): frozenset({"install", "remove"}),
    # extensions and plugins of other tools, installed into them
    ("gh", "extension"): frozenset({"install", "remove", "upgrade"}),
    ("gh", "ext"): frozenset({"install", "remove", "upgrade"}),
    ("kubectl", "krew"): frozenset({"install", "uninstall", "upgrade"}),
    ("helm", "plugin"): frozenset({"install", "uninstall", "update"}),
    ("vagrant", "plugin"): frozenset({"install", "uninstall", "update", "expunge"}),
    ("gcloud", "components"): frozenset({"install", "remove", "update", "reinstall"}),
    ("az", "extension"): frozenset({"add", "remove", "update"}),
    ("jupyter", "labextension"): frozenset({"install", "uninstall", "update"}),
    ("R", "CMD"): frozenset({"INSTALL", "REMOVE"}),
}
# the programs read by their commands, looked up once per call rather than scanned
_MANAGERS = frozenset(_VERBS) | {manager for manager, _ in _NESTED}
# program -> its options that install, upgrade or remove: dpkg(1), nix-env(1), VS Code's
# command line, Android's sdkmanager
_OPTIONS: dict[str, tuple[str, ...]] = {
    "dpkg": ("-i", "--install", "-r", "--remove", "-P", "--purge", "--unpack",
             "--configure"),
    "nix-env": ("-i", "--install", "-e", "--uninstall", "-u", "--upgrade", "--set"),
    "code": ("--install-extension", "--uninstall-extension"),
    "codium": ("--install-extension", "--uninstall-extension"),
    "code-insiders": ("--install-extension", "--uninstall-extension"),
}
# managers whose every run with an argument installs or removes: cpanm, cpan (a module's
# name installs it), xbps-install, xbps-remove, emerge, Android's sdkmanager (a package
# path installs it; --list only lists)
_ALWAYS = frozenset({"cpanm", "cpan", "xbps-install", "xbps-remove", "emerge", "sdkmanager"})
# run with no command at all, these install (yarn: "yarn" is "yarn install"; bundle(1):
# "bundle" is "bundle install"; yay and paru: a full system upgrade)
_BARE_INSTALLS = frozenset({"yarn", "bundle", "yay", "paru"})
# pacman(8) and the AUR helpers that take its options: -S installs or upgrades, -R
# removes, -U installs a file; -S's s, i, l, g, p and c only search, show, list, print or
# clean the cache
_PACMAN = frozenset({"pacman", "yay", "paru", "pikaur"})
_PACMAN_QUERIES = frozenset("silgpc")
# options that only print help or a version, or preview what would change
_NO_CHANGE = frozenset({"-h", "--help", "--version", "--dry-run", "--dryrun", "--simulate",
                        "--just-print", "--no-act", "--recon", "--pretend", "--what-if",
                        "--print-uris", "--assumeno", "--search", "--info", "--list"})
# short options that preview in one manager only: apt-get(8) -s, emerge(1) -p, brew(1) -n,
# xbps-install -n, cpan -l (lists installed modules), cpanm --look, sdkmanager --licenses
_PREVIEW_SHORT: dict[str, tuple[str, ...]] = {
    "apt": ("-s",), "apt-get": ("-s",), "aptitude": ("-s",), "nala": ("-s",),
    "emerge": ("-p", "-s"), "brew": ("-n",), "xbps-install": ("-n",),
    "xbps-remove": ("-n",), "cpan": ("-l", "-a", "-D"), "cpanm": ("--look",),
    "sdkmanager": ("--licenses",),
}
# an R or Julia expression that installs, updates or removes packages: R's
# install.packages(), update.packages(), remove.packages(), BiocManager, devtools, remotes,
# pak and renv; Julia's Pkg.add/rm/update/develop
_R_OR_JULIA = frozenset({"R", "Rscript", "julia"})
_EXPRESSION_CHANGES = re.compile(
    r"\b(?:install|update|remove)\.packages\s*\(|\bBiocManager::install\b"
    r"|\b(?:devtools|remotes)::install\w*|\bpak::(?:pkg_install|pkg_remove|pak)\b"
    r"|\brenv::(?:install|restore|update|remove)\b"
    r"|\bPkg\.(?:add|rm|remove|update|up|develop|dev)\s*\(")
_PIP = re.compile(r"^pip\d*(?:\.\d+)?$")  # pip, pip3, pip3.12


def _plain_words(argv: tuple[str, ...], n: int = 3) -> list[str]:
    return [a for a in argv if not a.startswith("-")][:n]


def _command_changes(seg: Segment, manager: str) -> bool:
    """Whether ``manager``'s sub-command (or a command nested under it) changes packages:
    the sub-command as the shell reader finds it, else the first plain word (``npm -g
    install x``, where ``-g`` takes no value)."""
    argv = seg.argv
    words = _plain_words(argv[1:])
    commands = [c for c in dict.fromkeys((seg.subcommand, *words[:1])) if c]
    if not commands:
        return manager in _BARE_INSTALLS
    for command in commands:
        if command in _VERBS.get(manager, ()):
            return True
        nested = _NESTED.get((manager, command))
        if nested:
            after = _plain_words(argv[argv.index(command) + 1:], 2)
            if nested & set(after):
                return True
    return False


def _pacman_changes(argv: tuple[str, ...]) -> bool:
    for word in argv[1:]:
        if word in ("--sync", "--remove", "--upgrade"):
            return True
        if word.startswith("-") and not word.startswith("--") and len(word) > 1:
            letters = word[1:]
            if letters[0] in "RU":
                return True
            if letters[0] == "S":
                return not (_PACMAN_QUERIES & set(letters[1:]))
    return False


def changes_packages(seg: Segment) -> bool:
    """Whether ``seg`` installs, upgrades or removes packages (the ``package`` act)."""
    head, argv = seg.head, seg.argv
    manager = "pip" if _PIP.match(head) else head
    if names_option(argv[1:], _NO_CHANGE) or any(
            a in _PREVIEW_SHORT.get(manager, ()) for a in argv[1:]):
        return False
    if manager in _R_OR_JULIA:
        return any(_EXPRESSION_CHANGES.search(v) for v in option_values(
            argv, ("-e", "--eval"), clusters=False)) or (
            manager == "R" and _command_changes(seg, manager))
    if manager in _PACMAN:
        return _pacman_changes(argv) or (manager != "pacman" and len(argv) == 1)
    if manager in _OPTIONS:  # a short option may lead a cluster (nix-env -iA)
        return any((a.partition("=")[0] if a.startswith("--") else a[:2]) in _OPTIONS[manager]
                   for a in argv[1:])
    if manager in _ALWAYS:
        return len(argv) > 1
    if manager in _MANAGERS:
        return _command_changes(seg, manager)
    return False
