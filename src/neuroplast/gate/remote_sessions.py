"""Sessions on another machine through clients other than OpenSSH's: a shell, a command, a
desktop or a file share there.

``gate.acts`` reads ``remote`` (acting on another machine) from ssh(1) and its kin. The
same act has other clients, and a user who stops letting the agent log in to a server
with ``ssh`` stops it doing so with PuTTY, a remote desktop or an SMB share alike (ATT&CK
T1021 'Remote Services', whose sub-techniques are these very protocols: RDP, SMB, VNC,
SSH, WinRM). Each client's manual names the machine it reaches:

- PuTTY (the PuTTY User Manual, ch. 3.8 and 7): ``putty`` with a host, ``-load`` of a
  saved session or a protocol option (``-ssh``, ``-telnet``, ``-rlogin``, ``-raw``; not
  ``-serial``, a local line), ``plink [options] host [command]`` and ``psftp host`` (its
  ``pscp`` shares its name with pssh's, which ``gate.acts`` reads as remote already); not
  their ``-V`` / ``--version`` / ``-pgpfp``;
- other terminal clients: kitty's ssh kitten (``kitty +kitten ssh``, ``kitten ssh``),
  Eternal Terminal's ``et host``, ``xxh host`` (its README: a shell carried 'wherever you
  go through the ssh'), Teleport's ``tsh ssh|scp``, HashiCorp Boundary's ``boundary
  connect ssh|rdp``, EC2 Instance Connect's ``mssh``;
- Windows remoting: ``evil-winrm -i host`` (WinRM), ``winrs -r:host``, Impacket's remote
  execution and client examples (``psexec.py``, ``smbexec.py``, ``wmiexec.py``,
  ``atexec.py``, ``dcomexec.py``, ``smbclient.py``, ``mssqlclient.py``, also as
  ``impacket-NAME``) with a ``[domain/]user[:password]@target``;
- remote desktops: FreeRDP's ``xfreerdp /v:host`` (and ``wlfreerdp``, ``sdl-freerdp``),
  ``rdesktop host``, VNC viewers (``vncviewer``, ``xtightvncviewer``, ``xvnc4viewer``)
  with a host, ``remmina -c`` and ``krdc`` with a URL;
- Samba's clients (smbclient(1), rpcclient(1)): ``smbclient //server/share`` (not ``-L``,
  which lists a server's shares) and ``rpcclient server``;
- a container engine on another machine: ``docker`` or ``podman`` with ``-H`` /
  ``--host`` / ``--url`` naming a host that is not this one (the engine's reference:
  'Daemon socket to connect to'), Fabric's ``fab -H host``.

Not a session on another machine: a virtual machine of this one (``vagrant ssh``,
``multipass shell``, ``gate.virtual_machines``), help and versions.

>>> from neuroplast.gate.shell import split_command
>>> [opens_remote_session(s) for s in split_command(
...     "plink -ssh admin@db1 uptime; putty; xfreerdp /v:10.0.0.5 /u:bob; "
...     "smbclient //fs1/share; smbclient -L fs1; docker -H ssh://bob@build1 ps; docker ps; "
...     "psexec.py corp/bob@10.0.0.9; vagrant ssh")]
[True, False, True, True, False, True, False, True, False]
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlparse

from neuroplast.gate.outputs import operands, option_values
from neuroplast.gate.paths import is_local_host
from neuroplast.gate.shell import Segment

__all__ = ["opens_remote_session"]

_PRINT_ONLY = frozenset({"-V", "--version", "-pgpfp", "--help", "-h", "-help", "/help",
                         "/version", "-shareexists"})
# PuTTY's and plink's options that take a value (PuTTY User Manual 3.11)
_PUTTY_VALUES = frozenset({"-load", "-P", "-l", "-pw", "-pwfile", "-i", "-L", "-R", "-D",
                           "-m", "-sercfg", "-hostkey", "-proxycmd", "-loghost", "-sessionlog",
                           "-sshlog", "-sshrawlog", "-jumphost", "-cert"})
_PUTTY_PROTOCOLS = ("-ssh", "-telnet", "-rlogin", "-raw", "-ssh-connection")
_IMPACKET = frozenset({"psexec", "smbexec", "wmiexec", "atexec", "dcomexec", "smbclient",
                       "mssqlclient"})
_VNC_VIEWERS = frozenset({"vncviewer", "xtightvncviewer", "xvnc4viewer", "tigervnc"})
_FREERDP = frozenset({"xfreerdp", "wlfreerdp", "sdl-freerdp", "xfreerdp3", "sdl-freerdp3"})


def _remote_hosts(words: list[str]) -> bool:
    return any(w and not is_local_host(w) for w in words)


def _putty(seg: Segment) -> bool:
    # a host operand, a saved session or a network protocol chosen; alone it only opens the
    # configuration dialog, and -serial reaches a local line
    if "-serial" in seg.argv:
        return False
    hosts = operands(seg.argv, _PUTTY_VALUES)
    return (_remote_hosts(hosts[:1]) or "-load" in seg.argv
            or any(a in _PUTTY_PROTOCOLS for a in seg.argv))


def _plink(seg: Segment) -> bool:
    return _remote_hosts(operands(seg.argv, _PUTTY_VALUES)[:1]) or "-load" in seg.argv


def _host_operand(seg: Segment) -> bool:
    return _remote_hosts(operands(seg.argv, frozenset({"-p", "--port", "-l"}))[:1])


def _kitty(seg: Segment) -> bool:
    words = [a for a in seg.argv[1:] if not a.startswith("-")]
    if seg.head == "kitty":  # kitty +kitten ssh HOST; the kitten binary: kitten ssh HOST
        if words[:1] != ["+kitten"]:
            return False
        words = words[1:]
    return words[:1] == ["ssh"] and _remote_hosts(words[1:2])


def _verbs(*verbs: str) -> Callable[[Segment], bool]:
    def reads(seg: Segment) -> bool:
        return operands(seg.argv, frozenset())[:1] in [[v] for v in verbs]
    return reads


def _boundary(seg: Segment) -> bool:
    return operands(seg.argv, frozenset())[:2] in (["connect", "ssh"], ["connect", "rdp"])


def _evil_winrm(seg: Segment) -> bool:
    return _remote_hosts(option_values(seg.argv, ("-i", "--ip")))


def _winrs(seg: Segment) -> bool:
    return any(a.lower().startswith(("-r:", "/r:", "-remote:", "/remote:"))
               and not is_local_host(a.partition(":")[2]) for a in seg.argv[1:])


def _impacket_target(seg: Segment) -> bool:
    # the target is the positional [[domain/]username[:password]@]<targetName or address>
    return any("@" in w and not is_local_host(w.rpartition("@")[2])
               for w in operands(seg.argv, frozenset({"-hashes", "-dc-ip", "-target-ip",
                                                      "-port", "-aesKey", "-codec",
                                                      "-file", "-service-name"})))


def _freerdp(seg: Segment) -> bool:
    return any(a.lower().startswith(("/v:", "-v:")) and not is_local_host(a[3:])
               for a in seg.argv[1:])


def _smbclient(seg: Segment) -> bool:
    if any(a in ("-L", "--list") or a.startswith("--list=") for a in seg.argv[1:]):
        return False
    return any(w.startswith(("//", "\\\\")) and not is_local_host(w[2:].split("/")[0])
               for w in seg.argv[1:])


def _url(seg: Segment) -> bool:
    return any(not is_local_host(urlparse(w).hostname or "localhost")
               for w in seg.argv[1:] if "://" in w)


def _engine_host(seg: Segment) -> bool:
    hosts = [urlparse(v).hostname or "" if "://" in v else v
             for v in option_values(seg.argv, ("-H", "--host", "--url"))]
    return any(h and not h.startswith("/") and not is_local_host(h) for h in hosts)


def _fabric(seg: Segment) -> bool:
    return any(_remote_hosts(v.split(",")) for v in option_values(seg.argv, ("-H", "--hosts")))


_CLIENTS: dict[str, Callable[[Segment], bool]] = {
    "putty": _putty, "plink": _plink, "psftp": _plink,
    "kitty": _kitty, "kitten": _kitty, "et": _host_operand, "xxh": _host_operand,
    "mssh": _host_operand, "tsh": _verbs("ssh", "scp"), "boundary": _boundary,
    "evil-winrm": _evil_winrm, "winrs": _winrs,
    **{f"{name}.py": _impacket_target for name in _IMPACKET},
    **{f"impacket-{name}": _impacket_target for name in _IMPACKET},
    **dict.fromkeys(_FREERDP, _freerdp), "rdesktop": _host_operand,
    **dict.fromkeys(_VNC_VIEWERS, _host_operand), "remmina": _url, "krdc": _url,
    "smbclient": _smbclient, "rpcclient": _host_operand,
    "docker": _engine_host, "podman": _engine_host, "fab": _fabric,
}


def opens_remote_session(seg: Segment) -> bool:
    """Whether ``seg`` opens a shell, runs a command, shows a desktop or reaches a share on
    another machine through one of the clients read above."""
    reads = _CLIENTS.get(seg.head)
    if reads is None or any(a in _PRINT_ONLY for a in seg.argv[1:]):
        return False
    return reads(seg)
