"""A simple command as it runs, not as it is spelled: program, operands, flags.

``/bin/rm -fr x``, ``rm --recursive --force x`` and ``busybox rm -r -f x`` run the same
program with the same options; ``git -C repo push -f`` and ``git push --force`` run the same
sub-command. Deny and ask rules compare commands in this form (see :mod:`.rules`), so a
rule holds whatever the spelling:

- the program is the executable's name (``/usr/bin/rm`` is ``rm``); wrappers, launchers and
  multi-call binaries (``sudo``, ``env``, ``busybox``...) are already removed by
  :attr:`.Segment.argv`;
- global options of common tools, and their values, are not operands: ``git -C DIR``,
  ``git -c k=v``, ``docker --context x``, ``kubectl -n ns`` (anywhere: kubectl's global
  options may follow the sub-command), ``npm --prefix p``, ``make -C dir``, ``cargo +nightly``;
- flags are normalised: a bundle is its letters (``-rf`` is ``-r -f``, except for programs
  whose options are long words after one dash: ``find -delete``, ``terraform
  -auto-approve``), a short and a long spelling documented as the same option are one flag
  (:data:`FLAG_ALIASES`), and ``--name=value`` is both ``--name`` and ``--name=value``;
- a few documented equivalences of effect add the flag they amount to: ``git push``'s
  ``--force-with-lease``, ``--mirror`` and a ``+refspec`` force the update (git-push(1)), so
  they also count as ``--force``; a ``:dst`` refspec deletes, so it counts as ``--delete``.

>>> e = Executed.of(("/usr/bin/git", "-C", "..", "push", "-fu", "origin", "main"))
>>> e.program, e.operands, sorted(e.flags)
('git', ('push', 'origin', 'main'), ['--force', '--set-upstream', '-C', '-C=..'])
>>> Executed.of(("rm", "-fR", "build")).flags == Executed.of(("rm", "-r", "--force", "b")).flags
True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from neuroplast.gate.outputs import operands
from neuroplast.gate.shell import Segment

__all__ = ["FLAG_ALIASES", "GLOBAL_OPTIONS", "SUBCOMMAND_PROGRAMS", "Executed",
           "after_global_options", "global_values", "runner_command"]


def _same(*groups: str) -> dict[str, tuple[str, ...]]:
    """Spellings of one option: each group's spellings stand for its last (long) one."""
    return {name: (group.split()[-1],) for group in groups for name in group.split()}


# Short and long spellings each tool's manual documents as the same option; the key is the
# program, or the program and its sub-command.
FLAG_ALIASES: dict[tuple[str, ...], dict[str, tuple[str, ...]]] = {
    ("rm",): _same("-r -R --recursive", "-f --force", "-d --dir", "-i --interactive",
                   "-v --verbose"),
    ("cp",): _same("-r -R --recursive", "-f --force", "-a --archive", "-n --no-clobber",
                   "-i --interactive", "-v --verbose"),
    ("mv",): _same("-f --force", "-n --no-clobber", "-i --interactive", "-v --verbose"),
    ("chmod",): _same("-R --recursive", "-v --verbose", "-f --silent --quiet"),
    ("chown",): _same("-R --recursive", "-v --verbose", "-f --silent --quiet"),
    ("chgrp",): _same("-R --recursive", "-v --verbose", "-f --silent --quiet"),
    ("ln",): _same("-s --symbolic", "-f --force"),
    ("shred",): _same("-u --remove", "-z --zero", "-f --force", "-n --iterations"),
    ("sed",): _same("-i --in-place", "-e --expression", "-n --quiet --silent",
                    "-E -r --regexp-extended"),
    ("curl",): _same("-X --request", "-d --data", "-o --output", "-O --remote-name",
                     "-k --insecure", "-L --location", "-s --silent", "-F --form",
                     "-T --upload-file", "-u --user", "-H --header"),
    ("wget",): _same("-O --output-document", "-q --quiet", "-r --recursive", "-m --mirror"),
    ("rsync",): _same("-r --recursive", "-a --archive", "-n --dry-run", "-v --verbose",
                      "-z --compress"),
    ("tar",): _same("-x --extract --get", "-c --create", "-f --file", "-z --gzip",
                    "-v --verbose", "-t --list", "-C --directory"),
    ("kill",): {"-KILL": ("-9",), "-SIGKILL": ("-9",), "-TERM": ("-15",),
                "-SIGTERM": ("-15",), "-HUP": ("-1",), "-SIGHUP": ("-1",), "-INT": ("-2",),
                "-SIGINT": ("-2",)},
    ("git", "push"): _same("-f --force", "-d --delete", "-n --dry-run", "-u --set-upstream",
                           "-q --quiet", "-v --verbose"),
    ("git", "clean"): _same("-f --force", "-n --dry-run", "-i --interactive", "-q --quiet"),
    ("git", "commit"): _same("-n --no-verify", "-a --all", "-m --message", "-F --file",
                             "-q --quiet", "-v --verbose", "-s --signoff"),
    ("git", "branch"): {**_same("-d --delete", "-f --force", "-m --move", "-c --copy"),
                        "-D": ("--delete", "--force"), "-M": ("--move", "--force"),
                        "-C": ("--copy", "--force")},
    ("git", "checkout"): _same("-f --force", "-q --quiet", "-p --patch"),
    ("git", "switch"): _same("-c --create", "-C --force-create",
                             "-f --discard-changes --force", "-d --detach"),
    ("git", "tag"): _same("-d --delete", "-f --force", "-a --annotate", "-s --sign",
                          "-m --message"),
    ("git", "add"): _same("-A --all", "-f --force", "-u --update", "-p --patch"),
    ("git", "rm"): _same("-f --force", "-n --dry-run", "-q --quiet"),
    ("git", "rebase"): _same("-i --interactive"),
    ("git", "reset"): _same("-q --quiet", "-p --patch"),
    ("git", "fetch"): _same("-f --force", "-p --prune"),
    ("git", "pull"): _same("-f --force", "-r --rebase"),
    ("docker", "rm"): _same("-f --force", "-v --volumes"),
    ("docker", "rmi"): _same("-f --force"),
    ("docker", "run"): _same("-v --volume", "-p --publish", "-e --env", "-d --detach",
                             "-i --interactive", "-t --tty", "-u --user", "-w --workdir"),
    ("docker", "system"): _same("-a --all", "-f --force"),
    ("docker", "volume"): _same("-a --all", "-f --force"),
    ("docker", "image"): _same("-a --all", "-f --force"),
    ("docker", "container"): _same("-a --all", "-f --force"),
    ("kubectl", "delete"): _same("-A --all-namespaces", "-f --filename", "-l --selector",
                                 "-R --recursive"),
    ("npm", "install"): _same("-g --global", "-D --save-dev", "-f --force"),
    ("npm", "uninstall"): _same("-g --global"),
    ("pip", "install"): _same("-U --upgrade", "-r --requirement", "-e --editable",
                              "-I --ignore-installed"),
    ("pip3", "install"): _same("-U --upgrade", "-r --requirement", "-e --editable",
                               "-I --ignore-installed"),
}

_KUBE = frozenset({"-n", "--namespace", "--context", "--cluster", "--user", "--kubeconfig",
                   "-s", "--server", "--token", "--as", "--as-group", "--as-uid",
                   "--request-timeout", "--certificate-authority", "--client-certificate",
                   "--client-key", "--cache-dir", "--tls-server-name", "-v"})
# Options of a tool that take a value and are not its sub-command's: program -> (those
# options, whether they may also follow the sub-command). From each tool's manual.
GLOBAL_OPTIONS: dict[str, tuple[frozenset[str], bool]] = {
    "git": (frozenset({"-C", "-c", "--git-dir", "--work-tree", "--namespace", "--config-env",
                       "--super-prefix"}), False),
    "docker": (frozenset({"-c", "--context", "--config", "-H", "--host", "-l", "--log-level",
                          "--tlscacert", "--tlscert", "--tlskey"}), False),
    "podman": (frozenset({"-c", "--connection", "--url", "--root", "--runroot", "--log-level",
                          "--identity", "--storage-driver", "--tmpdir", "--module"}), False),
    "kubectl": (_KUBE, True),
    "oc": (_KUBE, True),
    "helm": (frozenset({"-n", "--namespace", "--kube-context", "--kubeconfig",
                        "--kube-apiserver", "--kube-token", "--kube-as-user", "--kube-as-group",
                        "--kube-ca-file", "--registry-config", "--repository-cache",
                        "--repository-config", "--burst-limit"}), True),
    "npm": (frozenset({"--prefix", "-w", "--workspace", "--userconfig", "--globalconfig",
                       "--cache", "--registry", "--loglevel"}), True),
    "pnpm": (frozenset({"-C", "--dir", "--filter", "-F"}), True),
    "yarn": (frozenset({"--cwd"}), False),
    "cargo": (frozenset({"-C", "--config", "-Z", "--color"}), False),
    "make": (frozenset({"-C", "--directory", "-f", "--file", "--makefile", "-I",
                        "--include-dir", "-o", "--old-file", "-W", "--what-if", "--new-file",
                        "--assume-new"}), True),
    "aws": (frozenset({"--profile", "--region", "--endpoint-url", "--output", "--query",
                       "--ca-bundle", "--cli-read-timeout", "--cli-connect-timeout",
                       "--color"}), True),
    "gcloud": (frozenset({"--project", "--account", "--configuration", "--format",
                          "--verbosity", "--impersonate-service-account", "--billing-project",
                          "--region", "--zone"}), True),
    "gh": (frozenset({"-R", "--repo", "--hostname"}), True),
    "blackfire": (frozenset({"--samples", "--env", "--reference", "--config"}), True),
    "systemctl": (frozenset({"-H", "--host", "-M", "--machine", "-t", "--type", "-p",
                             "--property", "--state", "-n", "--lines", "-o", "--output", "-s",
                             "--signal", "--kill-whom", "--root"}), True),
}


def global_values(program: str) -> frozenset[str]:
    """The options of ``program`` that take a value and may come before its sub-command
    (:data:`GLOBAL_OPTIONS`; none for a program not listed there).

    >>> sorted(global_values("kubectl"))[:3], global_values("ls")
    (['--as', '--as-group', '--as-uid'], frozenset())
    """
    return GLOBAL_OPTIONS.get(program, (frozenset(), False))[0]


def after_global_options(program: str, argv: tuple[str, ...]) -> list[str]:
    """``argv``'s words after ``program``'s leading global options and their values: its
    sub-command and what follows it, options included.

    >>> after_global_options("git", ("git", "-C", "lib", "--no-pager", "switch", "-c", "x"))
    ['switch', '-c', 'x']
    """
    values, i = global_values(program), 1
    while i < len(argv) and argv[i].startswith("-"):
        i += 2 if argv[i] in values else 1
    return list(argv[i:])


# Options whose value is optional and, when given, a number (make -j 4, make -j)
_OPTIONAL_NUMBER = {"make": frozenset({"-j", "--jobs", "-l", "--load-average"})}
# Programs that take a toolchain as "+name" before the sub-command (cargo +nightly build)
_TOOLCHAIN_PLUS = frozenset({"cargo", "rustup", "rustc", "rustdoc"})
# Programs whose first operand is a sub-command (``git push``): a rule's first operand must
# be that one. Other programs' operands are files, targets or values, in any order
# (``rm -rf a /``, ``make clean deploy``).
SUBCOMMAND_PROGRAMS = frozenset({
    "git", "docker", "podman", "kubectl", "oc", "helm", "npm", "pnpm", "yarn", "bun",
    "cargo", "rustup", "go", "pip", "pip3", "uv", "poetry", "conda", "mamba", "brew", "apt",
    "apt-get", "dnf", "yum", "snap", "flatpak", "systemctl", "gh", "glab", "aws", "gcloud",
    "gsutil", "az", "terraform", "tofu", "pulumi", "heroku", "fly", "flyctl", "vercel",
    "netlify", "firebase", "wrangler", "supabase", "doctl", "svn", "hg", "gem", "bundle",
    "dotnet", "nix", "minikube", "kind", "vagrant", "docker-compose", "ip", "openssl",
})
# Programs whose options are words after one dash (``find -delete``, ``java -jar``): no
# bundles, and ``--name`` (which Go's flag package also accepts) is ``-name``.
_SINGLE_DASH = frozenset({"find", "java", "javac", "go", "terraform", "tofu", "gcc", "g++",
                          "cc", "clang", "clang++", "ffmpeg", "ffprobe", "xcodebuild", "kill",
                          "openssl", "dig", "xdotool", "convert", "magick", "mogrify"})
# Sub-commands documented as the same command (npm's aliases; docker's management commands)
_SUBCOMMAND_ALIASES: dict[tuple[str, ...], tuple[str, ...]] = {
    **{("npm", a): ("install",) for a in ("i", "in", "ins", "add", "isntall")},
    **{("npm", a): ("uninstall",) for a in ("rm", "r", "un", "remove", "unlink")},
    ("npm", "run-script"): ("run",),
    ("npm", "x"): ("exec",),
    ("docker", "container", "rm"): ("rm",),
    ("docker", "container", "remove"): ("rm",),
    ("docker", "image", "rm"): ("rmi",),
    ("docker", "image", "remove"): ("rmi",),
    ("docker", "container", "run"): ("run",),
    ("docker", "container", "exec"): ("exec",),
}


# the frameworks' command runners a program hands its command to (php artisan migrate)
_PHP_RUNNERS = frozenset({"artisan", "yii"})


def runner_command(seg: Segment) -> tuple[str, list[str]]:
    """The tool a call runs and its plain words, a framework's command runner taken as the
    tool: ``python manage.py migrate`` and ``./manage.py migrate`` are ``manage.py``'s
    ``migrate``, ``php artisan serve`` is ``artisan``'s ``serve``; any other program is
    itself, without its global options' values.

    >>> from neuroplast.gate.shell import split_command
    >>> [runner_command(s) for s in split_command(
    ...     "python3 manage.py runserver; php artisan migrate --seed; git -C repo tag v1")]
    [('manage.py', ['runserver']), ('artisan', ['migrate']), ('git', ['tag', 'v1'])]
    """
    head = seg.head
    plain = operands(seg.argv, global_values(head))
    if head.rstrip("0123456789.").startswith("python") and plain[:1] and plain[0].endswith(
            "manage.py"):
        return "manage.py", plain[1:]
    if head == "php" and plain[:1] and plain[0] in _PHP_RUNNERS:
        return plain[0], plain[1:]
    if head.endswith("manage.py"):
        return "manage.py", plain
    return head, plain


@dataclass(frozen=True)
class Executed:
    """A command as it runs: its program's name, its operands (sub-command first) and its
    normalised flags. Build it with :meth:`of` from a segment's ``argv``.

    >>> Executed.of(("kubectl", "delete", "-n", "prod", "pod", "web")).operands
    ('delete', 'pod', 'web')
    >>> sorted(Executed.of(("find", ".", "-name", "*.o", "-delete")).flags)
    ['-delete', '-name']
    """

    program: str
    operands: tuple[str, ...]
    flags: frozenset[str]

    @property
    def has_subcommand(self) -> bool:
        return self.program in SUBCOMMAND_PROGRAMS

    @classmethod
    def of(cls, argv: Sequence[str]) -> Executed:
        if not argv:
            return cls("", (), frozenset())
        program = argv[0].rsplit("/", 1)[-1]
        values, anywhere = GLOBAL_OPTIONS.get(program, (frozenset(), False))
        optional_number = _OPTIONAL_NUMBER.get(program, frozenset())
        single_dash = program in _SINGLE_DASH
        operands: list[str] = []
        spelled: list[str] = []  # flags as written, "=value" kept
        i, n, literal = 1, len(argv), False
        while i < n:
            a = argv[i]
            i += 1
            if literal or len(a) < 2 or a[0] != "-":
                if not operands and a[:1] == "+" and program in _TOOLCHAIN_PLUS:
                    spelled.append(a)  # cargo +nightly: a global choice, not an operand
                else:
                    operands.append(a)
                continue
            if a == "--":
                literal = True  # rm -- -rf: "-rf" is a file
                continue
            name = a.split("=", 1)[0]
            if values and "=" not in a and (anywhere or not operands):
                if name in values:  # git -C DIR: the value is the option's, not an operand
                    spelled.append(f"{a}={argv[i]}" if i < n else a)
                    i += 1
                    continue
                if name[:2] in values and not name.startswith("--"):  # git -C.. (glued)
                    spelled.append(f"{name[:2]}={a[2:]}")
                    continue
            if name in optional_number and i < n and argv[i].isdigit():
                spelled.append(f"{a}={argv[i]}")
                i += 1
                continue
            spelled.append(a)
        for length in (2, 1):  # npm i, docker container rm
            alias = _SUBCOMMAND_ALIASES.get((program, *operands[:length]))
            if alias is not None and len(operands) >= length:
                operands[:length] = alias
                break
        sub = operands[0] if operands else ""
        aliases = {**FLAG_ALIASES.get((program,), {}), **FLAG_ALIASES.get((program, sub), {})}
        flags: set[str] = set()
        for flag in spelled:
            name, eq, value = flag.partition("=")
            if name[:1] == "+" or single_dash:
                names = [name[1:] if name.startswith("--") and single_dash else name]
            elif name.startswith("--") or not name[1:2].isalpha():
                names = [name]  # --force, -9
            else:  # -rf: each letter a flag, up to a value glued on (-n5, -j4)
                names = []
                for c in name[1:]:
                    if not c.isalpha():
                        break
                    names.append("-" + c)
            for part in names:
                for canonical in aliases.get(part, (part,)):
                    flags.add(canonical)
                    if eq and len(names) == 1:
                        flags.add(f"{canonical}={value}")
        if program == "git" and sub == "push":
            # git-push(1): these update the remote even when it is not an ancestor
            if flags & {"--force-with-lease", "--mirror"} or any(
                    o[:1] == "+" for o in operands[1:]):
                flags.add("--force")
            if any(o[:1] == ":" and len(o) > 1 for o in operands[1:]):
                flags.add("--delete")  # an empty source deletes the destination
        return cls(program, tuple(operands), frozenset(flags))
