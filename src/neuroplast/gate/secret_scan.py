"""Secrets in text (a command line, a file being written), found by Yelp's detect-secrets.

detect-secrets is used as a library, with no global settings: each plugin's
``analyze_string`` runs on the text, and the library's own heuristic filters drop what
they call false positives (``${VAR}``, ``<placeholder>``, ``get_secret()``...). What runs:

* its token plugins (AWS, GitHub, GitLab, Slack, Stripe, npm, PyPI, OpenAI, SendGrid,
  Twilio, Discord, Telegram, Mailchimp, Square, Azure storage, Artifactory, IBM, Cloudant,
  SoftLayer, JWT, and user:password@ in URLs): each a few microseconds a line;
* its keyword detector (``password = "..."``, ``api_key: ...``) with the regexes the library
  picks for the file's type, on lines that name a keyword, at most ``_MAX_LINES`` of
  them (about 80 µs a line: the bound keeps a 16 kB file with a keyword on every line
  within a few milliseconds).

Left out: its high-entropy plugins (they flag every long word of a command line and every
hash in a lock file) and its public-IP plugin (not a secret; raw-IP URLs have their own
flag). Added, each with its source: token formats detect-secrets 1.5 does not know,
and credentials in HTTP authentication headers. Its keyword detector sees ``PASSWORD=x``
and ``--password=x`` but not ``--password x``, ``mysql -pX``, ``curl -u user:pass`` or an
``Authorization`` header: command-line arguments are read by secret_args.py.

Measured on one shared core: 15-40 µs a typical command line (the library's own ad hoc
``scan_line``, default settings: about 470 µs, every word reported by entropy plugins);
about 1 ms for 16 kB of source, at most a few ms for 16 kB of keyword lines. Importing
the plugins costs about 170 ms (they import ``requests``), once per gate server; the hook
client does not import this module.

>>> secret_in_text("aws_access_key_id = AKIAIOSFODNN7EXAMPLE")
True
>>> secret_in_text("git clone https://bob:p4ssw0rd@example.com/x.git")
True
>>> secret_in_text("password: hunter2hunter", "config.yml")
True
>>> secret_in_text("password = os.environ['DB_PASSWORD']", "settings.py")
False
>>> secret_in_text("echo 'password = ${DB_PASSWORD}'")
False

:func:`secret_spans` runs the same detectors over all of a text (no line budget) and says
where each secret is, for redaction:

>>> text = "git clone https://bob:p4ssw0rd@example.com/x.git"
>>> [text[s.start:s.end] for s in secret_spans(text)], secret_spans(text)[0].kind
(['p4ssw0rd'], 'basic-auth-credentials')
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from detect_secrets.filters import heuristic
from detect_secrets.plugins.artifactory import ArtifactoryDetector
from detect_secrets.plugins.aws import AWSKeyDetector
from detect_secrets.plugins.azure_storage_key import AzureStorageKeyDetector
from detect_secrets.plugins.base import BasePlugin
from detect_secrets.plugins.basic_auth import BasicAuthDetector
from detect_secrets.plugins.cloudant import CloudantDetector
from detect_secrets.plugins.discord import DiscordBotTokenDetector
from detect_secrets.plugins.github_token import GitHubTokenDetector
from detect_secrets.plugins.gitlab_token import GitLabTokenDetector
from detect_secrets.plugins.ibm_cloud_iam import IbmCloudIamDetector
from detect_secrets.plugins.ibm_cos_hmac import IbmCosHmacDetector
from detect_secrets.plugins.jwt import JwtTokenDetector
from detect_secrets.plugins.keyword import (
    CLOSING,
    CONFIG_DENYLIST_REGEX_TO_GROUP,
    DENYLIST,
    OPTIONAL_WHITESPACE,
    QUOTE,
    REGEX_BY_FILETYPE,
    SECRET,
    KeywordDetector,
)
from detect_secrets.plugins.mailchimp import MailchimpDetector
from detect_secrets.plugins.npm import NpmDetector
from detect_secrets.plugins.openai import OpenAIDetector
from detect_secrets.plugins.pypi_token import PypiTokenDetector
from detect_secrets.plugins.sendgrid import SendGridDetector
from detect_secrets.plugins.slack import SlackDetector
from detect_secrets.plugins.softlayer import SoftlayerDetector
from detect_secrets.plugins.square_oauth import SquareOAuthDetector
from detect_secrets.plugins.stripe import StripeDetector
from detect_secrets.plugins.telegram_token import TelegramBotTokenDetector
from detect_secrets.plugins.twilio import TwilioKeyDetector
from detect_secrets.util.filetype import FileType, determine_file_type

__all__ = ["PRIVATE_KEY_BEGIN", "SecretSpan", "private_key_spans", "secret_in_text",
           "secret_spans"]

# Plugins that match anywhere in the text: each looks for its issuer's token format. The
# four slowest are first asked a cheap question their every match answers yes to.
_TOKEN_PLUGINS: tuple[tuple[BasePlugin, re.Pattern[str] | None], ...] = (
    (AWSKeyDetector(), None), (AzureStorageKeyDetector(), None), (BasicAuthDetector(), None),
    (DiscordBotTokenDetector(), None), (GitHubTokenDetector(), None),
    (GitLabTokenDetector(), None), (JwtTokenDetector(), None), (NpmDetector(), None),
    (OpenAIDetector(), None), (PypiTokenDetector(), None), (SendGridDetector(), None),
    (SquareOAuthDetector(), None), (StripeDetector(), None), (TwilioKeyDetector(), None),
    (ArtifactoryDetector(), re.compile(r"AKC|AP[\dA-F]")),
    (MailchimpDetector(), re.compile(r"-us\d")),
    (SlackDetector(), re.compile(r"xox|hooks\.slack", re.IGNORECASE)),
    (TelegramBotTokenDetector(), re.compile(r"\d:[0-9A-Za-z_-]{35}")),
)
# Plugins whose patterns start at a keyword (cloudant_password = ..., ibm_api_key: ...):
# case-insensitive regexes with no literal to skip ahead on, about 0.5 ms for 16 kB each,
# so they run only on the lines that hold one of their keywords.
_KEYED_PLUGINS: tuple[BasePlugin, ...] = (
    CloudantDetector(), IbmCloudIamDetector(), IbmCosHmacDetector(), SoftlayerDetector(),
)
_KEYED_HINT = re.compile(r"key|pw|pass|token|secret|cloudant|softlayer")  # on lowered text
_KEYWORD = KeywordDetector()
# Token names the detector's word list lacks: OAuth 2.0's access_token and refresh_token
# (RFC 6749 §5.1, §6), the AWS CLI's aws_session_token, auth_token and api_token as their
# issuers name them; matched with the library's own assignment grammar (name, optional
# closing quote or bracket, = or :, optional quote, value).
_TOKEN_ASSIGNMENT = re.compile(
    rf"(?:access|refresh|auth|api|session|bearer)[_-]?token\w*(?:{CLOSING})?"
    rf"{OPTIONAL_WHITESPACE}[=:](?!=){OPTIONAL_WHITESPACE}({QUOTE}?)({SECRET})(\1)",
    re.IGNORECASE,
)
# the keyword detector's own words and "token", searched in the lowered text (12x faster
# than re.IGNORECASE)
_KEYWORD_HINT = re.compile("|".join((*DENYLIST, "token(?![a-z])")))
_MAX_LINES = 32  # keyword lines looked at, at most (about 80 µs each)
_LINE_CHARS = 1000  # detect-secrets' own bound for its line heuristics (backtracking)
_MIN_KEYWORD_VALUE = 6  # shorter values after a keyword are mostly words, not secrets

# Token formats detect-secrets 1.5 does not know, each from its issuer's documentation,
# with a literal every match holds (a plain substring test is 20x faster than the search).
_MORE_TOKENS: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    # GitHub docs, 'About authentication to GitHub': fine-grained PATs begin github_pat_
    ("github_pat_", "github-token", re.compile(r"github_pat_[A-Za-z0-9_]{22,}")),
    # Google Cloud docs, 'Manage API keys': key strings begin AIza
    ("AIza", "google-api-key", re.compile(r"AIza[0-9A-Za-z_-]{35}")),
    # OpenAI and Anthropic API references: keys begin sk- (sk-proj-, sk-ant-api03-)
    ("sk-", "api-key", re.compile(r"\bsk-(?:ant-|proj-)?[A-Za-z0-9_-]{20,}")),
    # Hugging Face docs, 'User access tokens': tokens begin hf_
    ("hf_", "huggingface-token", re.compile(r"\bhf_[A-Za-z0-9]{30,}")),
)
# The same, searched in the lowered text. The AWS CLI's config-file setting (AWS CLI User
# Guide, 'Configuration and credential file settings'), and credentials in HTTP
# authentication headers: RFC 9110 §11.6.2 (Authorization), §11.7.2 (Proxy-Authorization);
# GitLab REST API docs (PRIVATE-TOKEN); X-API-Key as in OpenAPI's 'API Keys' (apiKey in a
# header). An Authorization value is 'auth-scheme credentials' (a scheme alone is no
# secret) or a bare key; a $VARIABLE or <placeholder> is not a literal secret. The groups
# hold the secret itself (what redaction replaces).
_VALUE = r"[\"']?\s*:\s*[\"']?([^\s\"'$<{][^\s\"']{7,})"
_LOWER_TOKENS: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    ("aws_secret_access_key", "aws-secret-key",
     re.compile(r"aws_secret_access_key\s*[=:]\s*([a-z0-9/+]{40})")),
    ("authorization", "authorization", re.compile(
        r"authorization[\"']?\s*:\s*[\"']?(?:[a-z][\w.-]*[ \t]+([^\s\"'$<{][^\s\"']{7,})"
        r"|([^\s\"'$<{][^\s\"']{19,})(?:[\s\"']|$))")),
    ("x-api-key", "api-key", re.compile(r"x-api-key" + _VALUE)),
    ("private-token", "private-token", re.compile(r"private-token" + _VALUE)),
    ("x-auth-token", "auth-token", re.compile(r"x-auth-token" + _VALUE)),
)
# detect-secrets' is_indirect_reference (``secret = get_secret()``, ``= headers['key']``)
# without its leading ([^\v=!:]*): that group may match nothing, so dropping it changes no
# answer, and it made the search quadratic (200 µs for a 70-character line).
_INDIRECT_REFERENCE = re.compile(r"(?::=?|[!=]{1,3})\s*[\w.-]+[\[\(][^\v]*[\]\)]")
# Files whose assignments are unquoted (dotenv, shell, configs): the library's config
# regexes; for languages it knows (Python, JS, Go...) the quotes-required ones it picks.
_UNQUOTED_TYPES = frozenset({FileType.OTHER, FileType.EXAMPLE})


def _plain_value(secret: str) -> bool:
    """detect-secrets' filters on a found value (placeholders, $VARIABLES, *****, 123456...)."""
    return not (
        heuristic.is_templated_secret(secret)
        or heuristic.is_prefixed_with_dollar_sign(secret)
        or heuristic.is_not_alphanumeric_string(secret)
        or heuristic.is_sequential_string(secret)
        or heuristic.is_potential_uuid(secret)
    )


# The one character whose lower case is two (U+0130, 'İ' -> 'i̇'), mapped to one, so that
# offsets in the lowered text are the text's.
_ONE_LOWER = {0x130: "i"}


def _lowered(text: str) -> str:
    """``text.lower()``, of the same length: its offsets are the text's."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else text.translate(_ONE_LOWER).lower()


def _lines_with(hint: re.Pattern[str], text: str, lowered: str,
                limit: int | None = _MAX_LINES) -> list[tuple[int, str]]:
    """``(offset, line)`` for the distinct lines of ``text`` in which ``hint`` matches
    ``lowered``, first ones first, each cut to ``_LINE_CHARS``; at most ``limit`` of them.

    With no limit (redaction) every hit is looked at: a hit past the part of its line
    taken so far starts a new part a little before it, so none is left unread.
    """
    lines: list[tuple[int, str]] = []
    covered = -1  # hits before this offset are in a part taken already
    for m in hint.finditer(lowered):
        if m.start() < covered:
            continue
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.start())
        end = len(text) if end < 0 else end
        if limit is None:
            if m.start() - start > _LINE_CHARS // 2:
                start = m.start() - 100  # room for a quote or bracket before the keyword
            covered = min(end, start + _LINE_CHARS)
        else:
            covered = end + 1
        lines.append((start, text[start : min(end, start + _LINE_CHARS)]))
        if limit is not None and len(lines) >= limit:
            break
    return lines


@dataclass(frozen=True)
class SecretSpan:
    """Where one secret is in a text: ``text[start:end]``, and what kind it is.

    >>> SecretSpan(4, 12, "password").kind
    'password'
    """

    start: int
    end: int
    kind: str


_TRIM = " \t\r\n=:\"'"  # a pattern's delimiters around a token are not the secret


# What a token may go on with past its pattern's end: a JWT's pattern stops before its
# signature (a lazy ``*?``), and a longer token than a pattern's fixed length is one token.
_TOKEN_TAIL = re.compile(r"[A-Za-z0-9_\-]*")
_JWT_TAIL = re.compile(r"[A-Za-z0-9_\-.+/=]*")


def _match_span(m: re.Match[str], offset: int, kind: str) -> SecretSpan:
    """The secret in a plugin's match: its group when the group is the rest of the match
    (``user:(password)@``, ``key = '(value)'``), else the whole match with the token's
    tail, delimiters trimmed (a group at the start is a prefix: ``(ghp)_...``)."""
    for i in range(1, (m.re.groups or 0) + 1):
        if m.group(i) and m.start(i) > m.start() and m.end() - m.end(i) <= 2:
            return SecretSpan(offset + m.start(i), offset + m.end(i), kind)
    found = m.group(0)
    start = m.start() + len(found) - len(found.lstrip(_TRIM))
    end = m.end() - (len(found) - len(found.rstrip(_TRIM)))
    if end == m.end():
        tail = _JWT_TAIL if kind == "json-web-token" else _TOKEN_TAIL
        end = tail.match(m.string, end).end()  # type: ignore[union-attr]
    return SecretSpan(offset + start, offset + max(start, end), kind)


def _plugin_kind(plugin: BasePlugin) -> str:
    """The plugin's own name for what it finds, as a word: ``GitHub Token`` ->
    ``github-token``."""
    return re.sub(r"[^a-z0-9]+", "-", str(plugin.secret_type).lower()).strip("-")


# Every regex of the token plugins, flattened: (regex, the plugin's hint, its kind).
_TOKEN_REGEXES = tuple((rx, hint, _plugin_kind(p)) for p, hint in _TOKEN_PLUGINS
                       for rx in p.denylist)
_KEYED_REGEXES = tuple((rx, _plugin_kind(p)) for p in _KEYED_PLUGINS for rx in p.denylist)


def _plain_match(m: re.Match[str]) -> bool:
    """What ``analyze_string`` would yield for this match (each non-empty group, or the
    whole match without groups) holds a value detect-secrets' filters keep."""
    if not m.re.groups:
        return _plain_value(m.group(0))
    return any(_plain_value(v) for v in m.groups() if v)


def _keyword_spans(lines: list[tuple[int, str]], filename: str) -> Iterator[SecretSpan]:
    """detect-secrets' keyword detector, with the regexes it picks for ``filename``, and
    the token names it lacks (``access_token: ...``)."""
    if heuristic.is_lock_file(filename) or heuristic.is_swagger_file(filename):
        return
    file_type = determine_file_type(filename)
    unquoted = file_type in _UNQUOTED_TYPES
    groups = (CONFIG_DENYLIST_REGEX_TO_GROUP if unquoted
              else REGEX_BY_FILETYPE.get(file_type, CONFIG_DENYLIST_REGEX_TO_GROUP))
    for offset, line in lines:
        if unquoted and ("==" in line or "!=" in line):
            continue  # code comparing with a keyword's value, not a value
        token_values = (m.group(2) for m in _TOKEN_ASSIGNMENT.finditer(line))
        for found in (*_KEYWORD.analyze_string(line, groups), *token_values):
            words = found.split()
            value = words[0] if words else ""
            if len(value) >= _MIN_KEYWORD_VALUE and _plain_value(value) and not (
                heuristic.is_likely_id_string(value, line)
                or _INDIRECT_REFERENCE.search(line)  # password = get_password()
            ):
                # the detector gives the value, not its place: each time it is on the line
                at = line.find(value)
                while at >= 0:
                    yield SecretSpan(offset + at, offset + at + len(value), "keyword")
                    at = line.find(value, at + len(value))


def _spans(text: str, filename: str, every: bool) -> Iterator[SecretSpan]:
    """The secrets in ``text``, cheapest detectors first. ``every``: read all of it (for
    redaction), not only the first ``_MAX_LINES`` keyword lines (for a yes or no)."""
    lowered = _lowered(text)
    for lit, kind, rx in _MORE_TOKENS:
        if lit in text:
            yield from (_match_span(m, 0, kind) for m in rx.finditer(text))
    for lit, kind, rx in _LOWER_TOKENS:
        if lit in lowered:
            yield from (_match_span(m, 0, kind) for m in rx.finditer(lowered))
    # the plugins' own regexes and matches, as their analyze_string runs them
    for rx, hint, kind in _TOKEN_REGEXES:
        if hint is None or hint.search(text):
            for m in rx.finditer(text):
                if _plain_match(m):
                    yield _match_span(m, 0, kind)
    limit = None if every else _MAX_LINES
    for offset, line in _lines_with(_KEYED_HINT, text, lowered, limit):
        for rx, kind in _KEYED_REGEXES:
            for m in rx.finditer(line):
                if _plain_match(m):
                    yield _match_span(m, offset, kind)
    yield from _keyword_spans(_lines_with(_KEYWORD_HINT, text, lowered, limit), filename)


def secret_in_text(text: str, filename: str = "") -> bool:
    """Whether ``text`` holds a literal secret; ``filename`` picks the keyword regexes.

    >>> secret_in_text("curl -H 'Authorization: Bearer 9f8e7d6c5b4a39281706' https://x.io")
    True
    >>> secret_in_text("curl -H \\"Authorization: Bearer $TOKEN\\" https://x.io")
    False
    """
    return next(_spans(text, filename, every=False), None) is not None


def secret_spans(text: str, filename: str = "") -> list[SecretSpan]:
    """Every secret :func:`secret_in_text` looks for, anywhere in ``text``, in order of
    where it starts (spans may overlap: two detectors may find one secret).

    >>> text = "export API_KEY=abcdef123456 && curl -H 'X-API-Key: 0123456789abcdef' x.io"
    >>> [text[s.start:s.end] for s in secret_spans(text, "deploy.sh")]
    ['abcdef123456', '0123456789abcdef']
    """
    found = dict.fromkeys(_spans(text, filename, every=True))  # the first detector's first
    return sorted(found, key=lambda s: (s.start, -s.end))


# PEM private keys of any kind (RFC 7468 §10-11: "PRIVATE KEY", "ENCRYPTED PRIVATE KEY",
# "RSA PRIVATE KEY"...; OpenSSH's "OPENSSH PRIVATE KEY"; OpenPGP's "PRIVATE KEY BLOCK").
PRIVATE_KEY_BEGIN = re.compile(r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----")
_PRIVATE_KEY_END = re.compile(r"-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----")


def private_key_spans(text: str) -> list[SecretSpan]:
    """Each PEM private key in ``text``, from its BEGIN line through its END line (to the
    end of the text when that is missing: what follows BEGIN is the key).

    >>> text = "a\\n-----BEGIN RSA PRIVATE KEY-----\\nMIIE\\n-----END RSA PRIVATE KEY-----\\nb"
    >>> [(text[s.start:s.start + 5], text[s.end:]) for s in private_key_spans(text)]
    [('-----', '\\nb')]
    """
    spans: list[SecretSpan] = []
    pos = 0
    while (begin := PRIVATE_KEY_BEGIN.search(text, pos)) is not None:
        end = _PRIVATE_KEY_END.search(text, begin.end())
        stop = end.end() if end is not None else len(text)
        spans.append(SecretSpan(begin.start(), stop, "private-key"))
        pos = stop
    return spans
