"""Servers told to listen on every network the machine is on.

A server bound to the loopback address (127.0.0.1, ::1: what development servers, kubectl
proxy, port-forward and Jupyter use by default) is reachable from this machine only. Bound
to the unspecified address (``0.0.0.0``, ``::``: INADDR_ANY, ip(7); RFC 1122 3.2.1.3) it
serves every network the machine is on, so anything the agent starts that way is open to
the local network or the internet. The tools' own documentation warns of it: Flask's
``--host=0.0.0.0`` "makes the server publicly available", ``kubectl proxy --address``
and ``kubectl port-forward --address`` widen an API proxy or a pod's port beyond this
machine, Jupyter's ``--ip``. An address as an option's value or operand
(``--address 0.0.0.0``, ``--bind=::``, ``0.0.0.0:8000``) counts; a URL that names it
(``http://0.0.0.0:8000``, a connection to this machine) does not.

Some servers bind every interface unless told otherwise, by their own documentation:

- Python's ``http.server``: "by default, the server binds itself to all interfaces"
  (``--bind``/``-b`` to a loopback address keeps it local); npm's ``http-server``: ``-a``
  "address to use (defaults to 0.0.0.0)";
- a container's published port: ``-p/--publish [IP:]HOST_PORT:CONTAINER_PORT`` and
  ``-P/--publish-all`` of ``docker``/``podman``/``nerdctl run``/``create`` (Docker docs,
  "Published ports": "by default, published ports bind to all interfaces on the host";
  only an IP before the ports narrows it);
- netcat's listen mode (``nc``/``ncat``/``netcat -l``: every local address unless one is
  given) and socat's ``*-LISTEN`` addresses (socat(1): listen on all interfaces unless a
  ``bind=`` option names one).

A tunnel service publishes a local port on the internet whatever address it binds here,
by its own documentation: ngrok (``ngrok http|tcp|tls|start``: 'a public URL'),
cloudflared (``cloudflared tunnel run``, a quick tunnel ``tunnel --url``, and ``tunnel
route`` of a public hostname to a tunnel; Cloudflare Tunnel docs), Tailscale Funnel
(``tailscale funnel``: 'route traffic from the broader internet to a local service'; not
``status``, ``reset`` or ``off``; ``tailscale serve`` stays within the tailnet), localtunnel
(``lt --port``), bore (``bore local``) and zrok (``zrok share public``).

>>> from neuroplast.gate.shell import split_command
>>> [binds_every_interface(s) for s in split_command(
...     "ngrok http 8080; ngrok config check; cloudflared tunnel run web; "
...     "cloudflared tunnel list; tailscale funnel 3000; tailscale funnel status")]
[True, False, True, False, True, False]
>>> [binds_every_interface(s) for s in split_command(
...     "kubectl proxy --address 0.0.0.0; flask run --host=0.0.0.0; python -m http.server "
...     "--bind :: 8000; uvicorn app:app 0.0.0.0:80; curl http://0.0.0.0:8000; flask run")]
[True, True, True, True, False, False]
>>> [binds_every_interface(s) for s in split_command(
...     "python3 -m http.server 8000; python3 -m http.server -b 127.0.0.1 8000; "
...     "docker run -p 8080:80 nginx; docker run -p 127.0.0.1:8080:80 nginx; nc -lvnp 4444; "
...     "nc example.com 80; socat TCP-LISTEN:8080,fork TCP:db:5432; "
...     "socat TCP-LISTEN:8080,bind=127.0.0.1 -")]
[True, False, True, False, True, False, True, False]
"""

from __future__ import annotations

import re

from neuroplast.gate.outputs import names_option, option_values
from neuroplast.gate.shell import Segment

__all__ = ["binds_every_interface", "opens_socket"]

_UNSPECIFIED = re.compile(r"(?:0\.0\.0\.0|::|\[::\])(?::\d{1,5})?")


_LOOPBACK = re.compile(r"^(?:127\.[\d.]+|localhost|::1|\[::1\])(?::|$)")
_DEFAULT_ALL = {"http.server": ("-b", "--bind"), "http-server": ("-a",)}
_CONTAINER_CLIS = frozenset({"docker", "podman", "nerdctl"})
_NETCATS = frozenset({"nc", "ncat", "netcat"})


def _listens_by_default(seg: Segment) -> bool:
    head, argv = seg.head, seg.argv
    if head in _DEFAULT_ALL:
        bound = option_values(argv, _DEFAULT_ALL[head])
        return not any(_LOOPBACK.match(b) for b in bound)
    if head in _CONTAINER_CLIS and {"run", "create"} & set(argv[1:4]):
        if "-P" in argv or "--publish-all" in argv:
            return True
        return any(not _LOOPBACK.match(p) for p in option_values(argv, ("-p", "--publish")))
    if head in _NETCATS:
        return opens_socket(seg) and not any(_LOOPBACK.match(a) for a in argv[1:])
    if head == "socat":
        return any("-LISTEN" in a.upper() and "bind=" not in a.lower() for a in argv[1:])
    return False


def opens_socket(seg: Segment) -> bool:
    """Whether ``seg`` is netcat in listen mode (``-l``/``--listen``, alone or in a cluster)
    or socat with a ``*-LISTEN`` address, on any address.

    >>> from neuroplast.gate.shell import split_command
    >>> [opens_socket(s) for s in split_command(
    ...     "nc -lvnp 4444; nc example.com 80; socat TCP-LISTEN:8080,fork -")]
    [True, False, True]
    """
    words = seg.argv[1:]
    if seg.head in _NETCATS:
        return any(a == "--listen" or (a.startswith("-") and not a.startswith("--")
                                       and "l" in a) for a in words)
    return seg.head == "socat" and any("-LISTEN" in a.upper() for a in words)


# tunnel service -> its commands (among the first plain words) that publish a local port
_TUNNELS: dict[str, tuple[tuple[str, ...], ...]] = {
    "ngrok": (("http",), ("tcp",), ("tls",), ("start",), ("tunnel",)),
    "cloudflared": (("tunnel", "run"), ("tunnel", "route")),
    "tailscale": (("funnel",),),
    "bore": (("local",),),
    "zrok": (("share", "public"),),
}
_TUNNEL_NO_SHARE = frozenset({"status", "reset", "off", "--help", "-h", "--version"})


def _publishes_through_tunnel(seg: Segment) -> bool:
    head, words = seg.head, seg.argv[1:]
    if _TUNNEL_NO_SHARE.intersection(words):
        return False
    if head == "lt":  # localtunnel: lt --port 8000
        return names_option(words, ("--port", "-p"))
    plain = [a for a in words if not a.startswith("-")]
    if head == "cloudflared" and plain[:1] == ["tunnel"] and "--url" in seg.flags:
        return True  # a quick tunnel: a trycloudflare.com address for a local URL
    # the command among the first plain words (a global option's value may come first)
    return any(tuple(plain[i:i + len(command)]) == command
               for command in _TUNNELS.get(head, ()) for i in range(2))


def binds_every_interface(seg: Segment) -> bool:
    """Whether ``seg`` listens on every interface: it names the unspecified address as
    where to listen, names no address to a server that binds all by default, or publishes
    a local port on the internet through a tunnel service."""
    if _listens_by_default(seg) or _publishes_through_tunnel(seg):
        return True
    for word in seg.argv[1:]:
        if "://" in word:
            continue
        value = word.partition("=")[2] if word.startswith("-") else word
        if _UNSPECIFIED.fullmatch(value):
            return True
    return False
