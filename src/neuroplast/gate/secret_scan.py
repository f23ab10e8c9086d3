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
"""

from __future__ import annotations

import re

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

__all__ = ["secret_in_text"]

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
_MORE_TOKENS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # GitHub docs, 'About authentication to GitHub': fine-grained PATs begin github_pat_
    ("github_pat_", re.compile(r"github_pat_[A-Za-z0-9_]{22,}")),
    # Google Cloud docs, 'Manage API keys': key strings begin AIza
    ("AIza", re.compile(r"AIza[0-9A-Za-z_-]{35}")),
    # OpenAI and Anthropic API references: keys begin sk- (sk-proj-, sk-ant-api03-)
    ("sk-", re.compile(r"\bsk-(?:ant-|proj-)?[A-Za-z0-9_-]{20,}")),
    # Hugging Face docs, 'User access tokens': tokens begin hf_
    ("hf_", re.compile(r"\bhf_[A-Za-z0-9]{30,}")),
)
# The same, searched in the lowered text. The AWS CLI's config-file setting (AWS CLI User
# Guide, 'Configuration and credential file settings'), and credentials in HTTP
# authentication headers: RFC 9110 §11.6.2 (Authorization), §11.7.2 (Proxy-Authorization);
# GitLab REST API docs (PRIVATE-TOKEN); X-API-Key as in OpenAPI's 'API Keys' (apiKey in a
# header). An Authorization value is 'auth-scheme credentials' (a scheme alone is no
# secret) or a bare key; a $VARIABLE or <placeholder> is not a literal secret.
_VALUE = r"[\"']?\s*:\s*[\"']?[^\s\"'$<{][^\s\"']{7,}"
_LOWER_TOKENS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("aws_secret_access_key", re.compile(r"aws_secret_access_key\s*[=:]\s*[a-z0-9/+]{40}")),
    ("authorization", re.compile(
        r"authorization[\"']?\s*:\s*[\"']?(?:[a-z][\w.-]*[ \t]+[^\s\"'$<{][^\s\"']{7,}"
        r"|[^\s\"'$<{][^\s\"']{19,}(?:[\s\"']|$))")),
    ("x-api-key", re.compile(r"x-api-key" + _VALUE)),
    ("private-token", re.compile(r"private-token" + _VALUE)),
    ("x-auth-token", re.compile(r"x-auth-token" + _VALUE)),
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


def _lines_with(hint: re.Pattern[str], text: str, lowered: str) -> list[str]:
    """The distinct lines of ``text`` in which ``hint`` matches ``lowered``, first ones first."""
    lines: list[str] = []
    end = -1
    for m in hint.finditer(lowered):
        if m.start() <= end:
            continue  # another hit on a line already taken
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.start())
        end = len(text) if end < 0 else end
        lines.append(text[start : min(end, start + _LINE_CHARS)])
        if len(lines) >= _MAX_LINES:
            break
    return lines


def _keyword_secret(lines: list[str], filename: str) -> bool:
    """detect-secrets' keyword detector, with the regexes it picks for ``filename``, and
    the token names it lacks (``access_token: ...``)."""
    if heuristic.is_lock_file(filename) or heuristic.is_swagger_file(filename):
        return False
    file_type = determine_file_type(filename)
    unquoted = file_type in _UNQUOTED_TYPES
    groups = (CONFIG_DENYLIST_REGEX_TO_GROUP if unquoted
              else REGEX_BY_FILETYPE.get(file_type, CONFIG_DENYLIST_REGEX_TO_GROUP))
    for line in lines:
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
                return True
    return False


def secret_in_text(text: str, filename: str = "") -> bool:
    """Whether ``text`` holds a literal secret; ``filename`` picks the keyword regexes.

    >>> secret_in_text("curl -H 'Authorization: Bearer 9f8e7d6c5b4a39281706' https://x.io")
    True
    >>> secret_in_text("curl -H \\"Authorization: Bearer $TOKEN\\" https://x.io")
    False
    """
    lowered = text.lower()
    if any(lit in text and rx.search(text) for lit, rx in _MORE_TOKENS) or any(
        lit in lowered and rx.search(lowered) for lit, rx in _LOWER_TOKENS
    ):
        return True
    for plugin, hint in _TOKEN_PLUGINS:
        if (hint is None or hint.search(text)) and any(
            _plain_value(found) for found in plugin.analyze_string(text)
        ):
            return True
    for line in _lines_with(_KEYED_HINT, text, lowered):
        for plugin in _KEYED_PLUGINS:
            if any(_plain_value(found) for found in plugin.analyze_string(line)):
                return True
    return _keyword_secret(_lines_with(_KEYWORD_HINT, text, lowered), filename)
