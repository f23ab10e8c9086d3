"""Calls that load code into the running kernel or take it out: a kernel module or driver
loaded or removed, an eBPF program loaded, another kernel staged to boot into.

Kernel code runs with every privilege the machine has and below anything that could
watch it: a module is how rootkits persist (ATT&CK T1547.006 'Kernel Modules and
Extensions'), a wrong one panics the machine, and removing one takes its device away
from whatever used it (modprobe(8): 'intelligently adds or removes a module from the
Linux kernel'; the kernel's admin guide on module signing; Apple's 'Deprecated kernel
extensions and system extension alternatives'). A user's view of this is one view
whatever tool does it: someone who stops letting the agent run ``modprobe`` stops it for
``insmod``, ``dkms install`` and ``kmutil load`` alike. So it is an act across programs
(``gate.acts``: ``* kernel``). Each tool is read from its own reference; listing, showing
information, dry runs, help and versions are not the act:

- Linux: modprobe(8) (not ``-n``/``--dry-run``, ``-c``, ``-D``/``--show-depends``,
  ``--show-modversions``, ``--dump-modversions``), insmod(8), rmmod(8), ``dkms
  install|uninstall|remove|autoinstall``, ``bpftool prog load|loadall`` and ``bpftool
  struct_ops register``, kexec(8) ``-l``/``-p``/``-e`` (stage or boot another kernel);
- macOS: kextload(8), kextunload(8), ``kmutil load|unload``;
- Windows: ``pnputil /add-driver ... /install`` and ``/delete-driver``.

>>> from neuroplast.gate.shell import split_command
>>> [changes_kernel(s) for s in split_command(
...     "sudo modprobe vfio-pci; modprobe -n -v nvidia; lsmod; modinfo e1000e; "
...     "rmmod pcspkr; dkms status; dkms install nvidia/550.54; kmutil load -p x.kext")]
[True, False, False, False, True, False, True, True]
"""

from __future__ import annotations

from neuroplast.gate.outputs import has_short_option, leads_to, names_option, operands
from neuroplast.gate.shell import Segment

__all__ = ["changes_kernel"]

_NO_CHANGE = frozenset({"--help", "-h", "--version", "-V", "--dry-run", "--show-depends",
                        "--showconfig", "--show-config", "--show-modversions",
                        "--dump-modversions"})
_COMMANDS: dict[str, tuple[tuple[tuple[str, ...], frozenset[str]], ...]] = {
    "dkms": (((), frozenset({"install", "uninstall", "remove", "autoinstall"})),),
    "bpftool": ((("prog",), frozenset({"load", "loadall"})),
                (("struct_ops",), frozenset({"register"}))),
    "kmutil": (((), frozenset({"load", "unload"})),),
}
_ALWAYS = frozenset({"insmod", "rmmod", "kextload", "kextunload"})

# the programs this act reads; any other is answered at once
_PROGRAMS = frozenset({"modprobe", "kexec", "pnputil", *_ALWAYS, *_COMMANDS})


def changes_kernel(seg: Segment) -> bool:
    """Whether ``seg`` loads code into the running kernel or removes it (the ``kernel``
    act)."""
    head, argv = seg.head, seg.argv
    words = argv[1:]
    if head not in _PROGRAMS or names_option(words, _NO_CHANGE):
        return False
    if head in _ALWAYS:
        return bool(words)
    if head == "modprobe":  # -n dry run, -c config, -D dependencies: nothing loaded
        return bool(operands(argv, frozenset({"-C", "--config", "-d", "--dirname", "-S",
                                              "--set-version"}))) \
            and not has_short_option(words, "ncD")
    if head == "kexec":
        return has_short_option(words, "lpe") or bool({"--load", "--load-panic", "--exec"}
                                                      & set(words))
    if head == "pnputil":
        lowered = {a.lower() for a in words}
        return ("/add-driver" in lowered and "/install" in lowered) \
            or "/delete-driver" in lowered
    return leads_to(operands(argv, frozenset()), _COMMANDS.get(head, ()))
