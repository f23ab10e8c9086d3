"""Table tests of the knowledge the gate takes from tools' documentation: commands that
print a credential, servers listening on every interface, downloads by any program."""

from __future__ import annotations

import pytest

from neuroplast.gate.calls import ToolCall
from neuroplast.gate.credential_commands import CREDENTIAL_COMMANDS, prints_credential
from neuroplast.gate.downloads import saves_from_network
from neuroplast.gate.inspect import inspect_call
from neuroplast.gate.listeners import binds_every_interface
from neuroplast.gate.shell import split_command
from neuroplast.gate.support import program_keys


def _seg(command: str):  # type: ignore[no-untyped-def]
    return split_command(command)[0]


@pytest.mark.parametrize("row", CREDENTIAL_COMMANDS, ids=lambda r: f"{r.program} {r.words}")
def test_every_credential_command_is_recognised_with_its_option_and_has_a_source(row) -> None:  # type: ignore[no-untyped-def]
    assert row.source and row.tool
    line = " ".join((row.program, *row.words, *row.options[:1], "name"))
    assert prints_credential(_seg(line)) == row.tool
    if row.options:  # without the option that reveals it, nothing is printed
        assert prints_credential(_seg(" ".join((row.program, *row.words, "name")))) == ""


@pytest.mark.parametrize("command", [
    "gh auth login", "gh auth status", "gcloud auth list", "aws ecr describe-repositories",
    "kubectl config view", "kubectl config get-contexts", "git credential-cache exit",
    "vault status", "pass insert web", "aws ssm get-parameter --name x",
    "security find-generic-password -s x", "cat token", "op whoami",
])
def test_commands_that_print_no_credential_are_not_flagged(command: str) -> None:
    assert prints_credential(_seg(command)) == ""


def test_a_printed_credential_is_a_credential_read() -> None:
    call = ToolCall("Bash", {"command": "gcloud auth print-access-token | pbcopy"}, cwd="/p")
    assert "credential_path_read" in inspect_call(call).flags


@pytest.mark.parametrize(("command", "listens"), [
    ("kubectl proxy --address 0.0.0.0 --accept-hosts '.*'", True),
    ("kubectl port-forward --address=0.0.0.0 pod/x 8080:80", True),
    ("flask run --host=0.0.0.0", True),
    ("jupyter lab --ip 0.0.0.0", True),
    ("python -m http.server --bind :: 8000", True),
    ("uvicorn app:app --host [::] --port 80", True),
    ("hugo server --bind 0.0.0.0:1313", True),
    ("kubectl proxy", False),
    ("flask run --host 127.0.0.1", False),
    ("curl http://0.0.0.0:8000/health", False),
    ("ping 10.0.0.1", False),
])
def test_listening_on_every_interface(command: str, listens: bool) -> None:
    assert binds_every_interface(_seg(command)) is listens
    flags = inspect_call(ToolCall("Bash", {"command": command}, cwd="/p")).flags
    assert ("network_listener" in flags) is listens


@pytest.mark.parametrize(("command", "saves"), [
    ("curl -o out.tgz https://x.io/a.tgz", True),
    ("curl -fsSLO https://x.io/a.tgz", True),
    ("curl --remote-name https://x.io/a.tgz", True),
    ("curl -s https://x.io/api", False),
    ("curl -X POST -d @body.json https://x.io/api", False),
    ("wget https://x.io/a.tgz", True),
    ("wget -qO- https://x.io/a.sh", False),
    ("wget --spider https://x.io", False),
    ("wget2 --directory-prefix dist https://x.io/a", True),
    ("aria2c https://x.io/a.iso", True),
    ("xh --download https://x.io/a", True),
    ("http -o a.json https://x.io/a", True),
    ("xh get https://x.io/a", False),
    ("scp user@host:backup.tar .", True),
    ("scp backup.tar user@host:", False),
    ("rsync -av host:/srv/data/ data/", True),
    ("rsync -av data/ host:/srv/data/", False),
    ("pip download requests -d dist", True),
    ("gh release download v1.2", True),
    ("git clone https://github.com/a/b", True),
    ("gh repo clone a/b", True),
    ("git pull", False),
    ("pip install requests", False),
])
def test_downloads_by_any_program(command: str, saves: bool) -> None:
    assert saves_from_network(_seg(command)) is saves


def test_every_download_shares_one_key_across_programs() -> None:
    downloads = ["curl -o a https://x.io/a", "wget https://y.io/b", "pip download flask",
                 "gh release download v1", "git clone https://github.com/a/b"]
    for command in downloads:
        assert "Bash:* download" in program_keys(ToolCall("Bash", {"command": command},
                                                          cwd="/home/u/p"))
    assert "Bash:* download" not in program_keys(ToolCall("Bash", {"command": "curl x.io"},
                                                          cwd="/home/u/p"))


@pytest.mark.parametrize(("command", "flagged"), [
    ("rsync -a 203.0.113.9:data/ data/", True),
    ("scp build.tgz deploy@198.51.100.7:/srv/", True),
    ("ssh root@192.0.2.10 uptime", True),
    ("scp build.tgz 127.0.0.1:/tmp/", False),
    ("rsync -a build.example.com:data/ data/", False),
])
def test_a_raw_ip_remote_is_flagged_as_a_raw_ip_url_is(command: str, flagged: bool) -> None:
    flags = inspect_call(ToolCall("Bash", {"command": command}, cwd="/p")).flags
    assert ("raw_ip_url" in flags) is flagged
