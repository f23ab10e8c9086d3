"""Secrets taken out of a call before it is stored: where the detectors find them, what
the stored call keeps, and that inspection flags the stored call as it flagged the call."""

from __future__ import annotations

import base64

import pytest

from neuroplast.gate.calls import ToolCall
from neuroplast.gate.inspect import inspect_call
from neuroplast.gate.redact import (
    MAX_STORED_CHARS,
    REDACTED,
    CallDigest,
    redact_call,
    redact_text,
)
from neuroplast.gate.secret_scan import private_key_spans, secret_spans

CWD = "/home/u/proj"
GHP = "ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"
AWS_ID, AWS_KEY = "AKIAZ3MQ7P2RX5ND4QBT", "Zq8+Tn2vLk5Wp0Rs7Yx3Bm9Cd4Fg6Hj1Kl8Mn2Pq"
JWT = ("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0."
       "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U")
_BODY = base64.b64encode(bytes(range(256)) * 2).decode()
PEM = ("-----BEGIN OPENSSH PRIVATE KEY-----\n"
       + "\n".join(_BODY[i:i + 64] for i in range(0, len(_BODY), 64))
       + "\n-----END OPENSSH PRIVATE KEY-----\n")


# (text, the file it is written to, whether it is a command, the secret, what must stay)
CASES = [
    (f"AWS_ACCESS_KEY_ID={AWS_ID} AWS_SECRET_ACCESS_KEY={AWS_KEY} aws s3 ls", "", True,
     [AWS_ID, AWS_KEY], "aws s3 ls"),
    (f"gh api -H 'Authorization: token {GHP}' /user", "", True, [GHP], "gh api -H"),
    (f"git clone https://{GHP}@github.com/acme/app.git", "", True, [GHP], "github.com/acme"),
    ("mysqldump --password=Tr0ub4dor-3x shop > shop.sql", "", True, ["Tr0ub4dor-3x"],
     "shop > shop.sql"),
    ("mysql -uroot -pS3cretPw9 shop", "", True, ["S3cretPw9"], "mysql -uroot -p"),
    ("curl -u bob:pw https://pw.example.com/x", "", True, [":pw "], "https://pw.example.com/x"),
    ("sshpass -p 'ab'\\''cd12' ssh deploy@host", "", True, ["ab", "cd12"], "ssh deploy@host"),
    ("docker login -u bob -p hunter2hunter r.example.com", "", True, ["hunter2hunter"],
     "r.example.com"),
    ("openssl enc -aes-256-cbc -pass pass:k3yk3yk3y -in a", "", True, ["k3yk3yk3y"], "-in a"),
    (f"curl -H 'Authorization: Bearer {JWT}' https://api.x.io", "", True,
     [JWT.split(".")[2]], "https://api.x.io"),
    ("postgres://admin:s3cr3tpw@db.example.com:5432/app", "", False, ["s3cr3tpw"],
     "@db.example.com:5432/app"),
    ("db:\n  password: hunter2hunter\n  host: db", "s.yml", False, ["hunter2hunter"],
     "host: db"),
    ('DB_PASSWORD = "correct-horse-9"', "settings.py", False, ["correct-horse-9"],
     "DB_PASSWORD"),
    ("HF_TOKEN=hf_abcdefghijklmnopqrstuvwxyzABCDEFGH", "", False,
     ["hf_abcdefghijklmnopqrstuvwxyzABCDEFGH"], "HF_TOKEN="),
    (f"x = 1\n{PEM}y = 2\n", "k.py", False, [_BODY[:64], "BEGIN OPENSSH"], "y = 2"),
    # a keyword assignment far into a long (minified) line is read too
    ("a" * 3000 + "; password='xK9mQ2vL7pW4'; " + "b" * 3000, "app.js", False,
     ["xK9mQ2vL7pW4"], "b" * 3000),
]


@pytest.mark.parametrize(("text", "filename", "command", "secrets", "kept"), CASES)
def test_each_secret_is_replaced_and_the_rest_kept(
    text: str, filename: str, command: bool, secrets: list[str], kept: str
) -> None:
    out = redact_text(text, filename=filename, command=command)
    for secret in secrets:
        assert secret not in out, out
    assert kept in out and REDACTED.search(out), out


@pytest.mark.parametrize(
    "text",
    ["git status", "curl -H \"Authorization: Bearer $TOKEN\" https://api.x.io",
     "password = os.environ['DB_PASSWORD']", "mysql -p shop", "docker run -p 8080:80 nginx",
     "export GITHUB_TOKEN=\"$(gh auth token)\"", "git clone https://github.com/x/y.git"],
)
def test_text_without_a_literal_secret_is_unchanged(text: str) -> None:
    assert redact_text(text, command=True) == text


def test_spans_say_where_each_secret_is() -> None:
    text = f"a {GHP} b {AWS_ID} c"
    assert [(text[s.start:s.end], s.kind) for s in secret_spans(text)] == [
        (GHP, "github-token"), (AWS_ID, "aws-access-key")]
    unterminated = "key:\n-----BEGIN PRIVATE KEY-----\nMIIEvQ"
    (span,) = private_key_spans(unterminated)
    assert (span.start, span.end) == (5, len(unterminated))  # all that follows BEGIN


def test_a_secret_found_once_is_replaced_in_every_string_of_the_call() -> None:
    call = ToolCall("Bash", {"command": "mysql -uroot -pS3cretPw9 shop",
                             "description": "Log in with S3cretPw9"}, cwd=CWD)
    out = redact_call(call)
    assert "S3cretPw9" not in out.to_json()
    assert out.tool_input["description"] == "Log in with [redacted:password]"
    assert (out.tool_name, out.cwd, out.session_id) == (call.tool_name, call.cwd, call.session_id)
    plain = ToolCall("Bash", {"command": "git status"}, cwd=CWD)
    assert redact_call(plain) is plain


def test_a_secret_not_found_as_typed_leaves_a_rebuilt_command_not_a_blank() -> None:
    # $'\x41...' is ANSI-C quoting: the program gets Abc12345, which is not in the text
    command = "sshpass -p $'\\x41bc12345' ssh deploy@host > /tmp/o && rm -rf ~/old"
    call = ToolCall("Bash", {"command": command, "description": "with Abc12345"}, cwd=CWD)
    out = redact_call(call)
    assert "Abc12345" not in out.to_json() and "x41bc" not in out.to_json()
    # every program and operand stays, so the stored call is not every such call's twin
    stored = out.tool_input["command"]
    assert stored.startswith("sshpass -p [redacted:password] ssh deploy@host > /tmp/o && rm")
    assert inspect_call(out).flags == inspect_call(call).flags
    assert redact_text(command, command=True) == stored
    inner = "bash -c \"mysql -p$'\\x41b1'\" && ls"  # a short one, inside bash -c
    out = redact_text(inner, command=True)
    assert "Ab1" not in out and "x41" not in out and "&& ls" in out


@pytest.mark.parametrize(
    "call",
    [
        ToolCall("Write", {"file_path": "/home/u/proj/deploy/id_ed25519", "content": PEM},
                 cwd=CWD),
        ToolCall("Write", {"file_path": "/home/u/proj/.env",
                           "content": "DEBUG=1\nDB_PASSWORD=correct-horse-9\n"}, cwd=CWD),
        ToolCall("Edit", {"file_path": "/home/u/proj/s.py", "old_string": "KEY = ''",
                          "new_string": f"KEY = '{GHP}'"}, cwd=CWD),
        ToolCall("MultiEdit", {"file_path": "/home/u/proj/s.py", "edits": [
            {"old_string": "a", "new_string": f"TOKEN = '{GHP}'"}]}, cwd=CWD),
        ToolCall("mcp__db__query", {"dsn": "mysql://root:hunter2hunter@localhost/x",
                                    "options": {"retry": [1, {"auth": f"Bearer {GHP}"}]}}),
        ToolCall("Bash", {"command": f"AWS_SECRET_ACCESS_KEY={AWS_KEY} aws s3 ls"}, cwd=CWD),
        ToolCall("Bash", {"command": "curl -u bob:pw https://pw.example.com/x"}, cwd=CWD),
    ],
    ids=["write-key", "write-env", "edit", "multiedit", "mcp", "bash-aws", "bash-curl"],
)
def test_the_stored_call_keeps_no_secret_and_the_same_flags(call: ToolCall) -> None:
    out = redact_call(call)
    stored = out.to_json()
    for secret in (_BODY[:64], "correct-horse-9", GHP, "hunter2hunter", AWS_KEY, ":pw "):
        assert secret not in stored
    assert "[redacted:" in stored
    assert inspect_call(out).flags == inspect_call(call).flags
    assert out.file_path == call.file_path


def test_a_long_string_is_stored_cut_with_no_secret_on_either_side_of_the_cut() -> None:
    filler = "x = 1  # filler line\n" * (MAX_STORED_CHARS // 21)
    content = filler[: MAX_STORED_CHARS - 20] + f"T = '{GHP}'\n" + filler + f"U = '{GHP}'\n"
    out = redact_call(ToolCall("Write", {"file_path": "/p/a.py", "content": content}))
    stored = out.tool_input["content"]
    assert GHP not in stored and GHP[:20] not in stored  # the one across the cut too
    assert stored.endswith(" truncated]") and len(stored) < MAX_STORED_CHARS + 40
    assert stored[:1000] == content[:1000]


def test_the_digest_is_keyed_and_tells_calls_apart() -> None:
    digest = CallDigest(b"s" * 43)
    a = digest("Bash", {"command": "mysql -pS3cretPw9"})
    assert a == digest("Bash", {"command": "mysql -pS3cretPw9"})
    assert a != digest("Bash", {"command": "mysql -pS3cretPw8"})  # same redacted text
    assert a != digest("Write", {"command": "mysql -pS3cretPw9"})
    assert a != CallDigest(b"t" * 43)("Bash", {"command": "mysql -pS3cretPw9"})
    assert len(a) == 64 and "S3cret" not in a
