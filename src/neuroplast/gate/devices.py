"""Writes onto attached hardware: firmware flashed into a board, an app or a partition
installed on a phone, an image written over a drive.

Such a write outlives the call on a machine of its own (a board on the bench, a phone on
the desk, a disk), and a user's view of it is one view whatever the tool: a user who stops
letting the agent flash the board with ``st-flash`` stops letting it do so with
``openocd`` or ``avrdude``. So it is an act across programs (``gate.acts``: ``* flash``).
Each tool's write and erase operations are read from its own manual; its read, verify,
list and reset operations write nothing and are not the act:

- avrdude(1): ``-U memtype:w:file`` (op ``w``; ``r`` reads, ``v`` verifies), ``-e`` chip
  erase; stm32flash(1) and bossac: ``-w``/``--write``, ``-e``/``--erase``;
  STM32_Programmer_CLI: ``-w``/``--write``, ``-d``/``--download``, ``-e``/``--erase``;
- st-flash: ``write``, ``erase``, ``flash`` (``read``, ``reset``, ``info`` do not write);
- flashrom(8): ``-w``/``--write``, ``-E``/``--erase`` (``-r``, ``-v`` read and verify);
- esptool: ``write_flash``/``write-flash``, ``erase_flash``, ``erase_region``, ``merge``
  excluded (a file); espefuse: ``burn_efuse``, ``burn_key``, ``burn_bit`` (one-time);
- dfu-util(1): ``-D``/``--download`` writes to the device (``-U``/``--upload`` reads it);
- picotool: ``load``, ``erase``; teensy_loader_cli: always;
- openocd(1): a ``program`` or ``flash write_image`` / ``flash erase`` command in ``-c``;
- nrfjprog: ``--program``, ``--eraseall``, ``--erasepage``, ``--sectorerase``,
  ``--recover``; probe-rs: ``download``, ``run``, ``erase``; cargo-flash (``cargo
  flash``); west: ``flash``; idf.py: ``flash``, ``app-flash``, ``bootloader-flash``,
  ``encrypted-flash``, ``erase-flash``/``erase_flash``;
- PlatformIO: ``pio run -t upload|uploadfs|program|erase`` and ``pio test`` unless
  ``--without-uploading``; arduino-cli: ``upload``, ``burn-bootloader``; the Arduino
  IDE's command line: ``--upload``; particle: ``flash``, ``update``; balena: ``flash``
  (``balena local flash``, ``balena os ... flash``);
- fastboot: ``flash``, ``flashall``, ``erase``, ``format``, ``update``; heimdall:
  ``flash``; adb: ``install``, ``install-multiple``, ``install-multi-package``,
  ``uninstall``, ``sideload``, ``push``; bundletool: ``install-apks`` (to a connected
  device); ios-deploy: ``-b``/``--bundle``; ideviceinstaller: ``-i``/``--install``,
  ``-U``/``--uninstall``; ``xcrun devicectl device install|uninstall`` (``xcrun simctl``
  drives a simulator, not hardware); Cordova's and Ionic's ``run`` with ``--device``;
- drives: dd(1) with ``of=/dev/...`` (not ``/dev/null``-like sinks), rpi-imager
  ``--cli``, ``bmaptool copy``.

Tools whose manuals say "a device or an emulator" (``flutter install``, ``react-native
run-android``) are left out unless the call names a device: what they write to is not
known from the call.

>>> from neuroplast.gate.shell import split_command
>>> [writes_device(s) for s in split_command(
...     "st-flash write fw.bin 0x8000000; st-flash read out.bin 0 64; avrdude -c usbasp "
...     "-p m328p -U flash:w:main.hex; avrdude -p m328p -U flash:r:dump.hex; "
...     "pio run -t upload; pio run; adb install app.apk; adb logcat; "
...     "dd if=img of=/dev/sdb bs=4M; dd if=/dev/zero of=/dev/null")]
[True, False, True, False, True, False, True, False, True, False]
"""

from __future__ import annotations

import re

from neuroplast.gate.outputs import option_values
from neuroplast.gate.shell import Segment

__all__ = ["writes_device"]

# esptool and espefuse, under either name, spell their commands with _ or - (v5)
_ESPTOOL = frozenset({"write_flash", "write-flash", "erase_flash", "erase-flash",
                      "erase_region", "erase-region"})
_ESPEFUSE = frozenset({"burn_efuse", "burn-efuse", "burn_key", "burn-key", "burn_bit",
                       "burn-bit"})
# program -> its sub-commands (among the first plain words) that write onto the device
_VERBS: dict[str, frozenset[str]] = {
    "st-flash": frozenset({"write", "erase", "flash"}),
    "esptool": _ESPTOOL,
    "esptool.py": _ESPTOOL,
    "espefuse": _ESPEFUSE,
    "espefuse.py": _ESPEFUSE,
    "picotool": frozenset({"load", "erase"}),
    "probe-rs": frozenset({"download", "run", "erase"}),
    "cargo": frozenset({"flash"}),
    "west": frozenset({"flash"}),
    "idf.py": frozenset({"flash", "app-flash", "bootloader-flash", "encrypted-flash",
                         "erase-flash", "erase_flash"}),
    "arduino-cli": frozenset({"upload", "burn-bootloader"}),
    "particle": frozenset({"flash", "update"}),
    "balena": frozenset({"flash"}),
    "fastboot": frozenset({"flash", "flashall", "erase", "format", "update"}),
    "heimdall": frozenset({"flash"}),
    "adb": frozenset({"install", "install-multiple", "install-multi-package", "uninstall",
                      "sideload", "push"}),
    "bundletool": frozenset({"install-apks"}),
    "ideviceinstaller": frozenset({"install", "uninstall"}),
    "bmaptool": frozenset({"copy"}),
}
# program -> its options that write or erase the device
_OPTIONS: dict[str, tuple[str, ...]] = {
    "avrdude": ("-e",),
    "stm32flash": ("-w", "-e"),
    "bossac": ("-w", "--write", "-e", "--erase"),
    "STM32_Programmer_CLI": ("-w", "--write", "-d", "--download", "-e", "--erase"),
    "flashrom": ("-w", "--write", "-E", "--erase"),
    "dfu-util": ("-D", "--download"),
    "nrfjprog": ("--program", "--eraseall", "--erasepage", "--sectorerase", "--recover"),
    "arduino": ("--upload",),
    "ios-deploy": ("-b", "--bundle"),
    "ideviceinstaller": ("-i", "--install", "-U", "--uninstall"),
    "rpi-imager": ("--cli",),
}
_ALWAYS = frozenset({"teensy_loader_cli"})
_AVRDUDE_WRITE = re.compile(r"^[\w-]+:w:")  # -U memtype:op:filename, op w
_PIO_UPLOADS = frozenset({"upload", "uploadfs", "program", "erase"})
_OPENOCD_WRITE = re.compile(r"\bprogram\b|\bflash\s+(?:write_image|write_bank|erase)")
_SINKS = ("/dev/null", "/dev/zero", "/dev/stdout", "/dev/stderr", "/dev/fd/")
_PLAIN_WORDS = 3  # a verb is looked for among this many first plain words (balena local flash)


def _plain(seg: Segment) -> list[str]:
    return [a for a in seg.argv[1:] if not a.startswith("-")][:_PLAIN_WORDS]


def _option_given(argv: tuple[str, ...], options: tuple[str, ...]) -> bool:
    return any(a in options or a.partition("=")[0] in options for a in argv[1:])


def writes_device(seg: Segment) -> bool:
    """Whether the simple command ``seg`` writes onto attached hardware."""
    head, argv = seg.head, seg.argv
    if head in _ALWAYS:
        return len(argv) > 1
    if head in _VERBS and set(_plain(seg)) & _VERBS[head]:
        return head != "cargo" or _plain(seg)[:1] == ["flash"]
    if head in _OPTIONS and _option_given(argv, _OPTIONS[head]):
        return True
    if head == "avrdude":
        return any(_AVRDUDE_WRITE.match(v) for v in option_values(argv, ("-U",)))
    if head in ("pio", "platformio"):
        words = _plain(seg)
        if words[:1] == ["test"]:
            return "--without-uploading" not in argv
        return words[:1] == ["run"] and bool(
            set(option_values(argv, ("-t", "--target"))) & _PIO_UPLOADS)
    if head == "openocd":
        return any(_OPENOCD_WRITE.search(v) for v in option_values(argv, ("-c", "--command")))
    if head == "xcrun":
        return _plain(seg)[:2] == ["devicectl", "device"] and _plain(seg)[2:3] in (
            ["install"], ["uninstall"])
    if head in ("cordova", "ionic"):
        return "run" in _plain(seg) and "--device" in argv
    if head == "dd":
        return any(a.startswith("of=/dev/") and not a[3:].startswith(_SINKS) for a in argv)
    return False
