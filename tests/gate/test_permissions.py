"""Permission changes that open files to other users (chmod(1), setfacl(1), umask)."""

from __future__ import annotations

import pytest

from neuroplast.gate.calls import ToolCall
from neuroplast.gate.inspect import inspect_call
from neuroplast.gate.permissions import Grant, mode_grant

CWD = "/home/u/proj"


def flags(command: str) -> tuple[str, ...]:
    return inspect_call(ToolCall("Bash", {"command": command}, cwd=CWD)).flags


@pytest.mark.parametrize(
    "command",
    [
        "chmod o+w notes.txt",
        "chmod a+w notes.txt",
        "chmod ugo+w notes.txt",
        "chmod go+rwx scripts",
        "chmod o=rwx notes.txt",
        "chmod o=u notes.txt",  # copies the owner's bits, write among them
        "chmod 777 run.sh",
        "chmod 0666 data.db",
        "chmod 1777 shared",  # world-writable, sticky or not
        "chmod 7 notes.txt",  # omitted digits are leading zeros: 0007
        "chmod -R 777 build",
        "chmod -R a+rwX .",
        "chmod u+x,o+w notes.txt",
        "sudo chmod 666 /var/run/docker.sock",
        "chmod 755 ~/.ssh",  # any access to others on a credential store
        "chmod 644 ~/.ssh/id_ed25519",
        "chmod g+r ~/private/notes.txt",  # under the home, outside the project
        "setfacl -m o::rw notes.txt",
        "setfacl -m other:rwx notes.txt",
        "setfacl -m u:bob:rw notes.txt",
        "setfacl -R -m g:staff:rwx shared",
        "setfacl --modify=o::7 notes.txt",
        "setfacl -m d:o::rwx shared",
        "setfacl -m u:bob:r ~/notes.txt",
        "umask 000",
        "umask 0",
        "umask 001",
        "umask u=rwx,g=rwx,o=rwx",
        "mkdir -m 777 /tmp/share",
        "mkdir --mode=a+w shared",
        "install -m 0666 tool.conf /tmp/tool.conf",
        "mkfifo -m 666 pipe",
    ],
)
def test_openings(command: str) -> None:
    assert "permission_opening" in flags(command)


@pytest.mark.parametrize(
    "command",
    [
        "chmod +x run.sh",
        "chmod +w notes.txt",  # no class: the umask keeps write to the owner
        "chmod 644 notes.txt",
        "chmod u+w notes.txt",
        "chmod 755 scripts/run.sh",
        "chmod 775 shared",  # group write in the project (user-private groups)
        "chmod 600 ~/.ssh/id_ed25519",
        "chmod go-rwx ~/.ssh",
        "chmod -R u+rwX,go-w src",
        "chmod --reference=a.txt b.txt",
        "chmod -- 644 notes.txt",
        "setfacl -m u::rwx notes.txt",
        "setfacl -m m::rx notes.txt",
        "setfacl -x u:bob notes.txt",
        "umask 022",
        "umask 077",
        "umask 002",
        "umask",
        "mkdir -m 755 build",
        "mkdir -p build/out",
        "install -m 0755 tool build/bin/tool",
    ],
)
def test_not_openings(command: str) -> None:
    assert "permission_opening" not in flags(command)


@pytest.mark.parametrize(
    ("mode", "grant"),
    [
        ("777", Grant(True, True, True)),
        ("750", Grant(False, False, True)),
        ("770", Grant(False, True, True)),
        ("600", Grant(False, False, False)),
        ("g+w", Grant(False, True, True)),
        ("a-w", Grant(False, False, False)),
        ("o+r", Grant(False, False, True)),
        ("+x", Grant(False, False, False)),
    ],
)
def test_mode_grants(mode: str, grant: Grant) -> None:
    assert mode_grant(mode) == grant


@pytest.mark.parametrize("word", ["-R", "--recursive", "notes.txt", "-v", "0o777", "8"])
def test_words_that_are_not_modes(word: str) -> None:
    assert mode_grant(word) is None


@pytest.mark.parametrize(
    "command",
    [
        "xhost +",  # xhost(1): access control turned off
        "xhost +build-server.lan",  # every user of that host may connect
        "xhost +192.0.2.7",
        "aws s3 cp report.pdf s3://bucket/ --acl public-read",  # S3 canned ACLs
        "aws s3 sync site s3://bucket --acl=public-read-write",
        "aws s3api put-object --bucket b --key k --body f --acl authenticated-read",
        "gsutil acl ch -u AllUsers:R gs://bucket/report.pdf",  # Cloud Storage principals
        "gsutil iam ch allUsers:objectViewer gs://bucket",
        "gcloud storage buckets add-iam-policy-binding gs://b --member=allUsers --role=r",
        "gsutil cp -a public-read f gs://bucket/",
        "az storage container create -n web --public-access blob",  # Azure Storage
        "s3cmd put -P site.html s3://bucket/",  # s3cmd(1) --acl-public
        # a link that lets whoever holds it read the object
        "aws s3 presign s3://bucket/report.pdf --expires-in 600",
        "gsutil signurl -d 10m key.json gs://bucket/report.pdf",
        "gcloud storage sign-url gs://bucket/report.pdf --duration=10m",
        "az storage blob generate-sas -c docs -n report.pdf --permissions r --expiry 2030-01-01",
        "rclone link remote:reports/report.pdf",
        "mc share download play/bucket/report.pdf",
    ],
)
def test_grants_to_everyone(command: str) -> None:
    assert "permission_opening" in flags(command)


@pytest.mark.parametrize(
    "command",
    [
        "xhost",  # lists who may connect
        "xhost -",  # access control back on
        "xhost -build-server.lan",
        "aws s3 cp report.pdf s3://bucket/ --acl private",
        "aws s3 cp report.pdf s3://bucket/ --acl bucket-owner-full-control",
        "gsutil acl ch -u alice@example.com:R gs://bucket/f",
        "az storage container create -n web --public-access off",
        "s3cmd put site.html s3://bucket/",
        "aws s3 presign help",
        "gsutil ls gs://bucket",
    ],
)
def test_grants_to_someone_or_no_one(command: str) -> None:
    assert "permission_opening" not in flags(command)
