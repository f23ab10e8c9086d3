"""Options that turn off the check telling a server from an impostor, as the tools' manuals
name them.

A connection whose certificate or host key is not verified can be read and changed by
anyone on the path: CWE-295, 'Improper Certificate Validation'. What is downloaded may be
someone else's, and what is sent (a token, a password) goes to whoever answers. Every
tool below documents its switch as insecure.

>>> from neuroplast.gate.shell import split_command
>>> line = "curl -k https://x.io; curl -sSL https://x.io; ssh -o StrictHostKeyChecking=no h"
>>> [turns_verification_off(s) for s in split_command(line)]
[True, False, True]
"""

from __future__ import annotations

import re

from neuroplast.gate.shell import Segment

__all__ = ["turns_verification_off"]

# Any program's long option named for turning verification off: curl(1) --insecure,
# argocd --insecure, grpcurl -insecure, kubectl and helm --insecure-skip-tls-verify, Vault
# -tls-skip-verify, wget --no-check-certificate, AWS CLI --no-verify-ssl, podman, buildah
# and skopeo --tls-verify=false, docker --tlsverify=false, pip --trusted-host (pip
# docs: 'Mark this host or host:port pair as trusted, even though it does not have valid
# or any HTTPS').
_OPTION = re.compile(
    r"--?(?:insecure(?:-skip-tls-verify|-skip-verify)?|(?:tls-)?skip-(?:tls-)?verify"
    r"|tls-skip-verify|no-check-certificate|no-verify-ssl|no-ssl-verify|trusted-host"
    r"|tls-?verify=(?:false|0))", re.IGNORECASE)
# Settings that do the same wherever they are written: ssh_config(5) StrictHostKeyChecking
# no/off and UserKnownHostsFile /dev/null (given with -o); git-config(1) http.sslVerify
# false and GIT_SSL_NO_VERIFY; npm-config strict-ssl false; Node's
# NODE_TLS_REJECT_UNAUTHORIZED=0 ('makes TLS connections and HTTPS requests insecure');
# PEP 493's PYTHONHTTPSVERIFY=0.
_SETTING = re.compile(
    r"StrictHostKeyChecking[= ]+(?:no|off)\b|UserKnownHostsFile[= ]+/dev/null"
    r"|http\.sslVerify[= ]+(?:false|0)|GIT_SSL_NO_VERIFY=\S|strict-ssl[= ]+false"
    r"|NODE_TLS_REJECT_UNAUTHORIZED=0|PYTHONHTTPSVERIFY=0", re.IGNORECASE)
# curl(1): -k, --insecure, also among other one-letter options (-sSkL)
_CURL_K = re.compile(r"-[a-zA-Z]*k[a-zA-Z]*")


def turns_verification_off(seg: Segment) -> bool:
    """Whether ``seg`` connects without verifying certificates or host keys.

    >>> from neuroplast.gate.shell import split_command
    >>> line = ("GIT_SSL_NO_VERIFY=1 git clone https://x.io/r; pip install --trusted-host x.io q; "
    ...         "kubectl get pods --insecure-skip-tls-verify; podman pull --tls-verify=false r/i")
    >>> [turns_verification_off(s) for s in split_command(line)]
    [True, True, True, True]
    """
    argv = seg.argv
    if any(_OPTION.fullmatch(a.split("=", 1)[0]) or _OPTION.fullmatch(a) for a in argv[1:]):
        return True
    if seg.head == "curl" and any(_CURL_K.fullmatch(a) for a in argv[1:]):
        return True
    return _SETTING.search(" ".join(seg.words)) is not None
