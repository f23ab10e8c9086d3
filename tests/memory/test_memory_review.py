"""The review screen, driven headless with Textual's pilot: real candidates of the committed
tiny model in a real store; the keys change what the store holds, and ``s`` sends the
approved ones to a real model service over HTTP, as ``neuroplast memory send`` does."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from neuroplast.cli.memory_review import EMPTY_HELP, ReviewApp
from neuroplast.memory import CandidateConfig, Context, LocalBackend, MemoryStore, Scorer
from neuroplast.memory.candidates import find_candidates
from neuroplast.memory.service import ModelService
from neuroplast.memory.trainer import TrainConfig

TOKEN = "review-test-token-0123456789abcdef"
CONTEXT = Context.build(
    system=["you are a helpful assistant. answer from your memories."],
    journal=[("0001", "the user's dog is called rex."), ("0002", "the user's job is chef."),
             ("0003", "the user lives in oslo.")],
    conversation=[("user", "what is my dog called?"), ("assistant", "your dog is called rex."),
                  ("user", "what is my job?"), ("assistant", "your job is chef."),
                  ("user", "where do i live?"), ("assistant", "you live in oslo.")],
)


@pytest.fixture(scope="module")
def found(llama: LocalBackend) -> list:
    """The context's three responses as candidates (threshold 0), each with the model's
    own memory-less answer."""
    scorer = Scorer(llama, llama.tokenizer)
    return find_candidates(scorer, CONTEXT, CandidateConfig(threshold=0.0, generate=True,
                                                            max_new_tokens=8))


@pytest.fixture
def store(tmp_path: Path, found: list) -> Iterator[MemoryStore]:
    store = MemoryStore(tmp_path / "memory.db")
    store.offer(found)
    yield store
    store.close()


@pytest.fixture
def served(model_service, tmp_path: Path) -> Iterator[tuple[str, ModelService]]:
    with model_service(tmp_path / "service", TrainConfig(
            steps=1, max_length=64, replay_batch=0, ewc_lambda=0.0), TOKEN) as pair:
        yield pair


def _screen(app: ReviewApp) -> tuple[str, str]:
    """What the detail pane and the status line show."""
    return (str(app.query_one("#detail", Static).render()),
            str(app.query_one("#status", Static).render()))


def _statuses(store: MemoryStore) -> dict[float, str]:
    return {r.response_ts: r.status for r in store.reviews()}


def test_keys_move_decide_and_toggle_the_alternative(store: MemoryStore,
                                                     tmp_path: Path) -> None:
    by_gain = sorted(store.reviews(), key=lambda r: -r.divergence)
    assert len(by_gain) == 3 and all(r.alternative for r in by_gain)

    async def drive() -> None:
        app = ReviewApp(store, "http://127.0.0.1:9", tmp_path / "no-token")
        async with app.run_test(size=(100, 30)) as pilot:
            table = app.query_one(DataTable)
            assert [r.response_ts for r in app.rows] == [r.response_ts for r in by_gain]
            detail, status = _screen(app)
            assert by_gain[0].text in detail and "divergence" in detail
            assert "3 pending · 0 approved · 0 rejected · 0 sent" in status
            assert by_gain[0].alternative not in detail  # hidden until g
            await pilot.press("g")
            assert by_gain[0].alternative in _screen(app)[0]
            await pilot.press("g")
            assert by_gain[0].alternative not in _screen(app)[0]

            await pilot.press("j", "j", "j")  # stops at the last row
            assert table.cursor_row == 2 and by_gain[2].text in _screen(app)[0]
            await pilot.press("k", "k")
            assert table.cursor_row == 0

            await pilot.press("a")  # approve the first; the cursor moves on
            assert table.cursor_row == 1
            await pilot.press("r")
            assert table.cursor_row == 2
            assert _statuses(store) == {by_gain[0].response_ts: "approved",
                                        by_gain[1].response_ts: "rejected",
                                        by_gain[2].response_ts: "pending"}
            assert "1 pending · 1 approved · 1 rejected" in _screen(app)[1]
            await pilot.press("k", "a")  # a rejected one can be approved after all
            assert _statuses(store)[by_gain[1].response_ts] == "approved"
            assert [str(table.get_cell_at((i, 0))) for i in range(3)] == [
                "approved", "approved", "pending"]
            await pilot.press("q")
        assert not app.is_running

    asyncio.run(drive())
    assert store.trained_timestamps() == set()  # deciding sends nothing


def test_the_pane_shows_the_memories_a_response_depended_on(store: MemoryStore,
                                                           tmp_path: Path) -> None:
    dog = next(r for r in store.reviews() if r.text == "your dog is called rex.")
    # the committed model reads its answers from memories: the dog's name from 0001
    assert dog.memories and dog.memories[0][:2] == ("0001", "the user's dog is called rex.")

    async def drive() -> None:
        app = ReviewApp(store, "http://127.0.0.1:9", tmp_path / "no-token")
        async with app.run_test(size=(100, 40)) as pilot:
            table = app.query_one(DataTable)
            while app.current is not None and app.current.response_ts != dog.response_ts:
                await pilot.press("j")
            assert table.cursor_row == [r.response_ts for r in app.rows].index(dog.response_ts)
            detail = _screen(app)[0]
            assert "depended on" in detail
            for key, text, div in dog.memories:
                assert f"{div:6.2f}  {key}: {text}" in detail
            await pilot.press("q")

    asyncio.run(drive())


def test_send_posts_the_approved_ones_and_the_ledger_records_them(
        store: MemoryStore, served: tuple[str, ModelService], tmp_path: Path) -> None:
    url, service = served
    good, bad = tmp_path / "token", tmp_path / "wrong-token"
    good.write_text(TOKEN + "\n")
    bad.write_text("not-the-token-0123456789abcdef")
    by_gain = sorted(store.reviews(), key=lambda r: -r.divergence)

    async def drive(token_file: Path, keys: tuple[str, ...]) -> tuple[str, str]:
        app = ReviewApp(store, url, token_file)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press(*keys)
            await app.workers.wait_for_complete()
            await pilot.pause()
            return _screen(app)

    _, status = asyncio.run(drive(tmp_path / "absent", ("s",)))
    assert "nothing approved to send" in status
    _, status = asyncio.run(drive(tmp_path / "absent", ("a", "s")))
    assert "not sent" in status and "token" in status
    _, status = asyncio.run(drive(bad, ("s",)))
    assert "not sent" in status and "refused the token" in status
    assert store.trained_timestamps() == set()  # a refused send marks nothing

    detail, status = asyncio.run(drive(good, ("j", "r", "a", "s")))
    approved = {by_gain[0].response_ts, by_gain[2].response_ts}
    assert store.trained_timestamps() == approved
    job = status.split("as job ")[1].split()[0]
    assert service.jobs.status(job)["samples"] == 2  # one job of the two approved
    deadline = time.monotonic() + 60
    while (done := service.jobs.status(job))["status"] in ("queued", "running"):
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert done["status"] == "done", done  # the service trained on what the screen sent
    assert "0 pending · 0 approved · 1 rejected · 2 sent" in status
    assert by_gain[1].text in detail  # only the rejected one is left on the list

    _, status = asyncio.run(drive(good, ("s",)))  # the ledger remembers
    assert "nothing approved to send" in status and store.trained_timestamps() == approved


def test_an_empty_store_says_how_to_find_candidates(tmp_path: Path) -> None:
    store = MemoryStore(tmp_path / "memory.db")

    async def drive() -> None:
        app = ReviewApp(store, "http://127.0.0.1:9", tmp_path / "token")
        async with app.run_test() as pilot:
            assert not app.query_one(DataTable).display
            detail, _ = _screen(app)
            assert detail == EMPTY_HELP and "neuroplast memory candidates" in detail
            await pilot.press("j", "k", "a", "r", "g", "s")  # nothing to act on, no crash
            assert "nothing approved to send" in _screen(app)[1]
            await pilot.press("q")

    try:
        asyncio.run(drive())
    finally:
        store.close()


def test_the_cli_loads_textual_only_for_the_review_screen() -> None:
    code = ("import sys; from neuroplast.cli import _attach_groups, app; _attach_groups(); "
            "import typer.main; typer.main.get_command(app); print('textual' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120, env=os.environ | {"HF_HUB_OFFLINE": "1"}, check=True)
    assert out.stdout.strip() == "False"
