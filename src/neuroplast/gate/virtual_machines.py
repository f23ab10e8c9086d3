"""Calls that change a virtual machine or a system container through its manager: created,
imported, cloned, reconfigured, started, stopped, suspended, snapshotted, rolled back,
migrated or deleted.

A virtual machine is a whole machine held by another: its disks, memory, processors and
network share the host's, and each change to one is felt by everything else the host runs
or serves (a VM given more memory than the host can spare starves the others; one migrated
or rolled back loses or repeats its work; one deleted takes its disks with it). NIST SP
800-125 'Guide to Security for Full Virtualization Technologies' 4 asks that guests be
created, changed and removed under the same care as physical machines, and NIST SP 800-53
CM-3 puts such changes under change control. A user's view of this is one view whatever
manager makes the change: someone who stops letting the agent run ``qm set --memory`` after
a guest starved the host stops it for ``virsh setmem``, ``VBoxManage modifyvm``, ``limactl
edit`` and ``vagrant reload`` alike. So it is an act across programs (``gate.acts``: ``*
vm``). It is the machine's whole lifecycle, so it shares calls with ``start``, ``kill``,
``destroy`` and ``backup``, which are each one stage of any service's or store's; this one
is the virtual machine's. Cloud servers are ``provision``. Each manager is read from its
own manual; listing, status, information, consoles and sessions inside the guest (``vagrant
ssh``, ``lxc exec``: commands run in the machine, not changes to it), help and versions are
not the act:

- hypervisors' managers: Proxmox's ``qm`` and ``pct`` (qm(1), pct(1): create, clone,
  set, resize, snapshot, rollback, migrate, start, stop, destroy...; their commands may be
  abbreviated, ``qm cr``, ``pct des``), ``qmrestore`` and ``pvesh
  create|set|delete`` of a ``/qemu`` or ``/lxc`` path; libvirt's virsh(1) (domain, network,
  pool and volume commands that define, change, start, stop or remove: ``define``,
  ``setmem``, ``attach-disk``, ``snapshot-revert``, ``undefine``, ``pool-build``...),
  ``virt-install``, ``virt-clone``, ``virt-xml`` with ``--edit``, ``--add-device`` or
  ``--remove-device``, ``virt-customize``, ``virt-sysprep`` (not ``--dry-run`` or
  ``--list-operations``), ``virt-resize`` and ``virt-v2v``; ``VBoxManage`` (createvm,
  modifyvm, clonevm, import, controlvm, snapshot, storageattach, unregistervm...); Xen's
  ``xl``; Hyper-V's cmdlets (``New-VM``, ``Set-VMMemory``, ``Checkpoint-VM``...);
  VMware's ``vmrun`` and ``govc vm.*``; Parallels' ``prlctl``; ``utmctl``; ``tart``;
- local machine and container managers: ``vagrant up|halt|reload|destroy|suspend|resume|
  provision`` and its snapshots, ``limactl``, ``multipass``, ``colima``, ``minikube``,
  ``docker-machine``, ``podman machine``, ``orbctl``; system containers: LXD's ``lxc`` and
  ``incus`` (launch, config, profile assign, copy, move, snapshot, restore...), LXC's
  ``lxc-create``, ``lxc-start``, ``lxc-destroy``..., ``distrobox`` and ``toolbox``;
- a guest's disk image changed: ``qemu-img create|resize|snapshot|commit|rebase|amend``
  (not ``snapshot -l``); a guest run by ``qemu-system-*`` (not a ``help`` query).

>>> from neuroplast.gate.shell import split_command
>>> [changes_vm(s) for s in split_command(
...     "qm set 100 --memory 8192; qm config 100; qm sn 100 pre-upgrade; virsh list --all; "
...     "virsh setmem web 4G; VBoxManage modifyvm dev --cpus 4; VBoxManage showvminfo dev; "
...     "limactl create --name dev template:debian; limactl list; vagrant reload; "
...     "vagrant ssh; lxc config set c1 limits.memory 2GiB; lxc exec c1 -- ls")]
[True, False, True, False, True, True, False, True, False, True, False, True, False]
"""

from __future__ import annotations

import re

from neuroplast.gate.executed import global_values
from neuroplast.gate.outputs import has_short_option, leads_to, names_option, operands
from neuroplast.gate.shell import Segment

__all__ = ["changes_vm"]

_NOT_RUN = frozenset({"--help", "-h", "-?", "--version", "-V", "--dry-run", "--dryrun"})

# Proxmox's commands (qm(1), pct(1)), each also accepted abbreviated; those that change
# the guest are below (sendkey too, as virsh's send-key: keys pressed on its console), the
# others (config, list, status, terminal, exec...) read it or run something inside it
_QM_COMMANDS = frozenset({
    "agent", "cleanup", "clone", "cloudinit", "config", "create", "delsnapshot", "destroy",
    "disk", "guest", "help", "import", "importdisk", "importovf", "list", "listsnapshot",
    "migrate", "monitor", "move-disk", "mtunnel", "nbdstop", "pending", "reboot",
    "remote-migrate", "rescan", "reset", "resize", "resume", "rollback", "sendkey", "set",
    "showcmd", "shutdown", "snapshot", "start", "status", "stop", "suspend", "template",
    "terminal", "unlink", "unlock", "vncproxy", "wait"})
_QM_CHANGES = frozenset({
    "clone", "create", "delsnapshot", "destroy", "import", "importdisk", "importovf",
    "migrate", "move-disk", "reboot", "remote-migrate", "reset", "resize", "resume",
    "rollback", "sendkey", "set", "shutdown", "snapshot", "start", "stop", "suspend",
    "template", "unlink", "unlock"})
_QM_DISK_COMMANDS = frozenset({"import", "move", "rescan", "resize", "unlink"})
_QM_DISK_CHANGES = frozenset({"import", "move", "resize", "unlink"})
_PCT_COMMANDS = frozenset({
    "clone", "config", "console", "cpusets", "create", "delsnapshot", "destroy", "df",
    "enter", "exec", "fsck", "fstrim", "help", "list", "listsnapshot", "migrate", "mount",
    "move-volume", "pending", "pull", "push", "reboot", "remote-migrate", "rescan", "resize",
    "restore", "resume", "rollback", "set", "shutdown", "snapshot", "start", "status", "stop",
    "suspend", "template", "unlock", "unmount"})
_PCT_CHANGES = frozenset({
    "clone", "create", "delsnapshot", "destroy", "fsck", "migrate", "move-volume", "reboot",
    "remote-migrate", "resize", "restore", "resume", "rollback", "set", "shutdown", "snapshot",
    "start", "stop", "suspend", "template", "unlock"})
_PVESH_COMMANDS = frozenset({"create", "delete", "get", "ls", "set", "usage", "help"})
_PVESH_CHANGES = frozenset({"create", "delete", "set"})

# virsh(1): the domain, network, pool and volume commands that define, change, start, stop
# or remove one (not list, info, dump, console, domblklist...)
_VIRSH_CHANGES = frozenset({
    "autostart", "attach-device", "attach-disk", "attach-interface", "blockcommit",
    "blockcopy", "blockpull", "blockresize", "change-media", "create", "define", "desc",
    "destroy", "detach-device", "detach-disk", "detach-interface", "domrename", "edit",
    "managedsave", "managedsave-remove", "migrate", "reboot", "reset", "restore", "resume",
    "save", "setmaxmem", "setmem", "setvcpus", "setvcpu", "shutdown", "start", "suspend",
    "undefine", "update-device", "vcpupin", "memtune", "blkiotune", "domif-setlink",
    "dompmsuspend", "dompmwakeup", "inject-nmi", "send-key", "set-user-password",
    "guestvcpus", "snapshot-create", "snapshot-create-as", "snapshot-delete",
    "snapshot-revert", "snapshot-edit", "net-create", "net-define", "net-destroy",
    "net-undefine", "net-start", "net-autostart", "net-edit", "net-update", "pool-create",
    "pool-create-as", "pool-define", "pool-define-as", "pool-build", "pool-delete",
    "pool-destroy", "pool-start", "pool-undefine", "pool-autostart", "pool-edit",
    "vol-create", "vol-create-as", "vol-create-from", "vol-clone", "vol-delete", "vol-wipe",
    "vol-resize", "vol-upload"})
# VBoxManage's commands that change a machine or its media (VBoxManage(1)); ``snapshot VM
# list|showvminfo`` and ``cloud ... list|info`` only read
_VBOX_CHANGES = frozenset({
    "createvm", "registervm", "unregistervm", "modifyvm", "clonevm", "movevm", "import",
    "controlvm", "startvm", "storageattach", "storagectl", "sharedfolder", "setextradata",
    "createmedium", "createhd", "createvdi", "modifymedium", "modifyhd", "closemedium",
    "discardstate", "adoptstate", "unattended", "encryptvm", "modifynvram", "hostonlyif",
    "natnetwork", "dhcpserver", "snapshot", "cloud"})
_VBOX_READS = frozenset({"list", "showvminfo", "info"})
# program -> (the words that lead to a verb, the verbs that change a machine), each from its
# manual; the words are the sub-command and the plain words after it
# The local machine managers' verbs that stop, restart or pause a machine and those that
# start one, from each manager's manual: the ``kill`` and ``start`` acts read them from
# here, and each is also a change of the machine (below).
MACHINE_STOPS: dict[str, frozenset[str]] = {
    "limactl": frozenset({"stop", "restart"}), "minikube": frozenset({"stop", "pause"}),
    "colima": frozenset({"stop", "restart"}),
    "docker-machine": frozenset({"stop", "restart", "kill"}),
    "distrobox": frozenset({"stop"}), "tart": frozenset({"stop", "suspend"}),
    "utmctl": frozenset({"stop", "suspend"}),
    "prlctl": frozenset({"stop", "restart", "reset", "suspend", "pause"}),
    "vmrun": frozenset({"stop", "reset", "suspend", "pause"}),
    "xl": frozenset({"shutdown", "destroy", "reboot", "pause"}),
    "orbctl": frozenset({"stop", "restart"}), "orb": frozenset({"stop", "restart"}),
}
MACHINE_STARTS: dict[str, frozenset[str]] = {
    **dict.fromkeys(("limactl", "colima", "minikube", "docker-machine", "utmctl", "vmrun",
                     "orbctl", "orb", "prlctl"), frozenset({"start"})),
    "xl": frozenset({"create"}),
}


def _runs(manager: str, *others: str) -> frozenset[str]:
    """A manager's verbs that start or stop a machine, with ``others`` that change it."""
    return MACHINE_STOPS[manager] | MACHINE_STARTS.get(manager, frozenset()) | frozenset(others)


_CHANGES: dict[str, tuple[tuple[tuple[str, ...], frozenset[str]], ...]] = {
    "vagrant": (((), frozenset({"up", "halt", "reload", "destroy", "suspend", "resume",
                                "provision"})),
                (("snapshot",), frozenset({"save", "push", "pop", "restore", "delete"}))),
    "limactl": (((), _runs("limactl", "create", "delete", "remove", "rm", "edit", "clone",
                           "rename", "factory-reset")),
                (("snapshot",), frozenset({"create", "delete", "apply"})),
                (("disk",), frozenset({"create", "delete", "resize", "unlock"}))),
    "multipass": (((), frozenset({"launch", "start", "stop", "restart", "suspend", "delete",
                                  "purge", "recover", "snapshot", "restore", "clone", "set"})),),
    "colima": (((), _runs("colima", "delete")),
               (("kubernetes",), frozenset({"start", "stop", "reset", "delete"}))),
    "minikube": (((), _runs("minikube", "delete", "unpause")),
                 (("node",), frozenset({"add", "delete", "start", "stop"}))),
    "docker-machine": (((), _runs("docker-machine", "create", "rm", "upgrade", "provision")),),
    "podman": ((("machine",), frozenset({"init", "start", "stop", "rm", "reset", "set"})),),
    **{orb: (((), _runs(orb, "create", "delete", "rename", "clone")),)
       for orb in ("orbctl", "orb")},
    "distrobox": (((), _runs("distrobox", "create", "rm", "upgrade")),
                  (("assemble",), frozenset({"create", "rm"}))),
    "toolbox": (((), frozenset({"create", "rm"})),),
    "tart": (((), _runs("tart", "create", "clone", "set", "delete", "run", "rename",
                        "import")),),
    "prlctl": (((), _runs("prlctl", "create", "clone", "delete", "set", "resume", "snapshot",
                          "snapshot-delete", "snapshot-switch", "register", "unregister",
                          "migrate")),),
    "vmrun": (((), _runs("vmrun", "unpause", "snapshot", "deletesnapshot", "reverttosnapshot",
                         "clone", "deletevm", "register", "unregister", "upgradevm")),),
    "utmctl": (((), _runs("utmctl", "clone", "delete")),),
    "xl": (((), _runs("xl", "unpause", "migrate", "save", "restore", "rename", "mem-set",
                      "mem-max", "vcpu-set", "block-attach", "block-detach", "network-attach",
                      "network-detach", "config-update")),),
    "qemu-img": (((), frozenset({"create", "resize", "snapshot", "commit", "rebase",
                                 "amend"})),),
}
# LXD's lxc and Incus (lxc(1), incus(1)): instances launched, changed, copied, moved,
# snapshotted, restored or deleted; ``config show``, ``profile show|list`` only read
_LXD: tuple[tuple[tuple[str, ...], frozenset[str]], ...] = (
    ((), frozenset({"launch", "init", "create", "start", "stop", "restart", "pause", "freeze",
                    "delete", "rm", "copy", "cp", "move", "mv", "rename", "rebuild",
                    "restore", "import"})),
    (("snapshot",), frozenset({"create", "delete", "restore", "rename"})),
    (("config",), frozenset({"set", "unset", "edit"})),
    (("config", "device"), frozenset({"add", "remove", "set", "unset", "override"})),
    (("profile",), frozenset({"assign", "add", "remove"})),
)
_LXD_SNAPSHOT_READS = frozenset({"list", "show", "info"})
_ALWAYS = frozenset({"virt-install", "virt-clone", "virt-customize", "virt-resize",
                     "virt-v2v", "qmrestore", "lxc-create", "lxc-destroy", "lxc-start",
                     "lxc-stop", "lxc-freeze", "lxc-unfreeze", "lxc-copy", "lxc-clone",
                     "lxc-snapshot", "distrobox-create", "distrobox-rm", "distrobox-stop",
                     "distrobox-upgrade"})
_HYPERV = re.compile(r"^(?:New|Set|Remove|Start|Stop|Restart|Suspend|Resume|Save|Checkpoint|"
                     r"Restore|Move|Import|Rename|Add|Connect|Disconnect|Enable|Disable|"
                     r"Update|Repair|Compare|Merge|Mount|Dismount|Resize|Convert|Optimize)"
                     r"-VM\w*$")
_QEMU_SYSTEM = re.compile(r"^qemu-system-\w+$|^qemu-kvm$")
_GOVC_CHANGES = re.compile(r"^(?:vm\.(?:create|destroy|power|change|clone|migrate|register|"
                           r"unregister|upgrade|markastemplate|markasvm|customize|"
                           r"instantclone|disk\.\w+|network\.\w+)|snapshot\.(?:create|remove|"
                           r"revert)|device\.(?:remove|connect|disconnect|cdrom\.\w+|"
                           r"floppy\.\w+|usb\.\w+|serial\.\w+)|import\.\w+)$")

# options before the command that take a value, where ``gate.executed`` does not list them
_VALUES = {"vmrun": frozenset({"-T", "-h", "-P", "-u", "-p", "-vp", "-gu", "-gp"})}

_PROGRAMS = frozenset({"qm", "pct", "pvesh", "virsh", "virt-xml", "virt-sysprep", "VBoxManage",
                       "vboxmanage", "lxc", "incus", "govc", *_CHANGES, *_ALWAYS})


def _proxmox_commands(word: str, commands: frozenset[str]) -> frozenset[str]:
    """The commands ``word`` may name: itself spelled in full, else every command it is a
    prefix of (Proxmox's CLI takes abbreviations, ``qm cr`` for ``qm create``)."""
    word = word.replace("_", "-")
    if not word or word in commands:
        return frozenset({word} & commands)
    return frozenset(c for c in commands if c.startswith(word))


def _proxmox_changes(word: str, commands: frozenset[str], changes: frozenset[str]) -> bool:
    """Whether ``word`` names a command of ``changes``: every command it may name is one."""
    named = _proxmox_commands(word, commands)
    return bool(named) and named <= changes


def changes_vm(seg: Segment) -> bool:
    """Whether ``seg`` changes a virtual machine or system container through its manager
    (the ``vm`` act)."""
    head, argv = seg.head, seg.argv
    words = argv[1:]
    hyperv, qemu = bool(_HYPERV.match(head)), bool(_QEMU_SYSTEM.match(head))
    if not (head in _PROGRAMS or hyperv or qemu) or names_option(words, _NOT_RUN):
        return False
    if head in _ALWAYS or hyperv:
        return True
    if qemu:  # a guest run, not a query of the machines, devices or CPUs it knows
        return bool(words) and not any(a in ("help", "?") or a.endswith(("=help", "=?"))
                                       for a in words)
    plain = operands(argv, _VALUES.get(head, global_values(head)))
    if head == "vmrun":  # its commands are case-insensitive (deleteSnapshot)
        plain = [w.lower() for w in plain]
    verb = plain[0] if plain else ""
    if head == "qm":
        command = _proxmox_commands(verb, _QM_COMMANDS)
        rest = plain[1] if plain[1:] else ""
        if command == {"disk"}:
            return _proxmox_changes(rest, _QM_DISK_COMMANDS, _QM_DISK_CHANGES)
        if command == {"cloudinit"}:  # its dump and pending only print
            return _proxmox_changes(rest, frozenset({"dump", "pending", "update"}),
                                    frozenset({"update"}))
        if command == {"guest"}:  # a user's password set in the guest; exec runs inside
            return _proxmox_changes(rest, frozenset({"cmd", "exec", "exec-status", "passwd"}),
                                    frozenset({"passwd"}))
        return _proxmox_changes(verb, _QM_COMMANDS, _QM_CHANGES)
    if head == "pct":
        return _proxmox_changes(verb, _PCT_COMMANDS, _PCT_CHANGES)
    if head == "pvesh":  # the API's write commands on a guest's path
        return _proxmox_changes(verb, _PVESH_COMMANDS, _PVESH_CHANGES) and any(
            "/qemu" in a or "/lxc" in a for a in plain[1:2])
    if head == "virsh":
        return verb in _VIRSH_CHANGES
    if head == "virt-xml":  # virt-xml(1): a change defined, unless the XML is only printed
        edits = names_option(words, ("--edit", "--add-device", "--remove-device"))
        prints = any(a in ("--build-xml", "--print-xml", "--print-diff") for a in words)
        return edits and not (prints and not {"--define", "--update"} & set(words))
    if head == "virt-sysprep":
        return "--list-operations" not in words and bool(words)
    if head in ("VBoxManage", "vboxmanage"):
        if verb == "snapshot":  # VBoxManage snapshot VM take|delete|restore|edit...
            return bool(plain[2:3]) and plain[2] not in ("list", "showvminfo")
        if verb == "cloud":
            return not _VBOX_READS.intersection(plain[1:3])
        if verb in ("sharedfolder", "hostonlyif", "natnetwork", "dhcpserver"):
            return plain[1:2] != ["list"]
        return verb in _VBOX_CHANGES
    if head in ("lxc", "incus"):
        if verb == "snapshot" and plain[1:2] and plain[1] not in (
                "create", "delete", "restore", "rename", *_LXD_SNAPSHOT_READS):
            return True  # lxc snapshot INSTANCE [NAME]: LXD's form, which takes one
        return leads_to(plain, _LXD)
    if head == "govc":
        return bool(_GOVC_CHANGES.match(verb))
    if head == "qemu-img" and verb == "snapshot":
        return not has_short_option(words, "l")
    return leads_to(plain, _CHANGES.get(head, ()))
