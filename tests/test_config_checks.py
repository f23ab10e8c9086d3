"""`check_url`: a URL given on a command line or in a config is checked where it is given."""

from __future__ import annotations

import pytest

from neuroplast.config import check_url
from neuroplast.errors import InvalidInputError


@pytest.mark.parametrize(("url", "expected"), [
    ("http://127.0.0.1:8765/", "http://127.0.0.1:8765"),
    ("https://bob.lan:8766", "https://bob.lan:8766"),
    ("http://[::1]:9000/gate/", "http://[::1]:9000/gate"),
    ("http://localhost", "http://localhost"),
])
def test_good_urls_come_back_without_a_trailing_slash(url: str, expected: str) -> None:
    assert check_url(url, "--url") == expected


@pytest.mark.parametrize(("url", "says"), [
    ("http://[::1", "is not a URL"),                  # IPv6 literal left open
    ("http://h/\x01", "control characters"),
    ("https:// spaces here/x", "spaces"),
    ("https://", "names no host"),
    ("notaurl", "must start with http:// or https://"),
    ("ftp://x", "must start with"),
    ("http://x:99999", "port must be a number in 1-65535"),
    ("http://x:0", "port must be"),
    ("http://x:abc", "port must be"),
])
def test_bad_urls_say_what_is_wrong(url: str, says: str) -> None:
    with pytest.raises(InvalidInputError, match=says.replace("(", r"\(")):
        check_url(url, "--url")


def test_schemes_can_be_narrowed() -> None:
    with pytest.raises(InvalidInputError, match=r"must start with http://$"):
        check_url("https://x", "--url", schemes=("http",))
