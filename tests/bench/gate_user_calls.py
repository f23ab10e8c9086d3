"""What the tests of the simulated gate users (``test_gate_*_user.py``) share: hook calls
made in a project folder, test ids for them, the checks every user's tables of answers
run, and a user that works out each call's answer once.

A module the tests import, not a ``conftest.py``: the tables are built when a test module
is imported (for ``pytest.mark.parametrize``), before any fixture exists, and pytest swaps
the module named ``conftest`` per folder, so importing from it is not reliable.

>>> call, bash = calls_in("/home/alice/projects/webapp")
>>> c = bash("ls -la")
>>> c.tool_name, c.tool_input, c.cwd, c.origin
('Bash', {'command': 'ls -la'}, '/home/alice/projects/webapp', 'tldr')
>>> call("Read", file_path="README.md").tool_input
{'file_path': 'README.md'}
>>> command_ids([c]), input_ids([c]), reason_ids([(c, "gtfobins")])
(['ls -la'], ["{'command': 'ls -la'}"], ["gtfobins:{'command': 'ls -la'}"])
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from neuroplast_bench.gate import GateBenchConfig, stream_and_user
from neuroplast_bench.gate_oracle import PhasedUser
from neuroplast_bench.gate_stream import StreamCall

__all__ = ["assert_approved", "assert_drift_flips", "assert_drift_in_stream",
           "assert_drift_leaves_alone", "assert_refusal_counts", "assert_refused",
           "assert_stream_follows_its_config",
           "calls_in", "command_ids", "input_ids", "reason_ids", "remembering"]

U = TypeVar("U", bound=PhasedUser)


def remembering(user_class: type[U]) -> U:
    """A ``user_class`` that answers each call object once: the stream tests ask about each
    call of a stream several times (its profile, its drifted calls), and the answers are the
    same each time, so they are worked out once (keyed by the call object, which the cached
    streams keep alive). Each user's tests check it answers as a fresh user does.

    >>> class Counting(PhasedUser):
    ...     drift, asked = "x", 0
    ...     def _fixed_reasons(self, call):
    ...         Counting.asked += 1
    ...         return ()
    >>> user, c = remembering(Counting), calls_in("/p")[1]("ls")
    >>> user._fixed_reasons(c), user._fixed_reasons(c), Counting.asked
    ((), (), 1)
    """

    class Remembering(user_class):  # type: ignore[valid-type,misc]
        def __init__(self) -> None:
            super().__init__()
            self._fixed: dict[int, tuple[str, ...]] = {}
            self._drift: dict[int, bool] = {}

        def _fixed_reasons(self, call: StreamCall) -> tuple[str, ...]:
            if id(call) not in self._fixed:
                self._fixed[id(call)] = super()._fixed_reasons(call)
            return self._fixed[id(call)]

        def _drifted(self, call: StreamCall) -> bool:
            if id(call) not in self._drift:
                self._drift[id(call)] = super()._drifted(call)
            return self._drift[id(call)]

    return Remembering()


def calls_in(cwd: str) -> tuple[Callable[..., StreamCall], Callable[..., StreamCall]]:
    """``(call, bash)`` for a project in ``cwd``: ``call(tool, origin="tldr", **tool_input)``
    is one PreToolUse event of ``tool``, ``bash(command, origin="tldr")`` one Bash call."""

    def call(tool: str, origin: str = "tldr", **tool_input: Any) -> StreamCall:
        event = {"tool_name": tool, "tool_input": tool_input, "cwd": cwd,
                 "hook_event_name": "PreToolUse", "tool_use_id": "t", "session_id": "s"}
        return StreamCall(index=0, event=event, origin=origin)

    def bash(command: str, origin: str = "tldr") -> StreamCall:
        return call("Bash", origin=origin, command=command)

    return call, bash


def reason_ids(cases: Sequence[tuple[StreamCall, str]]) -> list[str]:
    """Test ids of ``(call, reason)`` cases: the reason, then the call's input."""
    return [f"{r}:{str(c.tool_input)[:60]}" for c, r in cases]


def input_ids(calls: Sequence[StreamCall]) -> list[str]:
    """Test ids of calls of any tool: the start of their input."""
    return [str(c.tool_input)[:60] for c in calls]


def command_ids(calls: Sequence[StreamCall]) -> list[str]:
    """Test ids of Bash calls: the start of their command."""
    return [c.tool_input["command"][:50] for c in calls]


def assert_refused(user: PhasedUser, c: StreamCall, reason: str) -> None:
    """``c`` is refused for ``reason`` (among others) before and after the drift, and the
    drift is not what decides it."""
    for phase in (0, 1):
        assert reason in user.refusal_reasons(c, phase), user.refusal_reasons(c, phase)
        assert not user.would_approve(c, phase)
    assert not user.drift_applies(c)


def assert_approved(user: PhasedUser, c: StreamCall, phases: Sequence[int] = (0, 1)) -> None:
    """``c`` is approved, with no reason against it, in each of ``phases``; approved after
    the drift too, the drift does not cover it."""
    assert user.refusal_reasons(c, 0) == ()
    for phase in phases:
        assert user.would_approve(c, phase)
    if 1 in phases:
        assert not user.drift_applies(c)


def assert_drift_flips(user: PhasedUser, c: StreamCall, drift: str) -> None:
    """``c`` is what the drift (named ``drift``) covers: approved before it, refused for it
    after."""
    assert user.drift_applies(c)
    assert user.would_approve(c, 0)
    assert not user.would_approve(c, 1)
    assert user.refusal_reasons(c, 1) == (drift,)


def assert_drift_leaves_alone(user: PhasedUser, c: StreamCall) -> None:
    """The drift does not reach ``c``: approved before and after it."""
    assert not user.drift_applies(c)
    assert user.would_approve(c, 0) and user.would_approve(c, 1)


def assert_drift_in_stream(profile: dict[str, Any], calls: Sequence[StreamCall],
                           user: PhasedUser, drift: str, at_least: int) -> list[StreamCall]:
    """The drift (named ``drift``) in a stream's refusal profile (``refusal_profile``):
    none before it, at least ``at_least`` calls after it, each of them approved before the
    drift and refused after it. Returns the drifted calls of ``calls``."""
    assert profile["before"]["by_reason"][drift] == 0
    assert profile["drift_calls_after"] >= at_least
    assert profile["after"]["by_reason"][drift] == profile["drift_calls_after"]
    drifted = [c for c in calls if user.drift_applies(c)]
    assert all(user.would_approve(c, 0) and not user.would_approve(c, 1) for c in drifted)
    return drifted


def assert_refusal_counts(profile: dict[str, Any], calls: Sequence[StreamCall],
                          user: PhasedUser, drift: str, *, refused: int, drifted: int,
                          programs: int, bound: dict[str, int], late: tuple[str, ...],
                          unseen: tuple[str, ...]) -> None:
    """A held-out stream's refusal profile (``refusal_profile``) as its user's commit reports
    it: ``refused`` calls, ``drifted`` calls after the drift over ``programs`` tldr pages,
    the calls each preference binds (``bound``), the pages whose drifted calls come only
    after the drift (``late``) and those of them the stream draws no call of before it
    (``unseen``)."""
    assert (profile["refused"], profile["drift_calls_after"],
            len(profile["drift_families"])) == (refused, drifted, programs)
    assert {r: profile["by_reason"][r] for r in bound} == bound
    assert profile["by_reason"][drift] == drifted
    half = len(calls) // 2
    first: dict[str, int] = {}
    for c in calls:
        if user.drift_applies(c):
            first.setdefault(c.family, c.index)
    assert tuple(sorted(f for f, i in first.items() if i >= half)) == late
    seen_before = {c.family for c in calls[:half]}
    assert tuple(f for f in late if f not in seen_before) == unseen


def assert_stream_follows_its_config(config: GateBenchConfig, calls: Sequence[StreamCall],
                                     user: PhasedUser, home_files: Sequence[str]) -> None:
    """``calls`` and ``user``, made by ``stream_and_user(config)``, are a function of
    ``config``: the answers depend on the call alone (a command met in the next seed's
    stream, at another index, in another session, gets the same answer from a new user),
    the same config makes the same stream, and the user's home files are named in it."""
    answers = {(c.cwd, c.tool_input["command"]): user.refusal_reasons(c, 0) for c in calls
               if c.tool_name == "Bash" and c.origin == "tldr"}
    other, _ = stream_and_user(dataclasses.replace(config, calls=1200, seed=config.seed + 1))
    shared = [c for c in other if (c.cwd, c.tool_input.get("command")) in answers]
    assert len(shared) >= 20
    assert all(type(user)().refusal_reasons(c, 0) == answers[(c.cwd, c.tool_input["command"])]
               for c in shared)
    again, _ = stream_and_user(config)
    assert [c.event for c in again] == [c.event for c in calls]
    text = " ".join(str(c.tool_input) for c in calls)
    assert sum(f.replace("/home/alice", "") in text for f in home_files) >= 8
