"""Calls that ask a web service to change something: an HTTP request with a method that is
not safe, whatever client sends it.

HTTP's safe methods (GET, HEAD, OPTIONS, TRACE) only read: RFC 9110 9.2.1 'the client does not
request, and does not expect, any state change on the origin server'; POST, PUT, PATCH and
DELETE create, replace, change or remove what the server holds (RFC 9110 9.3, RFC 5789). A
request the agent sends to an API acts in the user's name on a service others use: an issue
opened, a record changed, a webhook fired, a resource deleted (OWASP API Security Top 10
API5:2023 'Broken Function Level Authorization' on the methods that change; NIST SP 800-53
AC-3). A user's view of this is one view whatever client sends it: someone who stops letting
the agent ``curl -X POST`` to an API stops it for ``http POST``, ``gh api -f``, ``wget
--post-data`` and ``Invoke-RestMethod -Method Delete`` alike. So it is an act across programs
(``gate.acts``: ``* web-write``). A file sent in the request is also ``upload``. Each client
is read from its own manual; a request without a body or method that only reads, help and
versions are not the act:

- curl(1), to an ``http``/``https`` URL (its other protocols are mail, file transfers...):
  ``-X``/``--request`` with a method other than GET, HEAD or OPTIONS; a body (``-d``,
  ``--data*``, ``--json``, ``-F``, ``--form*``), which makes it a POST unless
  ``-G``/``--get`` sends it as a query; ``-T``/``--upload-file`` (a PUT);
- wget(1): ``--post-data``, ``--post-file``, ``--body-data``, ``--body-file`` and
  ``--method`` with a method that changes;
- HTTPie's ``http``/``https``, xh and xhs, curlie: a method that changes as the first
  operand, or data items (``field=value``, ``field:=json``, ``field@file``) or ``--form``,
  which make it a POST unless the method is given as a safe one; restish ``post|put|patch|
  delete``;
- the forges' API commands: ``gh api`` and ``glab api`` with ``-X``/``--method`` other than
  GET, or fields (``-f``, ``-F``, ``--field``, ``--raw-field``, ``--input``), which make it a
  POST;
- PowerShell's ``Invoke-RestMethod``/``irm`` and ``Invoke-WebRequest``/``iwr`` with
  ``-Method`` other than Get, Head or Options;
- a script's own request, in code handed to an interpreter: Python's requests and httpx
  ``post|put|patch|delete(``, and a ``method=`` that changes.

>>> from neuroplast.gate.shell import split_command
>>> [writes_to_web(s) for s in split_command(
...     "curl -X POST https://api.example.com/items -d '{}'; curl https://example.com; "
...     "curl -G -d q=1 https://example.com/search; http PUT api.example.com/a b=1; "
...     "http api.example.com/a; gh api repos/o/r/issues -f title=x; gh api repos/o/r")]
[True, False, False, True, False, True, False]
"""

from __future__ import annotations

import re

from neuroplast.gate.outputs import names_option, option_values, script_matches
from neuroplast.gate.shell import Segment

__all__ = ["writes_to_web"]

_NOT_RUN = frozenset({"--help", "--version"})
_SAFE = frozenset({"GET", "HEAD", "OPTIONS", "TRACE", "CONNECT"})
_CHANGING = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_CURL_BODY = ("-d", "--data", "--data-ascii", "--data-binary", "--data-raw",
              "--data-urlencode", "--json", "-F", "--form", "--form-string")
_CURL_METHOD = ("-X", "--request")
_WGET_BODY = ("--post-data", "--post-file", "--body-data", "--body-file")
_HTTPIE = frozenset({"http", "https", "xh", "xhs", "curlie"})
# HTTPie's request items that are data (which make the default method POST): field=value,
# field:=json, field@file, field=@file, field:=@file; not header:value nor param==value
_DATA_ITEM = re.compile(r"^[^=:@\s/]*(?::=|=(?!=)|@)")
_FORGE_FIELDS = ("-f", "-F", "--field", "--raw-field", "--input")
_POWERSHELL = frozenset({"Invoke-RestMethod", "irm", "Invoke-WebRequest", "iwr"})
_PYTHON = frozenset({"python", "python2", "python3"})
_SCRIPT_REQUEST = re.compile(
    r"\b(?:requests|httpx|session|client)\.(?:post|put|patch|delete)\s*\("
    r"|method\s*=\s*['\"](?:POST|PUT|PATCH|DELETE)['\"]", re.IGNORECASE)


def _method(values: list[str]) -> str:
    return values[-1].upper() if values else ""


def writes_to_web(seg: Segment) -> bool:
    """Whether ``seg`` sends an HTTP request that asks a service to change something (the
    ``web-write`` act)."""
    head, argv = seg.head, seg.argv
    words = argv[1:]
    if names_option(words, _NOT_RUN):
        return False
    if head == "curl":
        schemes = {w.partition("://")[0].lower() for w in words if "://" in w}
        if schemes and not schemes & {"http", "https"}:
            return False  # curl's other protocols: mail sent (smtp), files sent (ftp)...
        method = _method(option_values(argv, _CURL_METHOD))
        if method:
            return method not in _SAFE
        if any(w in ("-T", "--upload-file") or w.startswith("--upload-file=") for w in words):
            return True
        return names_option(words, _CURL_BODY) and not names_option(words, ("-G", "--get"))
    if head == "wget":
        method = _method(option_values(argv, ("--method",)))
        return names_option(words, _WGET_BODY) or (bool(method) and method not in _SAFE)
    if head in _HTTPIE:
        plain = [w for w in words if not w.startswith("-")]
        if plain and plain[0].upper() in _CHANGING | _SAFE:
            return plain[0].upper() in _CHANGING
        return names_option(words, ("--form", "-f", "--multipart")) or any(
            _DATA_ITEM.match(item) for item in plain[1:])
    if head == "restish":
        return bool(words) and words[0].lower() in ("post", "put", "patch", "delete")
    if head in ("gh", "glab"):
        if [w for w in words if not w.startswith("-")][:1] != ["api"]:
            return False
        method = _method(option_values(argv, ("-X", "--method")))
        if method:
            return method not in _SAFE
        return names_option(words, _FORGE_FIELDS)
    if head in _POWERSHELL:
        method = _method(option_values(argv, ("-Method",)))
        return bool(method) and method not in _SAFE
    return script_matches(seg, _SCRIPT_REQUEST, _PYTHON)
