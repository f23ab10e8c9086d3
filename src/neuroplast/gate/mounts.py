"""Calls that mount, unmount, attach or detach storage.

A mount makes storage part of this machine's file tree for every program until it is
unmounted: a backup client walks into a mounted archive, an indexer into a share; an
unmount or a detach cuts off whoever was using it. A user's view of this is one view
whatever tool does it: someone who stops letting the agent ``mount`` a share stops it for
``rclone mount``, ``hdiutil attach``, ``cryptsetup open`` and ``aws ec2 attach-volume``
alike. So it is an act across programs (``gate.acts``: ``* mount``). Each tool is read from
its own manual; listing what is mounted, status, and help change nothing:

- mount(8) with a device, a directory or ``-a`` (bare ``mount``, ``-l`` only list);
  umount(8); the ``mount.*`` helpers (``mount.cifs``, ``mount.nfs``...); ``fusermount
  -u``; ``eject``; losetup(8) attaching a file (not ``-a``, ``-l``, ``-j``, a device
  alone) or detaching (``-d``, ``-D``); ``cryptsetup open|close|luksOpen|luksClose``
  (not ``status``, ``luksDump``); kpartx ``-a|-d``; ``qemu-nbd -c|-d``; ``zfs
  mount|unmount`` with a dataset or ``-a``; ``zpool import`` of a pool or ``-a`` (alone it
  lists), ``zpool export``; ``udisksctl mount|unmount|loop-setup|loop-delete|unlock|lock|
  power-off``; ``gio mount`` (not ``-l``);
- macOS: ``hdiutil attach|detach|mount|unmount|eject|mountvol``; ``diskutil mount|unmount|
  mountDisk|unmountDisk|eject``;
- FUSE file systems, each mounting what it serves: sshfs (also ``remote``), ``rclone
  mount|nfsmount``, s3fs, goofys, gcsfuse, ``blobfuse2 mount``, ``mount-s3``, curlftpfs,
  smbnetfs, jmtpfs, ifuse, simple-mtpfs, go-mtpfs, guestmount, guestunmount, gocryptfs,
  encfs, cryfs, securefs, dislocker, archivemount, fuse-zip, squashfuse, fuseiso, bindfs,
  mergerfs, ntfs-3g, ``borg mount|umount``, ``restic mount``, ``veracrypt`` with a volume
  or ``-d`` (not ``--list``), ``tomb open|close|slam``; systemd-mount(1), systemd-umount,
  ``systemd-dissect --mount|--umount|--attach|--detach``, ``systemctl bind|mount-image``;
  udiskie, udiskie-mount, udiskie-umount, pmount, pumount and udevil, which mount
  removable media; ``zfs set mountpoint=|canmount=``, which remounts a dataset;
  Windows' ``net use X: \\\\server\\share`` or ``/delete`` (bare ``net use`` lists),
  ``Mount-DiskImage``, ``Dismount-DiskImage``;
- cloud block volumes: ``aws ec2 attach-volume|detach-volume``, ``gcloud compute instances
  attach-disk|detach-disk``, ``az vm disk attach|detach``.

>>> from neuroplast.gate.shell import split_command
>>> [mounts(s) for s in split_command(
...     "sudo mount -t nfs pacs:/archive /mnt/old; mount; findmnt; umount -l /mnt/x; "
...     "hdiutil attach x.dmg; hdiutil info; rclone mount remote: ~/m; losetup -a; "
...     "cryptsetup open /dev/sdb1 vault; cryptsetup status vault")]
[True, False, False, True, True, False, True, False, True, False]
"""

from __future__ import annotations

from neuroplast.gate.outputs import has_short_option, names_option
from neuroplast.gate.shell import Segment

__all__ = ["mounts"]

_NO_CHANGE = frozenset({"--help", "-h", "--version", "-V"})
# programs whose every run with an operand mounts, unmounts or detaches
# (FUSE file systems: each mounts what it serves, SOURCE onto MOUNTPOINT, by its manual;
# systemd-mount(1) and systemd-umount; udiskie and pmount mount removable media)
_ALWAYS = frozenset({"umount", "fusermount", "fusermount3", "eject", "s3fs", "goofys",
                     "gcsfuse", "mount-s3", "jmtpfs", "ifuse", "simple-mtpfs", "go-mtpfs",
                     "guestmount", "guestunmount", "Mount-DiskImage", "Dismount-DiskImage",
                     "sshfs", "gocryptfs", "encfs", "cryfs", "securefs", "archivemount",
                     "fuse-zip", "bindfs", "mergerfs", "ntfs-3g", "squashfuse", "fuseiso",
                     "curlftpfs", "smbnetfs", "dislocker", "systemd-mount", "systemd-umount",
                     "udiskie", "udiskie-mount", "udiskie-umount", "pmount", "pumount",
                     "udevil"})
# program -> its commands, among the first plain words, that mount or unmount
_VERBS: dict[str, frozenset[str]] = {
    "cryptsetup": frozenset({"open", "close", "luksOpen", "luksClose", "plainOpen",
                             "loopaesOpen", "tcryptOpen", "bitlkOpen", "remove", "create"}),
    "udisksctl": frozenset({"mount", "unmount", "loop-setup", "loop-delete", "unlock",
                            "lock", "power-off"}),
    "hdiutil": frozenset({"attach", "detach", "mount", "unmount", "eject", "mountvol"}),
    "diskutil": frozenset({"mount", "unmount", "umount", "mountDisk", "unmountDisk",
                           "umountDisk", "eject"}),
    "rclone": frozenset({"mount", "nfsmount"}),
    "blobfuse2": frozenset({"mount", "unmount"}),
    "borg": frozenset({"mount", "umount"}),
    "restic": frozenset({"mount"}),
    "tomb": frozenset({"open", "close", "slam"}),  # tomb(1): open mounts, close/slam unmount
    # systemctl(1) bind: 'Bind-mounts a file or directory from the host into the specified
    # unit's mount namespace'; mount-image: 'Mounts an image from the host into the unit's'
    "systemctl": frozenset({"bind", "mount-image"}),
}
# (program, first plain word) -> the next words that attach or detach a cloud volume
_NESTED: dict[tuple[str, str], frozenset[str]] = {
    ("aws", "ec2"): frozenset({"attach-volume", "detach-volume"}),
    ("gcloud", "compute"): frozenset({"attach-disk", "detach-disk"}),
    ("az", "vm"): frozenset({"attach", "detach"}),  # az vm disk attach|detach
}
_LOSETUP_READS = frozenset({"-a", "--all", "-l", "--list", "-j", "--associated"})
_LOSETUP_CHANGES = frozenset({"--find", "--detach", "--detach-all", "--partscan"})



def mounts(seg: Segment) -> bool:
    """Whether ``seg`` mounts, unmounts, attaches or detaches storage (the ``mount``
    act)."""
    head, argv = seg.head, seg.argv
    words = argv[1:]
    if any(a in _NO_CHANGE for a in words):
        return False
    plain = [a for a in words if not a.startswith("-")]
    if head == "mount" or head.startswith("mount."):
        return bool(plain) or "-a" in words or "--all" in words
    if head in _ALWAYS:  # eject alone ejects the default drive
        return bool(words) or head == "eject"
    if head in _VERBS:
        return bool(_VERBS[head].intersection(plain[:1]))
    if head == "losetup":
        if _LOSETUP_READS.intersection(words):
            return False
        return (has_short_option(words, "dDfP") or bool(_LOSETUP_CHANGES.intersection(words))
                or len(plain) >= 2)
    if head == "kpartx":
        return has_short_option(words, "ad")
    if head == "systemd-dissect":  # systemd-dissect(1): --mount, --umount, --attach...
        return names_option(words, ("-m", "--mount", "-M", "-u", "--umount", "-U",
                                           "--attach", "--detach"))
    if head == "qemu-nbd":
        return names_option(words, ("-c", "--connect", "-d", "--disconnect"))
    if head == "zfs":  # zfs(8): setting mountpoint or canmount remounts the dataset
        return (plain[:1] in (["mount"], ["unmount"], ["umount"]) and (
            len(plain) > 1 or "-a" in words)) or (plain[:1] == ["set"] and any(
                w.startswith(("mountpoint=", "canmount=")) for w in plain[1:2]))
    if head == "zpool":  # zpool import alone only lists the pools it could import
        return plain[:1] == ["export"] or (plain[:1] == ["import"] and (
            len(plain) > 1 or "-a" in words))
    if head == "gio":
        return plain[:1] == ["mount"] and not has_short_option(words, "l")
    if head == "veracrypt":
        return "--list" not in words and "-l" not in words and (
            bool(plain) or has_short_option(words, "d") or "--dismount" in words)
    if head == "net":  # Windows: net use DEVICE \\server\share, net use DEVICE /delete
        return plain[:1] == ["use"] and (len(plain) > 1 or any(
            a.lower().startswith("/d") for a in words))
    if head in ("pwsh", "powershell"):  # Dismount-DiskImage holds Mount-DiskImage
        return any("Mount-DiskImage" in w for w in words)
    nested = _NESTED.get((head, plain[0] if plain else ""))
    return bool(nested) and bool(nested.intersection(plain[1:4]))
