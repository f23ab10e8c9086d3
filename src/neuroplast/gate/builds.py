"""Calls that build software on this machine: sources compiled, linked, bundled or packaged
into a build, and the runs and test runs whose tool builds first.

A build made here is made from whatever this machine holds (its caches, patched local
dependencies, its toolchain), not from what a controlled build platform holds: SLSA v1.0's
build levels ask that builds run on a hosted, hardened platform that produces their
provenance, and NIST SP 800-218 (SSDF) PS.3 that software be built reproducibly; a build
also takes the machine's cores and may push to a shared cache. A user's view of this is one
view whatever builds: someone who stops letting the agent run ``./gradlew assembleRelease``
stops it for ``cargo build``, ``npm run build`` and ``xcodebuild`` alike. So it is an act
across programs (``gate.acts``: ``* build``). Each tool is read from its own manual; help,
versions, dry runs, listings, cleaning, configuring, type checks without output and tests
that compile nothing are not the act:

- build drivers: make(1) and its kin updating targets (not ``-n``, ``-q``, ``-t``, nor only
  ``clean``, ``distclean``, ``help``...), ``cmake --build|--workflow``, ``cpack``,
  ``ninja`` (not ``-n``, ``-t``), ``meson compile|dist|test|install``, ``scons`` (not
  ``-c``), ``waf``, ``xmake``, ``tup``, ``bitbake``, ``ant`` (not ``-p``); Bazel, Buck and
  Pants ``build|test|run|coverage|package``; ``nix build``, ``nix-build``, ``guix build``;
- language toolchains: ``cargo build|rustc|run|test|bench|install|package`` (and their
  one-letter aliases ``b``, ``r``, ``t``), ``go build|install|run|test`` and ``go tool
  compile|link|asm``, ``gox``, ``tinygo``; Gradle's and ``gradlew``'s build, assemble,
  bundle, compile, jar, install, link, check, test, connected and run tasks (not ``tasks``,
  ``properties``, ``dependencies``, ``clean``, ``--dry-run``); Maven's lifecycle from
  ``compile`` on; ``sbt``, ``lein``, ``mix``, ``stack``, ``cabal``, ``dune``, ``zig``,
  ``nimble``, ``dub``, ``crystal``, ``swift build|run|test`` (not ``--skip-build``),
  ``dotnet build|publish|pack|msbuild|watch|run|test|ef`` (not ``--no-build``),
  ``msbuild`` (not a clean or restore), ``xcodebuild`` (its default action builds; not
  ``-list``, ``-show*``, ``-version``, ``clean``), ``carthage build|bootstrap|archive``
  and ``update`` (not ``--no-build``), ``flutter build|run|drive|assemble``, ``dart
  compile``, ``bundletool build-apks|build-bundle``, ``expo run:*|export``, ``react-native
  run-*|build-*|bundle``, ``ionic|cordova|cap build|run``, ``arduino-cli compile``,
  ``pio run|test|ci``, Python's ``-m build``, ``pip wheel``, ``uv|poetry|hatch|pdm|flit
  build``, ``python setup.py build|bdist*|sdist``, ``maturin build|develop``,
  ``pyinstaller``, ``nuitka``;
- compilers, assemblers and linkers on files (``gcc``, ``g++``, ``clang``, ``cc``, cross
  compilers ``*-gcc``, ``nvcc``, ``rustc``, ``javac``, ``kotlinc``, ``scalac``, ``csc``,
  ``swiftc``, ``ghc``, ``nasm``, ``as``, ``ld``, ``mold``), not preprocessing, syntax
  checks, dependency lists or versions; ``jar`` creating or updating, ``jlink``,
  ``jpackage``, ``native-image``;
- web bundlers and compilers: npm's, Yarn's, pnpm's and Bun's scripts named for building
  (``build``, ``build:ios``, ``compile``, ``bundle``, ``dist``, ``package``, ``make``),
  ``npm rebuild|pack`` (not ``--dry-run``), ``turbo|nx|lerna run build``, ``tsc`` emitting
  (not ``--noEmit``, ``--init``, ``--showConfig``), ``esbuild`` (not ``--serve``),
  ``webpack`` (not ``serve``, ``info``), ``vite build``, ``rollup``, ``parcel build``,
  ``swc``, ``babel`` on files, ``ncc build``, ``ng build``, ``next|nuxt|gatsby|astro
  build``, ``bun build``, ``deno compile|bundle``;
- packages and apps packed from a build: ``makepkg``, ``dpkg-buildpackage``, ``debuild``,
  ``rpmbuild -b*``, ``flatpak-builder``, ``snapcraft``, ``electron-builder``,
  ``electron-packager``, ``electron-forge make|package``, ``tauri build``, ``wails
  build``, ``makensis``, ``web-ext build``, ``skaffold build|run|dev``, ``devspace
  build|dev|deploy``, ``vsce package``, ``sbuild``, ``checkinstall``, ``dpkg-deb
  --build``, ``godot --export-*``, ``nixos-rebuild build|switch|boot|test``, Android's
  ``aapt package``, ``aapt2 compile|link`` and ``zipalign`` (not ``-c``);
- what builds through another tool: a container or machine image built (``gate.image_builds``:
  an image made here is a build made here), a compiler run by ``ccache``, ``sccache``,
  ``distcc`` or ``icecc``, ``libtool`` compiling or linking, a task runner's recipe named
  for building (``just build``, ``task build``, ``rake build``, ``mage``, ``invoke``),
  fastlane's build and test actions (``gym``, ``build_app``, ``gradle``, ``scan``), a CI
  workflow run here by ``act`` (not ``-l``, ``-n``, ``-g``), ``cython``.

>>> from neuroplast.gate.shell import split_command
>>> [builds(s) for s in split_command(
...     "./gradlew :app:assembleRelease; ./gradlew tasks; cargo build --release; cargo fmt; "
...     "make -j8; make clean; npm run build; npm run lint; tsc --noEmit; gcc -o app main.c; "
...     "gcc --version")]
[True, False, True, False, True, False, True, False, False, True, False]
"""

from __future__ import annotations

import re

from neuroplast.gate.executed import after_global_options
from neuroplast.gate.image_builds import builds_image
from neuroplast.gate.outputs import names_option
from neuroplast.gate.shell import Segment

__all__ = ["builds"]

_NOT_BUILDING = frozenset({"--help", "-h", "--version", "-V", "-version", "-help", "help",
                           "--dry-run", "--dryrun", "-dry-run", "/help", "/?"})
# program -> the first words (after global options) that build, from each tool's reference
_VERBS: dict[str, frozenset[str]] = {
    "cargo": frozenset({"build", "b", "rustc", "run", "r", "test", "t", "bench", "install",
                        "package", "deb"}),
    "go": frozenset({"build", "install", "run", "test"}),
    "meson": frozenset({"compile", "dist", "test", "install"}),
    "bazel": frozenset({"build", "test", "run", "coverage"}),
    "bazelisk": frozenset({"build", "test", "run", "coverage"}),
    "buck": frozenset({"build", "test", "run", "install"}),
    "buck2": frozenset({"build", "test", "run", "install"}),
    "pants": frozenset({"package", "run", "test"}),
    "nix": frozenset({"build"}), "guix": frozenset({"build"}),
    "sbt": frozenset({"compile", "test", "run", "package", "assembly", "stage",
                      "publishLocal", "~compile", "Test/compile"}),
    "lein": frozenset({"compile", "jar", "uberjar", "install", "run", "test"}),
    "mix": frozenset({"compile", "release", "run", "test", "escript.build"}),
    "stack": frozenset({"build", "install", "run", "test", "bench"}),
    "cabal": frozenset({"build", "install", "run", "test", "bench", "v2-build"}),
    "dune": frozenset({"build", "exec", "test"}),
    "zig": frozenset({"build", "build-exe", "build-lib", "build-obj", "run", "test", "cc",
                      "c++"}),
    "nimble": frozenset({"build", "run", "test"}),
    "nim": frozenset({"c", "compile", "cpp", "js", "objc"}),
    "dub": frozenset({"build", "run", "test"}),
    "crystal": frozenset({"build", "run", "spec"}),
    "swift": frozenset({"build", "run", "test"}),
    "dotnet": frozenset({"build", "publish", "pack", "msbuild", "watch", "run", "test", "ef"}),
    "carthage": frozenset({"build", "bootstrap", "update", "archive"}),
    "flutter": frozenset({"build", "run", "drive", "assemble"}),
    "dart": frozenset({"compile"}),
    "bundletool": frozenset({"build-apks", "build-bundle"}),
    "react-native": frozenset({"run-android", "run-ios", "build-android", "build-ios",
                               "bundle"}),
    "ionic": frozenset({"build"}), "cordova": frozenset({"build", "run", "emulate"}),
    "cap": frozenset({"build", "run"}),
    "arduino-cli": frozenset({"compile"}),  # its upload does not compile (its docs)
    "pio": frozenset({"run", "test", "ci"}), "platformio": frozenset({"run", "test", "ci"}),
    "uv": frozenset({"build"}), "poetry": frozenset({"build"}), "hatch": frozenset({"build"}),
    "pdm": frozenset({"build"}), "flit": frozenset({"build"}),
    "maturin": frozenset({"build", "develop"}),
    "vite": frozenset({"build"}), "parcel": frozenset({"build"}),
    "ncc": frozenset({"build", "run"}), "vue": frozenset({"build"}),
    "scala-cli": frozenset({"compile", "run", "test", "package"}),
    "aapt": frozenset({"package"}), "aapt2": frozenset({"compile", "link"}),
    "libtool": frozenset({"compile", "link"}),  # or --mode=compile|link, read below
    "devspace": frozenset({"build", "dev", "deploy"}), "vsce": frozenset({"package"}),
    "nixos-rebuild": frozenset({"build", "switch", "boot", "test", "build-vm"}),
    "ng": frozenset({"build", "b"}), "next": frozenset({"build", "export"}),
    "nuxt": frozenset({"build", "generate"}), "nuxi": frozenset({"build", "generate"}),
    "gatsby": frozenset({"build"}), "astro": frozenset({"build"}),
    "deno": frozenset({"compile", "bundle"}),
    "electron-forge": frozenset({"make", "package"}), "tauri": frozenset({"build"}),
    "wails": frozenset({"build"}), "web-ext": frozenset({"build"}),
    "skaffold": frozenset({"build", "run", "dev"}), "snapcraft": frozenset({"pack", "build"}),
    "xmake": frozenset({"build", "b"}),
}
# (program, verb) -> options after which the verb does not build (it reuses a build)
_NO_REBUILD = {"dotnet": ("--no-build",), "swift": ("--skip-build",),
               "carthage": ("--no-build",), "meson": ("--no-rebuild",),
               "go": ("-n",), "cargo": ("--list", "-l"), "flutter": ("--config-only",
                                                               "--use-application-binary")}
# compiler wrappers (ccache(1), sccache, distcc(1)) build when they run a compiler: a first
# word that is no option of their own (ccache -s, -C, -z only show or clear the cache)
_COMPILER_WRAPPERS = frozenset({"ccache", "sccache", "distcc", "icecc"})
# task runners whose recipes are named (just(1), go-task, mage, rake, invoke): a recipe
# named for building is a build, as a package manager's script is
_TASK_RUNNERS = frozenset({"just", "task", "mage", "rake", "invoke"})
# fastlane's build actions, run as `fastlane run ACTION` or their own command (gym)
_FASTLANE = frozenset({"gym", "build_app", "build_ios_app", "build_mac_app",
                       "build_android_app", "gradle", "scan", "run_tests", "snapshot"})
# programs every run of which builds, but help, versions and dry runs
_ALWAYS = frozenset({"ninja", "waf", "tup", "bitbake", "cpack", "gox", "tinygo", "rollup",
                     "swc", "makepkg", "dpkg-buildpackage", "debuild", "flatpak-builder",
                     "electron-builder", "electron-packager", "makensis", "pyinstaller",
                     "nuitka", "nix-build", "jlink", "jpackage", "native-image", "esbuild",
                     "webpack", "babel", "scons", "cython", "cythonize", "sbuild",
                     "checkinstall", "zipalign", "act"})
# an _ALWAYS program's options or first words that only print, serve, check or clean
_ALWAYS_NOT = {"ninja": ("-n", "-t"), "scons": ("-c", "--clean", "-n"),
               "esbuild": ("--serve",), "webpack": ("serve", "info", "configtest"),
               "makepkg": ("--printsrcinfo", "--geninteg", "--verifysource", "--nobuild"),
               "pyinstaller": ("-v",), "makensis": ("-CMDHELP", "/CMDHELP", "-VERSION"),
               "flatpak-builder": ("--run", "--show-manifest"), "zipalign": ("-c",),
               "act": ("-l", "--list", "-n", "--dryrun", "-g", "--graph")}
_MAKES = frozenset({"make", "gmake", "bmake", "nmake", "remake", "mingw32-make", "pmake"})
_MAKE_DRY = ("-n", "--dry-run", "--just-print", "--recon", "-q", "--question", "-t",
             "--touch", "-p", "--print-data-base")
_NOT_BUILD_TARGETS = frozenset({"clean", "distclean", "mrproper", "maintainer-clean",
                                "uninstall", "help", "list", "clobber"})
_GRADLE_TASKS = ("build", "assemble", "bundle", "compile", "jar", "install", "link", "check",
                 "test", "connected", "run", "shadowjar", "bootjar", "bootrun", "war",
                 "package")
_MAVEN_PHASES = frozenset({"compile", "test-compile", "test", "package", "integration-test",
                           "verify", "install", "deploy"})
_MAVEN_GOALS = (":compile", ":build", ":run", ":jar", ":repackage", ":single")
_SCRIPTS = re.compile(r"^(?:build|compile|bundle|dist|package|pack|make|archive)(?:[:_-].*)?$",
                      re.IGNORECASE)
_NODE_MANAGERS = frozenset({"npm", "yarn", "pnpm", "bun"})
_SCRIPT_RUNNERS = frozenset({"turbo", "nx", "lerna"})
_COMPILERS = re.compile(r"^(?:gcc|g\+\+|cc|c\+\+|clang|clang\+\+|clang-cl|gfortran|icc|icx|"
                        r"icpx|tcc|emcc|em\+\+|nvcc|rustc|javac|kotlinc|kotlinc-jvm|scalac|"
                        r"csc|mcs|swiftc|ghc|nasm|yasm|as|ld|ld\.lld|lld|mold|ld\.gold|"
                        r"[\w.-]+-(?:gcc|g\+\+|as|ld)(?:-\d+)?|(?:gcc|g\+\+|clang|clang\+\+)"
                        r"-\d+)$")
# options with which a compiler only preprocesses, checks, lists dependencies or prints
_COMPILER_NOT = frozenset({"-E", "-fsyntax-only", "-M", "-MM", "--version", "-dumpversion",
                           "--explain",
                           "-dumpmachine", "-print-search-dirs", "--print", "-print",
                           "-Xshow-settings", "-V", "--help"})


def _make(argv: tuple[str, ...]) -> bool:
    if names_option(argv[1:], _MAKE_DRY):
        return False
    targets = [a for a in argv[1:] if not a.startswith("-") and "=" not in a]
    return not targets or not set(targets) <= _NOT_BUILD_TARGETS


def _gradle(words: list[str]) -> bool:
    if names_option(words, ("--dry-run", "-m")):
        return False
    tasks = [w.rpartition(":")[2].lower() for w in words if not w.startswith("-")]
    return any(t.startswith(_GRADLE_TASKS) for t in tasks)


def _maven(goals: list[str]) -> bool:
    return any(g in _MAVEN_PHASES or g.endswith(_MAVEN_GOALS) for g in goals)


def _runs_build_script(head: str, plain: list[str]) -> bool:
    """A package manager's or monorepo runner's script named for building (``plain``: the
    words after its global options that are no options)."""
    if head in _SCRIPT_RUNNERS:
        return (plain[:1] in (["run"], ["run-many"]) and any(
            _SCRIPTS.match(w) for w in plain[1:])) or (
            head == "nx" and bool(plain) and bool(_SCRIPTS.match(plain[0])))
    if (head == "npm" and plain[:1] in (["rebuild"], ["rb"], ["pack"])) or (
            head == "bun" and plain[:2] == ["pm", "pack"]):
        return True
    if plain[:1] in (["run"], ["run-script"]):
        plain = plain[1:]
    elif head == "npm":  # npm only runs a script through run (its own build is a stub)
        return False
    return bool(plain) and bool(_SCRIPTS.match(plain[0]))


def _compiles(argv: tuple[str, ...]) -> bool:
    if any(a in _COMPILER_NOT for a in argv[1:]):
        return False
    files = [a for a in argv[1:] if not a.startswith("-")]
    return bool(files) or names_option(argv[1:], ("-o", "-c", "-d"))


def builds(seg: Segment) -> bool:
    """Whether ``seg`` builds software on this machine (the ``build`` act)."""
    head, argv = seg.head, seg.argv
    if any(a in _NOT_BUILDING for a in argv[1:]):
        return False
    words = after_global_options(head, argv)
    plain = [w for w in words if not w.startswith("-")]
    if head in _MAKES:
        return _make(argv)
    if head in ("gradle", "gradlew"):
        return _gradle(words)
    if head in ("mvn", "mvnw"):
        return _maven(plain)
    if head in _NODE_MANAGERS or head in _SCRIPT_RUNNERS:
        if head == "bun" and words[:1] == ["build"]:
            return True
        return _runs_build_script(head, plain)
    if head in _VERBS:
        if head == "go" and plain[:1] == ["tool"]:
            return plain[1:2] in (["compile"], ["link"], ["asm"], ["cgo"], ["pack"])
        if head == "libtool" and any(a in ("--mode=compile", "--mode=link") for a in argv):
            return True
        if head == "dub" and not plain:
            return True  # dub alone builds and runs the package
        if head == "carthage" and plain[:1] == ["update"]:
            return not names_option(argv[1:], ("--no-build",))
        return plain[:1] != [] and plain[0] in _VERBS[head] and not names_option(
            argv[1:], _NO_REBUILD.get(head, ()))
    if builds_image(seg):  # an image built here is a build made here
        return True
    if head in _COMPILER_WRAPPERS:
        return len(argv) > 1 and not argv[1].startswith("-")
    if head in _TASK_RUNNERS:
        return bool(plain) and bool(_SCRIPTS.match(plain[0]))
    if head == "fastlane":
        return bool(_FASTLANE.intersection(plain[:1] if plain[:1] != ["run"] else plain[1:2]))
    if head == "dpkg-deb":
        return names_option(argv[1:], ("-b", "--build"))
    if head == "godot":
        return any(a.startswith("--export") for a in argv[1:])
    if head == "makepkg" and any(a.startswith("-") and not a.startswith("--")
                                 and bool(set(a[1:]) & {"o", "g"}) for a in argv[1:]):
        return False  # -o (--nobuild), -g (--geninteg), alone or in a cluster
    if head in _ALWAYS:
        not_building = _ALWAYS_NOT.get(head, ())
        return not (names_option(argv[1:], not_building)
                    or bool(set(words[:1]) & set(not_building)))
    if head == "cmake":
        return names_option(argv[1:], ("--build", "--workflow"))
    if head in ("msbuild", "xbuild"):
        return not any(a.lower() in ("-t:clean", "/t:clean", "-t:restore", "/t:restore",
                                     "-restore", "/restore") for a in argv[1:])
    if head == "xcodebuild":
        return not any(a.startswith(("-list", "-show", "-version")) for a in argv[1:]) and \
            [a for a in argv[1:] if not a.startswith("-")][-1:] != ["clean"]
    if head == "tsc":
        return not names_option(argv[1:], ("--noEmit", "--init", "--showConfig", "--clean"))
    if head == "ant":
        return not names_option(argv[1:], ("-p", "-projecthelp")) and \
            [a for a in argv[1:] if not a.startswith("-")] != ["clean"]
    if head == "rpmbuild":
        return any(a.startswith(("-b", "--rebuild", "-r")) and a not in ("-bp",)
                   for a in argv[1:])
    if head == "jar":  # jar -c / --create / -u / --update, or the old c/u letters
        first = argv[1] if len(argv) > 1 else ""
        return names_option(argv[1:], ("-c", "--create", "-u", "--update")) or (
            not first.startswith("-") and bool(set(first) & {"c", "u"}))
    if head in ("build", "compileall") or (head == "pip" and words[:1] == ["wheel"]):
        return True  # python -m build, python -m compileall, pip wheel
    if head == "arduino":
        return names_option(argv[1:], ("--verify", "--upload"))
    if head == "expo":
        return bool(words) and (words[0].startswith("run:") or words[0] == "export")
    if head.startswith("python") or head.endswith("setup.py"):  # python setup.py COMMAND
        plain = [w for w in argv[1:] if not w.startswith("-")]
        if plain[:1] and plain[0].endswith("setup.py"):
            plain = plain[1:]
        return (argv[1:2] != () and (argv[1].endswith("setup.py") or head.endswith("setup.py"))
                and any(w.startswith(("build", "bdist", "sdist", "develop", "install"))
                        for w in plain[:1]))
    return bool(_COMPILERS.match(head)) and _compiles(argv)
