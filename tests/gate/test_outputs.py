"""Files programs write because an option or operand names their output (outputs.py), and
the zone checks inspection runs on them."""

from __future__ import annotations

import pytest

from neuroplast.gate.calls import ToolCall
from neuroplast.gate.inspect import inspect_call
from neuroplast.gate.outputs import output_files
from neuroplast.gate.shell import split_command

CWD = "/home/u/proj"


def flags(command: str) -> tuple[str, ...]:
    return inspect_call(ToolCall("Bash", {"command": command}, cwd=CWD)).flags


@pytest.mark.parametrize(
    ("command", "flag"),
    [
        # tar(1): the archive -f names is written when creating, appending, updating
        ("tar cf /etc/passwd src", "system_path_write"),
        ("tar -czf ~/backup.tgz .", "write_outside_project"),
        ("tar -cvzf /etc/x.tgz src", "system_path_write"),
        ("tar --create --file=/etc/x.tar src", "system_path_write"),
        ("tar --create --file /etc/x.tar src", "system_path_write"),
        ("tar -rf /etc/x.tar notes.md", "system_path_write"),
        ("tar uf /etc/x.tar notes.md", "system_path_write"),
        ("tar cbf 20 /etc/x.tar src", "system_path_write"),  # b's value comes first
        ("tar -c -f ~/.bashrc src", "shell_rc_write"),
        # -o/--output and their kin, per program
        ("curl -o /etc/hosts https://x.io/h", "system_path_write"),
        ("curl -sSLo /usr/local/bin/tool https://x.io/t", "system_path_write"),
        ("curl --output ~/.ssh/authorized_keys https://x.io/k", "credential_path_write"),
        ("curl --output=/home/u/x.html https://x.io", "write_outside_project"),
        ("curl -c /home/u/cookies.txt https://x.io", "write_outside_project"),
        ("curl --output-dir /etc -O https://x.io/hosts", "system_path_write"),
        ("wget -O /etc/apt/sources.list https://x.io/s", "system_path_write"),
        ("wget -qO ~/.bashrc https://x.io/rc", "shell_rc_write"),
        ("wget --output-document=/usr/bin/x https://x.io", "system_path_write"),
        ("wget -P /opt/tools https://x.io/t", "system_path_write"),
        ("sort -o /etc/hosts hosts.txt", "system_path_write"),
        ("sort -uo /etc/hosts hosts.txt", "system_path_write"),
        ("gcc -O2 -o /usr/local/bin/app main.c", "system_path_write"),
        ("clang -o/usr/local/bin/app main.c", "system_path_write"),
        ("go build -o /usr/local/bin/app ./cmd/app", "system_path_write"),
        ("openssl req -new -key k.pem -out /etc/ssl/certs/x.csr", "system_path_write"),
        ("openssl genpkey -algorithm ed25519 -out ~/.ssh/id_ed25519", "credential_path_write"),
        ("pandoc notes.md -o ~/Desktop/notes.pdf", "write_outside_project"),
        ("yt-dlp -o ~/Videos/x.mp4 https://x.io/v", "write_outside_project"),
        ("gpg --output /etc/x.gpg -c notes.md", "system_path_write"),
        ("pg_dump -f ~/dump.sql shop", "write_outside_project"),
        ("mysqldump -r /var/backups/shop.sql shop", "system_path_write"),
        ("git archive -o ~/src.tgz HEAD", "write_outside_project"),
        ("docker save -o /etc/img.tar app:latest", "system_path_write"),
        ("uniq hosts.txt /etc/hosts", "system_path_write"),
        ("zip -r /etc/x.zip src", "system_path_write"),
        # cp/mv/install/ln: the -t directory, or the last operand
        ("cp -t /etc/cron.d job", "system_path_write"),
        ("cp -rt /etc/hosts a", "system_path_write"),
        ("cp -t/etc/hosts a", "system_path_write"),
        ("cp --target-directory=/etc/hosts a b", "system_path_write"),
        ("mv -vt /etc a", "system_path_write"),
        ("install -t /usr/local/bin tool", "system_path_write"),
        ("cp a b /etc/", "system_path_write"),
        ("ln -sf ./bin/tool /usr/local/bin/tool", "system_path_write"),
    ],
)
def test_output_targets_are_writes(command: str, flag: str) -> None:
    assert flag in flags(command)


@pytest.mark.parametrize(
    "command",
    [
        "tar xf a.tar",  # extraction reads the archive
        "tar -xzf vendor.tgz",
        "tar tf /var/backups/x.tar",
        "tar -tvf ~/backup.tgz",
        "tar cf - src | gzip > src.tgz",  # - is standard output
        "tar -czf dist/release.tgz build",
        "curl -o out.html https://example.com",  # inside the project
        "curl -O https://example.com/x.tgz",
        "curl -sSL https://example.com | jq .",
        "wget -qO- https://example.com/x | jq .",
        "sort -o sorted.txt data.txt",
        "gcc -o build/app main.c",
        "go build -o bin/app ./cmd/app",
        "cp -t build a.txt /etc/hosts",  # /etc/hosts is a source
        "cp /etc/hosts a b",  # b is the destination
        "uniq a.txt b.txt",
        "zip -r dist/src.zip src",
        "openssl x509 -in /etc/ssl/certs/ca.pem -noout -text",
    ],
)
def test_reads_and_project_outputs_are_not_outside_writes(command: str) -> None:
    assert not {"system_path_write", "write_outside_project", "credential_path_write"} & set(
        flags(command)
    )


@pytest.mark.parametrize(
    ("command", "files"),
    [
        ("tar cvf out.tar src", ["out.tar"]),
        ("tar -cf out.tar src", ["out.tar"]),
        ("tar -cfout.tar src", ["out.tar"]),  # in a cluster, f takes the rest of it
        ("tar -fout.tar -c src", ["out.tar"]),
        ("tar -xf out.tar", []),
        ("curl -o a -o b https://x.io/a https://x.io/b", ["a", "b"]),
        ("curl -D headers.txt https://x.io", ["headers.txt"]),
        ("wget -o log.txt https://x.io", ["log.txt"]),
        ("sort data.txt", []),
        ("gcc -fno-omit-frame-pointer -o app main.c", ["app"]),  # no clusters in gcc
        ("gcc -oapp main.c", ["app"]),
        ("uniq -f 2 a b", ["b"]),
        ("zip -q -b /tmp out.zip a b", ["out.zip"]),
    ],
)
def test_output_files(command: str, files: list[str]) -> None:
    assert output_files(split_command(command)[0]) == files
