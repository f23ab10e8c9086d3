"""Table tests of the ``mount`` act (``gate.mounts``): storage mounted, unmounted, attached
or detached by any tool whose manual documents it, and the lists and status that change
nothing."""

from __future__ import annotations

import pytest

from neuroplast.gate.acts import MUST_KNOW_ACTS
from neuroplast.gate.calls import ToolCall
from neuroplast.gate.mounts import mounts
from neuroplast.gate.shell import split_command
from neuroplast.gate.support import must_know, program_keys


def _does(command: str) -> bool:
    return any(mounts(s) for s in split_command(command) if s.head)


@pytest.mark.parametrize("command", [
    'sudo mount -t nfs pacs:/archive /mnt/old',
    'sudo mount /dev/sdb1 /mnt/usb',
    'mount -a',
    'sudo mount -o remount,rw /',
    'umount -l /mnt/results',
    'sudo umount /mnt/usb',
    'fusermount -u ~/mnt',
    'eject',
    'eject /dev/sr0',
    'losetup -fP disk.img',
    'losetup /dev/loop0 disk.img',
    'losetup -d /dev/loop0',
    'cryptsetup open /dev/sdb1 vault',
    'cryptsetup luksClose vault',
    'kpartx -av disk.img',
    'qemu-nbd -c /dev/nbd0 disk.qcow2',
    'zfs mount tank/data',
    'zpool import tank',
    'zpool export tank',
    'udisksctl mount -b /dev/sdb1',
    'udisksctl loop-setup -f disk.img',
    'gio mount smb://srv/share',
    'hdiutil attach x.dmg',
    'hdiutil detach /Volumes/X',
    'diskutil unmountDisk /dev/disk4',
    'rclone mount remote:bucket ~/m --daemon',
    's3fs bucket ~/m -o passwd_file=~/.passwd-s3fs',
    'gcsfuse my-bucket ~/m',
    'blobfuse2 mount ~/m --config-file=c.yaml',
    'borg mount repo::archive ~/m',
    'restic mount ~/m',
    'veracrypt vault.hc /mnt/v',
    'veracrypt -d',
    'net use Z: \\\\\\\\srv\\\\share',
    'net use Z: /delete',
    'pwsh -Command "Mount-DiskImage -ImagePath C:\\\\x.iso"',
    'aws ec2 attach-volume --volume-id v --instance-id i --device /dev/sdf',
    'gcloud compute instances attach-disk vm --disk d',
    'az vm disk attach --vm-name vm --name d -g rg',
    'guestmount -a disk.qcow2 -i /mnt/g',
    'jmtpfs ~/phone',
    'sshfs deploy@host:/var/log mountpoint',
    'gocryptfs cipher plain',
    'systemd-mount --automount yes /dev/sdb1 /mnt/x',
    'systemd-dissect --attach image.raw',
    'systemd-dissect --mount image.raw /mnt/img',
    'udiskie --verbose',
    'udiskie-mount /dev/sdc',
    'tomb open secrets.tomb -k secrets.key',
    'tomb slam all',
    'systemctl bind app.service /srv/data',
    'sudo losetup --show --partscan --find disk.img',
    'losetup --detach-all',
    'zfs set mountpoint=/srv/data tank/data',
])
def test_the_act_by_any_tool(command: str) -> None:
    assert _does(command)


@pytest.mark.parametrize("command", [
    'mount',
    'mount -l',
    'findmnt',
    'df -h',
    'lsblk',
    'losetup -a',
    'losetup /dev/loop0',
    'cryptsetup status vault',
    'cryptsetup luksDump /dev/sdb1',
    'zfs mount',
    'zpool import',
    'zpool status',
    'udisksctl status',
    'gio mount -l',
    'hdiutil info',
    'diskutil list',
    'rclone copy remote:bucket ./local',
    'veracrypt --list',
    'net use',
    'aws ec2 describe-volumes',
    'mount --help',
    'systemd-dissect image.raw',
    'tomb list',
    'systemctl status app.service',
    'zfs set compression=lz4 tank/data',
])
def test_what_is_not_the_act(command: str) -> None:
    assert not _does(command)


def test_the_act_is_one_key_across_programs() -> None:
    def keys(command: str) -> tuple[str, ...]:
        return program_keys(ToolCall("Bash", {"command": command}, cwd="/home/u/p"))

    for command in ("sudo mount -t nfs srv:/a /mnt/a", "hdiutil attach x.dmg",
                    "rclone mount r: ~/m", "cryptsetup open /dev/sdb1 v"):
        assert "Bash:* mount" in keys(command), command
    assert "Bash:* mount" not in keys("findmnt")
    # the storage stays part of the machine for every later program
    assert "mount" in MUST_KNOW_ACTS and must_know("Bash:* mount")
