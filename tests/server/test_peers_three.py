"""Three real services on loopback ports, B trusting A and C: a refusal on A makes B ask
about a call B's own answers let through; C's approvals never lift B's user's refusal nor
clear a risk flag (gate.peer_learning, gate.support).

Each service runs a real Gate (MiniLM, SQLite, training in a thread) and the peers
subsystem syncing over HTTP every 0.2 s. B lets its peers' approvals count
(``peer_support = "both"``), the most a peer can do, to show what they still cannot.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest
from fastapi import FastAPI

from neuroplast.gate.calls import ToolCall
from neuroplast.gate.support import call_identity
from neuroplast.peers import PeerList
from neuroplast.server.service import create_service
from neuroplast.server.service_config import ServiceConfig
from neuroplast.server.subsystems import available

if TYPE_CHECKING:
    from conftest import Served, UserClient  # tests/server/conftest.py

CWD = "/p"
TRAIN = ["pytest tests/test_api.py -q", "pytest tests/test_cli.py -q",
         "pytest tests/test_db.py -q", "pytest tests/test_io.py -q", "git status", "ls -la",
         "make", "npm run build"]
# close to what B approved, so B auto-allows it, but not the same call as any of them (by
# ``teacher.supersede_key``: programs, sub-commands, flags), where B's user's word would win
CALL = "pytest tests/test_web.py -q -x"
SUDO = "sudo apt update"


def _config(peer_support: str) -> ServiceConfig:
    return ServiceConfig.from_dict({
        "peers": {"sync_interval_s": 0.2, "peer_support": peer_support},
        "gate": {"learner": {"backend": "thread"}, "min_labels_to_decide": 4,
                 "min_recent_accuracy": 0.0}}, available())


@pytest.fixture(scope="module")
def trio(serve: Callable[..., Served], tmp_path_factory: pytest.TempPathFactory
         ) -> dict[str, Any]:
    homes = {n: tmp_path_factory.mktemp(n) for n in ("a", "b", "c")}
    apps: dict[str, FastAPI] = {n: create_service(_config("both" if n == "b" else "refusals"),
                                                  data_dir=homes[n]) for n in homes}
    served = {n: serve(apps[n]) for n in homes}
    keys = {}
    for n in homes:
        with served[n].client(homes[n]) as client:
            keys[n] = client.get("/v1/peers").json()["identity"]
    for me, other in (("a", "b"), ("b", "a"), ("c", "b"), ("b", "c")):
        PeerList(homes[me] / "peers" / "peers.db").add(other, keys[other], served[other].url)
    return {"homes": homes, "served": served, "apps": apps}


def _client(trio: dict[str, Any], name: str) -> UserClient:
    return trio["served"][name].client(trio["homes"][name])  # type: ignore[no-any-return]


def _taught(trio: dict[str, Any], name: str, origin: str) -> int:
    with _client(trio, name) as client:
        stats = client.get("/v1/gate/stats").json()
    return int(stats["by_origin"].get(origin, {}).get("answers", 0))


def _decision(trio: dict[str, Any], name: str, tool_use_id: str, command: str
              ) -> tuple[str, str]:
    """What ``name``'s gate decides about ``command`` (once its training caught up)."""
    gate = trio["apps"][name].state.gate
    assert gate.wait_idle(60)
    with _client(trio, name) as client:
        hook = client.decide(tool_use_id, command, CWD)
    row = gate.lookup(tool_use_id)
    assert row is not None, hook
    return row.decision, row.source


def test_a_refusal_on_a_makes_b_ask_about_a_call_it_auto_allowed(
        trio: dict[str, Any], eventually: Callable[..., bool]) -> None:
    with _client(trio, "b") as b:
        for i, command in enumerate(TRAIN):
            b.answer(f"b-train-{i}", command, approved=True)
    assert _decision(trio, "b", "b-before", CALL) == ("allow", "model_allow")
    with _client(trio, "a") as a:
        a.answer("a-no", CALL, approved=False)
    assert eventually(lambda: _taught(trio, "b", "peer:a") >= 1)
    decision, source = _decision(trio, "b", "b-after", CALL)
    assert (decision, source) == ("ask", "latest_refusal")
    reason = trio["apps"]["b"].state.gate.lookup("b-after").reason
    assert "refusal" in reason and "Bash:pytest" in reason
    # only B's user lifts it: once they approve the call, B lets it through again
    with _client(trio, "b") as b:
        b.post("/v1/gate/feedback", json={"tool_use_id": "b-after", "approved": True})
    assert _decision(trio, "b", "b-lifted", CALL)[0] == "allow"


def test_c_approvals_never_lift_b_users_refusal_nor_clear_a_risk_flag(
        trio: dict[str, Any], eventually: Callable[..., bool]) -> None:
    b_gate = trio["apps"]["b"].state.gate
    with _client(trio, "b") as b:
        # B's own model needs its user's labels to decide (min_labels_to_decide), whether
        # or not the test above taught them in this process first
        for i, command in enumerate(TRAIN):
            b.answer(f"b-own-{i}", command, approved=True)
        b.answer("b-docker-no", "docker run --rm alpine", approved=False)
        b.answer("b-sudo-yes", SUDO, approved=True)  # once: a risky call needs two
    before = _taught(trio, "b", "peer:c")
    with _client(trio, "c") as c:
        for i, command in enumerate(("docker ps", "docker images", "docker ps -a",
                                     "docker image ls")):
            c.answer(f"c-docker-{i}", command, approved=True)
        for i in range(4):
            c.answer(f"c-sudo-{i}", SUDO, approved=True)
    assert eventually(lambda: _taught(trio, "b", "peer:c") >= before + 8)
    assert b_gate.support.origins()["peer:c:" + _seq_of(trio, "c", "c-docker-0")] == "peer"
    # C's approvals count as support in B's memory, but B's user said no to docker
    decision, source = _decision(trio, "b", "b-docker-again", "docker ps")
    assert decision == "ask" and source in ("latest_refusal", "model_unsure"), source
    reason = b_gate.lookup("b-docker-again").reason
    assert source != "latest_refusal" or "about Bash:docker was a refusal" in reason
    assert b_gate.support.latest(("Bash:docker",)) == {"Bash:docker": True}  # C's approvals
    evidence = b_gate.support.evidence(
        b_gate.extractor.features(_bash("docker ps"))[: b_gate.support.dim].numpy(),
        ("Bash:docker",))
    assert evidence.stats["Bash:docker"].latest_refused  # ...but the user's refusal stands
    # four approvals of the very call from C: still one vouched approval of B's user
    identity = call_identity(_bash(SUDO))
    assert b_gate.support.approvals_since_refusal(identity) == 1
    assert b_gate.support.risk_approvals(("privilege_escalation",)) == 1
    decision, source = _decision(trio, "b", "b-sudo-again", SUDO)
    assert decision == "ask" and source in ("risk_flags", "model_unsure"), source


def _bash(command: str) -> ToolCall:
    return ToolCall("Bash", {"command": command}, cwd=CWD, session_id="s")


def _seq_of(trio: dict[str, Any], name: str, tool_use_id: str) -> str:
    """The sequence number ``name`` sent its answer about ``tool_use_id`` under (its row)."""
    rows = trio["apps"][name].state.gate.db.query(
        "SELECT MAX(id) FROM feedback WHERE tool_use_id = ?", (tool_use_id,))
    return str(rows[0][0])
