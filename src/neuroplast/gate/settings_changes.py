"""Calls that change a setting of the system, the desktop or a tool's user-wide
configuration.

A setting outlives the call and shapes everything after it: a managed Mac's security
settings are what its compliance profile checks, a kernel parameter changes every process,
a default registry or cluster context sends every later command elsewhere. A user's view of
this is one view whatever tool writes the setting: someone who stops letting the agent run
``defaults write`` after a changed setting broke a managed fleet stops it for
``gsettings``, ``sysctl -w``, ``timedatectl`` and ``npm config set`` alike. So it is an act
across programs (``gate.acts``: ``* setting``). Each tool is read from its own manual;
reading a setting, listing and help change nothing:

- macOS: defaults(1) ``write|delete|import|rename`` (not ``read``, ``domains``, ``find``,
  ``export``); systemsetup(8) ``-set*``; ``scutil --set``; pmset(1) (not ``-g``); nvram(8)
  ``NAME=VALUE``, ``-d``, ``-c``, ``-f`` (not ``-p``, ``-x``, a name alone); csrutil(8)
  ``enable|disable|clear``, ``authenticated-root enable|disable``, ``netboot add|remove``
  (not ``status``); spctl(8) ``--master-enable|disable``, ``--global-enable|disable``,
  ``--add``, ``--remove``, ``--enable``, ``--disable``, ``--reset-default`` (not
  ``--assess``, ``--status``); bless(8) (not ``--info``, ``--getBoot``); ``xcode-select
  -s|--switch|-r|--reset``; ``fdesetup enable|disable|changerecovery|removerecovery``;
  ``mdutil -i|-E|-d``; dark-mode (not ``status``); ``launchctl config``; ``tccutil reset``
  (privacy decisions); tmutil(8) destinations, exclusions and switches; dockutil
  ``--add|--remove|--move``; ``duti -s``; ``bclm write|persist``; ``xcodes select``;
- Linux and the desktops: sysctl(8) ``-w``, ``NAME=VALUE``, ``-p``/``--load``/``--system``;
  ``timedatectl set-*``; ``hostnamectl set-*`` or ``hostname|icon-name|chassis|deployment|
  location`` with a value; ``hostname NAME``; ``localectl set-*``; gsettings(1)
  ``set|reset|reset-recursively``; dconf(1) ``write|reset|load|update|compile``;
  xfconf-query ``-s|-r|-n``; kwriteconfig5/6; gconftool-2 ``--set|--unset|--load``;
  ``update-alternatives --set|--install|--remove|--remove-all|--config|--auto``;
  ``xdg-settings set``, ``xdg-mime default``; setenforce(8); ``tuned-adm profile|off``; the
  processors' frequency and power policy (``cpupower frequency-set|set|idle-set``,
  ``cpufreq-set``); ``powerprofilesctl set``; the clock set or stepped: ``date -s`` or
  ``date MMDDhhmm...``, ``sntp -S|-s``, ``ntpdig -S|-s``, ``hwclock
  -w|-s|--set|--adjust|--systz``, ``rdate -s``, ntpdate(8) (not ``-q``, ``-d``), ``chronyc
  makestep|settime``, ``htpdate -s|-a|-x``, ``w32tm /resync|/config``; the clock daemons
  that set and keep it (ntpd, chronyd, sntpd, linuxptp's phc2sys and ptp4l; not their checks
  and prints), ``phc_ctl ... set|adj|freq`` (a PTP hardware clock), ``idevicedate
  --set|--sync`` (a phone's clock);
- the network's configuration, read by ``gate.network_changes`` (interfaces, addresses,
  routes, links, traffic shaping, wireless settings, resolvers, the network managers'
  profiles: ip, tc, nmcli, netplan, networksetup...), and ``nmcli general hostname|logging``
  with a value;
- Windows: ``reg add|delete|import|copy|load|unload|restore`` (not ``query``,
  ``export``, ``compare``);
- tools' user-wide configuration: ``git config`` with ``--global`` or ``--system`` that
  sets, unsets or edits (not ``--get*``, ``--list``); ``npm|pnpm|yarn config
  set|delete``; ``pip config set|unset``; ``conda config`` with ``--set``, ``--add``,
  ``--append``, ``--prepend``, ``--remove``; ``gcloud config set|unset``; ``az config
  set``; ``aws configure set``; ``gh config set``; ``kubectl config use-context|set*|
  unset|delete-*|rename-context``;
- a toolchain's or runtime's default version for the user or the machine (every shell and
  project without its own pin then runs it): ``rustup default VERSION``, ``nvm alias
  default VERSION``, ``pyenv|rbenv|jenv|goenv|nodenv|plenv|phpenv global VERSION``, ``asdf
  global`` and ``asdf set -u|--home``, ``sdk default``, ``fnm default``, ``volta install``
  (it makes the tool the default), ``mise use -g|--global``, ``gvm use --default``,
  ``juliaup default``, ``elan default``, ``ghcup set``, ``rig default``, ``uv python install
  --default``; a project's own pin (``pyenv local``, ``rustup override set``) and a switch
  for one shell (``nvm use``) are not the user's.

>>> from neuroplast.gate.shell import split_command
>>> [changes_settings(s) for s in split_command(
...     "defaults write com.apple.dock autohide -bool true; defaults read com.apple.dock; "
...     "sysctl -w vm.swappiness=10; sysctl -a; gsettings set org.x.y k 1; csrutil status; "
...     "git config --global user.name Bob; git config --global --get user.name; "
...     "npm config set registry https://r.example.com")]
[True, False, True, False, True, False, True, False, True]
"""

from __future__ import annotations

import re

from neuroplast.gate.network_changes import configures_network, nmcli_command
from neuroplast.gate.outputs import has_short_option, names_option, operands
from neuroplast.gate.shell import Segment

__all__ = ["changes_settings"]

_NO_CHANGE = frozenset({"--help", "--version"})
# program -> its commands, among the first plain words, that write a setting
_VERBS: dict[str, frozenset[str]] = {
    "defaults": frozenset({"write", "delete", "import", "rename"}),
    "gsettings": frozenset({"set", "reset", "reset-recursively"}),
    "dconf": frozenset({"write", "reset", "load", "update", "compile"}),
    "chronyc": frozenset({"makestep", "settime"}),  # chronyc(1): step the clock, set it
    "timedatectl": frozenset({"set-time", "set-timezone", "set-local-rtc", "set-ntp",
                              "ntp-servers", "revert"}),
    "localectl": frozenset({"set-locale", "set-keymap", "set-x11-keymap"}),
    # csrutil(8): also ``authenticated-root enable|disable``, ``netboot add|remove``
    "csrutil": frozenset({"enable", "disable", "clear", "add", "remove"}),
    "fdesetup": frozenset({"enable", "disable", "changerecovery", "removerecovery"}),
    "tuned-adm": frozenset({"profile", "off", "auto_profile"}),
    "powerprofilesctl": frozenset({"set"}),
    "xdg-settings": frozenset({"set"}),
    "xdg-mime": frozenset({"default"}),
    # tccutil(1): 'reset: Reset decisions for the specified service' (privacy settings)
    "tccutil": frozenset({"reset"}),
    # tmutil(8): Time Machine's destinations, exclusions and switches
    "tmutil": frozenset({"setdestination", "removedestination", "enable", "disable",
                         "addexclusion", "removeexclusion", "setquota", "enablelocal",
                         "disablelocal"}),
    "bclm": frozenset({"write", "persist", "unpersist"}),  # the battery charge limit
    "xcodes": frozenset({"select"}),  # the active Xcode, as xcode-select --switch
    "reg": frozenset({"add", "delete", "import", "copy", "load", "unload", "restore"}),
    "reg.exe": frozenset({"add", "delete", "import", "copy", "load", "unload", "restore"}),
}
# programs whose options that write a setting, by exact name or by prefix
_OPTIONS: dict[str, frozenset[str]] = {
    "spctl": frozenset({"--master-enable", "--master-disable", "--global-enable",
                        "--global-disable", "--add", "--remove", "--enable", "--disable",
                        "--reset-default"}),
    "xcode-select": frozenset({"-s", "--switch", "-r", "--reset"}),
    "mdutil": frozenset({"-i", "-E", "-d"}),
    "scutil": frozenset({"--set"}),
    "dockutil": frozenset({"--add", "--remove", "--move"}),  # the Dock's items
    "duti": frozenset({"-s"}),  # duti(1): sets an app as a type's or scheme's handler
    "sntp": frozenset({"-S", "-s"}),  # sntp(1): slew or step this machine's clock
    "date": frozenset({"-s", "--set"}),  # date(1): 'set time described by STRING'
    # hwclock(8): set the hardware clock, or the system clock from it; rdate(8) -s: set the
    # system clock from another host's
    "hwclock": frozenset({"-w", "--systohc", "-s", "--hctosys", "--set", "-a", "--adjust",
                          "--systz"}),
    "rdate": frozenset({"-s"}),
    "ntpdig": frozenset({"-S", "-s", "--step", "--slew"}),
    # ntpd(8) -q: set the clock once and exit; htpdate(8): step, slew or adjust the kernel's
    # clock (both read in changes_settings)
    "w32tm": frozenset({"/resync", "/config"}),
    "nvram": frozenset(),  # read in changes_settings
    "update-alternatives": frozenset({"--set", "--install", "--remove", "--remove-all",
                                      "--config", "--auto", "--all"}),
    "xfconf-query": frozenset({"-s", "--set", "-r", "--reset", "-n", "--create"}),
    "gconftool-2": frozenset({"-s", "--set", "-u", "--unset", "--recursive-unset", "--load"}),
    "gconftool": frozenset({"-s", "--set", "-u", "--unset", "--recursive-unset", "--load"}),
    "sysctl": frozenset({"-w", "--write", "-p", "--load", "--system"}),
}
_OPTION_PREFIXES: dict[str, tuple[str, ...]] = {
    "systemsetup": ("-set",),
}
_HOSTNAMECTL_VALUES = frozenset({"hostname", "icon-name", "chassis", "deployment", "location"})
# date(1)'s options that take a value (GNU's and BSD's), which is not the date to set
_DATE_VALUES = frozenset({"-d", "--date", "-r", "--reference", "-f", "--file", "-s", "--set",
                          "-v", "-z"})
# clock daemons and one-shot clients, which set and keep a clock (ntpd(8): 'sets and
# maintains the system time of day'; chronyd(8); sntpd; linuxptp's phc2sys(8) and ptp4l(8)
# adjust a PTP hardware clock or the system clock) -> their options that only print, test a
# configuration or take the local clock as the source (OpenNTPD's bare ``ntpd -n`` checks
# its configuration)
_CLOCK_DAEMONS: dict[str, frozenset[str]] = {
    "ntpd": frozenset({"--help", "--version", "-V"}),
    "chronyd": frozenset({"-Q", "-p", "--help", "--version", "-v"}),
    "sntpd": frozenset({"-L", "--help", "-h", "--version"}),
    "phc2sys": frozenset({"-h", "-v"}), "ptp4l": frozenset({"-h", "-v"}),
}
_DATE_SET = re.compile(r"\d{8}(?:\d{2}|\d{4})?(?:\.\d{2})?")
_ALWAYS = frozenset({"setenforce", "kwriteconfig5", "kwriteconfig6", "kwriteconfig",
                     "cpufreq-set"})
# (tool, its configuration command) -> the verbs that write the user-wide configuration
_TOOL_CONFIG: dict[tuple[str, str], frozenset[str]] = {
    ("npm", "config"): frozenset({"set", "delete", "edit", "fix"}),
    ("pnpm", "config"): frozenset({"set", "delete"}),
    ("yarn", "config"): frozenset({"set", "delete", "unset"}),
    ("pip", "config"): frozenset({"set", "unset", "edit"}),
    ("pip3", "config"): frozenset({"set", "unset", "edit"}),
    ("gcloud", "config"): frozenset({"set", "unset"}),
    ("az", "config"): frozenset({"set", "unset"}),
    ("aws", "configure"): frozenset({"set"}),
    ("gh", "config"): frozenset({"set"}),
    ("kubectl", "config"): frozenset({"use-context", "use", "set", "set-context",
                                      "set-cluster", "set-credentials", "unset",
                                      "delete-context", "delete-cluster", "delete-user",
                                      "rename-context"}),
}
# (tool, its command, as the first plain words) -> the default version set for the user or
# the machine, given one more operand (each version manager's manual)
_TOOLCHAIN_DEFAULTS: dict[str, tuple[str, ...]] = {
    "rustup": ("default",), "nvm": ("alias", "default"), "sdk": ("default",),
    "fnm": ("default",), "volta": ("install",), "juliaup": ("default",),
    "elan": ("default",), "ghcup": ("set",), "rig": ("default",), "asdf": ("global",),
    **{manager: ("global",) for manager in ("pyenv", "rbenv", "jenv", "goenv", "nodenv",
                                            "plenv", "phpenv")},
}
_CONDA_WRITES = frozenset({"--set", "--add", "--append", "--prepend", "--remove",
                           "--remove-key"})
_GIT_SCOPES = frozenset({"--global", "--system"})
_GIT_READS = frozenset({"--get", "--get-all", "--get-regexp", "--get-urlmatch", "--list",
                        "-l", "--show-origin", "--show-scope", "get", "list"})
_GIT_WRITE_OPTIONS = frozenset({"--unset", "--unset-all", "--add", "--replace-all", "--edit",
                                "-e", "--rename-section", "--remove-section"})


def _git_config_writes(argv: tuple[str, ...]) -> bool:
    """``git config --global|--system`` that sets, unsets or edits (git-config(1): a name
    and a value, the writing options, or the ``set|unset|edit|rename-section|
    remove-section`` commands of git 2.46)."""
    rest = argv[argv.index("config") + 1:]
    if not _GIT_SCOPES.intersection(rest) or _GIT_READS.intersection(rest):
        return False
    plain = [a for a in rest if not a.startswith("-")]
    return bool(_GIT_WRITE_OPTIONS.intersection(rest)) or len(plain) >= 2 or plain[:1] in (
        ["edit"],)


def changes_settings(seg: Segment) -> bool:
    """Whether ``seg`` writes a setting of the system, the desktop or a tool's user-wide
    configuration (the ``setting`` act)."""
    head, argv = seg.head, seg.argv
    words = argv[1:]
    if any(a in _NO_CHANGE for a in words):
        return False
    if configures_network(seg):
        return True
    plain = [a for a in words if not a.startswith("-")]
    if head in _ALWAYS:
        return bool(words)
    if head in _VERBS:  # csrutil's verb may follow its object (authenticated-root, netboot)
        return bool(_VERBS[head].intersection(plain[:2 if head == "csrutil" else 1]))
    if head == "cpupower":  # cpupower(1): the processors' frequency, bias and idle policy
        return bool({"frequency-set", "set", "idle-set"}.intersection(
            operands(argv, frozenset({"-c", "--cpu"}))[:1]))
    if head == "launchctl":  # launchctl(1) config: 'persistent configuration' of launchd
        return plain[:1] == ["config"]
    if head == "date" and "-j" not in words:  # BSD date -j: never set the clock
        given = operands(argv, _DATE_VALUES)
        if given[:1] and _DATE_SET.fullmatch(given[0]):
            return True  # date(1): ``date [MMDDhhmm[[CC]YY][.ss]]`` sets the system's clock
    if head == "htpdate":  # htpdate(8): -s steps, -a slews, -x adjusts the kernel's clock
        return has_short_option(words, "sax")
    if head in _CLOCK_DAEMONS:  # they set and keep the clock; see _CLOCK_DAEMONS
        return not (names_option(words, _CLOCK_DAEMONS[head]) or words == ("-n",))
    if head in _OPTIONS:
        if head == "sysctl" and any("=" in a and not a.startswith("-") for a in words):
            return True
        if head == "nvram":  # nvram(8): NAME=VALUE, or -d, -c, -f in any cluster (-xf)
            return any("=" in a for a in words) or has_short_option(words, "dcf")
        return names_option(words, _OPTIONS[head])
    if head in _OPTION_PREFIXES:
        return any(a.lower().startswith(_OPTION_PREFIXES[head]) for a in words)
    if head == "hostnamectl":
        return any(p.startswith("set-") for p in plain[:1]) or (
            plain[:1] != [] and plain[0] in _HOSTNAMECTL_VALUES and len(plain) > 1)
    if head == "ntpdate":  # ntpdate(8) sets the clock unless it only queries or debugs
        return bool(plain) and not has_short_option(words, "qd")
    if head == "phc_ctl":  # phc_ctl(8) DEVICE set|adj|freq ...: a PTP hardware clock
        return bool({"set", "adj", "freq"}.intersection(plain[1:]))
    if head == "idevicedate":  # idevicedate(1): -s/--set, -c/--sync set the device's clock
        return has_short_option(words, "sc") or names_option(words, ("--set", "--sync"))
    if head == "hostname":  # hostname(1): a name sets it; its options only print
        return bool(plain) and not words[0].startswith("-")
    if head == "pmset":
        return bool(words) and "-g" not in words
    if head == "bless":
        return bool(words) and not any(a in ("--info", "--getBoot") for a in words)
    if head == "dark-mode":
        return plain[:1] != ["status"]
    if head == "nmcli" and len(plain) > 2:  # nmcli general hostname|logging with a value
        return nmcli_command(plain) in (("general", "hostname"), ("general", "logging"))
    if head == "git" and "config" in words:
        return _git_config_writes(argv)
    if head == "conda" and plain[:1] == ["config"]:
        return bool(_CONDA_WRITES.intersection(a.partition("=")[0] for a in words))
    if head in _TOOLCHAIN_DEFAULTS or head in ("mise", "rtx", "gvm", "uv"):
        return _sets_toolchain_default(head, plain, words)
    verbs = _TOOL_CONFIG.get((head, plain[0] if plain else ""))
    return bool(verbs) and bool(verbs.intersection(plain[1:2]))


def _sets_toolchain_default(head: str, plain: list[str], words: tuple[str, ...]) -> bool:
    """Whether a version manager sets its default version for the user or the machine."""
    if head in ("mise", "rtx"):  # mise use -g|--global TOOL@VERSION
        return plain[:1] == ["use"] and len(plain) > 1 and (
            "--global" in words or has_short_option(words, "g"))
    if head == "gvm":  # gvm use VERSION --default
        return plain[:1] == ["use"] and "--default" in words
    if head == "uv":  # uv python install --default: python and python3 on the PATH
        return plain[:2] == ["python", "install"] and "--default" in words
    if head == "asdf" and plain[:1] == ["set"]:  # asdf set -u|--home TOOL VERSION
        return ("--home" in words or has_short_option(words, "u")) and len(plain) > 2
    lead = _TOOLCHAIN_DEFAULTS[head]
    return tuple(plain[:len(lead)]) == lead and len(plain) > len(lead)

