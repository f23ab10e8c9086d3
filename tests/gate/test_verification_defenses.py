"""Certificate and host-key checks turned off (CWE-295), and protections of the machine
switched off (ATT&CK T1562), as the tools' manuals name the switches."""

from __future__ import annotations

import pytest

from neuroplast.gate.calls import ToolCall
from neuroplast.gate.inspect import inspect_call


def flags(command: str) -> tuple[str, ...]:
    return inspect_call(ToolCall("Bash", {"command": command}, cwd="/home/u/proj")).flags


@pytest.mark.parametrize(
    "command",
    [
        "curl -k https://api.example.com/v1",  # curl(1) -k, --insecure
        "curl -sSkL https://api.example.com/v1",
        "curl --insecure https://api.example.com/v1",
        "wget --no-check-certificate https://example.com/f.tgz",  # wget manual
        "ssh -o StrictHostKeyChecking=no deploy@host",  # ssh_config(5)
        "scp -o UserKnownHostsFile=/dev/null f deploy@host:",
        "git -c http.sslVerify=false clone https://git.example.com/r",  # git-config(1)
        "GIT_SSL_NO_VERIFY=true git pull",
        "pip install --trusted-host pypi.example.com pkg",  # pip docs
        "npm config set strict-ssl false",  # npm-config
        "NODE_TLS_REJECT_UNAUTHORIZED=0 node app.js",  # Node docs
        "kubectl get pods --insecure-skip-tls-verify",  # kubectl, helm
        "helm repo add r https://charts.example.com --insecure-skip-tls-verify",
        "aws s3 ls --no-verify-ssl",  # AWS CLI
        "podman pull --tls-verify=false registry.example.com/app",  # podman, skopeo
        "argocd login cd.example.com --insecure",
        "vault status -tls-skip-verify",  # Vault CLI
    ],
)
def test_verification_off(command: str) -> None:
    assert "verification_off" in flags(command)


@pytest.mark.parametrize(
    "command",
    [
        "curl -sSL https://api.example.com/v1",
        "curl -K curl.conf https://x.io",  # -K reads a config file
        "wget https://example.com/f.tgz",
        "ssh -o StrictHostKeyChecking=accept-new deploy@host",
        "git -c http.sslVerify=true clone https://git.example.com/r",
        "podman pull --tls-verify=true registry.example.com/app",
        "pip install pkg",
        "npm config set strict-ssl true",
    ],
)
def test_verification_on(command: str) -> None:
    assert "verification_off" not in flags(command)


@pytest.mark.parametrize(
    "command",
    [
        "sudo setenforce 0",  # setenforce(8)
        "setenforce Permissive",
        "sudo ufw disable",  # ufw(8)
        "sudo systemctl stop apparmor",
        "sudo systemctl disable --now firewalld.service",
        "systemctl mask auditd",
        "sudo aa-complain /etc/apparmor.d/usr.bin.foo",  # aa-complain(8)
        "sudo aa-disable /etc/apparmor.d/usr.bin.foo",
        "mokutil --disable-validation",  # mokutil(1)
        "csrutil disable",  # System Integrity Protection
        "sudo spctl --master-disable",  # spctl(8), Gatekeeper
        "sudo auditctl -e 0",  # auditctl(8)
        "sudo auditctl -D",
        "sudo iptables -F",  # iptables(8)
        "sudo nft flush ruleset",  # nft(8)
    ],
)
def test_defense_disabled(command: str) -> None:
    assert "defense_disabled" in flags(command)


@pytest.mark.parametrize(
    "command",
    [
        "setenforce 1",
        "getenforce",
        "sudo ufw enable",
        "sudo ufw allow 22/tcp",
        "systemctl status apparmor",
        "sudo systemctl restart firewalld",
        "sudo systemctl stop nginx",
        "mokutil --sb-state",
        "csrutil status",
        "spctl --status",
        "sudo auditctl -l",
        "sudo iptables -L",
        "sudo nft list ruleset",
    ],
)
def test_defense_left_on(command: str) -> None:
    assert "defense_disabled" not in flags(command)
