"""SupportMemory and the gate's rule that only supported calls are auto-allowed."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from neuroplast.errors import ConfigError, InvalidInputError
from neuroplast.gate.calls import ToolCall
from neuroplast.gate.decision_rules import SUPPORT_RULE_NAMES
from neuroplast.gate.inspect import RISK_FLAGS
from neuroplast.gate.support import (
    SUPPORT_RULES,
    SupportConfig,
    SupportMemory,
    call_identity,
    program_keys,
)

LS, RM, CAT = ("Bash:ls",), ("Bash:rm",), ("Bash:cat",)


def unit(*v: float) -> np.ndarray:
    x = np.array(v, dtype=np.float32)
    return x / np.linalg.norm(x)


def memory(**kw: object) -> SupportMemory:
    cfg = {"similarity": 0.9, "min_support": 2, "trusted_similarity": 0.5,
           "trust_min_approvals": 3, "repeat_similarity": 1.0, **kw}
    return SupportMemory(SupportConfig(**cfg), dim=3)


def test_needs_min_support_close_approvals() -> None:
    m = memory()
    m.add("ls", unit(0, 1, 0), approved=True, clock=1, programs=LS)  # ls is known, not close
    m.add("a", unit(1, 0, 0), approved=True, clock=2, programs=CAT)
    one = m.check(unit(1, 0.05, 0), LS)
    assert not one.supported and one.approved == 1 and "needs 2" in one.reason
    m.add("b", unit(1, 0.1, 0), approved=True, clock=3, programs=CAT)
    two = m.check(unit(1, 0.05, 0), LS)
    assert two.supported and two.approved == 2
    far = m.check(unit(0, 0, 1), LS)
    assert not far.supported and far.nearest_approved == pytest.approx(0.0, abs=1e-6)
    assert far.reason == "novel: nearest approved call sim=0.00 < 0.90"


def test_one_near_repeat_of_an_approved_call_is_enough() -> None:
    m = memory(repeat_similarity=0.99)
    m.add("ls", unit(0, 1, 0), approved=True, clock=1, programs=LS)
    m.add("a", unit(1, 0, 0), approved=True, clock=2, programs=CAT)
    assert m.check(unit(1, 0.05, 0), LS).supported  # cosine 0.9988: a near repeat
    lone = m.check(unit(1, 0.3, 0), LS)  # cosine 0.958: close, but one approval only
    assert not lone.supported and "needs 2" in lone.reason


def test_one_close_approval_of_the_same_programs_is_enough() -> None:
    m = memory()
    m.add("a", unit(1, 0, 0), approved=True, clock=1, programs=(*LS, *CAT))
    assert m.check(unit(1, 0.3, 0), LS).supported  # cosine 0.958: ls was in that call
    m.add("b", unit(0, 1, 0), approved=True, clock=2, programs=RM)
    both = m.check(unit(1, 0.3, 0), (*LS, *RM))  # no one approved call ran ls and rm
    assert not both.supported and "needs 2" in both.reason


def test_the_first_use_of_a_program_is_asked_however_close_it_looks() -> None:
    m = memory()
    for i in range(5):
        m.add(f"cat{i}", unit(1, 0.01 * i, 0), approved=True, clock=i + 1, programs=CAT)
    first = m.check(unit(1, 0.02, 0), (*CAT, *RM))
    assert not first.supported and first.reason == "novel: no approved call of Bash:rm yet"
    m.add("no", unit(0, 0, 1), approved=False, clock=6, programs=RM)
    assert not m.check(unit(1, 0.02, 0), RM).supported  # a refusal does not make it known
    m.add("yes", unit(0, 0.1, 1), approved=True, clock=7, programs=RM)
    assert m.check(unit(1, 0.02, 0), RM).supported


def test_a_program_only_asked_for_help_is_not_known_until_a_run_is_approved() -> None:
    """Approving ``tool --help`` runs nothing of the tool: its first run is asked."""
    def keys(command: str) -> tuple[str, ...]:
        return program_keys(ToolCall("Bash", {"command": command}))

    m = memory()
    for i, command in enumerate(("steamos-factory-reset --help", "steamos-factory-reset -h")):
        m.add(command, unit(1, 0.01 * i, 0), approved=True, clock=i + 1, programs=keys(command))
    assert m.check(unit(1, 0.005, 0), keys("steamos-factory-reset --version")).supported
    run = m.check(unit(1, 0.02, 0), keys("steamos-factory-reset"))
    assert not run.supported
    assert run.reason == "novel: no approved call of Bash:steamos-factory-reset yet"
    m.add("run", unit(1, 0.03, 0), approved=True, clock=3,
          programs=keys("steamos-factory-reset --now"))
    assert m.check(unit(1, 0.02, 0), keys("steamos-factory-reset")).supported


def test_the_first_force_with_a_trusted_program_is_asked() -> None:
    m = memory(repeat_similarity=0.95)
    push = ToolCall("Bash", {"command": "git push origin feature"})
    for i in range(5):
        m.add(f"p{i}", unit(1, 0.01 * i, 0), approved=True, clock=i + 1,
              programs=program_keys(push))
    assert m.check(unit(1, 0.02, 0), program_keys(push)).supported
    forced = program_keys(ToolCall("Bash", {"command": "git push --force origin feature"}))
    first = m.check(unit(1, 0.02, 0), forced)
    assert not first.supported and first.reason == "novel: no approved call of Bash:git --force yet"
    m.add("f", unit(1, 0.03, 0), approved=True, clock=9, programs=forced)
    assert m.check(unit(1, 0.02, 0), forced).supported
    # flags that change nothing drastic are not asked about
    verbose = program_keys(ToolCall("Bash", {"command": "git push -v origin feature"}))
    assert m.check(unit(1, 0.02, 0), verbose).supported


@pytest.mark.parametrize("command", ["aws s3api delete-bucket --bucket logs",
                                     "gpg-card factory-reset",
                                     "docker compose up --force-recreate"])
def test_the_first_compound_consequential_part_is_asked(command: str) -> None:
    m = memory(repeat_similarity=0.95)
    head = command.split()[0]
    known = program_keys(ToolCall("Bash", {"command": f"{head} --version"}))
    m.add("v", unit(1, 0, 0), approved=True, clock=1, programs=known)
    first = m.check(unit(1, 0.01, 0), program_keys(ToolCall("Bash", {"command": command})))
    assert not first.supported and first.reason.startswith("novel: no approved call of")


def test_a_trusted_program_needs_less_similarity() -> None:
    m = memory()
    for i in range(3):
        m.add(f"a{i}", unit(1, 0.01 * i, 0), approved=True, clock=i + 1, programs=LS)
    mid = unit(1, 1.2, 0)  # cosine 0.64 to the approvals: below 0.9, above 0.5
    assert m.check(mid, LS).supported  # ls: 3 approvals, no refusal
    assert not m.check(mid, RM).supported  # the same text under an unknown program
    assert not m.check(mid, (*LS, *RM)).supported  # every program must be trusted


@pytest.mark.parametrize(("share", "trusted"), [(0.0, False), (0.02, True)])
def test_one_refusal_among_many_approvals_keeps_trust(share: float, trusted: bool) -> None:
    m = memory(trust_refusal_share=share)
    for i in range(60):
        m.add(f"ls{i}", unit(1, 0.001 * i, 0), approved=True, clock=i + 1, programs=LS)
    m.add("no", unit(0, 0, 1), approved=False, clock=61, programs=LS)
    m.add("yes", unit(1, 0, 0), approved=True, clock=62, programs=LS)
    # 0.6 from every approved call: enough for a trusted program (0.5), not otherwise (0.9)
    assert m.check(unit(0.6, 0.8, 0), LS).supported is trusted


def test_a_refusal_of_a_program_stops_support_until_it_is_approved_again() -> None:
    m = memory()
    for i in range(30):  # a long history of approvals of similar calls
        m.add(f"ok{i}", unit(1, 0.01 * (i % 10), 0), approved=True, clock=i + 1, programs=LS)
    assert m.check(unit(1, 0.03, 0), LS).supported
    # the drift's first refusal, of a call not even close to this one
    m.add("no", unit(0, 0, 1), approved=False, clock=31, programs=LS)
    after = m.check(unit(1, 0.06, 0), LS)
    assert not after.supported and after.reason == "latest answer about Bash:ls was a refusal"
    m.add("rm", unit(0, 1, 0), approved=True, clock=32, programs=RM)
    assert m.check(unit(1, 0.06, 0), RM).supported  # other programs: no such veto
    m.add("yes", unit(1, 0.05, 0), approved=True, clock=33, programs=LS)
    assert m.check(unit(1, 0.06, 0), LS).supported  # its latest answer is yes again


@pytest.mark.parametrize(("settle", "asked"), [(3, True), (1, False)])
def test_an_act_is_asked_while_a_refusal_is_among_its_latest_answers(settle: int,
                                                                    asked: bool) -> None:
    """Answers about ``* download`` mix programs: after the user refuses a download by aria2c
    and approves one by curl, a download by wget is still asked (with ``act_settle`` 3);
    a program's own key reads its latest answer only."""
    m = memory(act_settle=settle)
    for i, program in enumerate(("Bash:curl", "Bash:wget", "Bash:aria2c") * 4):
        m.add(f"ok{i}", unit(1, 0.01 * i, 0), approved=True, clock=i + 1,
              programs=(program, "Bash:* download"))
    m.add("no", unit(1, 0.2, 0), approved=False, clock=20, programs=("Bash:aria2c",
                                                                      "Bash:* download"))
    m.add("yes", unit(1, 0.03, 0), approved=True, clock=21, programs=("Bash:curl",
                                                                       "Bash:* download"))
    wget = m.check(unit(1, 0.04, 0), ("Bash:wget", "Bash:* download"))
    assert (not wget.supported) is asked
    if asked:
        assert "a refusal among the latest answers about Bash:* download" in wget.reason
    for clock in (22, 23):  # two more approvals: the refusal is no longer among the last 3
        m.add(f"yes{clock}", unit(1, 0.05, 0), approved=True, clock=clock,
              programs=("Bash:curl", "Bash:* download"))
    assert m.check(unit(1, 0.04, 0), ("Bash:wget", "Bash:* download")).supported
    # a program's key, not an act: its latest word alone counts
    m.add("ls-no", unit(0, 1, 0), approved=False, clock=24, programs=LS)
    m.add("ls-yes", unit(0, 1, 0.01), approved=True, clock=25, programs=LS)
    assert "Bash:ls" not in m.check(unit(0, 1, 0.02), LS).reason


def test_a_refused_force_push_to_main_is_a_refusal_of_the_pair() -> None:
    """Force-pushes to topic branches and plain pushes to main approved, a force-push to
    main refused: the next force-push to main (another remote) is asked, a force-push to a
    topic branch and a plain push to main are not held back by that refusal."""
    m = memory()

    def keys(command: str) -> tuple[str, ...]:
        return program_keys(ToolCall("Bash", {"command": command}, cwd="/home/u/p"))

    clock = 0
    for i in range(4):
        for command in (f"git push --force origin topic-{i}", "git push origin main"):
            clock += 1
            m.add(f"ok{clock}", unit(1, 0.01 * clock, 0), approved=True, clock=clock,
                  programs=keys(command))
    m.add("no", unit(1, 0.2, 0), approved=False, clock=clock + 1,
          programs=keys("git push --force origin main"))
    # the user goes on approving the rest: force-pushes to topics (three, so that the act
    # ``rewrite`` they share settles, ``act_settle``), a push to main
    for i, command in enumerate(("git push --force origin topic-5",
                                 "git push --force origin topic-6",
                                 "git push --force origin topic-7", "git push origin main")):
        m.add(f"after{i}", unit(1, 0.03 * i, 0), approved=True, clock=clock + 2 + i,
              programs=keys(command))
    again = m.check(unit(1, 0.05, 0), keys("git push --force upstream main"))
    assert not again.supported
    assert again.reason == "latest answer about Bash:git push --force =main was a refusal"
    assert "--force =main" not in m.check(unit(1, 0.05, 0),
                                          keys("git push --force origin topic-9")).reason
    assert "--force =main" not in m.check(unit(1, 0.05, 0), keys("git push origin main")).reason


def test_relabel_replaces_the_answer_and_window_evicts_by_clock() -> None:
    m = memory(window=3)
    m.add("a", unit(1, 0, 0), approved=True, clock=1, programs=LS)
    m.add("a", unit(1, 0, 0), approved=False, clock=2, programs=LS)  # false positive
    assert [(k, ok, t) for k, ok, t, _, _ in m.state()] == [("a", False, 2)]
    for t, key in ((3, "b"), (4, "c"), (5, "d")):
        m.add(key, unit(0, 1, 0), approved=True, clock=t, programs=RM)
    assert [k for k, *_ in m.state()] == ["b", "c", "d"]  # "a" fell out of the last 3 rows
    assert len(m) == 3 and m.clock == 5
    # the evicted ls refusal vetoes no more: ls is as unknown as before its first answer
    assert m.check(unit(0, 1, 0), LS).reason == "novel: no approved call of Bash:ls yet"


def test_memory_grows_past_its_first_block() -> None:
    m = SupportMemory(SupportConfig(window=5000), dim=4)
    vecs = np.random.default_rng(0).normal(size=(1500, 4)).astype(np.float32)
    for i, v in enumerate(vecs):
        m.add(str(i), v, approved=True, clock=i + 1, programs=("Read",))
    stored = np.stack([v for *_, v in m.state()])
    np.testing.assert_allclose(stored, vecs / np.linalg.norm(vecs, axis=1, keepdims=True),
                               rtol=1e-6)


def test_program_keys_and_input_errors() -> None:
    call = ToolCall("Bash", {"command": "sudo docker ps | grep web; docker logs web"})
    assert program_keys(call) == ("Bash:docker", "Bash:grep", "Bash:docker ps", "Bash:grep web",
                                  "Bash:docker logs", "Bash:docker elevate", "Bash:docker log",
                                  "Bash:* elevate", "Bash:* log", "Bash:docker logs =web")
    forced = ToolCall("Bash", {"command": "git push --force-with-lease=main origin -v"})
    assert program_keys(forced) == ("Bash:git", "Bash:git push", "Bash:git rewrite",
                                    "Bash:* push", "Bash:* rewrite",
                                    "Bash:git --force-with-lease", "Bash:git -v",
                                    "Bash:git push =origin",
                                    "Bash:git push --force-with-lease =origin")
    assert program_keys(ToolCall("FrobnicateTool", {"x": 1})) == ("FrobnicateTool",)
    with pytest.raises(InvalidInputError, match="holds 3"):
        memory().add("a", np.ones(4), approved=True, clock=1)
    with pytest.raises(ConfigError, match="min_support"):
        SupportConfig(min_support=0)
    with pytest.raises(ConfigError, match="trusted_similarity"):
        SupportConfig(similarity=0.6, trusted_similarity=0.8)


@pytest.mark.parametrize(("command", "key"), [
    ("kubectl -n prod delete pod web", "Bash:* delete"),
    ("adb -s 0123 install app.apk", "Bash:adb install"),
    ("git -C ../lib push --force origin main", "Bash:git push --force =main"),
    ("docker --context prod rm -f web", "Bash:docker rm"),
    ("gcloud --project p compute instances delete vm", "Bash:gcloud delete"),
])
def test_a_sub_command_after_global_options_is_the_sub_command(command: str, key: str) -> None:
    assert key in program_keys(ToolCall("Bash", {"command": command}, cwd="/home/u/p"))


def test_a_refused_subcommand_stays_asked_while_the_program_is_approved() -> None:
    """The user starts refusing ``npm publish`` and keeps approving ``npm install``: the
    latest answer about the program is yes, about the sub-command it is still no."""
    m = SupportMemory(SupportConfig(similarity=0.5, min_support=1), dim=2)

    def keys(command: str) -> tuple[str, ...]:
        return program_keys(ToolCall("Bash", {"command": command}))

    m.add("a", np.array([1.0, 0.0]), approved=False, clock=1, programs=keys("npm publish"))
    m.add("b", np.array([1.0, 0.1]), approved=True, clock=2, programs=keys("npm install"))
    assert m.check(np.array([1.0, 0.1]), keys("npm ci")).supported
    publish = m.check(np.array([1.0, 0.05]), keys("npm publish --tag beta"))
    assert not publish.supported
    assert publish.reason == "latest answer about Bash:npm publish was a refusal"


def test_a_refused_operand_stays_asked_while_the_sub_command_is_approved() -> None:
    """The user pushes branches but refuses a push to main: the refusal counts against
    ``main``, which no approved push named, not against ``upstream``, which one did."""
    m = SupportMemory(SupportConfig(similarity=0.5, min_support=1), dim=2)

    def keys(command: str) -> tuple[str, ...]:
        return program_keys(ToolCall("Bash", {"command": command}))

    answers = [("a", "git push upstream dev", True), ("b", "git push origin fix", True),
               ("c", "git push upstream main", True),  # it ran (auto-allowed), then:
               ("c", "git push upstream main", False),  # the user would have refused it
               ("d", "git push origin dev", True)]
    for clock, (key, command, approved) in enumerate(answers, start=1):
        m.add(key, np.array([1.0, 0.05 * clock]), approved=approved, clock=clock,
              programs=keys(command))
    main = m.check(np.array([1.0, 0.05]), keys("git push origin main"))
    assert not main.supported
    assert main.reason == "latest answer about Bash:git push =main was a refusal"
    assert m.check(np.array([1.0, 0.05]), keys("git push upstream fix")).supported
    # A refspec goes to what follows its colon: pushing main to dev is no push to main.
    m.add("e", np.array([1.0, 0.3]), approved=True, clock=6,
          programs=keys("git push upstream main:dev"))
    refspec = m.check(np.array([1.0, 0.05]), keys("git push upstream release/1.4:main"))
    assert refspec.reason == "latest answer about Bash:git push =main was a refusal"


def test_a_refused_verb_is_asked_for_other_programs_until_approved() -> None:
    """The user, who approved every publish so far, refuses ``npm publish``: the next
    ``cargo publish`` is asked although cargo's own answers were all yes, ``cargo build``
    is not; the next approval of a publish, by any program, lifts it."""
    m = SupportMemory(SupportConfig(similarity=0.5, min_support=1), dim=2)

    def keys(command: str) -> tuple[str, ...]:
        return program_keys(ToolCall("Bash", {"command": command}))

    m.add("a", np.array([1.0, 0.0]), approved=True, clock=1, programs=keys("cargo publish"))
    m.add("b", np.array([1.0, 0.1]), approved=True, clock=2, programs=keys("cargo build"))
    m.add("c", np.array([0.0, 1.0]), approved=False, clock=3, programs=keys("npm publish"))
    publish = m.check(np.array([1.0, 0.0]), keys("cargo publish --allow-dirty"))
    assert publish.reason == "latest answer about Bash:* publish was a refusal"
    assert m.check(np.array([1.0, 0.1]), keys("cargo build --release")).supported
    m.add("d", np.array([1.0, 0.05]), approved=True, clock=4, programs=keys("dotnet publish"))
    assert m.check(np.array([1.0, 0.0]), keys("cargo publish --allow-dirty")).supported


def test_an_approved_dry_run_does_not_support_the_act_it_rehearses() -> None:
    """Approving ``npm publish --dry-run`` approves a rehearsal: the publish itself is
    still never approved, so it is asked; the rehearsal's own key is known, and a refusal
    of publishing still reaches the rehearsals (they share ``* publish``)."""
    m = SupportMemory(SupportConfig(similarity=0.5, min_support=1), dim=2)

    def keys(command: str) -> tuple[str, ...]:
        return program_keys(ToolCall("Bash", {"command": command}))

    m.add("a", np.array([1.0, 0.0]), approved=True, clock=1, programs=keys("npm install"))
    m.add("b", np.array([1.0, 0.1]), approved=True, clock=2,
          programs=keys("npm publish --dry-run"))
    publish = m.check(np.array([1.0, 0.1]), keys("npm publish --access public"))
    assert not publish.supported
    assert publish.reason == "novel: no approved call of Bash:npm publish yet"
    assert m.check(np.array([1.0, 0.1]), keys("npm publish --dry-run --tag beta")).supported
    m.add("c", np.array([0.0, 1.0]), approved=False, clock=3, programs=keys("cargo publish"))
    rehearsal = m.check(np.array([1.0, 0.1]), keys("npm publish --dry-run --tag beta"))
    assert rehearsal.reason == "latest answer about Bash:* publish was a refusal"


def _keys(command: str) -> tuple[str, ...]:
    return program_keys(ToolCall("Bash", {"command": command}))


def test_a_verb_refused_before_elsewhere_is_blamed_not_the_program() -> None:
    """A user who refuses ``npm install`` and then ``pip install`` refuses installs: the
    second refusal leaves pip's own answers trusted; the first one, with nothing to tell
    it apart from a refusal of npm, counts against npm until npm is approved again."""
    m = SupportMemory(SupportConfig(similarity=0.5, min_support=1), dim=2)
    for i, cmd in enumerate(("npm test", "npm run build", "pip list", "pip show flask")):
        m.add(f"a{i}", np.array([1.0, 0.1 * i]), approved=True, clock=i + 1,
              programs=_keys(cmd))
    m.add("r1", np.array([0.0, 1.0]), approved=False, clock=5, programs=_keys("npm install x"))
    assert m.check(np.array([1.0, 0.0]), _keys("npm test")).reason == (
        "latest answer about Bash:npm was a refusal")
    m.add("r2", np.array([0.1, 1.0]), approved=False, clock=6, programs=_keys("pip install y"))
    assert m.check(np.array([1.0, 0.3]), _keys("pip list --outdated")).supported
    assert m.latest(_keys("pip install z"))["Bash:pip install"] is False
    # Once approved with pip, a later refusal of pip install counts against pip again.
    m.add("a9", np.array([1.0, 0.3]), approved=True, clock=7, programs=_keys("pip install -e ."))
    m.add("r3", np.array([0.2, 1.0]), approved=False, clock=8, programs=_keys("pip install q"))
    assert not m.check(np.array([1.0, 0.3]), _keys("pip list")).supported


@pytest.mark.parametrize(("risks", "risk_refused_before", "blamed"), [
    (("credential_path_read",), True, False),
    (("credential_path_read",), False, True),  # a risk the user approved until then
    ((), True, True),
])
def test_a_refusal_of_a_refused_risk_is_no_refusal_of_an_act_approved_without_it(
        risks: tuple[str, ...], risk_refused_before: bool, blamed: bool) -> None:
    """Once the user refuses credential reads, a refused build that reads a credential is
    a refusal of reading it: builds approved without that flag keep their standing, and
    make's next build is not asked for it. The same refusal counts against every build
    when it has no flag, or one whose latest answer elsewhere was an approval."""
    m = SupportMemory(SupportConfig(similarity=0.5, min_support=1), dim=2)
    for i, program in enumerate(("Bash:make", "Bash:cargo", "Bash:make")):
        m.add(f"a{i}", np.array([1.0, 0.1 * i]), approved=True, clock=i + 1,
              programs=(program, "Bash:* build"))
    m.add("cat", np.array([0.0, 1.0]), approved=not risk_refused_before, clock=4,
          risks=("credential_path_read",), programs=("Bash:cat", "file:~/.aws/credentials"))
    m.add("r", np.array([0.1, 1.0]), approved=False, clock=5, risks=risks,
          programs=("Bash:cargo", "Bash:* build", "file:~/.netrc"))
    make = m.check(np.array([1.0, 0.05]), ("Bash:make", "Bash:* build"))
    assert (not make.supported) is blamed
    assert m.latest(("Bash:cargo", "file:~/.netrc")) == {"Bash:cargo": False,
                                                         "file:~/.netrc": False}


def test_refusing_the_same_part_again_is_no_refusal_of_the_rest() -> None:
    """A user who refuses every push to main and approves the rest of git: the first
    refusal asks about the next git call; once it is approved, another refused push to
    main leaves git alone and keeps asking about pushes to main. A refusal of a part not
    refused before (``git clean``) still counts against git."""
    m = SupportMemory(SupportConfig(similarity=0.5, min_support=1), dim=2)
    near = np.array([1.0, 0.1])
    for i, cmd in enumerate(("git status", "git fetch", "git push origin dev")):
        m.add(f"a{i}", np.array([1.0, 0.1 * i]), approved=True, clock=i + 1,
              programs=_keys(cmd))
    m.add("r1", np.array([0.0, 1.0]), approved=False, clock=4,
          programs=_keys("git push origin main"))
    assert not m.check(near, _keys("git log")).supported
    m.add("a4", near, approved=True, clock=5, programs=_keys("git log"))
    m.add("r2", np.array([0.1, 1.0]), approved=False, clock=6,
          programs=_keys("git push upstream main"))
    assert m.check(near, _keys("git log -n 3")).supported
    assert m.latest(_keys("git push origin main"))["Bash:git push =main"] is False
    m.add("r3", np.array([0.2, 1.0]), approved=False, clock=7, programs=_keys("git clean -x"))
    assert not m.check(near, _keys("git log -n 3")).supported


def test_a_near_repeat_of_a_refusal_is_flagged_until_something_like_it_is_approved() -> None:
    m = SupportMemory(SupportConfig(deny_repeat_similarity=0.95), dim=3)
    m.add("ok", unit(0, 1, 0), approved=True, clock=1, programs=_keys("docker ps"))
    m.add("no", unit(1, 0, 0), approved=False, clock=2, programs=_keys("docker rm -f db"))
    assert m.refused_repeat(unit(1, 0.1, 0), _keys("docker rm -f cache")) == pytest.approx(
        0.995, abs=1e-3)
    assert m.refused_repeat(unit(1, 0.5, 0), _keys("docker rm -f cache")) is None  # 0.89
    m.add("yes", unit(1, 0.05, 0), approved=True, clock=3, programs=_keys("docker rm -f tmp"))
    assert m.refused_repeat(unit(1, 0.1, 0), _keys("docker rm -f cache")) is None


@pytest.mark.parametrize(("query", "reason"), [
    (unit(1, 0.3, 0), "the nearest answer is a refusal"),  # 0.96 to the refusal, 0.29 to ls
    (unit(0.3, 1, 0), ""),  # nearer the approvals: they outvote it
    (unit(1, 0, 1.5), "novel"),  # the refusal is nearest but not close (0.55 < 0.9)
])
def test_a_call_whose_nearest_answer_is_a_refusal_is_asked(query: np.ndarray,
                                                           reason: str) -> None:
    m = memory(min_support=1)
    for i in range(3):
        m.add(f"ok{i}", unit(0, 1, 0.01 * i), approved=True, clock=i + 1, programs=LS)
    m.add("no", unit(1, 0, 0), approved=False, clock=4, programs=LS)  # e.g. ls ~/.ssh
    m.add("ok3", unit(0, 1, 0.05), approved=True, clock=5, programs=LS)  # ls again: lifts it
    got = m.check(query, LS)
    assert got.supported == (not reason) and got.reason.startswith(reason), got.reason


def test_the_latest_answer_about_a_call_described_alike_is_what_counts() -> None:
    """Rule 6 reads the user's latest answer among calls whose descriptions are within
    ``description_similarity``, whatever their programs; a later approval lifts it, a
    peer's refusal and a call the agent did not describe are not concerned."""
    m = memory(description_similarity=0.9)
    rule = dict(SUPPORT_RULES)["described_refusal"]
    m.add("ok", unit(0, 1, 0), approved=True, clock=1, programs=_keys("knex migrate:latest"),
          described=unit(1, 0, 0))
    m.add("no", unit(0, 0, 1), approved=False, clock=2, programs=_keys("sequelize db:migrate"),
          described=unit(1, 0.1, 0))
    typeorm = _keys("typeorm migration:run")
    ev = m.evidence(unit(0, 1, 1), typeorm, described=unit(1, 0.2, 0))  # 0.99 to the refusal
    assert ev.described_refused == pytest.approx(0.995, abs=1e-3)
    assert rule(ev, m.config).startswith("the latest answer about a call described like this")
    assert m.evidence(unit(0, 1, 1), typeorm, described=unit(1, 1, 0)).described_refused == 0.0
    assert m.evidence(unit(0, 1, 1), typeorm).described_refused == 0.0  # no description
    m.add("peer-no", unit(0, 0, 1), approved=False, clock=3, programs=typeorm,
          described=unit(1, 0.2, 0), peer=True)
    m.add("yes", unit(0, 1, 0), approved=True, clock=4, programs=_keys("knex migrate:up"),
          described=unit(1, 0.15, 0))
    ev = m.evidence(unit(0, 1, 1), typeorm, described=unit(1, 0.2, 0))
    assert ev.described_refused == 0.0 and rule(ev, m.config) == ""


def test_a_false_positive_asks_about_programs_that_look_alike() -> None:
    """Auto-allowed ``docker run``, the user says they would have refused it: podman, whose
    approved calls look like docker's, is asked until approved again; git is not."""
    m = SupportMemory(SupportConfig(similarity=0.9, min_support=1, family_similarity=0.8),
                      dim=3)
    calls = [("docker ps", unit(1, 0, 0)), ("docker build .", unit(1, 0.1, 0)),
             ("podman ps", unit(1, 0.2, 0)), ("podman build .", unit(1, 0.3, 0)),
             ("git status", unit(0, 0, 1)), ("git log", unit(0, 0.1, 1))]
    for i, (cmd, vec) in enumerate(calls):
        m.add(f"a{i}", vec, approved=True, clock=i + 1, programs=_keys(cmd))
    m.add("fp", unit(1, 0.05, 0), approved=True, clock=7, programs=_keys("docker run x"))
    assert m.check(unit(1, 0.25, 0), _keys("podman images")).supported
    m.add("fp", unit(1, 0.05, 0), approved=False, clock=8, programs=_keys("docker run x"),
          false_positive=True)
    podman = m.check(unit(1, 0.25, 0), _keys("podman images"))
    assert not podman.supported and podman.reason == (
        "the user refused Bash:docker after it was auto-allowed, and Bash:podman's approved "
        "calls look alike")
    assert m.check(unit(0, 0.05, 1), _keys("git diff")).supported
    m.add("a9", unit(1, 0.2, 0), approved=True, clock=9, programs=_keys("podman ps -a"))
    assert m.check(unit(1, 0.25, 0), _keys("podman images")).supported


# ---------------------------------------------------------------- through the gate

PYTEST = ["pytest tests/test_api.py -q", "pytest tests/test_cli.py -q",
          "pytest tests/test_db.py -q", "pytest tests/test_io.py -q"]


def _approve_all(gate, kit) -> None:
    for i, cmd in enumerate([*PYTEST, "git status", "ls -la", "make", "npm run build"]):
        gate.decide(kit.bash(cmd, f"t{i}"))
        gate.feedback(f"t{i}", True)
    assert gate.wait_idle(60)


def test_novel_call_is_asked_even_when_the_model_is_confident(kit, make_gate) -> None:
    gate = make_gate(min_labels_to_decide=4, min_recent_accuracy=0.0)
    _approve_all(gate, kit)  # every answer so far is "yes": the MLP says yes to anything
    novel = gate.decide(ToolCall("FrobnicateTool", {"target": "prod"}, cwd=kit.CWD))
    assert novel.probability is not None and novel.probability >= 0.8
    assert novel.band == "allow" and novel.decision == "ask" and novel.source != "model_allow"
    assert novel.reason.endswith("no approved call of FrobnicateTool yet")
    supported = gate.decide(kit.bash("pytest tests/test_net.py -q"))
    assert supported.decision == "allow" and supported.source == "model_allow", supported


def test_one_refusal_stops_auto_allow_of_similar_calls_at_once(kit, make_gate) -> None:
    gate = make_gate(min_labels_to_decide=4, min_recent_accuracy=0.0)
    _approve_all(gate, kit)
    assert gate.decide(kit.bash("pytest tests/test_web.py -q")).decision == "allow"
    gate.decide(kit.bash("pytest tests/test_ui.py -q", "drift"))
    gate.feedback("drift", False)  # the user starts refusing these, once
    d = gate.decide(kit.bash("pytest tests/test_web.py -q"))
    assert d.decision == "ask" and d.source == "latest_refusal" and "refusal" in d.reason, d
    unrelated = gate.check_support(kit.bash("git status"),
                                   gate.extractor.features(kit.bash("git status")))
    assert "refus" not in unrelated.reason and unrelated.nearest_approved > 0.99


def test_asking_again_about_a_refused_call_is_replaced_by_a_deny(kit, make_gate) -> None:
    gate = make_gate(min_labels_to_decide=4, min_recent_accuracy=0.0)
    _approve_all(gate, kit)
    gate.decide(kit.bash("pytest tests/test_ui.py -q --deploy", "no"))
    gate.feedback("no", False)
    again = gate.decide(kit.bash("pytest tests/test_ui.py -q --deploy"))
    assert again.decision == "deny" and again.source == "refused_repeat", again
    assert "near repeat (sim=1.00)" in again.reason
    other = gate.decide(kit.bash("pytest tests/test_api.py -q"))
    assert other.decision != "deny", other


MIGRATIONS = [  # (command, what the agent says it does), all approved
    ("knex migrate:status", "Show the migration status"),
    ("sequelize db:migrate:status", "Show the migration status"),
    ("knex migrate:latest --env test", "Apply pending migrations to the test database"),
    ("sequelize migration:generate --name x", "Create a new migration file"),
]


def _described(kit, command: str, description: str, tool_use_id: str = "") -> ToolCall:
    return ToolCall("Bash", {"command": command, "description": description}, cwd=kit.CWD,
                    tool_use_id=tool_use_id)


@pytest.mark.parametrize("rule_on", [True, False])
def test_a_refusal_reaches_another_program_described_alike(kit, make_gate,
                                                           rule_on: bool) -> None:
    """Real MiniLM: after a refused "Run all pending migrations" with sequelize, knex's
    "Apply all pending migrations" (about 0.9) is asked, a program whose every key the user
    approved; with the rule off, the model allows it. A restart rebuilds the same. (Both
    apply migrations, an act, ``database-write``, whose refusal asks too: that rule is off
    here, so only the description can ask.)"""
    off = ["latest_refusal"] + ([] if rule_on else ["described_refusal"])
    gate = make_gate(min_labels_to_decide=4, min_recent_accuracy=0.0, disabled_rules=off)
    _approve_all(gate, kit)
    for i, (command, description) in enumerate(MIGRATIONS):
        gate.decide(_described(kit, command, description, f"m{i}"))
        gate.feedback(f"m{i}", True)
    gate.decide(_described(kit, "sequelize db:migrate", "Run all pending migrations", "no"))
    gate.feedback("no", False)
    assert gate.wait_idle(60)
    knex = _described(kit, "knex migrate:latest", "Apply all pending migrations")
    d = gate.decide(knex)
    if not rule_on:
        assert d.decision == "allow" and d.source == "model_allow", d
        return
    assert d.decision == "ask" and d.source == "described_refusal", d
    assert re.search(r"\(sim=0\.[89]\d\) was a refusal", d.reason), d.reason
    assert gate.decide(_described(kit, "knex migrate:status", "Show the migration status")
                       ).decision == "allow"
    gate.close()
    again = make_gate(min_labels_to_decide=4, min_recent_accuracy=0.0,
                      disabled_rules=off).decide(knex)
    assert again.decision == "ask" and again.source == "described_refusal", again


def test_a_refused_command_is_asked_again_in_any_folder(kit, make_gate) -> None:
    """Real MiniLM: the rendered call names its folder, so ``xhost +`` in another project
    is only about 0.9 from the refused one, farther than the approved ``xhost -`` next to
    it, and ``xhost`` is the call's only key: the answer about the very command is what
    asks. A restart rebuilds the same; approving the command again lifts it. (``xhost +``
    is also a risky call, an opened display; that rule is off here, so only the command's
    identity can ask.)"""
    off = ["risk_flags"]
    gate = make_gate(min_labels_to_decide=4, min_recent_accuracy=0.0, disabled_rules=off)
    _approve_all(gate, kit)
    other = "/home/alice/projects/other"

    def xhost(arg: str, cwd: str, tool_use_id: str = "") -> ToolCall:
        return ToolCall("Bash", {"command": f"xhost {arg}".strip()}, cwd=cwd,
                        tool_use_id=tool_use_id)

    for i, arg in enumerate(["", "-", "-local:", ""]):
        gate.decide(xhost(arg, kit.CWD, f"x{i}"))
        gate.feedback(f"x{i}", True)
    gate.decide(xhost("+", other, "no"))
    gate.feedback("no", False)
    gate.decide(xhost("-", kit.CWD, "yes"))
    gate.feedback("yes", True)  # the latest word about xhost is yes
    assert gate.wait_idle(60)
    d = gate.decide(xhost("+", kit.CWD))
    assert d.decision == "ask" and d.source == "latest_refusal", d
    assert d.reason.endswith("this very command (in any folder) was a refusal"), d.reason
    gate.close()
    again = make_gate(min_labels_to_decide=4, min_recent_accuracy=0.0, disabled_rules=off)
    d = again.decide(xhost("+", kit.CWD, "asked"))
    assert d.decision == "ask" and d.source == "latest_refusal", d
    again.feedback("asked", True)
    assert again.wait_idle(60)
    lifted = again.decide(xhost("+", kit.CWD))
    assert lifted.decision == "allow", lifted


def test_require_support_false_lets_the_model_decide_alone(kit, make_gate) -> None:
    gate = make_gate(min_labels_to_decide=4, min_recent_accuracy=0.0,
                     disabled_rules=list(SUPPORT_RULE_NAMES))
    _approve_all(gate, kit)
    d = gate.decide(ToolCall("FrobnicateTool", {"target": "prod"}, cwd=kit.CWD))
    assert d.decision == "allow" and d.source == "model_allow"


def test_memory_rebuilds_identically_after_restart(kit, make_gate, tmp_path: Path) -> None:
    gate = make_gate(min_labels_to_decide=4)
    _approve_all(gate, kit)
    gate.decide(kit.bash("rm -rf ~/", "bad"))
    gate.feedback("bad", False)
    gate.decide(kit.bash("pytest tests/test_x.py -q", "fp"))
    gate.feedback("fp", True)
    gate.feedback("fp", False, false_positive=True)  # a second answer re-labels the call
    gate.decide(kit.bash("sudo apt update", "sudo"))
    gate.feedback("sudo", True)
    before = gate.support.state()
    risks = {flag: gate.support.risk_approvals((flag,)) for flag in RISK_FLAGS}
    mistakes = [m[:2] for m in gate.support._mistakes]
    gate.close()
    rebuilt = make_gate(min_labels_to_decide=4).support
    after = rebuilt.state()
    assert [m[:2] for m in rebuilt._mistakes] == mistakes and mistakes[0][1] == "Bash:pytest"
    assert len(after) == len(before) == 11
    assert [r[:4] for r in after] == [r[:4] for r in before]
    np.testing.assert_allclose(np.stack([r[4] for r in after]),
                               np.stack([r[4] for r in before]), rtol=1e-6, atol=1e-7)
    assert dict((k, ok) for k, ok, *_ in after)["fp"] is False
    approved = call_identity(kit.bash("git status"))
    relabelled = call_identity(kit.bash("pytest tests/test_x.py -q"))
    assert rebuilt.approvals_since_refusal(approved) == 1
    assert rebuilt.approvals_since_refusal(relabelled) == 0
    assert {flag: rebuilt.risk_approvals((flag,)) for flag in RISK_FLAGS} == risks
    assert risks["privilege_escalation"] == 1


def test_refused_flags_keep_asking_after_other_approvals_of_the_program() -> None:
    m = memory()
    git, forced = ("Bash:git",), ("Bash:git", "Bash:git --force")
    for i in range(4):
        m.add(f"ok{i}", unit(1, 0.01 * i, 0), approved=True, clock=i + 1, programs=git)
    m.add("no", unit(1, 0.05, 0.05), approved=False, clock=10, programs=forced)
    m.add("ok-later", unit(1, 0.02, 0), approved=True, clock=11, programs=git)
    plain = m.check(unit(1, 0.015, 0), git)
    again = m.check(unit(1, 0.015, 0), forced)
    assert plain.supported
    assert not again.supported and "Bash:git --force was a refusal" in again.reason
    m.add("forced-ok", unit(1, 0.05, 0.05), approved=True, clock=12, programs=forced)
    assert m.check(unit(1, 0.015, 0), forced).supported  # the user changed their mind


def test_a_refused_flag_keeps_asking_with_any_other_flags() -> None:
    m = memory()
    keys = lambda cmd: program_keys(ToolCall("Bash", {"command": cmd}))  # noqa: E731
    for i in range(3):
        m.add(f"ok{i}", unit(1, 0.01 * i, 0), approved=True, clock=i + 1,
              programs=keys("git push -u origin main"))
    m.add("no", unit(1, 0.02, 0), approved=False, clock=5,
          programs=keys("git push --force -u origin main"))
    m.add("ok-later", unit(1, 0.01, 0.01), approved=True, clock=6,
          programs=keys("git push -u origin main"))  # git and -u: yes again
    other = keys("git push --force -d origin old")
    checked = m.check(unit(1, 0.015, 0), other)
    assert not checked.supported and "was a refusal" in checked.reason
    # the flag's own latest word is the refusal, whatever else the push does (the act
    # ``rewrite`` shares it, and comes first in the reason)
    assert m.evidence(unit(1, 0.015, 0), other).stats["Bash:git --force"].latest_refused


def test_only_approvals_given_when_asked_clear_a_risk_flag() -> None:
    """Calls that merely ran after the gate allowed them vouch for nothing: otherwise the
    gate's own allows would clear the flags they passed."""
    m = SupportMemory(dim=2)
    sudo = ("privilege_escalation",)
    for clock in range(1, 4):
        m.add(f"ran{clock}", np.ones(2), approved=True, clock=clock, risks=sudo, identity=9,
              vouched=False)
    assert (m.risk_approvals(sudo), m.approvals_since_refusal(9)) == (0, 0)
    m.add("asked", np.ones(2), approved=True, clock=4, risks=sudo, identity=9)
    assert (m.risk_approvals(sudo), m.approvals_since_refusal(9)) == (1, 1)
    m.add("no", np.ones(2), approved=False, clock=5, risks=sudo, identity=9, vouched=False)
    assert m.risk_approvals(sudo) == 0  # a refusal always counts
