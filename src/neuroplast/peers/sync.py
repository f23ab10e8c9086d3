"""Push to and pull from every trusted peer over HTTP, in a background thread.

Each round, for each peer whose backoff has passed: push the user's answers it has not
acknowledged (``POST <url>/v1/peers/inbox``), then pull what it has for this install
(``GET <url>/v1/peers/outbox?after=<last applied>``, a signed request), until a bundle
comes back short; from a peer trusted with weights, also its adapter of each
``PeersConfig.adapter_kinds`` newer than the last taken (SONA's only while an engine runs
here) (``GET <url>/v1/peers/adapter``,
signed; read no further than ``max_adapter_mb``). A failure (the peer down, slow, or refusing) waits
``min(backoff_max_s, sync_interval_s * 2**failures)`` before that peer is tried again;
the others go on. Decisions never wait for any of it: the thread only reads and writes
the logs, which commit in their own transactions.

An ``https://`` peer's certificate is always verified (chain and host name), against the
system's CAs or the one file ``PeersConfig.ca_file`` names (a team's own CA); there is
no switch to skip it. The bundles are signed either way: TLS adds privacy (the answers,
and with them the commands, travel encrypted) and keeps a network eavesdropper from
learning what the team refuses.
"""

from __future__ import annotations

import json
import logging
import os
import ssl
import threading
import time
from urllib.parse import urlencode

import httpx

from neuroplast.errors import (
    ConfigError,
    InvalidInputError,
    NeuroplastError,
    PayloadTooLarge,
)
from neuroplast.peers.exchange import PEER_HEADERS, Exchange, request_text
from neuroplast.peers.trust import Peer

__all__ = ["PeerSync", "tls_context"]

log = logging.getLogger(__name__)

INBOX = "/v1/peers/inbox"
OUTBOX = "/v1/peers/outbox"
ADAPTER = "/v1/peers/adapter"
_ROUNDS = 8  # bundles per peer per direction in one round, at most


def tls_context(ca_file: str = "") -> ssl.SSLContext:
    """How https:// peers are checked: their certificate chain and host name, against
    ``ca_file`` only (a pinned CA) or, without one, the system's store (certifi's).

    >>> tls_context().verify_mode == ssl.CERT_REQUIRED, tls_context().check_hostname
    (True, True)
    >>> tls_context("/nonexistent/ca.pem")
    Traceback (most recent call last):
    ...
    neuroplast.errors.ConfigError: [peers] ca_file = '/nonexistent/ca.pem' cannot be read \
as PEM certificates (No such file or directory); point it at the CA file the peers' \
certificates were issued by
    """
    if not ca_file:
        import certifi

        return ssl.create_default_context(cafile=certifi.where())
    path = os.path.expanduser(ca_file)
    try:
        return ssl.create_default_context(cafile=path)
    except (OSError, ssl.SSLError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ConfigError(f"[peers] ca_file = {ca_file!r} cannot be read as PEM "
                          f"certificates ({reason}); point it at the CA file the peers' "
                          "certificates were issued by") from None


class PeerSync:
    """The background exchange of ``exchange`` with its peers; ``sync_once`` runs a round.

    >>> PeerSync.backoff(interval=2.0, failures=3, cap=60.0)
    16.0
    """

    def __init__(self, exchange: Exchange, start: bool = True) -> None:
        self.exchange = exchange
        self.config = exchange.config
        self._next: dict[str, float] = {}
        self._refused: dict[tuple[str, str], int] = {}  # (peer, kind) -> version refused
        self._stop = threading.Event()
        self._client = httpx.Client(timeout=self.config.timeout_s, follow_redirects=False,
                                    verify=tls_context(self.config.ca_file))
        self._thread: threading.Thread | None = None
        if start:
            self._thread = threading.Thread(target=self._run, name="neuroplast-peers",
                                            daemon=True)
            self._thread.start()

    @staticmethod
    def backoff(interval: float, failures: int, cap: float) -> float:
        return float(min(cap, interval * 2 ** max(0, failures)))

    def _run(self) -> None:
        while not self._stop.wait(self.config.sync_interval_s):
            try:
                self.sync_once()
            except Exception:  # never let one bad round end the exchange
                log.exception("peer sync round failed")

    def sync_once(self) -> dict[str, str]:
        """One round with every peer due; what happened with each (``ok`` or the error)."""
        results: dict[str, str] = {}
        try:  # a peer removed or trusted with signals only since: its adapters stop counting
            self.exchange.apply_adapters()
        except (NeuroplastError, OSError) as exc:
            log.warning("applying peers' adapters failed: %s", exc)
        now = time.monotonic()
        for peer in self.exchange.peers.all():
            if self._next.get(peer.name, 0.0) > now:
                continue
            try:
                if self.config.push:
                    self._push(peer)
                if self.config.pull:
                    self._pull(peer)
                    if peer.trust == "weights":
                        for kind in self.config.adapter_kinds:
                            if kind != "sona" or self.exchange.sona_engine() is not None:
                                self._pull_adapter(peer, kind)
            except _Refused as exc:  # its answers travelled; only its adapter did not fit
                self._next.pop(peer.name, None)
                results[peer.name] = f"ok, adapter refused: {exc}"
                continue
            except (httpx.HTTPError, NeuroplastError, ValueError) as exc:
                failures = self.exchange.peers.failed(peer.name, str(exc))
                wait = self.backoff(self.config.sync_interval_s, failures,
                                    self.config.backoff_max_s)
                self._next[peer.name] = time.monotonic() + wait
                results[peer.name] = f"{type(exc).__name__}: {exc}"
                log.info("peer %s: %s; next try in %.1f s", peer.name, exc, wait)
                continue
            self._next.pop(peer.name, None)
            results[peer.name] = "ok"
        return results

    def _push(self, peer: Peer) -> None:
        for _ in range(_ROUNDS):
            after = self.exchange.peers.acked(peer.name)
            wire = self.exchange.outbox(peer, after)
            signals = _count(wire)
            if not signals:
                return
            answer = self._client.post(f"{peer.url}{INBOX}", json=wire)
            if answer.status_code != 200:
                raise NeuroplastError(f"{peer.name} refused our bundle: HTTP "
                                      f"{answer.status_code} {answer.text[:300]}")
            self.exchange.peers.sent(peer.name, _last_seq(wire))
            if signals < self.config.max_signals:
                return

    def _pull(self, peer: Peer) -> None:
        for _ in range(_ROUNDS):
            after = self.exchange.gate.peer_log.last_seq(peer.origin)
            target = f"{OUTBOX}?{urlencode({'after': after})}"
            answer = self._client.get(f"{peer.url}{target}",
                                      headers=self._signed_get(peer, target))
            if answer.status_code != 200:
                raise NeuroplastError(f"{peer.name} refused our pull: HTTP "
                                      f"{answer.status_code} {answer.text[:300]}")
            wire = answer.json()
            result = self.exchange.receive(wire)
            if result["from"] != peer.name:
                raise NeuroplastError(f"the bundle pulled from {peer.name} is {result['from']}'s")
            if _count(wire) < self.config.max_signals:
                return

    def _signed_get(self, peer: Peer, target: str) -> dict[str, str]:
        """The headers of a pull request for ``target`` signed for ``peer``."""
        sent = repr(time.time())
        signature = self.exchange.identity.sign(request_text("GET", target, sent, peer.key))
        return dict(zip(PEER_HEADERS, (self.exchange.identity.public_key, sent, signature),
                        strict=True))

    def _pull_adapter(self, peer: Peer, kind: str) -> None:
        """Take ``peer``'s adapter of ``kind`` if it has one newer than the last taken or
        refused. A refusal of what it sent (another base model, a router of another
        projection, bad values) raises :class:`_Refused`: the round with that peer still
        counts (its answers travelled), and that version is not fetched again."""
        after = max(self.exchange.peers.last_adapter(peer.name, kind),
                    self._refused.get((peer.name, kind), 0))
        target = f"{ADAPTER}?{urlencode({'kind': kind, 'after': after})}"
        # a base64 bundle: 4/3 of the weights, and the payload (the config, the tensors)
        limit = int(self.config.max_adapter_mb * 1024 * 1024 * 4 / 3) + 1024 * 1024
        with self._client.stream("GET", f"{peer.url}{target}",
                                 headers=self._signed_get(peer, target)) as answer:
            if answer.status_code == 204:
                return
            if answer.status_code != 200:
                answer.read()
                raise NeuroplastError(f"{peer.name} refused our adapter pull: HTTP "
                                      f"{answer.status_code} {answer.text[:300]}")
            body = bytearray()
            for chunk in answer.iter_bytes():
                body += chunk
                if len(body) > limit:  # read no further: a peer cannot fill our memory
                    self.exchange.peers.refused(peer.key, "PayloadTooLarge")
                    raise PayloadTooLarge(f"{peer.name}'s adapter is over the "
                                          f"{self.config.max_adapter_mb:g} MB limit")
        wire = json.loads(body)
        try:
            result = self.exchange.receive_adapter(wire)
        except InvalidInputError as exc:  # what it is, not how it came: no retry helps
            version = _version(wire)
            if version is None:
                raise
            self._refused[(peer.name, kind)] = version
            raise _Refused(f"{kind} v{version}: {exc}") from exc
        if result["from"] != peer.name:
            raise NeuroplastError(f"the adapter pulled from {peer.name} is {result['from']}'s")

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=self.config.timeout_s * 2 + 1)
        self._client.close()


class _Refused(Exception):
    """A peer's adapter was fetched and refused for what it is (counted by the exchange)."""


def _version(wire: object) -> int | None:
    """The version a refused adapter bundle claims, if it is a positive integer."""
    try:
        version = json.loads(wire["payload"]).get("version")  # type: ignore[index]
    except (TypeError, KeyError, AttributeError, json.JSONDecodeError):
        return None
    return version if isinstance(version, int) and not isinstance(version, bool) and (
        version > 0) else None


def _count(wire: dict[str, str]) -> int:
    return len(json.loads(wire["payload"])["signals"])


def _last_seq(wire: dict[str, str]) -> int:
    return int(json.loads(wire["payload"])["signals"][-1]["seq"])
