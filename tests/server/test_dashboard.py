"""The dashboard's access over real HTTP: a one-time login link, then an HttpOnly,
SameSite=Strict session cookie that opens only the dashboard's own GETs from its own
pages; everything else still needs the token."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest

from neuroplast.server.service import create_service
from neuroplast.server.service_config import ServiceConfig
from neuroplast.server.sessions import COOKIE, login_code
from neuroplast.server.subsystems import available

if TYPE_CHECKING:
    from conftest import Served  # tests/server/conftest.py


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("home")


@pytest.fixture(scope="module")
def service(serve: Callable[..., Served], home: Path) -> Served:
    config = ServiceConfig.from_dict({"gate": {"learner": {"backend": "thread"}}},
                                     available())
    return serve(create_service(config, data_dir=home))


def _login(service: Served, home: Path) -> tuple[httpx.Response, str]:
    code = login_code(service.token(home).encode())
    answer = httpx.get(f"{service.url}/login", params={"code": code})
    return answer, code


def test_the_page_needs_a_session_and_the_link_works_once(service: Served, home: Path) -> None:
    assert httpx.get(f"{service.url}/").status_code == 401
    answer, code = _login(service, home)
    assert answer.status_code == 303 and answer.headers["location"] == "/"
    cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/" in cookie
    session = answer.cookies[COOKIE]
    page = httpx.get(f"{service.url}/", cookies={COOKIE: session})
    assert page.status_code == 200 and "<title>neuroplast</title>" in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    data = httpx.get(f"{service.url}/v1/dashboard/data", cookies={COOKIE: session},
                     headers={"Sec-Fetch-Site": "same-origin"})
    assert data.status_code == 200 and "gate" in data.json()
    again = httpx.get(f"{service.url}/login", params={"code": code})
    assert again.status_code == 401  # used once


def test_a_session_opens_nothing_but_the_dashboards_gets(service: Served, home: Path) -> None:
    session = _login(service, home)[0].cookies[COOKIE]
    cookies = {COOKIE: session}
    # not the rest of the API
    assert httpx.get(f"{service.url}/v1/gate/stats", cookies=cookies).status_code == 401
    # not from another site's page
    cross = httpx.get(f"{service.url}/v1/dashboard/data", cookies=cookies,
                      headers={"Sec-Fetch-Site": "cross-site"})
    assert cross.status_code == 403
    foreign = httpx.get(f"{service.url}/v1/dashboard/data", cookies=cookies,
                        headers={"Origin": "http://evil.example"})
    assert foreign.status_code == 403
    # not a forged or expired cookie, not another Host
    assert httpx.get(f"{service.url}/", cookies={COOKIE: "9999999999.ab.cd"}
                     ).status_code == 401
    assert httpx.get(f"{service.url}/", cookies=cookies, headers={"Host": "evil.example"}
                     ).status_code == 421
    # a login link opened from another site's page is refused
    code = login_code(service.token(home).encode())
    assert httpx.get(f"{service.url}/login", params={"code": code},
                     headers={"Sec-Fetch-Site": "cross-site"}).status_code == 403
    # the token still opens the data (scripts, curl)
    with service.client(home) as client:
        assert client.get("/v1/dashboard/data").status_code == 200
