"""Table tests of the knowledge the gate takes from tools' documentation: commands that
print a credential, servers listening on every interface, downloads by any program, acts
shared across programs (remote access, remote databases, tunnels, signals), files that are
public though they sit beside credentials."""

from __future__ import annotations

import pytest

from neuroplast.gate.acts import acts
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
    ("python3 -m http.server 8000", True),  # binds all interfaces by default
    ("python3 -m http.server --bind 127.0.0.1 8000", False),
    ("http-server dist", True),
    ("docker run -p 8080:80 nginx", True),
    ("podman run --publish 8080:80 nginx", True),
    ("docker container run -P nginx", True),
    ("docker run -p 127.0.0.1:8080:80 nginx", False),
    ("docker run --rm alpine ls", False),
    ("nc -lvnp 4444", True),
    ("ncat --listen --keep-open 3000", True),
    ("nc -l 127.0.0.1 4444", False),
    ("nc -zv example.com 443", False),
    ("socat TCP-LISTEN:8080,fork TCP:db:5432", True),
    ("socat TCP-LISTEN:8080,bind=127.0.0.1,fork -", False),
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


@pytest.mark.parametrize(("command", "expected"), [
    ("ssh deploy@web-1.example.com uptime", ("remote",)),
    ("ssh localhost uptime", ()),
    ("ssh -G web-1", ()),
    ("mosh web-1", ("remote",)),
    ("telnet 192.0.2.4 3000", ("remote",)),
    ("sftp -P 2222 dev@files.example.org", ("remote",)),
    ("scp build.tgz deploy@web-1:/srv/", ("upload", "remote")),
    ("scp deploy@web-1:/srv/app.log .", ("download", "remote")),
    ("scp a.txt b.txt", ()),
    ("rsync -a dist/ web-1:/srv/dist/", ("upload", "remote")),
    ("rsync -a dist/ backup/", ()),
    ("sshfs dev@example.org:dist mnt", ("remote",)),
    ("ssh-copy-id alice@198.51.100.7", ("remote",)),
    ("pssh -i -h hosts.txt uptime", ("remote",)),
    ("sshpass -f pw.txt ssh dev@h echo hi", ("remote",)),
    ("kubectl exec -it pod -- sh", ("remote",)),
    ("kubectl -n prod attach pod/x", ("remote",)),
    ("kubectl cp pod:/tmp/a ./a", ("remote",)),
    ("kubectl get pods", ()),
    ("gcloud compute ssh instance-1", ("remote",)),
    ("aws ssm start-session --target i-123", ("remote",)),
    ("aws s3 ls", ()),
    ("ansible all -m ping", ("remote",)),
    ("ansible-playbook site.yml", ("remote",)),
    ("ansible-playbook -c local site.yml", ()),
    ("ansible-doc -l", ()),
    ("psql -h db.example.com app", ("remote-database",)),
    ("psql -h localhost app", ()),
    ("psql app", ()),
    ("mysql --host=db.example.com shop", ("remote-database",)),
    ("mongodump --uri mongodb://db.example.com/app", ("remote-database",)),
    ("redis-cli -h cache.example.com -p 6379", ("remote-database",)),
    ("redis-cli ping", ()),
    ("ssh -N -L 8080:localhost:80 bastion", ("remote", "forward")),
    ("autossh -M 0 -N -R 9000:localhost:22 relay", ("remote", "forward")),
    ("kubectl port-forward svc/web 8080:80", ("forward",)),
    ("ngrok http 3000", ("forward",)),
    ("kill 4242", ("kill",)),
    ("kill -9 4242", ("kill",)),
    ("kill -SIGUSR1 -234", ("kill",)),
    ("kill -l", ()),
    ("kill -0 4242", ()),
    ("kill %1", ()),
    ("pkill -f gunicorn", ("kill",)),
    ("killall node", ("kill",)),
    ("fuser -k 80/tcp", ("kill",)),
    ("fuser -v 80/tcp", ()),
    ("launchctl load ~/Library/LaunchAgents/x.plist", ("autostart",)),
    ("systemctl --user enable --now backup.timer", ("autostart",)),
    ("systemctl status nginx", ()),
    ("crontab jobs.txt", ("autostart",)),
    ("crontab -l", ()),
    ("at now + 1 hour", ("autostart",)),
])
def test_acts_shared_across_programs(command: str, expected: tuple[str, ...]) -> None:
    assert acts(_seg(command)) == expected


def test_a_refused_act_is_one_key_whatever_the_program() -> None:
    """Each act is one key across programs, so a refusal of one counts against the others."""
    def keys(command: str) -> tuple[str, ...]:
        return program_keys(ToolCall("Bash", {"command": command}, cwd="/home/u/p"))

    for act, commands in {
        "remote": ["ssh web-1 uptime", "kubectl exec pod -- ls", "gcloud compute ssh vm",
                   "scp a.txt web-1:"],
        "remote-database": ["psql -h db.example.com", "mysql -h db2.example.com"],
        "forward": ["ssh -L 80:localhost:80 h", "kubectl port-forward pod/x 80"],
        "kill": ["kill 12", "pkill node", "fuser -k 80/tcp"],
        "autostart": ["launchctl load a.plist", "systemctl enable x", "crontab -e"],
    }.items():
        for command in commands:
            assert f"Bash:* {act}" in keys(command), (act, command)
    assert "host:db.example.com" in keys("psql -h db.example.com app")


@pytest.mark.parametrize(("call", "flag"), [
    (ToolCall("Read", {"file_path": "/home/u/.ssh/id_ed25519"}), "credential_path_read"),
    (ToolCall("Read", {"file_path": "/home/u/.ssh/deploy_key"}), "credential_path_read"),
    (ToolCall("Grep", {"pattern": "x", "path": "/home/u/.ssh"}), "credential_path_read"),
    (ToolCall("Read", {"file_path": "/home/u/.ssh/id_ed25519.pub"}), ""),  # ssh(1) FILES
    (ToolCall("Read", {"file_path": "/home/u/.ssh/known_hosts"}), ""),
    (ToolCall("Glob", {"pattern": "*", "path": "/home/u/.ssh"}), ""),  # names, no content
    (ToolCall("Grep", {"pattern": "TODO", "path": "/etc"}), "credential_path_read"),
    (ToolCall("Grep", {"pattern": "TODO", "path": "/etc/nginx"}), ""),
    (ToolCall("Bash", {"command": "grep -rn token ~"}), "credential_path_read"),
    (ToolCall("Bash", {"command": "rg password /etc"}), "credential_path_read"),
    (ToolCall("Bash", {"command": "grep token ~/notes.txt"}), ""),
    (ToolCall("Bash", {"command": "grep -rn token src"}), ""),
    (ToolCall("Bash", {"command": "terraform output -json"}), "credential_path_read"),
    (ToolCall("Bash", {"command": "terraform output"}), ""),  # sensitive values redacted
    (ToolCall("Bash", {"command": "sops -d secrets.enc.yaml"}), "credential_path_read"),
    (ToolCall("Bash", {"command": "kubectl get secret db -o yaml"}), "credential_path_read"),
    (ToolCall("Bash", {"command": "kubectl get secret"}), ""),
    (ToolCall("Bash", {"command": "pass -c web/github"}), "credential_path_read"),
])
def test_credential_reads_follow_the_tools_documentation(call: ToolCall, flag: str) -> None:
    flags = inspect_call(ToolCall(call.tool_name, call.tool_input, cwd="/home/u/p")).flags
    assert (flag in flags) if flag else ("credential_path_read" not in flags)
