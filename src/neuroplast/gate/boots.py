"""Calls that change how a machine boots: its boot loader installed or configured, its boot
entries, their order and the next or default one, the kernel's command line, the initial
ram disk rebuilt, the keys Secure Boot trusts.

What a machine boots decides whether it comes back at all: a boot loader written to the
wrong disk, a broken initramfs or an entry order that points at nothing leaves it
unbootable until someone reaches its console (NIST SP 800-147 'BIOS Protection
Guidelines' and SP 800-193 on the boot path as the root of a platform's integrity; NIST SP
800-53 CM-3 and CM-5, change control of system components; ATT&CK T1542 'Pre-OS Boot'
and T1547 on boot-time persistence). A user's view of this is one view whatever tool
changes it: someone who stops letting the agent run ``grub-set-default`` after a server
came back into the wrong kernel stops it for ``efibootmgr -o``, ``bootctl set-default``,
``grubby --update-kernel`` and ``update-initramfs`` alike. So it is an act across
programs (``gate.acts``: ``* boot``). Rebooting is the ``kill`` act and a kernel module
loaded into the running kernel ``kernel``; this one is what the next boot runs. Each tool
is read from its own manual; listing, status, probes, checks, dry runs, help and versions
are not the act:

- GRUB: ``grub-install``, ``grub-bios-setup``, ``update-grub``, ``grub-mkconfig -o``
  (without ``-o`` it only prints), ``grub-set-default``, ``grub-reboot``, ``grub-editenv
  FILE set|unset|create``, each also as ``grub2-*``; grubby(8) ``--set-default*``,
  ``--update-kernel``, ``--add-kernel``, ``--remove-kernel`` (not ``--info``,
  ``--default-*``);
- UEFI: efibootmgr(8) creating, deleting or activating an entry or setting the order,
  next boot or timeout (``-c``, ``-B``, ``-o``, ``-n``, ``-N``, ``-a``, ``-A``, ``-O``,
  ``-t``, ``-T``; alone or with ``-v`` it lists); bootctl(1) ``install|update|remove|
  set-default|set-oneshot|set-timeout|set-timeout-oneshot|reboot-to-firmware BOOL|
  unlink|cleanup|random-seed``; Limine's ``bios-install``, ``limine-install``,
  ``limine-update``, ``limine-entry-tool --add*|--remove*``, ``limine-enroll-config``;
  rEFInd's ``refind-install``, ``refind-mkdefault``; ``proxmox-boot-tool
  init|format|refresh|reinit|clean`` and ``kernel add|remove|pin|unpin``; Windows'
  ``bcdedit /set|/create|/delete|/default|/bootsequence|/displayorder|/timeout|/copy|
  /import|/deletevalue``; macOS's ``bless`` (not ``--info``, ``--getBoot``) and nvram(8)
  writes (``NAME=VALUE``, ``-d``, ``-c``, ``-f``);
- BIOS boot loaders: syslinux(1), ``extlinux --install|--update``, lilo(8) (not ``-q``,
  ``-t``);
- kernels and initramfs: ``kernel-install add|add-all|remove``, kernelstub (not
  ``--print-config``, ``--dry-run``), ``update-initramfs -c|-u|-d``, ``mkinitcpio
  -P|-p|-g``, dracut (not ``--list-modules``, ``--print-cmdline``);
- Secure Boot's keys: sbctl ``create-keys|enroll-keys|setup|reset|rotate-keys``, mokutil
  ``--import|--delete|--enable-validation|--disable-validation|--reset|--import-hash|
  --delete-hash|--revoke-import``.

>>> from neuroplast.gate.shell import split_command
>>> [changes_boot(s) for s in split_command(
...     "sudo grub-set-default 2; sudo grub-mkconfig; sudo grub-mkconfig -o /boot/grub/grub.cfg; "
...     "efibootmgr -v; efibootmgr -o 0002,0001; bootctl status; bootctl set-default arch.conf; "
...     "sudo update-initramfs -u; mkinitcpio -L; mokutil --sb-state")]
[True, False, True, False, True, False, True, True, False, False]
"""

from __future__ import annotations

import re

from neuroplast.gate.outputs import has_short_option, names_option, operands
from neuroplast.gate.shell import Segment

__all__ = ["changes_boot"]

_NOT_RUN = frozenset({"--help", "-h", "-?", "--version", "-V", "--dry-run"})
_ALWAYS = frozenset({"grub-install", "grub-bios-setup", "update-grub", "update-grub2",
                     "grub-set-default", "grub-reboot", "limine-install", "limine-update",
                     "limine-enroll-config", "refind-install", "refind-mkdefault",
                     "syslinux"})
# each tool -> its options that change what boots (its manual); without one it only reads
_CHANGING_OPTIONS: dict[str, frozenset[str]] = {
    "grub-mkconfig": frozenset({"-o", "--output"}),
    "grubby": frozenset({"--set-default", "--set-default-index", "--update-kernel",
                         "--add-kernel", "--remove-kernel", "--make-default",
                         "--copy-default"}),
    "efibootmgr": frozenset({"-c", "--create", "-C", "--create-only", "-B",
                             "--delete-bootnum", "-o", "--bootorder", "-n", "--bootnext",
                             "-N", "--delete-bootnext", "-a", "--active", "-A", "--inactive",
                             "-O", "--delete-bootorder", "-t", "--timeout", "-T",
                             "--delete-timeout"}),
    "limine-entry-tool": frozenset({"--add", "--add-uki", "--add-efi", "--remove",
                                    "--remove-os", "--remove-uki"}),
    "extlinux": frozenset({"-i", "--install", "-U", "--update"}),
    "update-initramfs": frozenset({"-c", "-u", "-d"}),
    "mkinitcpio": frozenset({"-P", "--allpresets", "-p", "--preset", "-g", "--generate"}),
    "mokutil": frozenset({"-i", "--import", "-d", "--delete", "--enable-validation",
                          "--disable-validation", "--reset", "--import-hash",
                          "--delete-hash", "--revoke-import", "--revoke-delete",
                          "--password", "--clear-password", "--set-verbosity",
                          "--set-fallback-verbosity", "--set-fallback-noreboot",
                          "--set-sbat-policy", "--trust-mok", "--untrust-mok"}),
}
# each tool -> options that make it only read, print or pretend, whatever else it is given
_READ_ONLY: dict[str, frozenset[str]] = {
    "kernelstub": frozenset({"-p", "--print-config", "--dry-run"}),
    "dracut": frozenset({"--list-modules", "--print-cmdline"}),
    "lilo": frozenset({"-q", "-t"}),
    "bless": frozenset({"--info", "--getBoot"}),
}
_BOOTCTL_CHANGES = frozenset({"install", "update", "remove", "set-default", "set-oneshot",
                              "set-timeout", "set-timeout-oneshot", "unlink", "cleanup",
                              "random-seed"})
_PROXMOX_CHANGES = frozenset({"init", "format", "refresh", "reinit", "clean"})
_BCDEDIT_CHANGES = frozenset({"/set", "/create", "/delete", "/default", "/bootsequence",
                              "/displayorder", "/timeout", "/copy", "/import",
                              "/deletevalue", "/toolsdisplayorder"})
_GRUB2 = re.compile(r"^grub2-")
_PROGRAMS = frozenset({*_ALWAYS, *_CHANGING_OPTIONS, *_READ_ONLY, "grub-editenv", "bootctl",
                       "limine", "proxmox-boot-tool", "bcdedit", "bcdedit.exe", "nvram",
                       "kernel-install", "sbctl"})


def changes_boot(seg: Segment) -> bool:
    """Whether ``seg`` changes what the machine boots or how (the ``boot`` act)."""
    head, argv = _GRUB2.sub("grub-", seg.head), seg.argv
    words = argv[1:]
    if head not in _PROGRAMS or names_option(words, _NOT_RUN):
        return False
    if head in _ALWAYS:
        return head not in ("grub-set-default", "grub-reboot") or bool(
            operands(argv, frozenset({"--boot-directory"})))
    if head in _CHANGING_OPTIONS:
        return names_option(words, _CHANGING_OPTIONS[head]) or (
            head in ("efibootmgr", "update-initramfs") and has_short_option(
                words, "cBonNaAOtT" if head == "efibootmgr" else "cud"))
    if head in _READ_ONLY:
        return not names_option(words, _READ_ONLY[head]) and (
            head != "bless" or bool(words))
    plain = operands(argv, frozenset({"--esp-path", "--boot-path", "--root", "-d", "-f"}))
    verb = plain[0] if plain else ""
    if head == "grub-editenv":  # grub-editenv FILE create|set|unset|list
        return plain[1:2] != [] and plain[1] in ("create", "set", "unset")
    if head == "bootctl":
        return verb in _BOOTCTL_CHANGES or (verb == "reboot-to-firmware" and bool(plain[1:]))
    if head == "limine":
        return verb in ("bios-install", "enroll-config")
    if head == "proxmox-boot-tool":
        return verb in _PROXMOX_CHANGES or (verb == "kernel" and plain[1:2] != [] and
                                            plain[1] in ("add", "remove", "pin", "unpin"))
    if head in ("bcdedit", "bcdedit.exe"):
        return any(a.lower() in _BCDEDIT_CHANGES for a in words)
    if head == "nvram":  # nvram NAME=VALUE, -d NAME, -c, -f FILE write; NAME or -p read
        return any("=" in a and not a.startswith("-") for a in words) or has_short_option(
            words, "dcf")
    if head == "kernel-install":
        return verb in ("add", "add-all", "remove")
    if head == "sbctl":
        return verb in ("create-keys", "enroll-keys", "setup", "reset", "rotate-keys")
    return False
