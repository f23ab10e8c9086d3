"""Calls that start a service, container or virtual machine through its manager, to run on
after the call returns.

What a manager starts outlives the command that asked: a daemon listens, writes and uses
memory until someone stops it, a container or VM runs with its own network and volumes,
and the user may not know it is there (NIST SP 800-123 'Guide to General Server Security'
4.1 on running only the services needed; CIS Controls v8 4.8 'Uninstall or Disable
Unnecessary Services'; ATT&CK T1569 'System Services'). Stopping and restarting are the
``kill`` act and making a service start at boot is ``autostart`` (``gate.acts``). A
user's view of starting is one view whatever manager starts: someone who stops letting the
agent run ``systemctl start`` stops it for ``brew services start``, ``pm2 start`` and
``vagrant up`` alike. So it is an act across programs (``gate.acts``: ``* start``). Each
manager is read from its own manual; status, listing, logs, help and versions are not the
act, and neither is a container run in the foreground (``docker run`` without ``-d``),
which ends with the call:

- services: ``systemctl start`` (and ``enable --now``), ``service NAME start``,
  ``rc-service NAME start``, ``sv up|start|once``, ``supervisorctl start``, ``pm2 start``,
  ``initctl start``, ``launchctl kickstart|start``, ``brew services start|run``, ``s6-svc
  -u``, Windows ``sc start``, ``net start`` and ``nssm start``;
- containers: ``docker|podman|nerdctl start``, ``docker|podman|nerdctl run -d``
  (``--detach``), ``docker compose up`` and ``docker-compose|podman-compose up``, ``crictl
  start``;
- virtual machines: ``vagrant up|resume``, ``virsh start|resume|create``, ``multipass
  start|launch``, ``lxc|incus start|launch``, ``VBoxManage startvm``, ``qm|pct start``,
  ``prlctl start``, ``limactl|colima|minikube|docker-machine|utmctl|vmrun|orbctl start``,
  ``podman machine start``, ``xl create``, ``lxc-start`` (not
  ``-F``/``--foreground``).

>>> from neuroplast.gate.shell import split_command
>>> [starts_service(s) for s in split_command(
...     "sudo systemctl start nginx; systemctl status nginx; brew services start postgresql; "
...     "docker run --rm alpine true; docker run -d -p 80:80 nginx; vagrant up; vagrant status")]
[True, False, True, False, True, True, False]
"""

from __future__ import annotations

from neuroplast.gate.executed import global_values
from neuroplast.gate.outputs import has_short_option, leads_to, names_option, operands
from neuroplast.gate.shell import Segment
from neuroplast.gate.virtual_machines import MACHINE_STARTS

__all__ = ["starts_service"]

_NOT_STARTING = frozenset({"--help", "-h", "--version", "--dry-run"})
_START = frozenset({"start"})
_CONTAINERS = frozenset({"docker", "podman", "nerdctl"})
# manager -> (the commands, as the first plain words, that lead to the start, the verbs
# that make it); service-style managers (service NAME start) are below
_COMMANDS: dict[str, tuple[tuple[tuple[str, ...], frozenset[str]], ...]] = {
    "systemctl": (((), _START),),
    "sv": (((), frozenset({"up", "start", "once"})),),
    "supervisorctl": (((), _START),), "pm2": (((), _START),), "initctl": (((), _START),),
    "launchctl": (((), frozenset({"kickstart", "start"})),),
    "brew": ((("services",), frozenset({"start", "run"})),),
    "sc": (((), _START),), "net": (((), _START),), "nssm": (((), _START),),
    **{tool: (((), _START), (("compose",), frozenset({"up"})),
              (("container",), _START), (("machine",), _START)) for tool in _CONTAINERS},
    "docker-compose": (((), frozenset({"up"})),), "podman-compose": (((), frozenset({"up"})),),
    "crictl": (((), _START),),
    "vagrant": (((), frozenset({"up", "resume"})),),
    "virsh": (((), frozenset({"start", "resume", "create"})),),
    "multipass": (((), frozenset({"start", "launch"})),),
    "lxc": (((), frozenset({"start", "launch"})),),
    "VBoxManage": (((), frozenset({"startvm"})),), "vboxmanage": (((), frozenset({"startvm"})),),
    "qm": (((), _START),), "pct": (((), _START),),
    "incus": (((), frozenset({"start", "launch"})),),
    # the local machine managers' (gate.virtual_machines)
    **{manager: (((), verbs),) for manager, verbs in MACHINE_STARTS.items()},
}

# the programs this act reads; any other is answered at once
_PROGRAMS = frozenset({"service", "rc-service", "s6-svc", "lxc-start", *_COMMANDS})


def starts_service(seg: Segment) -> bool:
    """Whether ``seg`` starts a service, container or virtual machine that runs on after
    the call (the ``start`` act)."""
    head, argv = seg.head, seg.argv
    words = argv[1:]
    if head not in _PROGRAMS or names_option(words, _NOT_STARTING):
        return False
    if head in ("service", "rc-service"):  # service NAME start
        return operands(argv, frozenset())[1:2] == ["start"]
    if head == "s6-svc":
        return has_short_option(words, "uo")
    if head == "lxc-start":  # lxc-start(1) daemonizes the container unless -F
        return not (has_short_option(words, "F") or "--foreground" in words)
    plain = operands(argv, global_values(head))
    if head == "systemctl" and plain[:1] == ["enable"]:
        return "--now" in words
    if head in _CONTAINERS and (plain[:1] == ["run"] or plain[:2] == ["container", "run"]):
        return "--detach" in words or has_short_option(words, "d")
    return leads_to(plain, _COMMANDS.get(head, ()))
