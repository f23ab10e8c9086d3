"""Calls that join a peer-to-peer swarm: a BitTorrent client that downloads or seeds a
torrent or a magnet link, a client daemon started, an IPFS node that fetches, serves or
pins content, whatever tool does it.

A swarm is not a download. Its client uploads pieces to whoever in the swarm asks while it
downloads, and announces this machine's address to trackers and the DHT, so what is shared
and with whom is no longer the call's to say (BEP 3, 'The BitTorrent Protocol
Specification', on peers that upload while they download; BEP 5 on the DHT; campus and
employers' acceptable-use policies that forbid peer-to-peer file sharing, and the copyright
notices that reach a network by the address a swarm saw). A user's view of this is one
view whatever client joins: someone who stops letting the agent run ``aria2c
magnet:?xt=...`` after a notice from their network stops it for ``transmission-cli``,
``qbittorrent-nox``, ``webtorrent`` and ``ipfs get`` alike. So it is an act across programs
(``gate.acts``: ``* p2p``). Making a ``.torrent`` file (mktorrent, ``transmission-create``),
showing one, listing or stopping a client's torrents, help and versions are not the act.
Each tool is read from its own manual:

- BitTorrent clients that join the swarm of whatever they are given: transmission-cli,
  transmission-daemon (not ``-d``/``--dump-settings``), transmission-gtk and -qt, deluge,
  deluged, qbittorrent and qbittorrent-nox, rtorrent, ctorrent (not ``-t``, which makes a
  torrent, nor ``-x``, which shows one), peerflix (streams one, or lists its files from
  the swarm's metadata), btfs (mounts one);
- transmission-remote with ``-a``/``--add`` or ``-s``/``--start``; deluge-console's ``add``
  and ``resume``; webtorrent's ``download`` and ``seed`` (or a torrent given alone);
- aria2c given a magnet link, a ``.torrent`` or ``-T``/``--torrent-file``;
- IPFS (kubo): ``ipfs daemon``, ``get``, ``cat``, ``add`` and ``pin add``.

>>> from neuroplast.gate.shell import split_command
>>> [joins_swarm(s) for s in split_command(
...     "aria2c 'magnet:?xt=urn:btih:abc'; aria2c https://x.org/a.iso; transmission-cli a.torrent; "
...     "transmission-cli --new src; ipfs get QmX; ipfs pin ls; mktorrent -a https://t.org src")]
[True, False, True, False, True, False, False]
"""

from __future__ import annotations

from neuroplast.gate.outputs import names_option, operands
from neuroplast.gate.shell import Segment

__all__ = ["joins_swarm"]

_NOT_RUN = frozenset({"--help", "-h", "-help", "--version", "-V"})
# clients that join the swarm of whatever they are given or watch (their manuals), and the
# options with which each only makes, shows or dumps instead
_CLIENTS: dict[str, tuple[str, ...]] = {
    "transmission-cli": ("-n", "--new", "-i", "--info"),
    "transmission-daemon": ("-d", "--dump-settings"),
    "transmission-gtk": (), "transmission-qt": (), "deluge": (), "deluged": (),
    "qbittorrent": (), "qbittorrent-nox": (), "rtorrent": (), "peerflix": (),
    "btfs": (), "ctorrent": ("-t", "-x"),
}
_REMOTE_STARTS = ("-a", "--add", "-s", "--start")
_WEBTORRENT_STILL = frozenset({"info", "create", "help", "version"})
_IPFS = frozenset({"daemon", "get", "cat", "add"})


def joins_swarm(seg: Segment) -> bool:
    """Whether ``seg`` joins a peer-to-peer swarm, downloading or seeding through it (the
    ``p2p`` act)."""
    head, words = seg.head, seg.argv[1:]
    if names_option(words, _NOT_RUN):
        return False
    if head in _CLIENTS:
        return not names_option(words, _CLIENTS[head])
    if head == "transmission-remote":
        return names_option(words, _REMOTE_STARTS)
    if head == "deluge-console":
        return any(w.split()[:1] in (["add"], ["resume"]) for w in words)
    if head == "webtorrent":
        plain = [w for w in words if not w.startswith("-")]
        return plain[:1] != [] and plain[0] not in _WEBTORRENT_STILL
    if head in ("aria2c", "aria2"):
        return names_option(words, ("-T", "--torrent-file")) or any(
            w.startswith("magnet:") or w.endswith(".torrent") for w in words)
    if head == "ipfs":
        plain = operands(seg.argv, frozenset({"--api", "-c", "--config", "--repo-dir"}))
        return plain[:1] != [] and (plain[0] in _IPFS or plain[:2] == ["pin", "add"])
    return False
