"""Calls that talk to a device over a serial line or Bluetooth: a serial console or terminal
opened, a program pointed at a serial port, bytes written to or read from one, a Bluetooth
device paired, connected, trusted or sent a file.

What is at the other end of a serial line is a machine the gate cannot see: a board's
console, a modem, a PLC, a lab instrument, a medical device; a line's console often takes
commands with no login, and a byte sent can move a motor or reset a device. A Bluetooth
pairing lets a device reach this machine again later (the kernel's and BlueZ's
documentation; NIST SP 800-121 on Bluetooth pairing). A user's view of this is one view
whatever talks to the device: someone who stops letting the agent open ``picocom`` on a
board stops it for ``minicom``, ``screen /dev/ttyUSB0`` and ``echo reset > /dev/ttyUSB0``
alike. So it is an act across programs (``gate.acts``: ``* device-link``). Flashing a
device's firmware is also ``flash`` (``gate.devices``). Each tool is read from its manual;
listing ports or devices, discovering devices, help, and a terminal's own settings (``stty
raw``, ``screen -S work``) are not the act:

- serial terminals: ``minicom``, ``picocom`` and ``tio`` with a line (not ``tio
  --list``), ``cu -l``, ``screen`` on a line, PuTTY's ``putty|plink -serial``, ``socat``
  with a line as an address; a line's settings changed (``stty -F LINE``, ``setserial LINE
  PARAMETER``, not ``setserial -g``);
- any program given a serial line as its port or device (``esptool --port``,
  ``arduino-cli upload -p``, ``avrdude -P``, ``mpremote connect``) or as a redirect's
  target or source;
- Bluetooth: ``bluetoothctl pair|connect|disconnect|trust|untrust|remove`` (not
  ``devices``, ``scan``, ``show``), ``hcitool cc|dc|lecc|ledc|auth|enc|key|cmd`` (not
  ``scan``, ``dev``, ``name``), ``rfcomm connect|bind``, ``blueutil
  --connect|--disconnect|--pair|--unpair``, ``btmgmt pair|unpair|disconnect``,
  ``bluetooth-sendto``, ``gatttool`` on a device, ``obexftp -b``.

>>> from neuroplast.gate.shell import split_command
>>> [links_device(s) for s in split_command(
...     "picocom -b 115200 /dev/ttyUSB0; tio --list; echo reset > /dev/ttyACM0; "
...     "esptool.py --port /dev/ttyUSB0 chip_id; stty raw; bluetoothctl pair AA:BB; "
...     "bluetoothctl devices; ls /dev/ttyUSB0")]
[True, False, True, True, False, True, False, False]
"""

from __future__ import annotations

import re

from neuroplast.gate.outputs import names_option, option_values
from neuroplast.gate.shell import Segment

__all__ = ["links_device"]

_HELP = frozenset({"--help", "-h", "--version", "-V", "help"})
# a serial line: the kernel's UART, USB and ACM serial devices and macOS' call-out and
# dial-in devices, BSD's cua, udev's by-id links, a Bluetooth RFCOMM line (not /dev/tty,
# the process's own terminal, nor the virtual consoles /dev/ttyN)
_SERIAL_LINE = re.compile(
    r"^/dev/(?:tty(?:S|USB|ACM|AMA|THS|O|XR|LP|mxc)\w*|cu\.\S+|tty\.\S+|cua\w+"
    r"|serial/\S+|rfcomm\d+)$")
# options by which a program names the port or device it talks through (their manuals:
# esptool --port, arduino-cli --port, cu --line, minicom --device...), and the short ones
# of programs whose manuals give them that meaning (elsewhere -p and -l mean other things)
_PORT_OPTIONS = ("--port", "--device", "--line", "--serial")
_SHORT_PORT_OPTIONS = {"avrdude": ("-P",), "arduino-cli": ("-p",), "esptool": ("-p",),
                       "esptool.py": ("-p",), "ampy": ("-p",), "cu": ("-l",),
                       "minicom": ("-D",), "picocom": ("-p",)}
# terminals and shells that open a line (their manuals; mpremote and rshell find a board
# on their own when given none)
_TERMINALS = frozenset({"picocom", "tio", "cu", "microcom", "miniterm", "miniterm.py",
                        "pyserial-miniterm", "mpremote", "rshell"})
# program -> the sub-commands that pair, connect to or trust a Bluetooth device
_BLUETOOTH: dict[str, frozenset[str]] = {
    "bluetoothctl": frozenset({"pair", "connect", "disconnect", "trust", "untrust",
                               "remove"}),
    "hcitool": frozenset({"cc", "dc", "lecc", "ledc", "auth", "enc", "key", "cmd"}),
    "rfcomm": frozenset({"connect", "bind"}),
    "btmgmt": frozenset({"pair", "unpair", "disconnect"}),
}
_BLUEUTIL = ("--connect", "--disconnect", "--pair", "--unpair")


def links_device(seg: Segment) -> bool:
    """Whether ``seg`` talks to a device over a serial line or Bluetooth (the
    ``device-link`` act)."""
    head, argv = seg.head, seg.argv
    words = argv[1:]
    if names_option(words[:1], _HELP):
        return False
    if any(_SERIAL_LINE.match(target) for _, target in seg.redirects):
        return True
    plain = [w for w in words if not w.startswith("-")]
    port_options = (*_PORT_OPTIONS, *_SHORT_PORT_OPTIONS.get(head, ()))
    if head in _BLUETOOTH:
        return bool(plain) and plain[0] in _BLUETOOTH[head]
    if head == "blueutil":
        return names_option(words, _BLUEUTIL)
    if head in ("bluetooth-sendto", "gatttool"):
        return bool(words)
    if head == "obexftp":
        return names_option(words, ("-b", "--bluetooth"))
    if head == "minicom":
        return True
    if head in ("putty", "plink"):
        return names_option(words, ("-serial",))
    if head in _TERMINALS:  # the line is their operand or port option (their manuals)
        return (bool(plain) or names_option(words, port_options)
                or head in ("mpremote", "rshell")) and not (
            names_option(words, ("--list",)) or (head == "tio" and "-l" in words)
            or plain[:1] == ["devs"] or plain[:2] == ["connect", "list"])
    if head == "setserial":
        return len(plain) >= 2 and not names_option(words, ("-g", "-G", "-a", "-b"))
    if head == "stty":
        return any(_SERIAL_LINE.match(v) for v in option_values(argv, ("-F", "--file")))
    if head in ("screen", "socat") and any(_SERIAL_LINE.match(w.partition(",")[0])
                                          for w in plain):
        return True
    return any(_SERIAL_LINE.match(v) for v in option_values(argv, port_options))
