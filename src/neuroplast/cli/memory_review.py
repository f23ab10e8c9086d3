"""The review screen of ``neuroplast memory review``: decide on fine-tuning candidates and
send the approved ones to training, in the terminal.

The list holds every candidate not yet sent, largest divergence first; the pane below
shows the highlighted one in full, with the memories it depended on (each one's divergence:
how much less likely the response is without that memory alone). Keys are those of the
consciousness agent's learn screen: ``j``/``k`` move, ``a`` approves, ``r`` rejects (the
cursor then moves on), ``g`` shows or hides what the model says without its memories
(when ``candidates --generate`` made it), ``s`` sends the approved ones through
:func:`neuroplast.memory.sending.send_approved`, the same path as ``neuroplast memory
send``, and ``q`` quits. Every decision is written to the store at once, so quitting loses
nothing.

This module imports Textual at load time; the CLI imports it only when the screen opens.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Static

from neuroplast.cli.memory import format_ts
from neuroplast.errors import NeuroplastError
from neuroplast.memory.sending import Sent, read_token, send_approved
from neuroplast.memory.store import MemoryStore, Review

__all__ = ["EMPTY_HELP", "ReviewApp"]

EMPTY_HELP = (
    "No candidates to review.\n\n"
    "Candidates are responses the model gets right only because memories are in its "
    "context. Find some by scoring a conversation with a model:\n\n"
    "  neuroplast memory candidates --context CONTEXT.json --model MODEL_DIR --generate\n\n"
    "then run `neuroplast memory review` again. q quits."
)
_SHOWN = 70  # characters of a response in the list; the pane below shows all of it



class ReviewApp(App[None]):
    """Review the candidates in ``store``; ``s`` posts the approved ones to ``url``/train
    with the token read from ``token_file`` when sending."""

    TITLE = "neuroplast memory review"
    ENABLE_COMMAND_PALETTE = False  # the footer's keys are all there is
    CSS = """
    #candidates { height: 1fr; }
    #detail-pane { height: 1fr; border-top: solid $accent; padding: 0 1; }
    #status { height: 1; background: $boost; padding: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "move(1)", "down"),
        Binding("k", "move(-1)", "up"),
        Binding("a", "decide('approved')", "approve"),
        Binding("r", "decide('rejected')", "reject"),
        Binding("g", "toggle_alternative", "without memories"),
        Binding("s", "send", "send approved"),
        Binding("q", "quit", "quit"),
    ]

    def __init__(self, store: MemoryStore, url: str,
                 token_file: str | os.PathLike[str]) -> None:
        super().__init__()
        self.store = store
        self.url = url
        self.token_file = Path(token_file)
        self.rows: list[Review] = []
        self.show_alternative = False
        self.message = ""
        self.sending = False

    def compose(self) -> ComposeResult:
        yield DataTable(id="candidates", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="detail-pane"):
            yield Static(id="detail")
        yield Static(id="status")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("status", "divergence", "response")
        self._load()
        table.focus()

    # ------------------------------------------------------------------ state
    @property
    def current(self) -> Review | None:
        """The highlighted candidate, or None when there is none."""
        if not self.rows:
            return None
        return self.rows[self.query_one(DataTable).cursor_row]

    def _load(self, cursor: int | None = None) -> None:
        """Read the store again and redraw, keeping the cursor at ``cursor`` (clamped)."""
        table = self.query_one(DataTable)
        if cursor is None:
            cursor = table.cursor_row
        trained = self.store.trained_timestamps()
        self.rows = sorted((r for r in self.store.reviews() if r.response_ts not in trained),
                           key=lambda r: (-r.divergence, r.response_ts))
        table.clear()
        for r in self.rows:
            text = " ".join(r.text.split())
            if len(text) > _SHOWN:
                text = text[: _SHOWN - 1] + "…"
            table.add_row(Text(r.status), Text(f"{r.divergence:.2f}", justify="right"),
                          Text(text), key=repr(r.response_ts))
        table.display = bool(self.rows)
        if self.rows:
            table.move_cursor(row=max(0, min(cursor, len(self.rows) - 1)))
        self._counts = {s: sum(r.status == s for r in self.rows)
                        for s in ("pending", "approved", "rejected")}
        self._counts["sent"] = len(trained)
        self._show()

    def _show(self) -> None:
        """Redraw the detail pane and the status line."""
        self.query_one("#detail", Static).update(self._detail())
        counts = " · ".join(f"{n} {s}" for s, n in self._counts.items())
        line = counts + (f"   {self.message}" if self.message else "")
        self.query_one("#status", Static).update(Text(line))

    def _detail(self) -> Text:
        review = self.current
        if review is None:
            return Text(EMPTY_HELP)
        out = Text()
        out.append(f"response {format_ts(review.response_ts)}", style="bold")
        out.append(f" · {review.status} · divergence {review.divergence:.2f} nats · "
                   f"{len(review.context_ids)} context tokens before it\n\n")
        out.append("Response (right with its memories in context):\n", style="bold")
        out.append(review.text + "\n\n")
        if review.memories:
            out.append("It depended on these memories (divergence without each):\n",
                       style="bold")
            for key, text, div in review.memories:
                out.append(f"  {div:6.2f}  {key}: {text}\n")
            out.append("\n")
        else:
            out.append("No single memory's removal changed it by 0.1 nats or more (several "
                       "memories together, or scored before memories were attributed).\n\n",
                       style="dim")
        if review.alternative is None:
            out.append("Without memories: not generated; `neuroplast memory candidates "
                       "--generate` keeps the model's own memory-less answer.", style="dim")
        elif self.show_alternative:
            out.append("Without memories, the model says (g hides):\n", style="bold")
            out.append(review.alternative)
        else:
            out.append("g shows what the model says without its memories.", style="dim")
        return out

    # ------------------------------------------------------------------ actions
    def on_data_table_row_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self._show()

    def action_move(self, delta: int) -> None:
        if self.rows:
            table = self.query_one(DataTable)
            table.move_cursor(row=max(0, min(table.cursor_row + delta, len(self.rows) - 1)))

    def action_decide(self, status: str) -> None:
        review = self.current
        if review is None:
            return
        self.store.set_status(review.response_ts, status)
        self.message = f"{status} response {format_ts(review.response_ts)}"
        # the next one to decide is the row below; the list keeps its order (divergence)
        self._load(cursor=self.query_one(DataTable).cursor_row + 1)

    def action_toggle_alternative(self) -> None:
        self.show_alternative = not self.show_alternative
        self._show()

    def action_send(self) -> None:
        if self.sending:
            return
        if not self._counts["approved"]:
            self.message = "nothing approved to send; a approves the highlighted candidate"
            self._show()
            return
        self.sending = True
        self.message = f"sending {self._counts['approved']} approved to {self.url} …"
        self._show()
        self.run_worker(self._send, thread=True, group="send")

    def _send(self) -> None:
        """In a worker thread: the HTTP request must not freeze the screen."""
        try:
            sent = send_approved(self.store, self.url, read_token(self.token_file))
        except NeuroplastError as exc:
            self.call_from_thread(self._sent, None, str(exc))
        else:
            self.call_from_thread(self._sent, sent, None)

    def _sent(self, sent: Sent | None, error: str | None) -> None:
        self.sending = False
        if error is not None:
            self.message = f"not sent: {error}"
        elif sent is None:
            self.message = "nothing approved to send"
        else:
            self.message = f"sent {len(sent.response_ts)} for training as job {sent.job_id}"
        self._load()
