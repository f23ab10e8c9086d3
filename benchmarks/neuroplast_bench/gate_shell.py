"""Split a shell command line into the simple commands it runs, as a careful reader would.

Written for the held-out simulated user (:mod:`neuroplast_bench.gate_heldout_user`): a
preference about what a program touches must hold however the program is reached, so
``a | b``, ``a && b``, ``a; b``, ``$(b)``, ``bash -c 'b'``, ``find -exec b``, ``xargs b`` and
wrappers (``sudo``, ``env``, ``timeout``, ``nice``, ``python -m``, ``npx``...) all yield the
program ``b`` with its own arguments and redirections.

>>> [c.words for c in simple_commands("FOO=1 timeout 5 cat ~/.npmrc | grep tok && ls")]
[('cat', '~/.npmrc'), ('grep', 'tok'), ('ls',)]
>>> c = simple_commands("sudo -u bob bash -c 'head -n 3 /etc/hosts > out.txt'")[0]
>>> c.words, c.redirects, c.wrappers
(('head', '-n', '3', '/etc/hosts'), (('>', 'out.txt'),), ('sudo', 'bash'))
>>> [c.words for c in simple_commands("find ~/.config -name '*.yml' -exec cat {} \\\\;")]
[('find', '~/.config', '-name', '*.yml'), ('cat', '~/.config')]
"""

from __future__ import annotations

import posixpath
import re
import shlex
from dataclasses import dataclass

__all__ = ["SimpleCommand", "simple_commands"]

_SEPARATORS = re.compile(r"^[;&|()]+$")  # ; && || | & ( ) ;; |&
_REDIRECT = re.compile(r"^(&>>?|>>?\|?|<<?<?|>&|<&|<>)$")
_ASSIGNMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=")
_SHELLS = {"sh", "bash", "zsh", "dash", "ksh", "fish", "ash"}
# wrapper -> its options that take a value (the wrapped command follows the options)
_WRAPPERS: dict[str, set[str]] = {
    "sudo": {"-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U", "-T", "--user", "--group"},
    "doas": {"-u", "-C"},
    "env": {"-u", "-C", "--unset", "--chdir", "-S"},
    "nice": {"-n", "--adjustment"},
    "ionice": {"-c", "-n", "-p", "--class", "--classdata"},
    "nohup": set(),
    "time": {"-f", "-o", "--format", "--output"},
    "command": set(),
    "exec": {"-a"},
    "stdbuf": {"-i", "-o", "-e"},
    "chronic": set(),
    "xargs": {"-I", "-i", "-n", "-P", "-d", "-L", "-l", "-a", "-E", "-e", "-s", "--max-args",
              "--max-procs", "--delimiter", "--arg-file", "--replace"},
    "watch": {"-n", "-d", "--interval"},
    "strace": {"-o", "-e", "-p", "-s"},
    "torsocks": set(),
    "proxychains": {"-f"},
}
_TIMED = {"timeout": {"-s", "-k", "--signal", "--kill-after"}}  # then a duration
_LAUNCHERS = {("uv", "run"), ("poetry", "run"), ("pipx", "run"), ("pnpm", "dlx"),
              ("bundle", "exec"), ("pdm", "run"), ("hatch", "run"), ("conda", "run")}
_MAX_DEPTH = 4


@dataclass(frozen=True)
class SimpleCommand:
    """One program run by a command line: its words (wrappers peeled off), the ``NAME=value``
    assignments before it, its redirections ``(operator, target)``, and the wrappers and
    shells it was reached through."""

    words: tuple[str, ...]
    env: tuple[tuple[str, str], ...] = ()
    redirects: tuple[tuple[str, str], ...] = ()
    wrappers: tuple[str, ...] = ()

    @property
    def program(self) -> str:
        """The program's name without its directory (``/usr/bin/cat`` -> ``cat``)."""
        return posixpath.basename(self.words[0]) if self.words else ""

    @property
    def args(self) -> tuple[str, ...]:
        return self.words[1:]


def _tokens(command: str) -> list[str]:
    # newlines end commands like ';' (inside quotes the ';' stays part of a word)
    text = command.replace("\\\n", " ").replace("\n", " ; ")
    try:
        lexer = shlex.shlex(text, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        return list(lexer)
    except ValueError:  # unbalanced quotes: a rougher split still sees the programs
        return [t.strip("'\"") for t in re.findall(r"[^\s;&|()<>]+|[;&|()<>]+", text)]


def _segments(tokens: list[str]) -> list[list[str]]:
    out: list[list[str]] = [[]]
    for token in tokens:
        if _SEPARATORS.match(token):
            out.append([])
        elif token not in ("$", "`"):  # the '$' of '$(' and backticks open a sub-command
            out[-1].append(token.strip("`"))
    return [s for s in out if s]


def _split_redirects(tokens: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    words: list[str] = []
    redirects: list[tuple[str, str]] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if (token.isdigit() and i + 1 < len(tokens) and _REDIRECT.match(tokens[i + 1])):
            i += 1  # the file descriptor of '2>'
            continue
        if _REDIRECT.match(token):
            target = tokens[i + 1] if i + 1 < len(tokens) else ""
            if not (token in ("<<", "<<<") or target.isdigit() or target == "-"):
                redirects.append((token, target))  # heredoc words and fd copies are no files
            i += 2
            continue
        words.append(token)
        i += 1
    return words, redirects


def _skip_options(words: list[str], with_value: set[str]) -> list[str]:
    i = 1
    while i < len(words) and words[i].startswith("-"):
        if words[i] == "--":
            return words[i + 1:]
        i += 2 if words[i] in with_value else 1
    return words[i:]


def _peel(words: list[str], wrappers: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """Remove assignments and wrappers in front of the real program."""
    env: list[tuple[str, str]] = []
    while words:
        head = posixpath.basename(words[0])
        if _ASSIGNMENT.match(words[0]):
            name, value = words[0].split("=", 1)
            env.append((name, value))
            words = words[1:]
        elif head in _WRAPPERS:
            wrappers.append(head)
            rest = _skip_options(words, _WRAPPERS[head])
            if head in ("sudo", "doas") and any(w in ("-s", "-i", "--shell", "--login")
                                                 for w in words[1:len(words) - len(rest)]):
                rest = ["sh", *rest]  # a root shell
            words = rest
        elif head in _TIMED:
            wrappers.append(head)
            words = _skip_options(words, _TIMED[head])[1:]  # drop the duration
        elif head.startswith("python") and len(words) > 2 and words[1] == "-m":
            wrappers.append(head)
            words = words[2:]  # python -m pip download x -> pip download x
        elif head in ("npx", "uvx", "bunx"):
            wrappers.append(head)
            words = [w for w in words[1:] if w not in ("-y", "--yes")]
        elif tuple(words[:2]) in _LAUNCHERS:
            wrappers.append(head)
            words = words[2:]
        else:
            break
    return words, env


def simple_commands(command: str, _depth: int = 0) -> list[SimpleCommand]:
    """Every simple command that ``command`` runs, in order (see the module docstring)."""
    out: list[SimpleCommand] = []
    for segment in _segments(_tokens(command)):
        tokens, redirects = _split_redirects(segment)
        wrappers: list[str] = []
        words, env = _peel(tokens, wrappers)
        if not words:
            if env or redirects:
                out.append(SimpleCommand((), tuple(env), tuple(redirects), tuple(wrappers)))
            continue
        head = posixpath.basename(words[0])
        inner = _inner_script(head, words)
        if inner is not None and _depth < _MAX_DEPTH:
            for sub in simple_commands(inner, _depth + 1):
                out.append(SimpleCommand(sub.words, tuple(env) + sub.env,
                                         sub.redirects + tuple(redirects),
                                         (*wrappers, head, *sub.wrappers)))
            continue
        if head == "find" and any(w in ("-exec", "-execdir", "-ok", "-okdir") for w in words):
            out.extend(_find_exec(words, env, redirects, wrappers, _depth))
            continue
        out.append(SimpleCommand(tuple(words), tuple(env), tuple(redirects), tuple(wrappers)))
    return out


def _inner_script(head: str, words: list[str]) -> str | None:
    """The script a shell runs with ``-c`` (or ``eval``'s words), else None."""
    if head == "eval":
        return " ".join(words[1:])
    if head in _SHELLS:
        for i, word in enumerate(words[1:], 1):
            if word == "-c" or (word.startswith("-") and not word.startswith("--")
                                and word.endswith("c")):  # bash -lc 'script'
                return words[i + 1] if i + 1 < len(words) else ""
    return None


def _find_exec(words: list[str], env: list[tuple[str, str]],
               redirects: list[tuple[str, str]], wrappers: list[str], depth: int
               ) -> list[SimpleCommand]:
    """``find ROOTS ... -exec PROG {} ;``: find itself, then PROG run on the roots."""
    cut = next(i for i, w in enumerate(words) if w in ("-exec", "-execdir", "-ok", "-okdir"))
    find = words[:cut]
    roots = [w for w in find[1:] if not w.startswith(("-", "(", "!"))][:1] or ["."]
    # everything after the program's words ({} stands for each file found under the roots)
    program = [roots[0] if w == "{}" else w for w in words[cut + 1:] if w not in (";", "+")]
    out = [SimpleCommand(tuple(find), tuple(env), tuple(redirects), tuple(wrappers))]
    if program and depth < _MAX_DEPTH:
        for sub in simple_commands(shlex.join(program), depth + 1):
            out.append(SimpleCommand(sub.words, sub.env, sub.redirects,
                                     (*wrappers, "find", *sub.wrappers)))
    return out
