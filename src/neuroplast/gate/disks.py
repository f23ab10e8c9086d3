"""Calls that change how a machine's storage is laid out: partitions, volumes, file systems,
arrays, pools and swap created, resized, renamed, repaired or removed.

Every file on a machine sits in its storage layout, so a change to it puts all of them at
stake at once: a partition table rewritten, a volume shrunk below its file system or a
file system made on the wrong device loses what was there (lvreduce(8): 'reducing a
logical volume ... can destroy data'; fdisk(8): 'the changes will remain in memory only,
until you decide to write them'; resize2fs(8) on shrinking below the data), and a volume
grown or a pool extended commits devices that are hard to take back (NIST SP 800-53 CM-3,
configuration change control; CIS Controls v8 4.1). A user's view of this is one view
whatever tool changes it: someone who stops letting the agent run ``lvextend`` after a
resize filled a volume group stops it for ``parted``, ``zpool add`` and ``mkswap`` alike.
So it is an act across programs (``gate.acts``: ``* disk``). Wiping a device is the
``destroy`` act and mounting one ``mount``; this one is the layout. Each tool is read
from its own manual; listing, printing, checking without repair, help and versions are not
the act:

- partitions: fdisk, sfdisk, gdisk, sgdisk, cfdisk, cgdisk and parted (not their listing
  and printing: ``-l``, ``-d``, ``-p``, ``-v``, ``print``), addpart, delpart, resizepart,
  growpart (not ``-N``), macOS ``diskutil partitionDisk|eraseDisk|eraseVolume|
  resizeVolume|splitPartition|mergePartitions|addPartition|apfs`` changes, Windows
  diskpart and PowerShell's ``New-Partition``, ``Resize-Partition``, ``Format-Volume``;
- file systems: mkfs and every ``mkfs.*``, mke2fs, mkswap, mkdosfs, mkntfs, mkexfatfs;
  tune2fs (not ``-l``), e2label and ``btrfs filesystem label`` given a new label,
  resize2fs, xfs_growfs, xfs_admin, ``btrfs filesystem resize``, ``btrfs device
  add|remove|delete``, ``btrfs balance start``; repairs: fsck and ``fsck.*``, e2fsck,
  xfs_repair and ``btrfs check --repair`` (not ``-n``, which only checks);
- volumes: LVM's ``pv|vg|lv`` create, extend, reduce, resize, rename, remove, convert
  and move commands (also through ``lvm``), ``stratis pool|filesystem`` creation;
- arrays and pools: ``mdadm --create|--grow|--add|--remove|--fail|--zero-superblock``,
  ``zpool create|add|attach|detach|replace|remove|split|upgrade|set|labelclear``, ``zfs
  create|set|rename|inherit|promote``;
- swap: mkswap, swapon and swapoff (not ``-s``/``--show``/``--summary``).

>>> from neuroplast.gate.shell import split_command
>>> [changes_disks(s) for s in split_command(
...     "sudo lvextend -L +5G vg0/data; lvs; mkfs.ext4 /dev/sdb1; fdisk -l; "
...     "parted /dev/sdb mkpart primary 0% 100%; parted /dev/sdb print; "
...     "zpool add tank /dev/sdc; zpool status; swapon --show; fsck -n /dev/sdb1")]
[True, False, True, False, True, False, True, False, False, False]
"""

from __future__ import annotations

import re

from neuroplast.gate.outputs import has_short_option, names_option
from neuroplast.gate.shell import Segment

__all__ = ["changes_disks"]

_NOT_RUN = frozenset({"--help", "--version", "--dry-run", "--test"})
_ALWAYS = frozenset({"addpart", "delpart", "resizepart", "resize2fs", "xfs_growfs", "xfs_admin",
                     "mke2fs", "mkswap", "mkdosfs", "mkntfs", "mkexfatfs", "mkfs", "swapoff",
                     "diskpart", "New-Partition", "Resize-Partition", "Format-Volume",
                     "Remove-Partition"})
_MKFS = re.compile(r"^mkfs\.\w+$")
_FSCK = re.compile(r"^(?:fsck(?:\.\w+)?|e2fsck|xfs_repair)$")
# partitioners -> their options that only list, print, verify or pretend (each manual)
_PARTITION_READS: dict[str, frozenset[str]] = {
    "fdisk": frozenset({"-l", "--list", "-x", "--list-details"}),
    "sfdisk": frozenset({"-l", "--list", "-d", "--dump", "-s", "--show-size", "-V", "--verify",
                         "-J", "--json", "-g", "--show-geometry", "-F", "--list-free",
                         "-n", "--no-act"}),
    "gdisk": frozenset({"-l"}),
    "sgdisk": frozenset({"-p", "--print", "-v", "--verify", "-i", "--info", "-O", "--print-mbr",
                         "-L", "--list-types", "-P", "--pretend"}),
    "parted": frozenset({"-l", "--list"}),
    "cfdisk": frozenset(), "cgdisk": frozenset(),
}
_PARTED_READS = frozenset({"print", "p", "help", "version"})
_LVM = re.compile(r"^(?:pv|vg|lv)(?:create|extend|reduce|resize|rename|remove|convert|move|"
                  r"split|merge|change)$")
_MDADM_CHANGES = frozenset({"--create", "-C", "--grow", "-G", "--add", "-a", "--remove", "-r",
                            "--fail", "-f", "--zero-superblock", "--build", "-B"})
_ZPOOL_CHANGES = frozenset({"create", "add", "attach", "detach", "replace", "remove", "split",
                            "upgrade", "set", "labelclear", "offline", "online"})
_ZFS_CHANGES = frozenset({"create", "set", "rename", "inherit", "promote"})
_DISKUTIL_CHANGES = frozenset({"partitiondisk", "erasedisk", "erasevolume", "resizevolume",
                               "splitpartition", "mergepartitions", "addpartition", "apfs"})
_APFS_READS = frozenset({"list", "listcryptousers", "listsnapshots", "listvolumegroups"})
_BTRFS_FILESYSTEM = frozenset({"resize", "label"})
_BTRFS_CHANGES = {"filesystem": _BTRFS_FILESYSTEM, "fi": _BTRFS_FILESYSTEM,
                  "device": frozenset({"add", "remove", "delete"}), "balance": frozenset({"start"})}

_PROGRAMS = frozenset({*_ALWAYS, *_PARTITION_READS, "growpart", "tune2fs", "e2label", "btrfs",
                       "lvm", "stratis", "mdadm", "zpool", "zfs", "diskutil", "swapon"})


def changes_disks(seg: Segment) -> bool:
    """Whether ``seg`` changes the machine's storage layout (the ``disk`` act)."""
    head, words = seg.head, seg.argv[1:]
    plain = [a for a in words if not a.startswith("-")]
    if head == "lvm" and plain:  # lvm COMMAND: the LVM command it runs
        head, plain = plain[0], plain[1:]
    changes = head in _ALWAYS or bool(_MKFS.match(head) or _LVM.match(head))
    repairs = bool(_FSCK.match(head))
    if not (changes or repairs or head in _PROGRAMS) or names_option(words, _NOT_RUN):
        return False
    if changes:
        return bool(words)
    if repairs:  # a check that may repair, unless told not to (-n, -N)
        return not has_short_option(words, "nN") and "--no-modify" not in words
    if head in _PARTITION_READS:
        if names_option(words, _PARTITION_READS[head]) or (
                head == "parted" and (not plain[1:] or plain[1] in _PARTED_READS)):
            return False
        return bool(plain)
    if head == "growpart":
        return not has_short_option(words, "N") and "--dry-run" not in words
    if head == "tune2fs":
        return not has_short_option(words, "l")
    if head == "e2label":  # e2label DEVICE [NEW_LABEL]: only a new label changes it
        return len(plain) > 1
    if head == "swapon":
        return bool(plain) or has_short_option(words, "a") or "--all" in words
    if head == "mdadm":
        return bool(_MDADM_CHANGES.intersection(words))
    if head == "zpool":
        return bool(plain) and plain[0] in _ZPOOL_CHANGES
    if head == "zfs":
        return bool(plain) and plain[0] in _ZFS_CHANGES
    if head == "stratis":
        return plain[:2] in (["pool", "create"], ["pool", "add-data"], ["filesystem", "create"],
                             ["pool", "extend-data"])
    if head == "diskutil":
        verb = plain[0].lower() if plain else ""
        return verb in _DISKUTIL_CHANGES and not (verb == "apfs" and plain[1:2] and
                                                  plain[1].lower() in _APFS_READS)
    if head == "btrfs":
        if plain[:1] == ["check"]:
            return "--repair" in words
        changes = _BTRFS_CHANGES.get(plain[0] if plain else "", frozenset())
        verb = plain[1] if len(plain) > 1 else ""
        # btrfs filesystem label PATH [NEW]: only a new label changes it
        return verb in changes and (verb != "label" or len(plain) > 3)
    return False
