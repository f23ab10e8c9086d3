"""Executed: a command as it runs, whatever its spelling."""

from __future__ import annotations

import pytest

from neuroplast.gate.executed import Executed


@pytest.mark.parametrize(("argv", "program", "operands", "flags"), [
    (("/bin/rm", "-fr", "x"), "rm", ("x",), {"--recursive", "--force"}),
    (("rm", "-R", "--force", "x"), "rm", ("x",), {"--recursive", "--force"}),
    (("rm", "--", "-rf"), "rm", ("-rf",), set()),  # after "--", a file named -rf
    (("git", "-C", "..", "push", "-f"), "git", ("push",), {"--force", "-C", "-C=.."}),
    (("git", "-c", "core.x=y", "--no-pager", "push"), "git", ("push",),
     {"-c", "-c=core.x=y", "--no-pager"}),
    (("git", "--git-dir=/r/.git", "push"), "git", ("push",),
     {"--git-dir", "--git-dir=/r/.git"}),
    (("git", "push", "-o", "ci.skip"), "git", ("push", "ci.skip"), {"-o"}),  # push's own
    (("git", "push", "origin", "+main"), "git", ("push", "origin", "+main"), {"--force"}),
    (("git", "push", "--force-with-lease=main"), "git", ("push",),
     {"--force-with-lease", "--force-with-lease=main", "--force"}),
    (("git", "push", "origin", ":old"), "git", ("push", "origin", ":old"), {"--delete"}),
    (("git", "branch", "-D", "x"), "git", ("branch", "x"), {"--delete", "--force"}),
    (("kubectl", "delete", "-n", "prod", "pod", "web"), "kubectl", ("delete", "pod", "web"),
     {"-n", "-n=prod"}),
    (("docker", "--context", "prod", "rm", "-f", "db"), "docker", ("rm", "db"),
     {"--context", "--context=prod", "--force"}),
    (("docker", "container", "rm", "db"), "docker", ("rm", "db"), set()),
    (("npm", "--prefix", "app", "i", "-g", "x"), "npm", ("install", "x"),
     {"--prefix", "--prefix=app", "--global"}),
    (("cargo", "+nightly", "publish"), "cargo", ("publish",), {"+nightly"}),
    (("make", "-C", "site", "-j", "4", "deploy"), "make", ("deploy",),
     {"-C", "-C=site", "-j", "-j=4"}),
    (("find", ".", "-name", "*.o", "-delete"), "find", (".", "*.o"), {"-name", "-delete"}),
    (("terraform", "apply", "--auto-approve"), "terraform", ("apply",), {"-auto-approve"}),
    (("kill", "-KILL", "1"), "kill", ("1",), {"-9"}),
    (("head", "-n5", "f"), "head", ("f",), {"-n"}),
])
def test_the_command_as_executed(argv: tuple[str, ...], program: str,
                                 operands: tuple[str, ...], flags: set[str]) -> None:
    e = Executed.of(argv)
    assert (e.program, e.operands, set(e.flags)) == (program, operands, flags)


def test_an_empty_command() -> None:
    assert Executed.of(()) == Executed("", (), frozenset())
