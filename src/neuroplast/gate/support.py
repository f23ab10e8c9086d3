"""Evidence for auto-allow: an episodic memory of the user's answers, searched by similarity.

A classifier's probability says nothing about whether it has ever seen anything like the
call in front of it: an MLP extrapolates confidently to unknown tools and to shell escapes
that look, to it, like the benign use of the same binary. So the gate may auto-allow only
a call the user's own answers *support*; anything else is novel and goes to the user.

A call is supported when every rule of ``SUPPORT_RULES`` passes (each is a named rule of
the gate's decision pipeline, ``gate.decision_rules``):

1. **Latest word is yes** (``latest_refusal``): for every key of the call
   (``program_keys``: the programs it runs, their sub-commands, flags and operands, and
   what it touches: files, places outside the project, hosts), the most recent answer is
   not a refusal, nor is the latest answer about the very command (``command_identity``:
   the same input in any folder). A preference drift ("no more docker") thus stops
   auto-allow of that program at its first refusal; the next approval of it lifts it.
   Refusing again a part of a program the user refused before and approved the rest of
   since (a push to ``main``) counts against that part only. A consequential
   sub-command is also a key across programs (``* publish``), so refusing ``npm publish``
   asks about ``cargo publish`` until a publish is approved again. So is an act
   (``gate.acts``: ``* download``, ``* upload``...), whose answers mix programs: a user
   whose view of downloads changed refuses some and approves others, so an act is asked
   while a refusal is among its last ``act_settle`` answers, not only its latest.
2. **Known places and programs** (``first_place``, ``first_use``): the user has approved
   each place outside the project the call reads or writes, and each of its programs
   (file zone, web host, tool), at least once. The first use of a program is always
   asked, however much it resembles approved calls of other programs: MiniLM finds
   ``bundle console`` (a Ruby shell, GTFOBins) as close to ``gem update`` as ``gradle
   build`` is to ``mvn install``.
   So is the first use with a program of a *consequential* flag or sub-command
   (``consequential``: force, delete, hard, recursive; install, publish, push, deploy...),
   however often the program was approved without it: ``git push --force`` after a
   hundred plain pushes, ``npm install`` after ``npm install-test``.
3. **Nearest answer is no refusal** (``nearest_refused``): the user's own answer nearest
   to the call (within ``similarity``) is not a refusal; an approval at least as close
   outvotes it. The model's confidence around a rare kind of call the user refuses is
   that of the many approved calls nearby; the nearest answer is the user's word on calls
   like this one.
4. **Close approvals** (``close_approvals``): at least ``min_support`` approved calls with
   cosine similarity (MiniLM embeddings of the rendered calls) >= ``similarity``, or one
   such call that runs
   the same programs; or, for calls whose programs are *trusted* (each approved at least
   ``trust_min_approvals`` times and refused in at most ``trust_refusal_share`` of its
   answers: one refused force-push among a hundred git calls does not withdraw git's
   trust, which the flag's own key already answers for), >= ``trusted_similarity``;
   or one approved call that is a near repeat (>= ``repeat_similarity``: the same command
   on another file, a sibling sub-command).
5. **No mistaken family** (``mistaken_family``): when the user flags an auto-allowed call
   as one they would have refused (a false positive: the gate's own mistake, as when they stop using
   docker), every other program of the same tool whose approved calls look like the
   refused program's (cosine of the mean embeddings >= ``family_similarity``) is asked
   until the user approves it again: ``podman`` after a refused ``docker``.
6. **Latest word about what it does is yes** (``described_refusal``): the user's latest
   answer about a call the agent *described* like this one (Claude Code's Bash
   ``description``, embedded on its own; cosine >= ``description_similarity``) is not a
   refusal. A change of mind is about an act more than a program, and the agent names
   the act in the same words whichever program performs it: after a refused "Run all
   pending migrations" (``sequelize db:migrate``), "Apply all pending migrations" (``knex
   migrate:latest``, cosine 0.88) is asked. Only the user's own answers count; a
   description can only make the gate ask.

What each rule costs in questions and saves in mistakes, on every stream of the
benchmark's users, is measured by ``neuroplast bench gate --ablate``; rules that saved
neither questions nor mistakes there were deleted (a session-workaround check, a
verb-refused-elsewhere check: the ``* VERB`` key's latest answer already covers it). The
nearest-answer check was deleted on the benchmark's own user, where it stopped nothing,
and restored when users the gate was never tuned on showed what it stops.

Time is the feedback log's row id (``clock``), so a replayed or restarted log gives the
same memory; the memory keeps the answers of the last ``window`` feedback rows.

**A trusted peer's answers** (``gate.peer_learning``; which ones enter is
``PeersConfig.peer_support``) are rows marked ``peer=True``, read by one principle: a
peer may make the gate ask, never deny, and never vouch. A peer's refusal is a refusal
of its keys for rule 1, so the gate asks about them until *the user* approves them again
(a peer's approval lifts no refusal, not even its own); it is no evidence for
``refused_repeat`` (``nearest_refused`` is the user's refusals only). A peer's approval
counts as an approval for rules 2 to 4 (the team has run this program, this close; and
one closer to a call than the user's refusal makes ``refused_repeat`` ask instead), but
clears no risk flag (rows from peers carry no identity nor flags, as unvouched approvals
do). Where the user answers the same call (same ``kind``: ``teacher.supersede_key``)
the other way, the peer's row stops counting: the user's own word wins.

>>> import numpy as np
>>> m = SupportMemory(SupportConfig(similarity=0.9, min_support=2), dim=2)
>>> for i, v in enumerate(([1.0, 0.0], [0.99, 0.141], [0.98, 0.199])):
...     m.add(f"t{i}", np.array(v), approved=True, clock=i + 1, programs=("Bash:ls",))
>>> m.check(np.array([1.0, 0.0]), ("Bash:ls",)).supported
True
>>> m.check(np.array([0.0, 1.0]), ("Bash:rm",)).reason
'novel: no approved call of Bash:rm yet'
>>> m.check(np.array([0.0, 1.0]), ("Bash:ls",)).reason  # ls: 3 approvals, trusted
'novel: trusted program, nearest approved call sim=0.20 < 0.50'
>>> m.add("t9", np.array([0.0, 1.0]), approved=False, clock=9, programs=("Bash:ls",))
>>> m.check(np.array([1.0, 0.0]), ("Bash:ls",)).reason
'latest answer about Bash:ls was a refusal'
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from neuroplast.config import Config, check_range
from neuroplast.errors import ConfigError, InvalidInputError
from neuroplast.gate.acts import ACTS, MUST_KNOW_ACTS, acts
from neuroplast.gate.calls import MAX_FIELD_CHARS, ToolCall, clip_text
from neuroplast.gate.downloads import DOWNLOAD_VERBS
from neuroplast.gate.inspect import RISK_FLAGS, inspect_call
from neuroplast.gate.paths import path_zone
from neuroplast.gate.render import url_host
from neuroplast.gate.shell import Segment, plain_word, split_command
from neuroplast.gate.sql import sql_writes
from neuroplast.gate.touches import is_place_key, is_touch_key, touch_keys

if TYPE_CHECKING:
    from neuroplast.gate.log import GateLog

__all__ = ["MAX_PROGRAMS", "Evidence", "KeyStats", "Support", "SupportConfig", "SupportMemory",
           "call_identity", "command_identity", "consequential", "is_program_key", "must_know",
           "near_refused_repeat", "program_keys",
           "rebuild_memory"]

MAX_PROGRAMS = 24  # keys remembered per call (programs, sub-commands, places, flags...)
_OPERAND = re.compile(r"[\w.@+/:~-]{1,64}")
_MAX_OPERANDS = 2
_NO_ROWS = np.empty(0, dtype=np.intp)  # no answer has the key
_RISK_BIT = {flag: 1 << i for i, flag in enumerate(RISK_FLAGS)}  # inspection flags, as bits
# the per-answer arrays of SupportMemory, grown and compacted together
_COLUMNS = ("_vectors", "_described", "_approved", "_clock", "_programs", "_identity",
            "_command", "_risks", "_origin", "_kind")
# whose answer a row is (``_origin``): the user's, a peer's, a peer's the user overruled
_USER, _PEER, _OVERRULED = 0, 1, 2

_CONSEQUENTIAL_LONG = frozenset({"--force", "--force-with-lease", "--force-if-includes",
                                 "--delete", "--hard", "--recursive", "--purge", "--prune"})
_CONSEQUENTIAL_SHORT = frozenset({"-f", "-d", "-D"})
_CONSEQUENTIAL_VERBS = frozenset({
    "install", "i", "add", "remove", "rm", "uninstall", "delete", "del", "publish", "push",
    "upload", "deploy", "destroy", "apply", "drop", "prune", "purge", "reset", "kill",
    "rollback", "release", "unpublish", "yank", "deprecate", "create", "patch", "replace",
    "scale", "rollout", "terminate", "revoke",
    # what changes installed software or a database's schema and rows in place: package
    # managers' upgrade, migration tools' migrate/upgrade/downgrade (rails db:migrate,
    # alembic upgrade, artisan migrate), truncate
    "upgrade", "downgrade", "migrate", "truncate",
    # the rest of kubectl's documented state-changing commands (kubectl --help: "Basic",
    # "Deploy" and "Cluster Management"), but run and set, which other CLIs use for harmless
    # acts (npm run, git config set); and exec: a command run inside a live container or pod
    "expose", "annotate", "label", "taint", "drain", "cordon", "uncordon", "autoscale",
    "edit", "approve", "deny", "exec",
    *DOWNLOAD_VERBS})

# the words of a compound sub-command or long flag (``delete-bucket``, ``--force-recreate``,
# a namespaced ``db:migrate``)
_WORD_PARTS = re.compile(r"[-_:]")
# the verb of a statement handed to a database client (gate.sql): ``sql-drop``
SQL_VERB_PREFIX = "sql-"
# what the consequential long flags say (``--force``, ``--delete``...), as words; not
# hard nor recursive, which change nothing in compounds (``--hard-links``, a recursive list)
_CONSEQUENTIAL_FLAG_WORDS = frozenset(flag[2:] for flag in _CONSEQUENTIAL_LONG
                                      if "-" not in flag[2:]) - {"hard", "recursive"}
_CONSEQUENTIAL_WORDS = _CONSEQUENTIAL_VERBS | _CONSEQUENTIAL_FLAG_WORDS


def call_identity(call: ToolCall) -> int:
    """A 63-bit hash of exactly what the call does (tool, input, working directory): equal
    only for the very same call. Embeddings cannot say this: MiniLM puts two calls that
    differ in one digit of an IP address at cosine 0.9999.

    >>> a = ToolCall("Bash", {"command": "sudo apt update"}, cwd="/p")
    >>> call_identity(a) == call_identity(ToolCall("Bash", {"command": "sudo apt update"},
    ...                                            cwd="/p", tool_use_id="other"))
    True
    >>> call_identity(a) == call_identity(ToolCall("Bash", {"command": "sudo apt update"}))
    False
    """
    return _hash63(json.dumps([call.tool_name, call.tool_input, call.cwd], sort_keys=True,
                              default=str))


def command_identity(call: ToolCall) -> int:
    """A 63-bit hash of what the call runs wherever it runs: the tool and its input, without
    the working directory or the agent's description of it. A user who refused ``xhost +``
    in one project refused that command, not the folder; the rendered call names its folder,
    so MiniLM puts the same command run in two projects only about 0.9 apart, no closer than
    ``xhost -`` in the same one.

    >>> a = ToolCall("Bash", {"command": "xhost +", "description": "Open the display"}, cwd="/a")
    >>> command_identity(a) == command_identity(ToolCall("Bash", {"command": "xhost +"}, cwd="/b"))
    True
    >>> command_identity(a) == command_identity(ToolCall("Bash", {"command": "xhost -"}, cwd="/a"))
    False
    """
    runs = {k: v for k, v in call.tool_input.items() if k != "description"}
    return _hash63(json.dumps([call.tool_name, runs], sort_keys=True, default=str))


def _hash63(text: str) -> int:
    """A 63-bit hash of ``text``, never 0 (0 marks rows without one)."""
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()
    return (int.from_bytes(digest, "big") >> 1) or 1


def consequential(word: str) -> bool:
    """Whether a flag or sub-command is one that, by the common convention of command-line
    tools, changes what is outside the working tree or cannot be undone.

    Flags: force, delete, hard (reset), recursive, purge, prune; a short flag alone (``-f``,
    ``-d``, ``-D``; not ``-r``: recursion alone is ``grep -r``) or a bundle of up to four
    letters that forces and recurses or deletes (``-rf``, ``-fdx``). Sub-commands: install,
    add, remove, publish, push, deploy, apply, reset, kill, and the mutations of a cloud or
    cluster CLI (create, patch, replace, scale, terminate...). The first use of
    one with a program is asked (rule 2): a hundred plain ``git push``es say nothing about
    the user's view of ``git push --force``.

    >>> [consequential(w) for w in ("--force", "-rf", "-fdx", "-f", "-r", "-xzf", "--all")]
    [True, True, True, True, False, False, False]
    >>> [consequential(w) for w in ("install", "publish", "status", "log")]
    [True, True, False, False]

    A compound word is consequential when one of its words is: CLIs name an operation
    verb-noun (the AWS CLI's ``delete-bucket``, ``terminate-instances``) or noun-verb
    (``gpg-card factory-reset``), and flags say what they force or delete
    (``--force-recreate``, ``--delete-branch``).

    >>> [consequential(w) for w in ("delete-bucket", "factory-reset", "--force-recreate",
    ...                             "describe-instances", "--add-host")]
    [True, True, True, False, False]

    A namespaced command (rake's, artisan's, expo's ``db:migrate``, ``run:android``) is
    read the same way, and a statement that writes to a database is consequential
    (``sql-drop``, ``gate.sql``).

    >>> [consequential(w) for w in ("db:migrate", "db:version", "sql-update")]
    [True, False, True]
    """
    if word.startswith(SQL_VERB_PREFIX):
        return True  # a statement that writes to a database (gate.sql)
    if not word.startswith("-"):
        return word in _CONSEQUENTIAL_VERBS or any(
            part in _CONSEQUENTIAL_WORDS for part in _WORD_PARTS.split(word) if len(part) > 1)
    if word.startswith("--"):
        return word in _CONSEQUENTIAL_LONG or any(
            part in _CONSEQUENTIAL_FLAG_WORDS for part in _WORD_PARTS.split(word[2:]))
    letters = word[1:]
    if word in _CONSEQUENTIAL_SHORT:
        return True
    return (letters.isalpha() and len(letters) <= 4 and "f" in letters.lower()
            and any(c in letters for c in "rRdD"))


def is_program_key(key: str) -> bool:
    """Whether ``key`` names a program or tool (``Bash:git``, ``Read:home``), not a part
    of one (sub-command, flag, operand) nor a path, place or host it touches."""
    return " " not in key and not is_touch_key(key)


def is_part_key(key: str) -> bool:
    """Whether ``key`` is a sub-command or flag of one program (``Bash:git push``,
    ``Bash:git --force``), not a program, an act across programs, an operand or a touch.

    >>> [is_part_key(k) for k in ("Bash:git push", "Bash:git -f", "Bash:git", "Bash:* push",
    ...                           "Bash:git push =main", "file:~/p/a")]
    [True, True, False, False, False, False]
    """
    if is_touch_key(key) or key.count(" ") != 1:
        return False
    program, _, part = key.partition(":")[2].partition(" ")
    return program != "*" and not part.startswith("=")


def nested_part_keys(keys: Sequence[str]) -> list[str]:
    """The operand keys of ``keys`` that stand for a command nested under a sub-command:
    each sub-command's first operand, when a plain word (``Bash:flutter pub =upgrade``,
    ``Bash:kubectl rollout =undo``, ``Bash:fastlane run =build_app``). CLIs nest commands
    under commands, and which words are commands is each program's own business, so the
    first plain operand stands for one (``origin`` of ``git push origin main`` as well).

    >>> nested_part_keys(program_keys(ToolCall("Bash", {"command":
    ...     "flutter pub upgrade flask && git push --force origin ./x"})))
    ['Bash:flutter pub =upgrade', 'Bash:git push =origin']
    """
    firsts: dict[str, str] = {}
    for key in keys:
        head, sep, word = key.rpartition(" =")
        if sep and head.partition(":")[2].count(" ") == 1 and not is_touch_key(key):
            firsts.setdefault(head, key if plain_word(word) else "")
    return [key for key in firsts.values() if key]


def is_act_key(key: str) -> bool:
    """Whether ``key`` is an act across programs (``Bash:* download``; ``gate.acts``).

    >>> [is_act_key(k) for k in ("Bash:* download", "Bash:* publish", "Bash:curl")]
    [True, False, False]
    """
    rest = key.partition(":")[2]
    return rest.startswith("* ") and rest[2:] in ACTS


def must_know(key: str) -> bool:
    """Whether the user must have approved ``key`` once before a call with it is
    auto-allowed: a program, a consequential sub-command or flag, a place outside the
    project, an act that reaches beyond the call (``gate.acts.MUST_KNOW_ACTS``: a remote
    session, a tunnel, an autostart). A new file in a known place, a new operand or host is
    no news on its own.

    >>> [must_know(k) for k in ("Bash:* remote", "Bash:git remote", "Bash:ssh -v")]
    [True, False, False]
    """
    if is_touch_key(key):
        return is_place_key(key)
    if key.partition(":")[2].startswith("* ") and key.rpartition(" ")[2] in MUST_KNOW_ACTS:
        return True  # an act that reaches beyond the call (gate.acts)
    return " " not in key or consequential(key.rpartition(" ")[2])


def _verb_key(key: str) -> str:
    """``Bash:* publish`` for the sub-command key ``Bash:cargo publish``; "" for other keys."""
    if is_touch_key(key):
        return ""
    tool, _, rest = key.partition(":")
    head, _, sub = rest.partition(" ")
    plain = sub and head != "*" and not sub.startswith("-") and " " not in sub
    return f"{tool}:* {sub}" if plain else ""


_NESTED_VERBS = 2  # levels of nesting below the sub-command read for a verb (group, resource)


def _operands(seg: Segment) -> list[str]:
    """The first plain words after a sub-command (``upstream``, ``main`` of ``git push
    upstream main``): what the user may refuse the sub-command *on*. A word with a colon
    also names what follows its last colon, where a refspec (``src:dst``) or a remote
    path (``host:path``) says the change goes; its source is not where it goes, so
    approving ``git push upstream main:dev`` is no approval of a push to ``main``.

    >>> from neuroplast.gate.shell import split_command
    >>> _operands(split_command("git push --force upstream release/1.4:main")[0])
    ['upstream', 'release/1.4:main', 'main']
    """
    if not seg.subcommand:
        return []
    words = [w for w in seg.argv[seg.subcommand_index + 1:]
             if not w.startswith("-") and _OPERAND.fullmatch(w)]
    words = words[:_MAX_OPERANDS]
    targets = [w.rpartition(":")[2] for w in words if ":" in w]
    return list(dict.fromkeys([*words, *filter(None, targets)]))


# Words that only ask a program for its usage or version: the GNU Coding Standards'
# --help and --version, and -h, -help, -?, -V, help and version by wide custom
_HELP_WORDS = frozenset({"--help", "-h", "-help", "-?", "--usage", "--version", "-V",
                         "-version", "help", "version"})


def asks_for_help(seg: Segment) -> bool:
    """Whether ``seg`` only asks its program for help or its version, running nothing else.

    >>> from neuroplast.gate.shell import split_command
    >>> [asks_for_help(s) for s in split_command("tool --help; tool -V; tool reset; git help x")]
    [True, True, False, False]
    """
    return len(seg.argv) > 1 and all(a in _HELP_WORDS for a in seg.argv[1:])


# Options that make a call only rehearse what it would do (``npm publish --dry-run``,
# ``kubectl apply --dry-run=client``, ``cargo publish -n``, PowerShell's ``-WhatIf``)
_REHEARSAL = frozenset({"--dry-run", "--dryrun", "--dry_run", "-WhatIf", "--what-if"})
_REHEARSAL_SHORT = {"cargo": "-n"}  # cargo publish|package: '-n, --dry-run'


def rehearses(seg: Segment) -> bool:
    """Whether ``seg`` only rehearses its command: approving a dry run of a publish does not
    approve the publish, which is the user's to allow on its own.

    >>> from neuroplast.gate.shell import split_command
    >>> [rehearses(s) for s in split_command(
    ...     "npm publish --dry-run; kubectl apply --dry-run=none -f x; cargo publish -n")]
    [True, False, True]
    """
    return any((a.partition("=")[0] in _REHEARSAL and a.partition("=")[2] != "none")
               or a == _REHEARSAL_SHORT.get(seg.head) for a in seg.argv[1:])


def help_key(program: str) -> str:
    """The key a call carries when it only asks ``program`` for help (``Bash:tool =help``):
    the answers about it tell the approvals that ran the program from those that did not."""
    return f"{program} =help"


def program_keys(call: ToolCall) -> tuple[str, ...]:
    """What a call acts with and on, at the grain of a user's habits: each an evidence key
    that the user's answers count for or against, whatever else the call does.

    - the programs a Bash call runs (a launcher's program is the program: ``npx tsc`` is
      ``tsc``), the zone a file tool touches, the host a fetch reaches, else the tool;
    - each program's sub-command (its first plain argument), and each consequential
      sub-command across programs (``* publish``: package managers' and CLIs' verbs mean
      the same in all of them), each flag it runs with, the first plain operands of a
      sub-command (``git push =main``: what the user may refuse the sub-command *on*), and
      each consequential flag with each of them (``git push --force =main``: a user may
      force-push topic branches and refuse it on main);
    - what the call touches (``gate.touches``): places outside the project it reads or
      writes, each file, each host; a refusal of ``grep ~/.netrc`` is a refusal of
      ``head ~/.netrc`` and of the Read tool on it.

    Keys are kept in that order, programs first, so a long pipeline keeps each program's
    key within ``MAX_PROGRAMS``.

    >>> program_keys(ToolCall("Bash", {"command": "git push --force origin main | tee log"},
    ...                       cwd="/home/u/p"))
    ('Bash:git', 'Bash:tee', 'Bash:git push', 'Bash:tee log', 'Bash:git rewrite', \
'Bash:* push', 'Bash:* rewrite', 'Bash:git --force', 'Bash:git push =origin', \
'Bash:git push =main', 'Bash:git push --force =origin', 'Bash:git push --force =main', \
'file:~/p/log', 'changes:~/p/log')
    >>> program_keys(ToolCall("Read", {"file_path": "src/a.py"}, cwd="/home/u/p"))
    ('Read:project', 'file:~/p/src/a.py')
    >>> program_keys(ToolCall("WebFetch", {"url": "https://X.io/a"}))
    ('WebFetch:x.io', 'host:x.io')
    """
    tool = call.tool_name
    if call.command:
        command = clip_text(call.command, MAX_FIELD_CHARS * 4)  # bounded work, as inspection
        segments = [s for s in split_command(command) if s.head]
        # Programs first: when a long pipeline has more keys than are kept, every
        # program's own key survives the cut.
        keys = dict.fromkeys(f"{tool}:{s.head}" for s in segments)
        # a rehearsal's sub-command is its own key (``npm publish =dry-run``): approving it
        # leaves the sub-command itself never approved; its verb (``* publish``) stays, so
        # a refusal of the act still reaches its rehearsals
        rehearsals = [s for s in segments if rehearses(s)]
        keys.update(dict.fromkeys(f"{tool}:{s.head} {s.subcommand}"
                                  + (" =dry-run" if s in rehearsals else "")
                                  for s in segments if s.subcommand))
        # CLIs nest their commands (``gcloud compute instances create``, ``aws s3 rm``,
        # ``doctl compute droplet delete``): a consequential verb among a sub-command's
        # first operands is the command's verb, as if it came first
        verbs = [(s.head, verb) for s in segments for verb in
                 ([s.subcommand] if s.subcommand else []) + _operands(s)[:_NESTED_VERBS]
                 if verb and consequential(verb)]
        # an act is one act whatever the program (gate.acts): ``curl -o`` and ``wget``
        # share ``* download`` with ``pip download``; ``ssh`` and ``kubectl exec`` share
        # ``* remote``
        verbs += [(s.head, act) for s in segments for act in acts(s)]
        # a statement handed to a database client is what the call does (gate.sql)
        verbs += [(s.head, f"{SQL_VERB_PREFIX}{verb}") for s in segments for verb in sql_writes(s)]
        # a rehearsal's own ``npm publish`` would be the sub-command key it must not carry
        rehearsing = {s.head for s in rehearsals}
        keys.update(dict.fromkeys(f"{tool}:{head} {verb}" for head, verb in verbs
                                  if head not in rehearsing))
        keys.update(dict.fromkeys(f"{tool}:* {verb}" for _, verb in verbs))
        touched = touch_keys(call)
        keys.update(dict.fromkeys(k for k in touched if is_place_key(k)))
        keys.update(dict.fromkeys(f"{tool}:{s.head} {flag}" for s in segments for flag in s.flags))
        keys.update(dict.fromkeys(f"{tool}:{s.head} {s.subcommand} ={operand}"
                                  for s in segments for operand in _operands(s)))
        # a consequential flag acts on the sub-command's operands: ``--force`` on main is
        # not ``--force`` on a topic branch, so the pair is a key of its own
        keys.update(dict.fromkeys(f"{tool}:{s.head} {s.subcommand} {flag} ={operand}"
                                  for s in segments for flag in s.flags if consequential(flag)
                                  for operand in _operands(s)))
        keys.update(dict.fromkeys(touched))
        keys.update(dict.fromkeys(help_key(f"{tool}:{s.head}") for s in segments
                                  if asks_for_help(s)))
        if keys:
            return tuple(keys)[:MAX_PROGRAMS]
    if call.url:
        own = f"{tool}:{url_host(call.url)}"
    elif call.file_path:
        own = f"{tool}:{path_zone(call.file_path, call.cwd)}"
    else:
        own = tool
    return (own, *touch_keys(call))[:MAX_PROGRAMS]


@dataclass
class SupportConfig(Config):
    """When a call counts as supported by earlier answers (see the module docstring).

    >>> SupportConfig().similarity
    0.7
    """

    similarity: float = field(default=0.7, metadata={
        "help": "MiniLM cosine at which an approved call supports a new one. Measured on "
                "rendered calls: same command on another file 0.92-0.99, another "
                "subcommand 0.74-0.82, unrelated programs 0.3-0.6."})
    min_support: int = field(default=2, metadata={
        "help": "close approved calls needed before the model may auto-allow"})
    repeat_similarity: float = field(default=0.8, metadata={
        "help": "one approved call this close supports a call on its own (a near repeat: "
                "the same command on another file)"})
    trusted_similarity: float = field(default=0.5, metadata={
        "help": "the similarity needed instead when every program of the call is trusted"})
    trust_min_approvals: int = field(default=2, metadata={
        "help": "approvals that make a program trusted"})
    trust_refusal_share: float = field(default=0.05, metadata={
        "help": "the largest share of refusals among a trusted program's answers: one "
                "refused force-push among a hundred git calls leaves git trusted (the "
                "flag's own key answers for the force-push)"})
    family_similarity: float = field(default=0.7, metadata={
        "help": "after a false positive, programs whose approved calls' mean embedding is "
                "this close to the refused program's are asked until approved again (rule "
                "5: a user who stops using docker stops using podman)"})
    act_settle: int = field(default=3, metadata={
        "help": "an act across programs (gate.acts: download, upload, remote...) with a "
                "refusal among its last this many answers is asked (rule 1): answers about "
                "an act mix programs, so after a change of mind its latest word alone says "
                "little; 1 reads only the latest answer, as for any other key"})
    deny_repeat_similarity: float = field(default=0.95, metadata={
        "help": "a call at least this close to a refused call, closer to it than to any "
                "approved one, and whose latest answer about a program or flag it runs "
                "was a refusal, is denied rather than asked again (``refused_repeat``); "
                "1.0 denies exact repeats only"})
    description_similarity: float = field(default=0.7, metadata={
        "help": "a call whose description (what the agent said it does) is this close to a "
                "call the user's latest such answer refused is asked (rule 6); the same "
                "closeness as ``similarity`` uses for whole calls"})
    window: int = field(default=20000, metadata={
        "help": "answers kept (the last this many feedback rows): bounds memory and lookup"})

    def __post_init__(self) -> None:
        owner = type(self).__name__
        check_range(owner, "similarity", self.similarity, -1.0, 1.0)
        check_range(owner, "trusted_similarity", self.trusted_similarity, -1.0, 1.0)
        check_range(owner, "description_similarity", self.description_similarity, -1.0, 1.0)
        check_range(owner, "repeat_similarity", self.repeat_similarity, -1.0, 1.0)
        check_range(owner, "trust_refusal_share", self.trust_refusal_share, 0.0, 1.0)
        check_range(owner, "deny_repeat_similarity", self.deny_repeat_similarity, -1.0, 1.0)
        check_range(owner, "family_similarity", self.family_similarity, -1.0, 1.0)
        if self.trusted_similarity > self.similarity:
            raise ConfigError(
                f"{owner}.trusted_similarity={self.trusted_similarity!r} must not exceed "
                f"similarity={self.similarity!r}; trust only relaxes the requirement"
            )
        for name in ("min_support", "trust_min_approvals", "window", "act_settle"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise ConfigError(f"{owner}.{name}={value!r} must be an integer")
            check_range(owner, name, value, 1)


@dataclass(frozen=True)
class Support:
    """What the memory found near a call, and whether it supports an auto-allow.

    >>> Support(False, "novel: no answered calls yet", 0, 0.0, 0.0).supported
    False
    """

    supported: bool
    reason: str
    approved: int  # approved calls within the similarity that applied
    nearest_approved: float  # highest similarity to an approved call (0 if none)
    nearest_refused: float  # highest similarity to a refused call (0 if none)


class SupportMemory:
    """Answered calls (unit embedding, label, clock, programs) in bounded arrays; thread-safe.

    Brute-force cosine search with numpy: at most ``window`` rows of 384 floats is one
    matrix-vector product (well under 1 ms at 10k rows), needs no training and takes new
    answers at once, where approximate indexes (FAISS, sklearn trees) must be rebuilt or
    are not incremental, and buy nothing at this size. The lock is the memory's own, held
    for the product only, never by training.

    >>> m = SupportMemory(SupportConfig(), dim=3)
    >>> len(m), m.check(np.ones(3), ("Read",)).reason
    (0, 'novel: no answered calls yet')
    """

    def __init__(self, config: SupportConfig | None = None, *, dim: int) -> None:
        self.config = config if config is not None else SupportConfig()
        self.dim = dim
        cap = min(self.config.window, 1024)
        self._vectors = np.zeros((cap, dim), dtype=np.float32)
        # the unit embedding of what the agent said the call does (zeros: it said nothing)
        self._described = np.zeros((cap, dim), dtype=np.float32)
        self._approved = np.zeros(cap, dtype=bool)
        self._clock = np.zeros(cap, dtype=np.int64)
        self._programs = np.full((cap, MAX_PROGRAMS), -1, dtype=np.int32)
        self._identity = np.zeros(cap, dtype=np.int64)  # call_identity, 0 when not given
        self._command = np.zeros(cap, dtype=np.int64)  # command_identity, 0 when not given
        self._risks = np.zeros(cap, dtype=np.int64)  # the call's inspection flags, as bits
        self._origin = np.zeros(cap, dtype=np.int8)  # _USER, _PEER or _OVERRULED
        self._kind = np.zeros(cap, dtype=np.int64)  # hash of the call's kind, 0 if not given
        self._program_id: dict[str, int] = {}
        self._keys: list[str] = []
        self._row: dict[str, int] = {}
        self._now = 0
        # (clock, key, mean approved embedding) of each false positive's programs (rule 5)
        self._mistakes: list[tuple[int, str, np.ndarray]] = []
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._keys)

    @property
    def clock(self) -> int:
        """The newest answer's clock (feedback row id)."""
        return self._now

    def add(self, key: str, vector: np.ndarray, *, approved: bool, clock: int,
            programs: tuple[str, ...] = (), false_positive: bool = False,
            identity: int = 0, risks: tuple[str, ...] = (), vouched: bool = True,
            kind: str = "", peer: bool = False, described: np.ndarray | None = None,
            command: int = 0) -> None:
        """Remember (or, for a known ``key``, re-label) one answer; ``clock`` must grow.
        ``false_positive``: the gate had auto-allowed the call (rule 5); ``identity`` (its
        :func:`call_identity`) and ``risks`` (its inspection flags) are what
        :meth:`approvals_since_refusal` and :meth:`risk_approvals` count. ``kind``: what
        makes two answers about "the same call" (``teacher.supersede_key``); ``peer``: the
        answer is a trusted peer's (see the module docstring), which vouches for nothing.
        ``described``: the embedding of what the agent said the call does
        (``render.call_description``), None when it said nothing. ``command``: its
        :func:`command_identity` (rule 1).

        >>> m = SupportMemory(dim=2)
        >>> m.add("p1", np.ones(2), approved=False, clock=1, programs=("Bash:rm",), peer=True)
        >>> m.check(np.ones(2), ("Bash:rm",)).reason
        'latest answer about Bash:rm was a refusal'
        >>> m.add("p2", np.ones(2), approved=True, clock=2, programs=("Bash:rm",), peer=True)
        >>> m.check(np.ones(2), ("Bash:rm",)).reason  # only the user lifts a refusal
        'latest answer about Bash:rm was a refusal'
        """
        vec = self._unit(vector, "add")
        said = np.zeros(self.dim, np.float32) if described is None else self._unit(described,
                                                                                   "add")
        kind_id = _kind_id(kind)
        if peer:
            identity, risks, false_positive, command = 0, (), False, 0
        with self._lock:
            if not peer and kind_id:
                self._overrule(kind_id, approved)
            if not approved:
                programs = self._blamed(programs, key, risks)
            if false_positive and not approved:
                self._note_mistake(key, int(clock), programs)
            ids = [self._program_id.setdefault(p, len(self._program_id))
                   for p in programs[:MAX_PROGRAMS]]
            self._now = max(self._now, int(clock))
            self._evict()
            row = self._row.get(key)
            if row is None:
                row = len(self._keys)
                if row == self._vectors.shape[0]:
                    self._grow()
                self._keys.append(key)
                self._row[key] = row
            self._vectors[row] = vec
            self._described[row] = said
            self._approved[row] = approved
            self._clock[row] = clock
            # An approval clears a risk flag only when it is the user's word, given when
            # asked (``vouched``): a call that merely ran after the gate allowed it vouches
            # for nothing, or the gate's own allows would clear the flags they passed.
            counts = vouched or not approved
            self._identity[row] = identity if counts else 0
            self._command[row] = command
            self._risks[row] = sum(_RISK_BIT.get(flag, 0) for flag in set(risks)) if counts else 0
            self._programs[row] = -1
            self._programs[row, : len(ids)] = ids
            self._origin[row] = _PEER if peer else _USER
            self._kind[row] = kind_id

    def _overrule(self, kind_id: int, approved: bool) -> None:
        """The user answered a call of ``kind_id``: a peer's other answer about the same
        call stops counting (called under the lock)."""
        n = len(self._keys)
        other = ((self._origin[:n] == _PEER) & (self._kind[:n] == kind_id)
                 & (self._approved[:n] != approved))
        self._origin[:n][other] = _OVERRULED

    def _answers(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        """(approvals, refusals) among the first ``n`` rows, as masks: the user's and the
        peers' the user has not overruled (under the lock)."""
        live = self._origin[:n] != _OVERRULED
        approved = self._approved[:n]
        return approved & live, ~approved & live

    def _note_mistake(self, key: str, clock: int, programs: tuple[str, ...]) -> None:
        """Remember the approved-call profile of each program of a false positive (called
        under the lock, before the row is re-labelled)."""
        n = len(self._keys)
        approved = self._answers(n)[0]
        if key in self._row:
            approved[self._row[key]] = False  # the call itself, approved until now
        for program in programs:
            rows = self._rows_with(program, n)
            profile = (None if not is_program_key(program) or rows is None
                       else self._profile(rows & approved))
            if profile is not None:
                self._mistakes.append((clock, program, profile))

    def _key_rows(self, keys: Sequence[str], n: int) -> dict[str, np.ndarray]:
        """The rows (indices among the first ``n``) that answer about each of ``keys``, for
        the keys some row answers about. One pass over the key table for all of them: the
        rows with any of the keys are found first, then each key's among those few."""
        ids = {k: i for k in keys if (i := self._program_id.get(k, -1)) >= 0}
        if not ids or n == 0:
            return {}
        table = self._programs[:n]
        candidates = np.flatnonzero(np.isin(table, list(ids.values())).any(axis=1))
        sub = table[candidates]
        out = {}
        for key, i in ids.items():
            rows = candidates[(sub == i).any(axis=1)]
            if len(rows):
                out[key] = rows
        return out

    def _rows_with(self, key: str, n: int) -> np.ndarray | None:
        """Which of the first ``n`` rows answer about ``key`` (None: no row ever did)."""
        i = self._program_id.get(key, -1)
        return (self._programs[:n] == i).any(axis=1) if i >= 0 else None

    def _profile(self, rows: np.ndarray) -> np.ndarray | None:
        """The unit mean embedding of ``rows`` (a mask over the first rows), or None when
        they are fewer than ``trust_min_approvals``."""
        if int(rows.sum()) < self.config.trust_min_approvals:
            return None
        mean = self._vectors[: len(rows)][rows].mean(axis=0)
        return mean / max(float(np.linalg.norm(mean)), 1e-12)

    def _mistaken_family(self, program: str, approved_rows: np.ndarray, last: int) -> str:
        """The program of a false positive after ``last`` (``program``'s last approval)
        whose approved calls look like ``approved_rows`` (rule 5), or "" (under the lock)."""
        tool = program.partition(":")[0]
        newer = [(p, v) for c, p, v in self._mistakes
                 if c > last and p != program and p.partition(":")[0] == tool]
        profile = self._profile(approved_rows) if newer else None
        if profile is None:
            return ""
        for other, other_profile in newer:
            if float(profile @ other_profile) >= self.config.family_similarity:
                return other
        return ""

    def _blamed(self, programs: tuple[str, ...], key: str,
                risks: tuple[str, ...] = ()) -> tuple[str, ...]:
        """The keys a refusal of the call ``key`` counts against (called under the lock):
        all of them, except the program of a consequential sub-command the user has never
        approved with it and has refused with another program before, and the operands
        (``git push =upstream``) the user approved in another call: refusing ``git push
        upstream main`` after approving ``git push upstream dev`` is a refusal of ``main``.
        Likewise a file, place or host the user approved in another call is not blamed
        when the refused call has something new: refusing an unknown program reading
        ``/etc/hosts`` says nothing against ``/etc/hosts``. When nothing in the call is new,
        every key is blamed (the user changed their mind about something in it).

        A user who refuses ``pip install`` after ``npm install`` refuses installs, not pip:
        the refusal stays on ``pip install`` and ``* install``, and pip keeps the trust its
        other answers earned. The first such refusal still counts against the program (a
        refusal of ``docker kill`` may be a refusal of docker, as when a user stops using
        it), as does any refusal of a sub-command the user approved before with this
        program. Nor does a refusal
        count against a key whose narrower part the user refused before and has not
        approved since, while approving the key itself (``_refused_before_in_part``).

        A refusal of a call inspection flagged with a risk the user refuses now (``risks``
        whose latest answer elsewhere is a refusal: reading a credential, opening a file to
        everyone) is a refusal of that risk: it does not count against an act
        (``gate.acts``) the user approved in calls free of it. Refusing a build that reads
        ``~/.netrc``, once credential reads are refused, says nothing against builds; the
        flag keeps asking about such calls (``risk_approvals``). A refusal of a build with
        no flag, or with one the user approved until then (``sudo``), still counts against
        every build.
        """
        n = len(self._keys)
        approved, refused = self._answers(n)
        elsewhere = approved.copy()
        if key in self._row:
            elsewhere[self._row[key]] = False  # the call's own earlier "it ran"
        cleared = set()
        known = {k for k in programs if self._answered(k, elsewhere)}
        for program in programs:
            verb = _verb_key(program)
            if " =" in program and program in known:
                cleared.add(program)
            elif is_touch_key(program) and program in known and known != set(programs):
                # a file, place or host the user let other calls touch is not what they
                # refuse in a call that brings something new (a program, a flag...)
                cleared.add(program)
            elif (verb and consequential(program.rpartition(" ")[2])
                  and not self._answered(program, approved)
                  and self._answered(verb, refused)):
                cleared.add(program.rpartition(" ")[0])
        cleared.update(k for k in programs if self._refused_before_in_part(k, programs, elsewhere))
        flagged = self._refused_risks(risks, key, approved, refused)
        if flagged:
            free = elsewhere & ((self._risks[:n] & flagged) == 0)
            cleared.update(k for k in programs if is_act_key(k) and self._answered(k, free))
        return tuple(k for k in programs if k not in cleared) if cleared else programs

    def _refused_risks(self, risks: tuple[str, ...], key: str, approved: np.ndarray,
                       refused: np.ndarray) -> int:
        """The bits of ``risks`` (inspection flags) whose latest answer, among the calls
        other than ``key`` that carried the flag, is a refusal: the risks the user is known
        to refuse now (called under the lock, with :meth:`_answers`' masks)."""
        n = len(approved)
        others = approved | refused
        if key in self._row:
            others[self._row[key]] = False
        bits = 0
        for bit in {_RISK_BIT.get(flag, 0) for flag in risks} - {0}:
            rows = np.flatnonzero(others & ((self._risks[:n] & bit) != 0))
            if len(rows) and refused[rows[np.argmax(self._clock[rows])]]:
                bits |= bit
        return bits

    def _refused_before_in_part(self, key: str, programs: tuple[str, ...],
                                elsewhere: np.ndarray) -> bool:
        """Whether a narrower key of the refused call (``git push =main`` for ``git push``,
        ``git push`` or ``git --force`` for ``git``) was refused before, by a call
        inspection did not flag, and since then ``key`` was approved and the narrower key
        was not (called under the lock).

        The user then told the gate already which part they refuse, and went on approving
        the rest: refusing the same part again is no refusal of the rest (a user who
        refuses every push to main is not asked about their next ``git fetch``). A first
        refusal still counts against every key, as when a user stops using a program.
        """
        n = len(elsewhere)
        unflagged = self._risks[:n] == 0
        refused = self._answers(n)[1]
        for narrower in programs:
            rows = self._rows_with(narrower, n) if narrower.startswith(key + " ") else None
            if rows is None or not (rows & unflagged & refused).any():
                continue
            later = self._approved_since(rows & unflagged) & elsewhere
            if self._answered(key, later) and not (rows & later).any():
                return True
        return False

    def _answered(self, key: str, rows: np.ndarray) -> bool:
        """Whether one of ``rows`` (a mask over the first rows) answers about ``key``."""
        mask = self._rows_with(key, len(rows))
        return mask is not None and bool((mask & rows).any())

    def _unit(self, vector: np.ndarray, what: str) -> np.ndarray:
        vec = np.asarray(vector, dtype=np.float32).reshape(-1)
        if vec.shape[0] != self.dim:
            raise InvalidInputError(
                f"SupportMemory.{what} got a vector of {vec.shape[0]} values; this memory "
                f"holds {self.dim} (the embedder's dimension)"
            )
        norm = float(np.linalg.norm(vec))
        return vec / norm if norm > 0 else vec

    def _grow(self) -> None:
        cap = min(self._vectors.shape[0] * 2, self.config.window + 1)
        for name in _COLUMNS:
            old = getattr(self, name)
            new = np.full((cap, *old.shape[1:]), -1 if name == "_programs" else 0,
                          dtype=old.dtype)
            new[: old.shape[0]] = old
            setattr(self, name, new)

    def _evict(self) -> None:
        """Drop answers older than the last ``window`` feedback rows (called under the lock).

        By clock, not by count, so the memory is a function of the feedback log alone and a
        restart that replays the last ``window`` rows rebuilds it exactly.
        """
        n = len(self._keys)
        if n == 0 or self._clock[:n].min() > self._now - self.config.window:
            return
        idx = np.flatnonzero(self._clock[:n] > self._now - self.config.window)
        self._mistakes = [m for m in self._mistakes if m[0] > self._now - self.config.window]
        for name in _COLUMNS:
            arr = getattr(self, name)
            arr[: len(idx)] = arr[idx]
        self._keys = [self._keys[i] for i in idx]
        self._row = {k: i for i, k in enumerate(self._keys)}

    def state(self) -> list[tuple[str, bool, int, tuple[str, ...], np.ndarray]]:
        """``(key, approved, clock, programs, vector)`` per answer, oldest first."""
        names = {i: p for p, i in self._program_id.items()}
        with self._lock:
            n = len(self._keys)
            return [
                (self._keys[i], bool(self._approved[i]), int(self._clock[i]),
                 tuple(names[int(j)] for j in self._programs[i] if j >= 0),
                 self._vectors[i].copy())
                for i in np.argsort(self._clock[:n], kind="stable")
            ]

    def origins(self) -> dict[str, str]:
        """Whose answer each row is: ``user``, ``peer``, or ``overruled`` (a peer's that
        the user answered the other way), by key, oldest first."""
        names = ("user", "peer", "overruled")
        with self._lock:
            n = len(self._keys)
            return {self._keys[i]: names[int(self._origin[i])]
                    for i in np.argsort(self._clock[:n], kind="stable")}

    def latest(self, keys: tuple[str, ...]) -> dict[str, bool]:
        """The most recent answer (approved?) about each of ``keys`` that has one.

        >>> m = SupportMemory(dim=2)
        >>> m.add("a", np.ones(2), approved=False, clock=1, programs=("Bash:git --force",))
        >>> m.add("b", np.ones(2), approved=True, clock=2, programs=("Bash:git --force",))
        >>> m.latest(("Bash:git --force", "Bash:rm"))
        {'Bash:git --force': True}
        """
        with self._lock:
            n = len(self._keys)
            live = np.flatnonzero(self._origin[:n] != _OVERRULED)
            found = self._key_rows(keys[:MAX_PROGRAMS], n)
            found = {k: r for k, rows in found.items()
                     if len(r := np.intersect1d(rows, live, assume_unique=True))}
            return {key: bool(self._approved[rows[np.argmax(self._clock[rows])]])
                    for key in keys if (rows := found.get(key)) is not None}

    def refused_repeat(self, vector: np.ndarray, programs: tuple[str, ...]) -> float | None:
        """The similarity of the refused call this one nearly repeats, or None.

        A near repeat is at least ``deny_repeat_similarity`` close to a refused call and
        closer to it than to any approved one, and the latest answer about one of its
        ``programs`` is a refusal: the user said no to this very call and has not said yes
        to anything like it since, so asking again only costs them a click.

        >>> m = SupportMemory(dim=2)
        >>> m.add("a", np.array([1.0, 0.0]), approved=False, clock=1, programs=("Bash:rm",))
        >>> m.refused_repeat(np.array([1.0, 0.01]), ("Bash:rm",))
        1.0
        >>> m.refused_repeat(np.array([1.0, 1.0]), ("Bash:rm",)) is None  # sim 0.71
        True
        """
        return near_refused_repeat(self.evidence(vector, programs), self.config)

    def approvals_since_refusal(self, identity: int) -> int:
        """How many times the user approved the call of this :func:`call_identity` since
        they last refused it.

        >>> m = SupportMemory(dim=2)
        >>> for clock, ok in enumerate((True, False, True, True)):
        ...     m.add(f"t{clock}", np.ones(2), approved=ok, clock=clock + 1, identity=7)
        >>> m.approvals_since_refusal(7), m.approvals_since_refusal(8)
        (2, 0)
        """
        with self._lock:
            same = self._identity[: len(self._keys)] == identity
            return int((same & self._approved_since(same)).sum())

    def risk_approvals(self, risks: tuple[str, ...]) -> int:
        """The fewest approvals of calls flagged with any one of ``risks`` (inspection
        flags) since the user last refused a call flagged with some of them and nothing else.

        A refused ``sudo rm -rf /srv`` (privilege escalation and a destructive delete)
        speaks against calls flagged with both, not against ``sudo apt install jq``.

        >>> m = SupportMemory(dim=2)
        >>> sudo, rm = "privilege_escalation", "destructive_delete"
        >>> m.add("a", np.ones(2), approved=True, clock=1, risks=(sudo,))
        >>> m.add("b", np.ones(2), approved=False, clock=2, risks=(sudo, rm))
        >>> m.add("c", np.ones(2), approved=True, clock=3, risks=(sudo,))
        >>> m.risk_approvals((sudo,)), m.risk_approvals((sudo, rm))
        (2, 0)
        """
        bits = [_RISK_BIT.get(flag, 0) for flag in risks]
        if not bits or not all(bits):
            return 0
        mask = sum(set(bits))
        with self._lock:
            flags = self._risks[: len(self._keys)]
            later = self._approved_since((flags != 0) & ((flags & ~mask) == 0))
            return min(int((later & ((flags & bit) != 0)).sum()) for bit in bits)

    def _approved_since(self, rows: np.ndarray) -> np.ndarray:
        """The approved answers newer than the latest refusal among ``rows`` (a mask over
        the first rows); all approved answers when none of them was refused. Under the lock."""
        n = len(rows)
        (approved, refused), clock = self._answers(n), self._clock[:n]
        refused = rows & refused
        since = int(clock[refused].max()) if refused.any() else -1
        return approved & (clock > since)

    def evidence(self, vector: np.ndarray, keys: tuple[str, ...],
                 described: np.ndarray | None = None, command: int = 0) -> Evidence:
        """Everything the answers say about a call with this embedding and these keys (and
        this embedding of what the agent said it does, if it said, and this
        :func:`command_identity`, if given), gathered in one pass under the lock; the
        support rules read it (``SUPPORT_RULES``)."""
        cfg = self.config
        vec = self._unit(vector, "evidence")
        said = None if described is None else self._unit(described, "evidence")
        keys = keys[:MAX_PROGRAMS]
        with self._lock:
            n = len(self._keys)
            if n == 0:
                return Evidence(keys, {}, {}, 0.0, 0.0, 0, 0, False, False)
            sims = self._vectors[:n] @ vec
            (approved, refused), clock = self._answers(n), self._clock[:n]
            # only the user's own approval lifts a refusal; only their own refusal is one
            # a call can nearly repeat (``refused_repeat``)
            own = self._origin[:n] == _USER
            # a listed place is known once read with approval (``_approved``)
            reads_of_lists = tuple("reads:" + k[6:] for k in keys if k.startswith("lists:"))
            # a program this call runs that approved calls only asked for help (``_approved``)
            runs = [k for k in keys if is_program_key(k) and help_key(k) not in keys]
            rows_of = self._key_rows(keys + reads_of_lists + tuple(map(help_key, runs)), n)
            read_lists = frozenset(k for k in keys if k.startswith("lists:")
                                   and approved[rows_of.get("reads:" + k[6:], _NO_ROWS)].any())
            help_only = frozenset(
                k for k in runs if k in rows_of and help_key(k) in rows_of
                and not approved[np.setdiff1d(rows_of[k], rows_of[help_key(k)],
                                              assume_unique=True)].any())
            stats = {k: KeyStats.of(rows, approved, clock, refused, own,
                                    recent=cfg.act_settle if is_act_key(k) else 1)
                     for k, rows in rows_of.items() if k in keys}
            family: dict[str, str] = {}
            for key, rows in rows_of.items():
                if self._mistakes and is_program_key(key):
                    ok = np.zeros(n, dtype=bool)
                    ok[rows[approved[rows]]] = True
                    family[key] = self._mistaken_family(key, ok, stats[key].last_approved)
            programs = [k for k in keys if is_program_key(k)]
            trusted = bool(programs) and all(
                k in stats and stats[k].approved >= cfg.trust_min_approvals
                and stats[k].refused <= cfg.trust_refusal_share * (stats[k].approved
                                                                   + stats[k].refused)
                for k in programs)
            # approved calls that run every program of this one
            same = np.flatnonzero(approved)
            for k in programs:
                same = np.intersect1d(same, rows_of.get(k, same[:0]), assume_unique=True)
            threshold = cfg.trusted_similarity if trusted else cfg.similarity
            ok_sims, bad_sims = sims[approved], sims[refused & own]
            same_command = np.flatnonzero(self._command[:n] == command) if command else _NO_ROWS
            return Evidence(
                keys, stats, {k: v for k, v in family.items() if v},
                float(ok_sims.max()) if len(ok_sims) else 0.0,
                float(bad_sims.max()) if len(bad_sims) else 0.0,
                int((ok_sims >= threshold).sum()), int((approved | refused).sum()), trusted,
                bool((sims[same] >= cfg.similarity).any()), read_lists,
                self._described_refusal(said, approved & own, refused & own, clock),
                KeyStats.of(same_command, approved, clock, refused, own)
                if len(same_command) else None, help_only,
            )

    def _described_refusal(self, said: np.ndarray | None, approved: np.ndarray,
                           refused: np.ndarray, clock: np.ndarray) -> float:
        """The similarity of the latest answer about a call described like this one (the
        agent's descriptions within ``description_similarity``) when that answer is the
        user's refusal; 0.0 when it is an approval, or there is none (under the lock)."""
        if said is None or not said.any():
            return 0.0
        n = len(clock)
        sims = self._described[:n] @ said
        rows = np.flatnonzero((sims >= self.config.description_similarity)
                              & (approved | refused))
        if len(rows) == 0:
            return 0.0
        latest = rows[np.argmax(clock[rows])]
        return float(sims[latest]) if refused[latest] else 0.0

    def check(self, vector: np.ndarray, programs: tuple[str, ...]) -> Support:
        """Whether the answers near ``vector`` support auto-allowing it: every rule of
        ``SUPPORT_RULES`` in order (see the module docstring)."""
        ev = self.evidence(vector, programs)
        for _, rule in SUPPORT_RULES:
            reason = rule(ev, self.config)
            if reason:
                return Support(False, reason, ev.close_approved, ev.nearest_approved,
                               ev.nearest_refused)
        threshold = self.config.trusted_similarity if ev.trusted else self.config.similarity
        return Support(True, f"supported: {ev.close_approved} approved calls with sim >= "
                       f"{threshold:.2f}", ev.close_approved, ev.nearest_approved,
                       ev.nearest_refused)


@dataclass(frozen=True)
class KeyStats:
    """The answers about one key: how many approved and refused, and when last each."""

    approved: int
    refused: int
    last_approved: int  # clock of the user's latest approval (what lifts a refusal), -1 if none
    last_refused: int
    last_own_refused: int = -1  # clock of the user's own latest refusal (not a peer's)
    refused_recently: bool = False  # a refusal among the key's last ``recent`` answers

    @classmethod
    def of(cls, rows: np.ndarray, approved: np.ndarray, clock: np.ndarray,
           refused: np.ndarray | None = None, own: np.ndarray | None = None,
           recent: int = 1) -> KeyStats:
        """From the indices of the rows answering about the key and masks over all rows:
        the approvals and refusals that count (default: the rest), which rows are the
        user's own (default: all), and how many of the latest answers ``refused_recently``
        reads."""
        refused = ~approved if refused is None else refused
        own = np.ones_like(approved) if own is None else own
        ok, bad = rows[approved[rows]], rows[refused[rows]]
        mine, my_bad = ok[own[ok]], bad[own[bad]]
        last_approved = int(clock[mine].max()) if len(mine) else -1
        recently = False
        if recent > 1 and len(bad):
            # the refusal is among the last ``recent`` answers: fewer approvals came after it
            recently = int((clock[ok] > clock[bad].max()).sum()) < recent
        return cls(len(ok), len(bad), last_approved,
                   int(clock[bad].max()) if len(bad) else -1,
                   int(clock[my_bad].max()) if len(my_bad) else -1, recently)

    @property
    def latest_refused(self) -> bool:
        """The latest word about the key is a refusal (the user's or a peer's) that no
        approval of the user's came after, or, for an act, one of its latest words."""
        return self.last_refused > self.last_approved or self.refused_recently

    @property
    def own_latest_refused(self) -> bool:
        """As :attr:`latest_refused`, counting the user's own refusals only."""
        return self.last_own_refused > self.last_approved


@dataclass(frozen=True)
class Evidence:
    """What the memory of answers holds about one call (:meth:`SupportMemory.evidence`)."""

    keys: tuple[str, ...]
    stats: dict[str, KeyStats]  # keys answered about before
    family: dict[str, str]  # program -> the mistaken program it looks like (rule 4)
    nearest_approved: float
    nearest_refused: float  # highest similarity to a refusal of the user's own
    close_approved: int  # approved calls within the similarity that applies
    answers: int  # the answers that count (peers' the user overruled do not)
    trusted: bool  # every program of the call is trusted
    same_programs_close: bool  # a close approved call runs every program of this one
    read_lists: frozenset[str] = frozenset()  # lists: keys whose place an approved call read
    # similarity of the user's latest answer about a call described like this one, if a refusal
    described_refused: float = 0.0
    command: KeyStats | None = None  # the answers about the very command, in any folder
    help_only: frozenset[str] = frozenset()  # programs approved only when asked for help


def _kind_id(kind: str) -> int:
    """A 63-bit hash of a call's kind (``teacher.supersede_key``); 0 for none."""
    return _hash63(kind) if kind else 0


def near_refused_repeat(ev: Evidence, cfg: SupportConfig) -> float | None:
    """The similarity of the refused call the call of ``ev`` nearly repeats, or None
    (:meth:`SupportMemory.refused_repeat`): read off the evidence the support rules use,
    so a decision searches the answers once."""
    if ev.nearest_refused < cfg.deny_repeat_similarity:
        return None
    if ev.nearest_refused <= ev.nearest_approved:
        return None
    if not any(st.own_latest_refused for st in ev.stats.values()):
        return None  # a peer's refusal makes the gate ask, never deny
    return round(ev.nearest_refused, 4)


def _latest_refusal(ev: Evidence, cfg: SupportConfig) -> str:
    """Rule 1: the latest answer about a key of the call (a program, a part of one, a
    place, file or host it touches) is a refusal. A refusal counts for every program, and
    for the very command wherever it runs (``command_identity``)."""
    key = next((k for k in ev.keys if k in ev.stats and ev.stats[k].latest_refused), "")
    if key and ev.stats[key].last_refused < ev.stats[key].last_approved:
        return f"a refusal among the latest answers about {key}, an act across programs"
    if key:
        return f"latest answer about {key} was a refusal"
    if ev.command is not None and ev.command.latest_refused:
        return "latest answer about this very command (in any folder) was a refusal"
    return ""


def _mistaken_family(ev: Evidence, cfg: SupportConfig) -> str:
    """Rule 5: the program looks like one the gate auto-allowed and the user refused."""
    for key, other in ev.family.items():
        return (f"the user refused {other} after it was auto-allowed, and {key}'s approved "
                "calls look alike")
    return ""


def _never_approved(ev: Evidence, place: bool) -> str:
    """The first key of the call that must be known and was never approved: a place
    outside the project (``place``), or a program, consequential part or act."""
    if not ev.answers:
        return "novel: no answered calls yet"
    key = next((k for k in ev.keys if must_know(k) and is_touch_key(k) == place
                and not _approved(ev, k)), "")
    return f"novel: no approved call of {key} yet" if key else ""


def _approved(ev: Evidence, key: str) -> bool:
    """Whether an approved call had ``key``; a place listed (``lists:``) counts as known
    once the user let the agent read it, which shows its names too (``gate.touches``).
    A program that approved calls only asked for help or its version was never run with
    the user's approval: approving ``steamos-factory-reset --help`` says nothing of
    ``steamos-factory-reset``, so it is known once a call that runs it is approved."""
    if key in ev.help_only:
        return False
    return key in ev.read_lists or (key in ev.stats and ev.stats[key].approved)


def _first_place(ev: Evidence, cfg: SupportConfig) -> str:
    """Rule 2a: a place outside the project the call reads or writes was never approved.
    What a call touches is evidence like the program: a place the user never let the
    agent reach is theirs to open, whatever program reaches it."""
    return _never_approved(ev, place=True)


def _first_use(ev: Evidence, cfg: SupportConfig) -> str:
    """Rule 2b: a program, consequential part or act beyond the call never approved."""
    return _never_approved(ev, place=False)


def _nearest_refused(ev: Evidence, cfg: SupportConfig) -> str:
    """Rule 3: the user's answer nearest to the call is a refusal of their own, within
    ``similarity``: the one-nearest-neighbour vote of the user's answers says no, whatever
    the model learned from the rest. A model fits the many approved calls around a rare
    kind of call the user refuses (``npm update -g`` among a hundred npm approvals), and
    its confidence there is the majority's; the nearest answer is the user's own word
    about calls like this one. An approval at least as close outvotes it."""
    if ev.nearest_refused < cfg.similarity or ev.nearest_refused < ev.nearest_approved:
        return ""
    return (f"the nearest answer is a refusal (sim={ev.nearest_refused:.2f} >= nearest "
            f"approval {ev.nearest_approved:.2f})")


def _close_approvals(ev: Evidence, cfg: SupportConfig) -> str:
    """Rule 4: enough approved calls close to this one (fewer needed for trusted programs,
    one near repeat or one close call of the same programs is enough)."""
    if (ev.close_approved >= cfg.min_support or ev.nearest_approved >= cfg.repeat_similarity
            or ev.same_programs_close):
        return ""
    what = "trusted program, " if ev.trusted else ""
    threshold = cfg.trusted_similarity if ev.trusted else cfg.similarity
    if ev.close_approved == 0:
        return f"novel: {what}nearest approved call sim={ev.nearest_approved:.2f} < {threshold:.2f}"
    return (f"novel: {what}{ev.close_approved} approved call(s) with sim >= {threshold:.2f}, "
            f"needs {cfg.min_support}")


def _described_refusal(ev: Evidence, cfg: SupportConfig) -> str:
    """Rule 6: the user's latest answer about a call *described* like this one (what the
    agent said each call does, within ``description_similarity``) is not a refusal. A
    user refuses what a call does as much as the program that does it, and the agent
    names what it does in the same words whatever program it runs: "Apply all pending
    migrations" with ``knex`` after a refused "Run all pending migrations" with
    ``sequelize``. A description can only make the gate ask, never allow: an agent that
    words it differently only loses this check."""
    if not ev.described_refused:
        return ""
    return (f"the latest answer about a call described like this one "
            f"(sim={ev.described_refused:.2f}) was a refusal")


# The support rules in the order they are checked: (name, rule). Each returns why the call
# is not supported, or "".
SUPPORT_RULES: tuple[tuple[str, Any], ...] = (
    ("latest_refusal", _latest_refusal),
    ("mistaken_family", _mistaken_family),
    ("first_place", _first_place),
    ("first_use", _first_use),
    ("nearest_refused", _nearest_refused),
    ("close_approvals", _close_approvals),
    ("described_refusal", _described_refusal),
)


def rebuild_memory(memory: SupportMemory, glog: GateLog, embedder: Any, window: int) -> int:
    """Replay the answers of the last ``window`` feedback rows into ``memory``, in order:
    the user's, and the peers' that entered the memory when they arrived (their log
    record says so: ``support``), so a restart gives the same memory as the live one.

    The log is the memory's only source (it is never pickled); the embeddings come from
    the SQLite embedding cache, so calls seen before do not run MiniLM again. Returns
    the number of rows replayed.
    """
    from neuroplast.gate.peer_log import PeerLog
    from neuroplast.gate.render import call_description, render_call
    from neuroplast.gate.teacher import supersede_key

    newest = glog.db.query("SELECT MAX(id) FROM feedback")[0][0]
    if newest is None:
        return 0
    rows = [(fb, call_json, peer) for fb, call_json, peer
            in PeerLog(glog.db).answers_after(max(0, int(newest) - window))
            if not peer or fb.record.get("support")]
    calls = [ToolCall.from_dict(json.loads(call_json)) for _, call_json, _ in rows]
    vectors = embedder.embed([render_call(c) for c in calls]) if calls else []
    said = [call_description(c) for c in calls]
    texts = sorted(set(said) - {""})
    said_vectors = dict(zip(texts, embedder.embed(texts), strict=True)) if texts else {}
    for (fb, _, peer), call, vec, text in zip(rows, calls, vectors, said, strict=True):
        memory.add(fb.tool_use_id, vec, approved=fb.approved, clock=fb.id,
                   programs=program_keys(call), false_positive=fb.false_positive,
                   identity=call_identity(call), risks=inspect_call(call).flags,
                   vouched=bool(fb.record.get("vouched", True)), kind=supersede_key(call),
                   peer=peer, described=said_vectors.get(text),
                   command=command_identity(call))
    return len(rows)
