"""BrainSync: installs that share the gate's training signals with peers they trust.

Each install has an Ed25519 identity (``identity.py``, created on first start); it trusts
the peers on its list (``trust.py``: name, public key, URL, trust level), and nothing else
(default deny). What travels is a signed bundle (``bundle.py``) of the user's answers,
each with a sequence number and a time; ``exchange.py`` applies a bundle (refusing
unknown keys, bad signatures, bundles for another install, stale bundles, replayed or
reordered sequence numbers, oversize ones; each refusal counted) and builds one for a
peer; ``sync.py`` pushes and pulls over HTTP with retries and backoff, in a background
thread, so a peer that is down never slows a decision.
"""

from neuroplast.peers.bundle import open_bundle, seal
from neuroplast.peers.config import PeersConfig
from neuroplast.peers.exchange import Exchange
from neuroplast.peers.identity import Identity, verify
from neuroplast.peers.sync import PeerSync
from neuroplast.peers.trust import Peer, PeerList

__all__ = [
    "Exchange",
    "Identity",
    "Peer",
    "PeerList",
    "PeerSync",
    "PeersConfig",
    "open_bundle",
    "seal",
    "verify",
]
