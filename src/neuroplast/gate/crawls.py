"""Calls that crawl the web: fetch pages the call does not name, found by following the links
or the sitemap of those it does, whatever tool does it.

A crawl is not a download. A download fetches what the call names; a crawl lets the site
decide how much is fetched and from where, and it is what sites' terms of service, their
``robots.txt`` and their rate limits are written for (RFC 9309, the Robots Exclusion
Protocol, on "crawlers": automatic clients that follow links; the CFAA and site terms on
automated access; GDPR Art. 14 on personal data collected from pages without asking). A
user's view of this is one view whatever tool crawls: someone who stops letting the agent
run ``wget --mirror`` after a site blocked the office's address, or after a crawl picked up
people's personal pages, stops it for ``httrack``, ``scrapy crawl`` and ``katana`` alike.
So it is an act across programs (``gate.acts``: ``* crawl``); fetching one named page is
``download``'s or ``connect``'s, and guessing paths from a wordlist is ``scan``'s. Each tool
is read from its own manual; help and versions are not the act:

- GNU Wget and Wget2, and wpull (Wget's options): ``-r``/``--recursive`` or
  ``-m``/``--mirror``, alone or in a cluster of letters (``-mnp``); ``-p`` fetches one
  page's own images and styles, not a crawl;
- tools that crawl whatever they are given: HTTrack and WebHTTrack (website copiers),
  katana, gospider, hakrawler, cariddi and photon (crawlers), grab-site, muffet (a link
  checker that checks a whole site);
- LinkChecker, recursive unless ``-r 0``/``--recursion-level=0``; broken-link-checker's
  ``blc`` and linkinator with ``-r``/``--recursive``/``--recurse``;
- Scrapy's ``crawl`` and ``runspider`` (``fetch``, ``shell`` and ``view`` fetch one page);
  browsertrix-crawler's ``crawl``;
- trafilatura with ``--crawl``, ``--explore``, ``--sitemap`` or ``--feed`` (``-u`` extracts
  one page); xidel with ``-f``/``--follow``;
- lftp's ``mirror`` handed to it with ``-c``/``-e`` (``mirror -R``/``--reverse`` uploads).

>>> from neuroplast.gate.shell import split_command
>>> [crawls(s) for s in split_command(
...     "wget -mnp https://x.org/docs/; wget -pkw 3 https://x.org; httrack https://x.org; "
...     "scrapy crawl docs; scrapy fetch https://x.org; trafilatura -u https://x.org")]
[True, False, True, True, False, False]
"""

from __future__ import annotations

from neuroplast.gate.outputs import has_short_option, names_option, option_values
from neuroplast.gate.shell import Segment, split_command

__all__ = ["crawls"]

_NOT_RUN = frozenset({"--help", "-h", "-help", "--version", "-V", "-version", "-examples"})
_WGET = frozenset({"wget", "wget2", "wpull"})
# wget(1)'s one-letter options that take a value: the rest of a cluster after one of them is
# that value (-P/tmp), so no option follows it there
_WGET_VALUES = "oaiBtOTwQPUlARDIXe"
# tools that crawl whatever they are given (their manuals)
_ALWAYS = frozenset({"httrack", "webhttrack", "katana", "gospider", "hakrawler", "cariddi",
                     "photon", "grab-site", "muffet"})
_RECURSIVE = ("--recursive", "--recurse")
_TRAFILATURA_CRAWLS = ("--crawl", "--explore", "--sitemap", "--feed")
_SUBCOMMAND_CRAWLS = {"scrapy": frozenset({"crawl", "runspider"}),
                      "browsertrix-crawler": frozenset({"crawl"})}


def crawls(seg: Segment) -> bool:
    """Whether ``seg`` crawls the web, fetching pages found by following links (the ``crawl``
    act)."""
    head, words = seg.head, seg.argv[1:]
    if names_option(words, _NOT_RUN):
        return False
    if head in _WGET:
        return names_option(words, ("--recursive", "--mirror")) or has_short_option(
            words, "rm", stop=_WGET_VALUES)
    if head in _ALWAYS:
        return True
    if head == "linkchecker":
        depth = option_values(seg.argv, ("-r", "--recursion-level"))
        return bool(words) and depth[-1:] != ["0"]
    if head in ("blc", "linkinator"):
        return names_option(words, _RECURSIVE) or has_short_option(words, "r")
    if head in _SUBCOMMAND_CRAWLS:
        plain = [w for w in words if not w.startswith("-")]
        return plain[:1] != [] and plain[0] in _SUBCOMMAND_CRAWLS[head]
    if head == "trafilatura":
        return names_option(words, _TRAFILATURA_CRAWLS)
    if head == "xidel":
        return names_option(words, ("-f", "--follow"))
    if head == "lftp":
        return any(_lftp_mirrors_down(script)
                   for script in option_values(seg.argv, ("-c", "-e")))
    return False


def _lftp_mirrors_down(script: str) -> bool:
    """Whether an lftp script runs ``mirror`` from the server to here (lftp(1): ``mirror
    -R``/``--reverse`` uploads instead). Its commands split and quote as a shell's do."""
    return any(command.head == "mirror" and not names_option(command.argv[1:],
                                                              ("-R", "--reverse"))
               for command in split_command(script))
