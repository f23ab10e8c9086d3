"""Servers told to listen on every network the machine is on.

A server bound to the loopback address (127.0.0.1, ::1: what development servers, kubectl
proxy, port-forward and Jupyter use by default) is reachable from this machine only. Bound
to the unspecified address (``0.0.0.0``, ``::``: INADDR_ANY, ip(7); RFC 1122 3.2.1.3) it
serves every network the machine is on, so anything the agent starts that way is open to
the local network or the internet. The tools' own documentation warns of it: Flask's
``--host=0.0.0.0`` "makes the server publicly available", ``kubectl proxy --address``
and ``kubectl port-forward --address`` widen an API proxy or a pod's port beyond this
machine, Jupyter's ``--ip``. An address as an option's value or operand
(``--address 0.0.0.0``, ``--bind=::``, ``0.0.0.0:8000``) counts; a URL that names it
(``http://0.0.0.0:8000``, a connection to this machine) does not.

>>> from neuroplast.gate.shell import split_command
>>> [binds_every_interface(s) for s in split_command(
...     "kubectl proxy --address 0.0.0.0; flask run --host=0.0.0.0; python -m http.server "
...     "--bind :: 8000; uvicorn app:app 0.0.0.0:80; curl http://0.0.0.0:8000; flask run")]
[True, True, True, True, False, False]
"""

from __future__ import annotations

import re

from neuroplast.gate.shell import Segment

__all__ = ["binds_every_interface"]

_UNSPECIFIED = re.compile(r"(?:0\.0\.0\.0|::|\[::\])(?::\d{1,5})?")


def binds_every_interface(seg: Segment) -> bool:
    """Whether ``seg`` names the unspecified address as where to listen."""
    for word in seg.argv[1:]:
        if "://" in word:
            continue
        value = word.partition("=")[2] if word.startswith("-") else word
        if _UNSPECIFIED.fullmatch(value):
            return True
    return False
