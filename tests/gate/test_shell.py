"""split_command: the simple commands a line runs, by bash's grammar, with the scanner as
the fallback for lines the grammar rejects; it never raises and stays fast."""

from __future__ import annotations

import random
import time

import pytest

from neuroplast.gate import shell
from neuroplast.gate.shell import inner_commands, split_command


def heads(command: str) -> list[str]:
    return [s.head for s in split_command(command)]


@pytest.mark.parametrize(("command", "expected"), [
    # compound statements: the commands inside them run
    ("if [ -d b ]; then rm -r b; else ls; fi", ["[", "rm", "ls"]),
    ("for f in *.o; do rm \"$f\"; done", ["rm"]),
    ("while read l; do rm \"$l\"; done < list.txt", ["read", "rm"]),
    ("case $x in a) rm a;; b) ls;; esac", ["rm", "ls"]),
    ("{ rm a; ls; } > out.log", ["rm", "ls"]),
    ("(cd build && rm -rf out)", ["cd", "rm"]),
    ("f() { rm -rf x; }; f", ["rm", "f"]),
    ("! rm x || echo gone", ["rm", "echo"]),
    ("[[ -f x ]] && rm x", ["[[", "rm"]),
    # substitutions run before their command: their commands are segments too
    ("echo $(rm -rf x)", ["echo", "rm"]),
    ("echo \"a $(rm x) b\" `id`", ["echo", "rm", "id"]),
    ("diff <(ls a) <(ls b)", ["diff", "ls", "ls"]),
    ("x=$(curl -s x.io); echo $x", ["", "echo", "curl"]),
    ("for f in $(ls); do :; done", [":", "ls"]),
    ("echo $(echo $(rm x))", ["echo", "echo", "rm"]),
    ("cat <<EOF\n$(rm -rf /)\nEOF", ["cat", "rm"]),
    ("cat <<'EOF'\n$(not run)\nEOF", ["cat"]),
    # commands a command runs itself
    ("bash <<< 'rm -rf x'", ["bash", "rm"]),
    ("sh <<EOF\nrm -rf x\nEOF", ["sh", "rm"]),
    ("bash script.sh <<< 'input'", ["bash"]),  # the here-string is the script's input
    ("sudo sh -c 'cd / && rm -rf x'", ["sh", "cd", "rm"]),
    ("eval \"rm -rf x\"", ["eval", "rm"]),
    ("find . -name '*.o' -exec rm {} \\;", ["find", "rm"]),
    # a here-document's lines are not commands
    ("cat <<EOF > notes.txt\nrm is a word here\nEOF\nls", ["cat", "ls"]),
    ("cat <<EOF | sh\nrm -rf /\nEOF", ["cat", "sh"]),
    # comments and quoted operators
    ("ls # && rm -rf /", ["ls"]),
    ("echo 'a; rm -rf /' \"b && c\"", ["echo"]),
])
def test_the_commands_a_line_runs(command: str, expected: list[str]) -> None:
    assert heads(command) == expected


@pytest.mark.parametrize(("command", "argv"), [
    ("\\rm -rf x", ("rm", "-rf", "x")),
    ("'r'\"m\" x", ("rm", "x")),
    ("$'\\x72\\155' x", ("rm", "x")),  # ANSI-C quoting: hex and octal escapes
    ("r\\m x", ("rm", "x")),
    ("echo \"a\\\"b\\$c\\d\" 'e\\f'", ("echo", 'a"b$c\\d', "e\\f")),
    ("ls \\\n  -la", ("ls", "-la")),
    ("/usr/bin/env -u HOME rm x", ("rm", "x")),
    ("busybox rm -rf /", ("rm", "-rf", "/")),
    ("toybox rm x", ("rm", "x")),
    ("xargs -I {} rm {}", ("rm", "{}")),
    ("sudo -g wheel -u root rm x", ("rm", "x")),
    ("chroot /srv rm x", ("rm", "x")),
    ("timeout -s KILL 5 rm x", ("rm", "x")),
    ("command -v rm", ("command", "-v", "rm")),  # names rm, does not run it
    ("echo a > f b", ("echo", "a", "b")),  # b is echo's argument, not a second target
])
def test_words_are_what_bash_passes_to_the_program(command: str, argv: tuple[str, ...]) -> None:
    assert split_command(command)[0].argv == argv


def test_joiners_and_redirects_of_compound_commands() -> None:
    segs = split_command("a && b || c; d | e |& f & g\nh")
    assert [s.joiner for s in segs] == ["", "&&", "||", ";", "|", "|&", "&", "\n"]
    (cat,) = split_command("cat <<EOF > out\nhello\nEOF")
    assert cat.redirects == (("<<", "hello\n"), (">", "out"))  # a here-document's text
    segs = split_command("{ rm a; ls; } > out 2>&-")
    assert all(s.redirects == ((">", "out"), ("2>&", "-")) for s in segs)  # each writes out
    assert [s.substitution for s in split_command("echo $(id) && echo '$(id)'")] == [
        True, False, False]
    assert split_command("sh <<< 'rm x'")[1].joiner == ";"


@pytest.mark.parametrize("command", [
    # lines tree-sitter-bash rejects though bash runs them: the scanner takes over
    "exec 3<>/dev/tcp/10.0.0.1/4444; rm -rf /",
    "{ while true; do echo $RANDOM; done } | ttyplot; rm -rf /",
    "[ \"$v\" -eq|ne 1 ]; rm -rf /",
    # bash runs the lines before a syntax error
    "echo \"$(rm -rf /)\"\necho \"unterminated",
    "if true; then rm -rf /; fi\necho 'unterminated",
    "ls\nrm -rf / `\n",
])
def test_a_parse_failure_does_not_hide_the_commands_around_it(command: str) -> None:
    assert shell._parse(command) is None  # the grammar fails on it
    assert "rm" in heads(command)


def test_bad_quoting_keeps_the_rest_of_the_line_one_word() -> None:
    # bash runs nothing of an unterminated line: "; rm -rf /" is inside the quote
    (seg,) = split_command("echo \"unterminated ; rm -rf /")
    assert seg.argv == ("echo", "unterminated ; rm -rf /")


def test_split_command_never_raises() -> None:
    alphabet = [*"ab $(){}[]<>|&;'\"`\\\n#!=*~-", "$(", "<<", "<<<", "EOF", "if", "fi", "do",
                "done", "case", "esac", "\xff"]
    rng = random.Random(7)
    for _ in range(300):
        line = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert isinstance(split_command(line), list)
    for line in ("$(" * 3000, "(" * 5000 + "rm x" + ")" * 5000, "`" * 999, "\ud800 rm x",
                 b"rm -rf /\xff".decode("utf-8", errors="surrogateescape"),
                 " && ".join(["echo a"] * 3000)):
        assert isinstance(split_command(line), list)
    assert heads(" && ".join(["echo a"] * 3000) + " && rm x")[-1] == "rm"


@pytest.mark.parametrize("command", [
    ("ls -la /tmp/x src/a.py --opt=val && echo hi | grep foo " * 200)[:10_000],
    ("chmod o+w " + "x " * 5000)[:10_000],
    ("echo $(a) \"$(b)\" " * 700)[:10_000],
    ("'a' \"b $x\" " * 1000)[:10_000],
])
def test_a_10k_character_line_is_split_in_bounded_time(command: str) -> None:
    # a guard against a parse that grows faster than the line (a hang on hostile input),
    # not a speed claim: about 10-30 ms on one core, 0.6 s seen under a loaded CI run
    start = time.perf_counter()
    shell._split_cached.__wrapped__(command)
    assert time.perf_counter() - start < 5.0


def test_a_typical_line_is_split_fast() -> None:
    lines = [f"git commit -m 'change {i}' && git push origin main" for i in range(200)]
    start = time.perf_counter()
    for line in lines:
        shell._split_cached.__wrapped__(line)
    # a guard against a slow path on ordinary lines, not a speed claim (about 0.06 ms)
    assert (time.perf_counter() - start) / len(lines) < 2e-2


def test_inner_commands_of_shells_fed_their_script() -> None:
    assert inner_commands(split_command("bash -s <<< 'rm x'")[0]) == ["rm x"]
    assert inner_commands(split_command("bash script.sh <<< 'rm x'")[0]) == []
    assert inner_commands(split_command("sh -c 'ls' <<< 'rm x'")[0]) == ["ls"]


@pytest.mark.parametrize(("line", "inner"), [
    ("find . -name '*.tmp' -exec rm {} + -print", ["rm {}"]),
    ("find . -ok cat {} \\;", ["cat {}"]),
    ("ippfind --txt-pdl application/pdf --exec ipptool -f a.pdf '{}' print-job.test \\;",
     ["ipptool -f a.pdf {} print-job.test"]),
    ("ippfind -x ipptool '{}' get-jobs.test \\; -l", ["ipptool {} get-jobs.test"]),
    ("ippfind -h 'lab.*' --ls", []),
    ("fd -e log -x gzip -9", ["gzip -9"]),
    ("fd -e rs -X wc -l \\; --hidden", ["wc -l"]),
    ("fd -x", []),
])
def test_finders_run_a_command_for_each_result(line: str, inner: list[str]) -> None:
    assert inner_commands(split_command(line)[0]) == inner


@pytest.mark.parametrize(("line", "redirected"), [
    ("a | b > f", [(), (">",)]),
    ("a && b > f", [(), (">",)]),
    ("a || b && c 2> e", [(), (), ("2>",)]),
    ("a && b | c > f", [(), (), (">",)]),
    ("a > f | b", [(">",), ()]),
    ("{ a; b; } > f", [(">",), (">",)]),
    ("a | { b; c; } > f", [(), (">",), (">",)]),
])
def test_a_redirect_after_a_chain_is_its_last_commands(line: str, redirected: list) -> None:
    # bash(1) 'REDIRECTION': a redirection applies to the simple command it follows;
    # tree-sitter-bash hangs it on the whole pipeline or list
    assert [tuple(op for op, _ in s.redirects) for s in split_command(line)] == redirected
