"""Calls that rewrite files in place: a program writes its result back over the files it
reads, or over every file under a folder it is given.

An in-place rewrite leaves no copy of what was there: a substitution that matches more than
was meant, a formatter run over a whole tree, a fixer's unsafe fix or a metadata stripper
changes files nobody reviews one by one, and the diff that should show the intended change
is buried in thousands of mechanical ones (GNU sed's manual on ``-i``: 'this option
specifies that files are to be edited in-place', with no backup unless a suffix is given;
data-integrity guidance such as the FDA's 2018 *Data Integrity and Compliance With Drug
CGMP* asks that changes be attributable and reviewable). A user's view of this is one view
whatever program rewrites: someone who stops letting the agent run ``sed -i`` stops it for
``perl -pi``, ``prettier --write`` and ``black`` alike. So it is an act across programs
(``gate.acts``: ``* in-place``). Each tool is read from its own manual; checking, diffing,
printing to standard output, writing to a new file, help and versions are not the act, nor
the agent's own Edit and Write tools, which show the user each change:

- stream editors and substitution tools: ``sed -i``, ``perl -i``, ``ruby -i``, ``gawk -i
  inplace``, ``xmlstarlet ed -L``, ``yq -i``, ``crudini --set|--del``, sd (not ``-p``),
  rpl, fastmod, ``comby -in-place``, ``ast-grep -U``, sponge, recode, dos2unix and unix2dos
  (not ``-n``), patch (not ``--dry-run`` or ``-o``), ``git apply`` (not ``--check``,
  ``--stat``, ``--numstat``, ``--summary``, ``--cached``), ``quilt push|pop|refresh|fold``,
  ``spatch --in-place``, jscodeshift and ``rector process`` (not their dry runs), ``2to3
  -w``, ``codespell -w``, ``typos -w``, ``jupyter nbconvert --inplace``, nbstripout;
- formatters and fixers that write: black, isort, ``ruff format`` and ``ruff check
  --fix|--add-noqa``, autopep8, yapf, autoflake and docformatter with ``-i``, pyupgrade,
  reorder-python-imports, add-trailing-comma, mdformat, prettier and ``biome ...
  --write|--apply``, eslint, standard, stylelint and tslint with ``--fix``, ``dprint
  fmt``, ``deno fmt``, gofmt, goimports, golines and gofumpt with ``-w``, ``go fmt|fix``,
  ``golangci-lint run --fix``, rustfmt, ``cargo fmt|fix`` and ``cargo clippy --fix``,
  ``clang-format -i``, ``clang-tidy --fix``, astyle, indent, ``uncrustify --replace``,
  shfmt ``-w``, stylua, ``php-cs-fixer fix``, phpcbf, pint, rubocop ``-a|-A``,
  ``standardrb --fix``, rufo, swiftformat, ``swift-format -i``, ``ktlint -F``, ``dart
  format``, ``mix format``, elm-format, ``terraform|tofu|packer fmt``, ``buf format -w``,
  ``cmake-format -i``, ``markdownlint --fix``, nixfmt, alejandra, ``taplo fmt``,
  ``sqlfluff fix``, ``tidy -m``, ``pg_format -i`` (each but its check, diff or dry-run
  mode);
- images and metadata rewritten over the original: mogrify (ImageMagick: 'overwrites the
  original image file'), optipng, oxipng, jpegoptim, advpng ``-z``, ``pngcrush -ow``,
  ``gifsicle -b``, svgo (not ``-o``), image_optim, exiftool writing tags (``-TAG=``,
  ``-all=``, ``-tagsFromFile``), ``exiv2 rm|mo|-M``, ``mat2 --inplace``, ``qpdf
  --replace-input``, ``metaflac --set-tag|--remove-tag|--remove-all-tags``.

>>> from neuroplast.gate.shell import split_command
>>> [rewrites_in_place(s) for s in split_command(
...     "sed -i 's/a/b/' f.txt; sed 's/a/b/' f.txt; black src; black --check src; "
...     "prettier --write .; prettier --check .; gofmt -w main.go; gofmt -l .; "
...     "patch -p1 < fix.diff; patch --dry-run -p1 < fix.diff; exiftool photo.jpg; "
...     "exiftool -all= photo.jpg")]
[True, False, True, False, True, False, True, False, True, False, False, True]
"""

from __future__ import annotations

import re

from neuroplast.gate.outputs import has_short_option, option_values
from neuroplast.gate.shell import Segment

__all__ = ["rewrites_in_place"]

_NO_WRITE = frozenset({"--help", "-h", "-help", "--version", "-V", "-version", "--dry-run",
                       "--check", "--diff", "--stdout", "--lint"})
# tools that rewrite their operands whenever they run on one, unless told to check or print
# (and the options, beside _NO_WRITE, that keep them from writing)
_WRITES_UNLESS: dict[str, tuple[str, ...]] = {
    "black": ("-c", "--code"), "isort": ("-c", "--check-only", "--show-files"), "pyupgrade": (),
    "reorder-python-imports": (), "add-trailing-comma": (), "mdformat": (),
    "rustfmt": ("--emit",), "astyle": (), "indent": ("-st", "--standard-output", "-o"),
    "stylua": ("-c",), "rufo": ("-c",), "nixfmt": ("-c",), "alejandra": ("-c",),
    "swiftformat": ("--dryrun",), "phpcbf": ("-i",), "pint": ("--test",),
    "elm-format": ("--validate",), "fastmod": (), "rpl": ("-s", "--simulate"),
    "sd": ("-p", "--preview"),
    **dict.fromkeys(("dos2unix", "unix2dos", "mac2unix"),
                    ("-n", "--newfile", "-i", "--info", "-O", "--to-stdout")),
    "nbstripout": ("--is-stripped", "--install", "-t", "--textconv"),
    "optipng": ("-simulate", "-out", "-dir"), "oxipng": ("-P", "--pretend", "--out", "--dir"),
    "jpegoptim": ("-n", "--noaction", "-d", "--dest"), "image_optim": (),
    "svgo": ("-o", "--output", "-s", "--string", "--show-plugins"), "mogrify": ("-format",),
    "sponge": ("-a",), "recode": (), "patch": ("-o", "--output"),
    "scalafmt": ("--test", "--list", "-l", "--stdout", "--stdin"),
}
# tools that rewrite in place only when given one of these options
_WRITES_WITH: dict[str, tuple[str, ...]] = {
    "autopep8": ("-i", "--in-place"), "yapf": ("-i", "--in-place"),
    "autoflake": ("-i", "--in-place"), "docformatter": ("-i", "--in-place"),
    "prettier": ("--write", "-w"), "eslint": ("--fix",), "standard": ("--fix",),
    "stylelint": ("--fix",), "tslint": ("--fix",), "gofmt": ("-w",), "goimports": ("-w",),
    "golines": ("-w", "--write-output"), "gofumpt": ("-w",), "clang-format": ("-i",),
    "clang-tidy": ("--fix", "-fix", "--fix-errors", "-fix-errors"),
    "uncrustify": ("--replace", "--no-backup"), "shfmt": ("-w", "--write"),
    "swift-format": ("-i", "--in-place"), "ktlint": ("-F", "--format"),
    "cmake-format": ("-i", "--in-place"), "markdownlint": ("--fix",),
    "markdownlint-cli2": ("--fix",), "codespell": ("-w", "--write-changes"),
    "typos": ("-w", "--write-changes"), "2to3": ("-w", "--write"), "yq": ("-i", "--inplace"),
    "spatch": ("--in-place",), "comby": ("-in-place", "-i"),
    "ast-grep": ("-U", "--update-all", "-i", "--interactive"),
    "sg": ("-U", "--update-all", "-i", "--interactive"), "mat2": ("--inplace",),
    "qpdf": ("--replace-input",),
    "pngcrush": ("-ow",), "gifsicle": ("-b", "--batch"), "advpng": ("-z", "--recompress"),
    "tidy": ("-m", "-modify"), "pg_format": ("-i", "--inplace"),
    "crudini": ("--set", "--del"), "standardrb": ("--fix",),
    "rubocop": ("-a", "-A", "--auto-correct", "--autocorrect", "--auto-correct-all",
                "--autocorrect-all", "--fix-layout", "-x"),
    "metaflac": ("--set-tag", "--remove-tag", "--remove-all-tags", "--remove-first-tag",
                 "--import-tags-from"),
    "golangci-lint": ("--fix",), "jupyter": ("--inplace",),
    "exiv2": ("-M", "-m", "-d", "--delete"),
}
# tools whose options are words after one dash (tidy -modify), so a dash and letters is no
# cluster of one-letter options
_NO_CLUSTERS = frozenset({"tidy", "clang-tidy", "comby", "pngcrush", "exiv2", "metaflac",
                          "qpdf", "jupyter"})
# jhead(1)'s modifying options: rotations, deletions, comments and time stamps written into
# the files (-ta, -ts, -da take their value in the same word)
_JHEAD_WRITES = ("-autorot", "-norot", "-de", "-dc", "-di", "-dx", "-du", "-purejpg", "-ce",
                 "-cl", "-te", "-ts", "-ta", "-da", "-ds", "-mkexif", "-rgt", "-dsft")
# tool -> (its commands, as the first plain word, that rewrite in place; the options that
# must be given for them to, () when the command rewrites by default)
_COMMANDS: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {
    "ruff": (frozenset({"format"}), ()),
    "go": (frozenset({"fmt", "fix"}), ()),
    "dprint": (frozenset({"fmt"}), ()), "deno": (frozenset({"fmt"}), ()),
    "dart": (frozenset({"format"}), ()), "flutter": (frozenset({"format"}), ()),
    "mix": (frozenset({"format"}), ()), "terraform": (frozenset({"fmt"}), ()),
    "tofu": (frozenset({"fmt"}), ()), "packer": (frozenset({"fmt"}), ()),
    "php-cs-fixer": (frozenset({"fix"}), ()), "sqlfluff": (frozenset({"fix", "format"}), ()),
    "taplo": (frozenset({"fmt", "format"}), ()), "rector": (frozenset({"process"}), ()),
    "quilt": (frozenset({"push", "pop", "fold"}), ()),
    "magick": (frozenset({"mogrify"}), ()),
    "biome": (frozenset({"format", "check", "lint"}), ("--write", "--apply", "--apply-unsafe",
                                                       "--fix")),
    "buf": (frozenset({"format"}), ("-w", "--write")),
    "xmlstarlet": (frozenset({"ed", "edit"}), ("-L", "--inplace")),
    "jscodeshift": (frozenset(), ()),
}
_NO_WRITE_COMMANDS: dict[str, tuple[str, ...]] = {
    "terraform": ("-check", "-write=false"), "tofu": ("-check", "-write=false"),
    "packer": ("-check", "-write=false"), "mix": ("--check-formatted",),
    "dart": ("--output=none", "--set-exit-if-changed"), "jscodeshift": ("-d", "--dry"),
    "go": ("-n",),  # go fmt -n prints the commands it would run
    "magick": ("-format",),  # mogrify -format writes new files with the new suffix
}
_EXIV2_ACTIONS = frozenset({"rm", "mo", "ad", "delete", "modify", "adjust", "in", "insert",
                            "fi", "fixiso", "fc", "fixcom"})
# git-apply(1): these turn applying off, unless --apply follows; --cached (or its prefix
# --cache) applies to the index only, not the files
_GIT_APPLY_ONLY_READS = frozenset({"--check", "--stat", "--numstat", "--summary"})
_RUFF_FIXES = ("--fix", "--add-noqa", "--unsafe-fixes")
# exiftool(1) writes when told to assign or delete tags: -TAG=, -TAG+=, -TAG-=, -all=,
# -tagsFromFile, -geotag
_EXIFTOOL_WRITE = re.compile(r"^-(?:[\w:*#-]+[-+<]?=|tagsfromfile$|geotag$)", re.IGNORECASE)
_INTERPRETERS = frozenset({"perl", "ruby"})
# perl's and ruby's switches whose argument is the rest of their word (-MList::Util, -e...)
_TAKES_REST = "MmIeExlFCdD0r"
# how many plain operands a tool needs before it writes a file: sd and rpl take a pattern
# and a replacement first, recode a request; with fewer they filter standard input
_OPERANDS_NEEDED = {"sd": 3, "rpl": 3, "recode": 2}
# tools that rewrite with no operand: the project's files (pint, phpcbf, fastmod), or
# those a patch on standard input names (patch)
_WRITES_BARE = frozenset({"pint", "phpcbf", "fastmod", "patch", "scalafmt"})


def rewrites_in_place(seg: Segment) -> bool:
    """Whether ``seg`` writes a program's result back over the files it reads (the
    ``in-place`` act)."""
    head, argv = seg.head, seg.argv
    words = argv[1:]
    options = set(seg.flags)  # the options given, values dropped
    if options & _NO_WRITE:
        return False
    plain = [a for a in words if not a.startswith("-")]
    if head in ("sed", "gsed"):  # sed(1) (gsed: GNU sed's name on the BSDs and macOS):
        # -i[SUFFIX], --in-place[=SUFFIX], or i in a cluster (-Ei)
        return "--in-place" in options or has_short_option(words, "i", stop="ef")
    if head in _INTERPRETERS:  # perl(1), ruby(1): -i[EXT], also in a cluster (-pi, -pie)
        return has_short_option(words, "i", stop=_TAKES_REST)
    if head in ("gawk", "awk"):  # gawk -i inplace
        return "inplace" in option_values(argv, ("-i", "--include"))
    if head == "git":
        if plain[:1] != ["apply"] or any(o.startswith("--cache") for o in options):
            return False
        return "--apply" in options or not options & _GIT_APPLY_ONLY_READS
    if head == "exiv2":  # exiv2(1): an action that writes, or -M/-m/-d given
        return bool(_EXIV2_ACTIONS.intersection(plain[:1])) or bool(
            options & set(_WRITES_WITH["exiv2"]))
    if head == "jhead":
        return any(a.startswith(_JHEAD_WRITES) for a in words)
    if head == "pngquant":  # pngquant --ext .png --force: over the originals
        return ".png" in option_values(argv, ("--ext",)) and bool(options & {"-f", "--force"})
    if head == "exiftool":
        return any(_EXIFTOOL_WRITE.match(a) for a in words)
    if head == "ruff":
        return plain[:1] == ["format"] or (plain[:1] in (["check"], []) and bool(
            options & set(_RUFF_FIXES)))
    if head == "cargo":  # cargo fmt, cargo fix, cargo clippy --fix
        return bool({"fmt", "fix"}.intersection(plain[:1])) or (
            plain[:1] == ["clippy"] and "--fix" in options)
    if head in _COMMANDS:
        commands, needed = _COMMANDS[head]
        if commands and not commands.intersection(plain[:1]):
            return False
        if any(a in words or a.partition("=")[0] in options
               for a in _NO_WRITE_COMMANDS.get(head, ())):
            return False
        return not needed or bool(options & set(needed))
    if head in _WRITES_UNLESS:
        told_not = options & {o.partition("=")[0] for o in _WRITES_UNLESS[head]}
        enough = head in _WRITES_BARE or len(plain) >= _OPERANDS_NEEDED.get(head, 1)
        return not told_not and enough
    if head in _WRITES_WITH:
        told = _WRITES_WITH[head]
        return bool(options & set(told)) or (head not in _NO_CLUSTERS and has_short_option(
            words, "".join(o[1] for o in told if len(o) == 2)))
    return False
