"""Calls that purge a cache: its contents flushed, invalidated, banned or evicted.

A cache holds copies, so purging one loses nothing, yet everyone who relied on it pays: a
CDN purge sends every viewer's request to the origin at once, a flushed DNS or key-value
cache stampedes what stands behind it, a cleared build or package cache makes the next
build fetch everything again, from registries that may be down. A user's view of this is
one view whatever tool purges: someone who stops letting the agent run ``fastly purge``
stops it for ``pip cache purge``, ``go clean -modcache``, ``redis-cli FLUSHALL`` and
``resolvectl flush-caches`` alike. So it is an act across programs (``gate.acts``: ``*
purge``). Each tool is read from its own manual, where it names the act a cache purge,
clean, flush, prune or invalidation; looking at a cache, dry runs and help are not the act:

- package and build caches: ``pip cache purge|remove``, ``uv cache clean|prune``, ``npm
  cache clean``, ``yarn cache clean``, ``pnpm store prune``, ``bun pm cache rm``, ``conda
  clean``, ``mamba clean``, ``poetry cache clear``, ``pdm cache clear``, ``composer
  clear-cache``, ``go clean -cache|-modcache|-testcache|-fuzzcache``, ``deno clean``,
  ``ccache -C|-c``, ``docker builder|buildx prune``, ``brew cleanup``, ``apt|apt-get
  clean|autoclean``, ``dnf|yum clean``, ``pacman -Sc``, ``paccache -r``, ``xbps-remove
  -O``, ``apk cache clean``, ``pre-commit clean|gc``, ``pio system prune``, ``apptainer|
  singularity cache clean``, ``gh cache delete``, ``hf cache delete``,
  ``huggingface-cli delete-cache``;
- DNS and name caches: ``resolvectl flush-caches``, ``systemd-resolve --flush-caches``,
  ``dscacheutil -flushcache``, ``ipconfig /flushdns``, ``nscd -i``, ``rndc flush``,
  ``unbound-control flush*``, ``pihole restartdns``; ``ip neigh flush``;
- CDN and HTTP caches: ``fastly purge``, Cloudflare's purge endpoints (``cli4
  .../purge_cache``, ``purge_everything``), ``aws cloudfront create-invalidation``,
  ``gcloud compute url-maps invalidate-cdn-cache``, ``az cdn|afd endpoint purge``,
  ``varnishadm ban``, an HTTP ``PURGE`` or ``BAN`` request;
- key-value caches: ``redis-cli FLUSHALL|FLUSHDB``, memcached's ``flush_all``;
- the kernel's page cache: macOS ``purge``, ``vmtouch -e``, ``blockdev --flushbufs``, a
  write to ``/proc/sys/vm/drop_caches``;
- applications' caches: ``php artisan cache:clear|optimize:clear``, Symfony's ``cache:clear``,
  ``drush cache:rebuild|cr|cc``, ``drupal cache:rebuild``, ``wp cache flush``, ``rails
  tmp:cache:clear``, ``cake cache clear|schema_cache clear``.

>>> from neuroplast.gate.shell import split_command
>>> [purges_cache(s) for s in split_command(
...     "pip cache purge; pip cache list; go clean -modcache; go clean; "
...     "redis-cli FLUSHALL; resolvectl flush-caches; docker buildx prune -af; "
...     "aws cloudfront create-invalidation --distribution-id E1 --paths '/*'")]
[True, False, True, False, True, True, True, True]
"""

from __future__ import annotations

from neuroplast.gate.outputs import has_short_option
from neuroplast.gate.shell import Segment

__all__ = ["purges_cache"]

_NO_CHANGE = frozenset({"--help", "-h", "--version", "--dry-run"})
# (program, first plain word) -> the next words that purge
_NESTED: dict[tuple[str, str], frozenset[str]] = {
    ("pip", "cache"): frozenset({"purge", "remove"}),
    ("pip3", "cache"): frozenset({"purge", "remove"}),
    ("uv", "cache"): frozenset({"clean", "prune"}),
    ("npm", "cache"): frozenset({"clean", "clear", "rm"}),
    ("yarn", "cache"): frozenset({"clean"}),
    ("pnpm", "store"): frozenset({"prune"}),
    ("bun", "pm"): frozenset({"cache"}),  # bun pm cache rm
    ("poetry", "cache"): frozenset({"clear"}),
    ("pdm", "cache"): frozenset({"clear", "remove"}),
    ("docker", "builder"): frozenset({"prune"}),
    ("docker", "buildx"): frozenset({"prune"}),
    ("apk", "cache"): frozenset({"clean", "purge"}),
    ("pio", "system"): frozenset({"prune"}),
    ("apptainer", "cache"): frozenset({"clean"}),
    ("singularity", "cache"): frozenset({"clean"}),
    ("gh", "cache"): frozenset({"delete"}),
    ("hf", "cache"): frozenset({"delete", "prune"}),
    ("pihole", "restartdns"): frozenset({""}),
    ("aws", "cloudfront"): frozenset({"create-invalidation"}),
    ("az", "cdn"): frozenset({"purge"}),
    ("az", "afd"): frozenset({"purge"}),
    ("gcloud", "compute"): frozenset({"invalidate-cdn-cache"}),
    ("varnishadm", "ban"): frozenset({""}),
    ("fastly", "purge"): frozenset({""}),
    ("cake", "cache"): frozenset({"clear", "clear_all"}),
    ("cake", "schema_cache"): frozenset({"clear"}),
    ("wp", "cache"): frozenset({"flush"}),
    ("ip", "neigh"): frozenset({"flush"}), ("ip", "neighbour"): frozenset({"flush"}),
}
# program -> its commands, as the first plain word, that purge
_VERBS: dict[str, frozenset[str]] = {
    "conda": frozenset({"clean"}), "mamba": frozenset({"clean"}),
    "micromamba": frozenset({"clean"}), "composer": frozenset({"clear-cache", "clearcache",
                                                               "cc"}),
    "deno": frozenset({"clean"}), "brew": frozenset({"cleanup"}),
    "apt": frozenset({"clean", "autoclean"}), "apt-get": frozenset({"clean", "autoclean"}),
    "dnf": frozenset({"clean"}), "yum": frozenset({"clean"}),
    "pre-commit": frozenset({"clean", "gc"}), "resolvectl": frozenset({"flush-caches"}),
    "huggingface-cli": frozenset({"delete-cache"}), "rndc": frozenset({"flush",
                                                                        "flushname",
                                                                        "flushtree"}),
    "artisan": frozenset({"cache:clear", "optimize:clear", "config:clear", "view:clear",
                          "route:clear"}),
    "console": frozenset({"cache:clear", "cache:pool:clear"}),  # Symfony's bin/console
    "drush": frozenset({"cache:rebuild", "cr", "cache-rebuild", "cache:clear", "cc",
                        "cache-clear"}),
    "drupal": frozenset({"cache:rebuild", "cr"}),
    "rails": frozenset({"tmp:cache:clear", "tmp:clear"}),
    "rake": frozenset({"tmp:cache:clear", "tmp:clear"}),
}
_GO_CACHES = frozenset({"-cache", "-modcache", "-testcache", "-fuzzcache"})


def purges_cache(seg: Segment) -> bool:
    """Whether ``seg`` purges, flushes, invalidates or evicts a cache's contents (the
    ``purge`` act)."""
    head, argv = seg.head, seg.argv
    words = argv[1:]
    if any(a in _NO_CHANGE for a in words):
        return False
    plain = [a for a in words if not a.startswith("-")]
    if head == "php" and plain[:1] == ["artisan"]:  # php artisan cache:clear
        head, plain = "artisan", plain[1:]
    written = [t for _, t in seg.redirects] + (list(plain) if head == "tee" else [])
    if any(t.endswith("/vm/drop_caches") for t in written) or any(
            a.startswith("vm.drop_caches=") for a in words):  # proc(5): drop_caches
        return True
    if head in _VERBS:  # brew cleanup -n only lists what it would remove
        return bool(_VERBS[head].intersection(plain[:1])) and not (
            head == "brew" and "-n" in words)
    if head == "go":
        return plain[:1] == ["clean"] and bool(_GO_CACHES.intersection(words))
    if head == "ccache":
        return any(a in ("-C", "--clear", "-c", "--cleanup") for a in words)
    if head == "pacman":
        return any(a.startswith("-S") and "c" in a for a in words)
    if head == "paccache":
        return has_short_option(words, "r") or "--remove" in words
    if head == "xbps-remove":
        return has_short_option(words, "O") or "--clean-cache" in words
    if head == "systemd-resolve":
        return "--flush-caches" in words
    if head == "dscacheutil":
        return "-flushcache" in words
    if head in ("ipconfig", "ipconfig.exe"):
        return any(a.lower() == "/flushdns" for a in words)
    if head == "nscd":
        return any(a in ("-i", "--invalidate") for a in words)
    if head == "unbound-control":
        return any(w.startswith("flush") for w in plain[:1])
    if head == "redis-cli":
        return any(w.lower() in ("flushall", "flushdb") for w in words)
    if head == "purge":  # macOS purge(8): 'force disk cache to be purged'
        return True
    if head == "vmtouch":
        return has_short_option(words, "e")
    if head == "blockdev":
        return "--flushbufs" in words
    if head in ("curl", "http", "https", "xh"):
        methods = [a.upper() for a in words]
        return "PURGE" in methods or "BAN" in methods or any(
            "purge_cache" in a or "purge_everything" in a for a in words)
    if head == "cli4":  # Cloudflare's python CLI: .../purge_cache, purge_everything=true
        return any("purge" in a for a in words)
    nested = _NESTED.get((head, plain[0] if plain else ""))
    if nested is None:
        return False
    return "" in nested or bool(nested.intersection(plain[1:3]))
