"""Table tests of the ``sign`` act (``gate.signing``): signing with the user's keys by any
tool whose manual documents it, and the verifications and listings that sign nothing."""

from __future__ import annotations

import pytest

from neuroplast.gate.acts import MUST_KNOW_ACTS
from neuroplast.gate.calls import ToolCall
from neuroplast.gate.shell import split_command
from neuroplast.gate.signing import signs
from neuroplast.gate.support import program_keys


def _does(command: str) -> bool:
    return any(signs(s) for s in split_command(command) if s.head)


@pytest.mark.parametrize("command", [
    'gpg --detach-sign -a dist/x.tgz',
    'gpg -sa message.txt',
    'gpg --clear-sign notes.txt',
    'gpg --sign-key bob@x.io',
    'git commit -S -m "release"',
    'git commit --gpg-sign=ABCD -m x',
    'git tag -s v1.0 -m v1.0',
    'git push --signed origin main',
    'git merge -S feature',
    'codesign -s "Developer ID Application: X" App.app',
    'codesign --force --deep --sign - App.app',
    'cosign sign ghcr.io/x/y@sha256:1',
    'cosign sign-blob --key k.key a.tgz',
    'notation sign ghcr.io/x/y:1',
    'jarsigner -keystore r.jks app.apk key0',
    'apksigner sign --ks r.jks app.apk',
    'signtool sign /a /fd SHA256 app.exe',
    'minisign -Sm file.tgz',
    'signify -S -s key.sec -m file',
    'ssh-keygen -Y sign -f ~/.ssh/id_ed25519 -n file x.tgz',
    'ssh-keygen -s ca_key -I bob -n bob bob.pub',
    'rpm --addsign pkg.rpm',
    'rpmsign --addsign pkg.rpm',
    'dpkg-sig --sign builder pkg.deb',
    'debsign pkg.changes',
    'openssl dgst -sha256 -sign key.pem -out sig data',
    'sbsign --key db.key --cert db.crt vmlinuz',
])
def test_the_act_by_any_tool(command: str) -> None:
    assert _does(command)


@pytest.mark.parametrize("command", [
    'gpg --verify x.sig x',
    'gpg --list-keys',
    'gpg -e -r bob@x.io notes.txt',
    'git commit -s -m "signed-off"',
    'git tag v1.0',
    'git tag -v v1.0',
    'codesign -v App.app',
    'codesign -dvv App.app',
    'cosign verify ghcr.io/x/y',
    'jarsigner -verify app.apk',
    'apksigner verify app.apk',
    'signtool verify /pa app.exe',
    'minisign -Vm file.tgz -P key',
    'ssh-keygen -Y verify -f allowed -I bob -n file -s x.sig',
    'ssh-keygen -l -f key.pub',
    'openssl dgst -sha256 -verify pub.pem -signature sig data',
])
def test_what_is_not_the_act(command: str) -> None:
    assert not _does(command)


def test_the_act_is_one_key_across_programs() -> None:
    def keys(command: str) -> tuple[str, ...]:
        return program_keys(ToolCall("Bash", {"command": command}, cwd="/home/u/p"))

    for command in ("gpg --detach-sign a.tgz", "git commit -S -m x", "cosign sign img",
                    "codesign -s ID App.app"):
        assert "Bash:* sign" in keys(command), command
    assert "Bash:* sign" not in keys("gpg --verify a.sig")
    assert "sign" not in MUST_KNOW_ACTS  # it stays on this machine
