"""Calls that read a mailbox: mail opened, searched, indexed or synced from the server to
here, whatever client does it.

A mailbox holds other people's words: what correspondents wrote in confidence, their
personal data, privileged advice. Read through an agent, it enters the transcript and
whatever the agent sends on (the ePrivacy Directive 2002/58/EC, Art. 5, on the
confidentiality of communications; the US Stored Communications Act, 18 U.S.C. §2701, on
access to stored communications; GDPR Art. 5(1)(f); ABA Model Rule 1.6(c) on a lawyer's
client confidences). A user's view of this is one view whatever client reads: someone who
stops letting the agent run ``notmuch search`` after it quoted a client's mail stops it
for ``mutt -f``, ``mu find``, ``offlineimap`` and ``himalaya`` alike. So it is an act
across programs (``gate.acts``: ``* mailbox``); sending mail is ``message``'s. Each client
is read from its own manual; help, versions and setup are not the act:

- mutt and NeoMutt: ``-f``/``-y``/``-Z``/``-z``, or run alone (the spool); mail, mailx and
  s-nail: ``-f``, ``-e``, ``-H``, or run alone; alpine alone (with an address it composes);
- indexers and searches: mu ``find|view|cfind|index|extract``, notmuch (but ``setup``,
  ``config``), mairix, mblaze's ``mshow``, ``mless``, ``mlist``, ``mscan``, ``mpick``;
- mail fetched or synced to here: offlineimap, mbsync (isync), fetchmail, getmail,
  mpop, imapfilter; himalaya (but ``account``); the mail programs aerc, Thunderbird,
  Claws Mail, Evolution.

>>> from neuroplast.gate.shell import split_command
>>> [reads_mail(s) for s in split_command(
...     "mutt -f ~/Mail/inbox; mutt -s hi bob@example.com < note.txt; notmuch search tag:inbox; "
...     "notmuch setup; mail; mail -s hi bob@example.com; offlineimap -o; mu find from:bob")]
[True, False, True, False, True, False, True, True]
"""

from __future__ import annotations

from neuroplast.gate.outputs import has_short_option
from neuroplast.gate.shell import Segment

__all__ = ["reads_mail"]

_NOT_RUN = frozenset({"--help", "-h", "-help", "--version", "-V"})
# clients that read, fetch or sync mail whenever they run (their manuals)
_ALWAYS = frozenset({"offlineimap", "mbsync", "fetchmail", "getmail", "getmail6", "mpop",
                     "imapfilter", "aerc", "thunderbird", "claws-mail", "evolution", "mairix",
                     "mshow", "mless", "mlist", "mscan", "mpick"})
_MUTT = frozenset({"mutt", "neomutt"})
_MAILX = frozenset({"mail", "mailx", "s-nail", "nail", "bsd-mailx"})
_MU_READS = frozenset({"find", "view", "cfind", "index", "extract"})
_NOTMUCH_OWN = frozenset({"setup", "config", "help"})


def reads_mail(seg: Segment) -> bool:
    """Whether ``seg`` reads, searches, indexes or syncs a mailbox (the ``mailbox`` act)."""
    head, words = seg.head, seg.argv[1:]
    if any(w in _NOT_RUN for w in words):
        return False
    plain = [w for w in words if not w.startswith("-")]
    if head in _ALWAYS:
        return True
    if head in _MUTT:  # mutt -v prints its version
        return "-v" not in words and (has_short_option(words, "fyZz") or not words)
    if head in _MAILX:
        return has_short_option(words, "feH") or not words
    if head == "alpine":
        return not plain
    if head == "mu":
        return bool(_MU_READS.intersection(plain[:1]))
    if head == "notmuch":
        return bool(plain) and plain[0] not in _NOTMUCH_OWN
    if head == "himalaya":
        return plain[:1] != ["account"]
    return False
