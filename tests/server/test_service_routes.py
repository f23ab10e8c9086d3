"""Every route of the one service, found by walking the app (not a list kept by hand),
behind the locked gate's protections over real HTTP: a foreign Host is refused (421), a
web page is refused (403), a body that is not JSON is refused (415), a request without
the token is refused (401) unless the route proves its caller by its own means (a peer's
signature, a login code), no answer carries a CORS header, and every file the service
wrote is private (0600 files in 0700 folders).

A subsystem added later (sona, memory) is covered as soon as it is installed: its routes
are in the app. A route that does not want the token must be named in ``OWN_PROOF``,
with the refusal an unauthenticated caller gets from it.
"""

from __future__ import annotations

import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest
from fastapi import FastAPI
from starlette.routing import BaseRoute, Route

from neuroplast.server.guard import Guard
from neuroplast.server.service import create_service
from neuroplast.server.service_config import ServiceConfig
from neuroplast.server.subsystems import available

if TYPE_CHECKING:
    from conftest import Served  # tests/server/conftest.py

# routes that need no token, and what a caller without any proof gets from each
OWN_PROOF = {
    "/healthz": 200,  # liveness only: the names of the running subsystems
    "/v1/peers/inbox": 400,  # a signed bundle from a trusted key, or nothing is applied
    "/v1/peers/outbox": 403,  # a signed pull request from a trusted key
    "/v1/peers/adapter": 403,  # the same, from a key trusted with weights
    "/login": 401,  # a one-time code made with the token (`neuroplast dashboard`)
}
# query parameters that every route's validation accepts, so the check under test is
# the route's own proof of its caller, not a missing parameter
QUERY = {"after": "0", "code": "0.0.0", "kind": "memory"}
BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("home")


@pytest.fixture(scope="module")
def app(home: Path) -> FastAPI:
    # every installed subsystem, with its defaults (training in a thread: a worker
    # process starts slowly on a busy machine, and training is not what this is about)
    config = ServiceConfig.from_dict({"gate": {"learner": {"backend": "thread"}}},
                                     available())
    return create_service(config, data_dir=home)


@pytest.fixture(scope="module")
def service(serve: Callable[..., Served], app: FastAPI) -> Served:
    return serve(app)


@pytest.fixture(scope="module")
def http() -> Iterator[httpx.Client]:
    """One connection for every request (a new one each made the walk take seconds)."""
    with httpx.Client(timeout=60) as client:
        yield client


def _routes(app: FastAPI) -> Iterator[tuple[str, str]]:
    """Every (method, path) the app answers, path parameters filled in."""
    return _walk(app.routes, "")


def _walk(routes: list[BaseRoute], prefix: str) -> Iterator[tuple[str, str]]:
    for route in routes:
        # FastAPI >= 0.165 keeps an included router as one entry (a private class): walk in
        included = getattr(route, "original_router", None)
        if included is not None:
            yield from _walk(included.routes, prefix + route.include_context.prefix)
            continue
        assert isinstance(route, Route), f"{route!r}: a mount or websocket nothing checks"
        path = prefix + route.path_format
        for name in route.param_convertors:
            path = path.replace("{" + name + "}", "x")
        for method in sorted(route.methods or ()):
            yield method, path


def _send(http: httpx.Client, service: Served, method: str, path: str,
          headers: dict[str, str], body: bytes = b"{}") -> httpx.Response:
    content = body if method in BODY_METHODS else None
    if content is not None:
        headers = {"Content-Type": "application/json", **headers}
    return http.request(method, service.url + path, params=QUERY, headers=headers,
                        content=content)


def _no_cors(answer: httpx.Response) -> None:
    cors = [h for h in answer.headers if h.lower().startswith("access-control-")]
    assert not cors, (answer.request.method, answer.request.url, cors)


def test_the_walk_finds_every_subsystems_routes(app: FastAPI) -> None:
    paths = {path for _, path in _routes(app)}
    running = set(available())
    assert {"/v1/status", "/v1/gate/stats", "/v1/hooks/claude-code", "/openapi.json"} <= paths
    if "peers" in running:
        assert {"/v1/peers", "/v1/peers/inbox", "/v1/peers/outbox", "/v1/peers/adapter"
                } <= paths
    if "dashboard" in running:
        assert {"/", "/login", "/v1/dashboard/data"} <= paths
    # the routes that take no token are those the Guard lets through, and the login
    guard = next(m for m in app.user_middleware if m.cls is Guard)
    no_token = set(guard.kwargs["public"]) | ({"/login"} if "/login" in paths else set())
    assert {p for p in OWN_PROOF if p in paths} == no_token


def test_every_route_refuses_a_caller_without_the_token(
        service: Served, app: FastAPI, home: Path, http: httpx.Client) -> None:
    checked = 0
    for method, path in _routes(app):
        answer = _send(http, service, method, path, {})
        expected = OWN_PROOF.get(path, 401)
        assert answer.status_code == expected, (method, path, answer.text[:300])
        if expected == 401 and method != "HEAD":
            assert answer.json()["error"]["type"] == "AuthenticationError", (method, path)
        _no_cors(answer)
        # a wrong token is no token
        if path not in OWN_PROOF:
            wrong = _send(http, service, method, path, {"Authorization": "Bearer " + "x" * 43})
            assert wrong.status_code == 401, (method, path)
        checked += 1
    assert checked >= 10
    # and nothing was learned from any of it
    with service.client(home) as client:
        gate = client.get("/v1/status").json()["subsystems"]["gate"]
    assert gate["decisions"] == 0 and gate["labelled"] == 0


def test_every_route_refuses_another_host_and_web_pages(
        service: Served, app: FastAPI, home: Path, http: httpx.Client) -> None:
    token = {"Authorization": f"Bearer {service.token(home)}"}
    for method, path in _routes(app):
        # a page whose DNS name was rebound to 127.0.0.1 sends its own name, our port
        foreign = _send(http, service, method, path,
                        {**token, "Host": f"evil.example:{service.port}"})
        assert foreign.status_code == 421, (method, path)
        page = _send(http, service, method, path, {**token, "Origin": "http://evil.example"})
        assert page.status_code == 403, (method, path)
        fetched = _send(http, service, method, path, {**token, "Sec-Fetch-Site": "cross-site"})
        assert fetched.status_code == 403, (method, path)
        for answer in (foreign, page, fetched):
            _no_cors(answer)
        preflight = http.options(service.url + path, headers={
            "Origin": "http://evil.example", "Access-Control-Request-Method": method})
        assert preflight.status_code == 403, path
        _no_cors(preflight)


def test_every_route_that_takes_a_body_takes_only_json(
        service: Served, app: FastAPI, home: Path, http: httpx.Client) -> None:
    token = {"Authorization": f"Bearer {service.token(home)}"}
    posts = [(m, p) for m, p in _routes(app) if m in BODY_METHODS]
    assert posts
    for method, path in posts:
        for media in ("text/plain", "application/x-www-form-urlencoded",
                      "multipart/form-data; boundary=x"):
            answer = http.request(method, service.url + path, params=QUERY,
                                  headers={**token, "Content-Type": media}, content=b"{}")
            assert answer.status_code == 415, (method, path, media)
        untyped = http.request(method, service.url + path, params=QUERY, headers=token,
                               content=b"{}")
        assert untyped.status_code == 415, (method, path)


def test_every_file_the_service_wrote_is_private(service: Served, home: Path) -> None:
    with service.client(home) as client:  # something written to every log
        client.answer("private-1", "git status", approved=True)
    found = 0
    for item in [home, *home.rglob("*")]:
        try:
            status = item.lstat()
        except FileNotFoundError:  # a checkpoint's temporary file, renamed while we walked
            continue
        mode = stat.S_IMODE(status.st_mode)
        if stat.S_ISDIR(status.st_mode):
            assert mode == 0o700, (item, oct(mode))
        else:
            assert mode & 0o077 == 0, (item, oct(mode))
            found += 1
    names = {p.name for p in home.rglob("*")}
    assert {"token", "gate.db"} <= names
    if "peers" in available():
        assert {"identity.pem", "peers.db"} <= names
    assert found >= 3
