"""Calls that generate a project, package, app or piece of code from a template or a
generator: files written from a template for a person to edit from then on.

A generator writes many files at once, over existing ones when told to (``--force``), and
it runs the template's own code on this machine: cookiecutter's and copier's hooks and
tasks, an initializer fetched from the registry by ``npm create`` (npm-init(1): ``npm init
foo`` runs ``npm exec create-foo``), a Yeoman generator (cookiecutter's "Hooks", copier's
"Configuring a template: tasks", which it runs only with ``--trust``; OWASP's software
supply chain guidance on running third-party code). A user's view of this is one view
whatever generates: someone who stops letting the agent run ``cookiecutter`` stops it for
``rails new`` and ``npx create-next-app`` alike. So it is an act across programs
(``gate.acts``: ``* scaffold``). Each tool is read from its own manual; help, versions,
listing templates, dry runs (``--dry-run``, ``--pretend``) are not the act, nor are:

- a manifest written alone (``npm init`` with no initializer, ``npm init -y``, ``go mod
  init``, ``poetry init``, ``pixi init``, ``uv init --bare``, ``flit init``, ``shards
  init``): one configuration file, not code from a template;
- code derived again from a source the project keeps (``protoc``, ``go generate``,
  ``openapi-generator``, ``expo prebuild``): a compiler's output, rewritten on each run;
- a migration tool's new revision (``alembic revision``, ``sqlx migrate add``, ``knex
  migrate:make``): part of changing the database, read as such.

What generates, by tool:

- template tools, each run of which generates: ``cookiecutter``, ``cruft create|update``,
  ``copier [copy|recopy|update]``, ``yo`` (not ``doctor``, ``--generators``), ``degit``,
  ``tiged``, ``plop``, ``hygen``, ``g8``, ``putup`` (PyScaffold), ``gonew``,
  ``jhipster`` (not ``info``), ``hakyll-init``, and the npm initializers (any program
  named ``create-*`` or ``@scope/create-*``), run directly or by ``npx``, ``npm exec``,
  ``pnpm|yarn dlx``, ``bunx``;
- package managers' initializers: ``npm|pnpm|yarn|bun create X``, ``npm init X`` (an
  initializer named), ``bun init``, ``deno init``;
- language toolchains: ``cargo new|init|generate``, ``dotnet new TEMPLATE`` (not ``list``,
  ``search``, ``install``, ``uninstall``, ``update``, ``details``), ``dotnet ef dbcontext
  scaffold`` and ``dotnet aspnet-codegenerator`` (EF Core's and ASP.NET's own word),
  ``mix new|phx.new|phx.gen.*|igniter.new``, ``rebar3 new``, ``flutter create``, ``dart
  create``, ``swift package init``, ``gleam new``, ``nimble init``, ``dub init``,
  ``crystal init``, ``stack new``, ``cabal init``, ``dune init``, ``lein new``, ``sbt
  new``, ``boot new``, ``mvn archetype:generate``, ``gradle init``, ``spring init``,
  ``quarkus create``, ``mn create-*`` (Micronaut), ``jbang init``, ``uv init`` (not
  ``--bare``), ``poetry new``, ``hatch new`` (not ``--init``), ``pdm init``, ``maturin
  new|init``, ``conan new``, ``meson init``, ``cobra-cli init|add``, ``composer
  create-project``, ``bundle gem``;
- web and app frameworks' generators: ``rails new|generate|g|destroy|d`` and ``rails
  plugin new`` (``destroy`` runs a generator backwards; with no generator named, rails,
  ember and hanami only list theirs), ``hanami new|generate``, ``django-admin
  startproject|startapp`` (and ``manage.py``, ``python -m django``), Laravel's ``php
  artisan make:*`` and Symfony's ``bin/console make:*``, ``laravel|laravel-zero|lumen|
  symfony|lambo|spark new``, ``ng new|n|generate|g``, ``nest new|n|generate|g``, ``vue
  create|init``, ``ember new|init|addon|generate|g|destroy|d``, ``ionic
  start|generate|g``, ``cordova create``, ``meteor create``, ``sails new|generate``,
  ``ignite new|generate|g``, ``nx generate|g``, ``turbo gen``, ``expo init``,
  ``react-native init``, ``gatsby new``, ``typeorm init|entity:create|subscriber:create``,
  ``behat --init``;
- sites: ``hugo new site|theme`` (not a page from an archetype: content, not code),
  ``jekyll new``, ``hexo init``, ``jigsaw init``, ``zola init``, ``middleman init``,
  ``mkdocs new``, ``quarto create|create-project|use template``, ``typst init``, ``spike
  new``, ``p5 new|generate``;
- infrastructure, functions, extensions and contracts: ``cdk init``, ``pulumi new`` and
  ``policy new``, ``sam init``, ``serverless|sls create``, ``func init|new`` (Azure
  Functions), ``wrangler init|generate``, ``firebase init``, ``helm create``,
  ``kubebuilder init|create``, ``operator-sdk init|create``, ``dagger init``,
  ``ansible-galaxy init`` and ``role|collection init``, ``molecule init``, ``devcontainer
  templates apply``, ``nix flake init|new``, ``backstage-cli new``, ``nf-core create`` and
  ``pipelines|modules|subworkflows create``, ``gh extension create``, ``hardhat init``,
  ``forge init``, ``anchor init|new``, ``truffle init|unbox``, ``sui move new``, ``aptos
  move init``, ``pio project init``, ``particle project create``, ``sfdk init``, ``zapier
  init|scaffold|convert``, ``tauri init``, ``wails init``, ``electron-forge init``.

>>> from neuroplast.gate.shell import split_command
>>> [scaffolds(s) for s in split_command(
...     "cookiecutter gh:org/service-template; npx create-next-app@latest web; npm init -y; "
...     "rails g model Post; rails routes; dotnet new console -o app; dotnet new list; "
...     "cargo new tool; cargo build; uv init --bare; ng g c hero --dry-run")]
[True, True, False, True, False, True, False, True, False, False, False]
"""

from __future__ import annotations

from neuroplast.gate.executed import after_global_options
from neuroplast.gate.outputs import names_option, operands
from neuroplast.gate.shell import Segment

__all__ = ["scaffolds"]

_NOT_GENERATING = frozenset({"--help", "-h", "--version", "-V", "help", "--dry-run", "--dryrun",
                             "--pretend"})
# options that mean "rehearse" or "print" for one tool only (elsewhere they mean more)
_TOOL_NOT_GENERATING = {"ng": ("-d",), "nest": ("-d",), "ember": ("-d",), "rails": ("-p",),
                        "hatch": ("--init",),  # hatch new --init: a pyproject.toml alone
                        "sfdk": ("--list-types",),
                        "cookiecutter": ("--list-installed",),
                        "yo": ("--generators",), "uv": ("--bare",)}
# tools whose --version takes the version of what they generate (a project, an API)
_VERSION_VALUED = frozenset({"meson", "kubebuilder", "operator-sdk"})
# generators that only list what they can generate when none is named (``rails generate``)
_NEEDS_GENERATOR = frozenset({"rails", "ember", "hanami"})
# program -> the first words (after global options) that generate, from each tool's manual
_VERBS: dict[str, frozenset[str]] = {
    "cruft": frozenset({"create", "update"}),
    "cargo": frozenset({"new", "init", "generate"}),
    "mix": frozenset({"new", "phx.new", "igniter.new"}),
    "rebar3": frozenset({"new"}),
    "flutter": frozenset({"create"}), "dart": frozenset({"create"}),
    "gleam": frozenset({"new"}), "nimble": frozenset({"init"}), "dub": frozenset({"init"}),
    "crystal": frozenset({"init"}), "stack": frozenset({"new"}), "cabal": frozenset({"init"}),
    "dune": frozenset({"init"}), "lein": frozenset({"new"}), "sbt": frozenset({"new"}),
    "boot": frozenset({"new"}), "gradle": frozenset({"init"}), "gradlew": frozenset({"init"}),
    "spring": frozenset({"init"}), "quarkus": frozenset({"create"}),
    "jbang": frozenset({"init"}), "uv": frozenset({"init"}), "poetry": frozenset({"new"}),
    "hatch": frozenset({"new"}), "pdm": frozenset({"init"}),
    "maturin": frozenset({"new", "init"}), "conan": frozenset({"new"}),
    "meson": frozenset({"init"}), "cobra-cli": frozenset({"init", "add"}),
    "composer": frozenset({"create-project"}), "bun": frozenset({"init", "create", "c"}),
    "deno": frozenset({"init"}), "pnpm": frozenset({"create"}), "yarn": frozenset({"create"}),
    "rails": frozenset({"new", "generate", "g", "destroy", "d"}),
    "hanami": frozenset({"new", "generate", "g"}),
    "django-admin": frozenset({"startproject", "startapp"}),
    "django": frozenset({"startproject", "startapp"}),
    "laravel": frozenset({"new"}), "laravel-zero": frozenset({"new"}),
    "jigsaw": frozenset({"init"}), "sfdk": frozenset({"init"}),
    "firebase": frozenset({"init"}), "cordova": frozenset({"create"}),
    "meteor": frozenset({"create"}), "lumen": frozenset({"new"}), "symfony": frozenset({"new"}),
    "lambo": frozenset({"new"}), "spark": frozenset({"new"}),
    "ng": frozenset({"new", "n", "generate", "g"}), "nest": frozenset({"new", "n", "generate",
                                                                      "g"}),
    "vue": frozenset({"create", "init"}),
    "ember": frozenset({"new", "init", "addon", "generate", "g", "destroy", "d"}),
    "ionic": frozenset({"start", "generate", "g"}), "sails": frozenset({"new", "generate"}),
    "ignite": frozenset({"new", "generate", "g"}), "nx": frozenset({"generate", "g"}),
    "turbo": frozenset({"gen", "generate"}), "expo": frozenset({"init"}),
    "react-native": frozenset({"init"}), "gatsby": frozenset({"new"}),
    "typeorm": frozenset({"init", "entity:create", "subscriber:create"}),
    "jekyll": frozenset({"new"}), "hexo": frozenset({"init"}),
    "zola": frozenset({"init"}), "middleman": frozenset({"init"}), "mkdocs": frozenset({"new"}),
    "quarto": frozenset({"create", "create-project"}), "p5": frozenset({"new", "generate"}),
    "bundle": frozenset({"gem"}), "typst": frozenset({"init"}), "spike": frozenset({"new"}),
    "cdk": frozenset({"init"}), "pulumi": frozenset({"new"}), "sam": frozenset({"init"}),
    "serverless": frozenset({"create"}), "sls": frozenset({"create"}),
    "func": frozenset({"init", "new"}), "wrangler": frozenset({"init", "generate"}),
    "helm": frozenset({"create"}), "kubebuilder": frozenset({"init", "create"}),
    "operator-sdk": frozenset({"init", "create"}), "dagger": frozenset({"init"}),
    "ansible-galaxy": frozenset({"init"}), "molecule": frozenset({"init"}),
    "backstage-cli": frozenset({"new"}), "nf-core": frozenset({"create"}),
    "hardhat": frozenset({"init"}), "forge": frozenset({"init"}),
    "anchor": frozenset({"init", "new"}), "truffle": frozenset({"init", "unbox"}),
    "zapier": frozenset({"init", "scaffold", "convert"}), "tauri": frozenset({"init"}),
    "wails": frozenset({"init"}), "electron-forge": frozenset({"init"}),
    "mn": frozenset({"create-app", "create-cli-app", "create-function-app",
                     "create-grpc-app", "create-messaging-app"}),
}
# (program, first word) -> the second words that generate (``swift package init``)
_NESTED: dict[tuple[str, str], frozenset[str]] = {
    ("swift", "package"): frozenset({"init"}),
    ("rails", "plugin"): frozenset({"new"}),
    ("quarto", "use"): frozenset({"template"}),
    ("ansible-galaxy", "role"): frozenset({"init"}),
    ("ansible-galaxy", "collection"): frozenset({"init"}),
    ("devcontainer", "templates"): frozenset({"apply"}),
    ("nix", "flake"): frozenset({"init", "new"}),
    ("nf-core", "pipelines"): frozenset({"create"}),
    ("nf-core", "modules"): frozenset({"create"}),
    ("nf-core", "subworkflows"): frozenset({"create"}),
    ("hugo", "new"): frozenset({"site", "theme", "project"}),
    ("gh", "extension"): frozenset({"create"}), ("gh", "ext"): frozenset({"create"}),
    ("pulumi", "policy"): frozenset({"new"}),
    ("sui", "move"): frozenset({"new"}), ("aptos", "move"): frozenset({"init"}),
    ("pio", "project"): frozenset({"init"}), ("platformio", "project"): frozenset({"init"}),
    ("particle", "project"): frozenset({"create"}),
}
# programs every run of which generates, but help, versions, dry runs and the listed
_ALWAYS = frozenset({"cookiecutter", "copier", "yo", "degit", "tiged", "plop", "hygen", "g8",
                     "putup", "gonew", "jhipster", "hakyll-init"})
_ALWAYS_NOT = {"yo": ("doctor",), "jhipster": ("info",),
               "copier": ("check-update",)}
# dotnet new's sub-commands that manage templates rather than run one (dotnet-new(1))
_DOTNET_NEW_MANAGE = frozenset({"list", "search", "install", "uninstall", "update", "details",
                                "--list", "-l", "--search", "--install", "-i", "--uninstall",
                                "-u", "--update-check", "--update-apply"})
# an initializer is a package named create-NAME (npm-init(1)); a disk image maker that
# shares the prefix is none
_INITIALIZER_PREFIX = "create-"
_NOT_INITIALIZERS = frozenset({"create-dmg"})
# options of npm init that take a value (npm-init(1))
_NPM_INIT_VALUES = frozenset({"-w", "--workspace", "--scope"})


def _initializer(head: str) -> bool:
    """An npm initializer run by name (``create-vite@5``, ``@backstage/create-app``)."""
    name = head.rpartition("/")[2]
    name = name if name.startswith("@") else name.partition("@")[0]
    return name.startswith(_INITIALIZER_PREFIX) and name not in _NOT_INITIALIZERS


def _script_generates(plain: list[str]) -> bool:
    """A framework's own console run by the interpreter: ``php artisan make:model``,
    ``php bin/console make:controller``, ``python manage.py startapp``."""
    if len(plain) < 2:
        return False
    script, command = plain[0].rpartition("/")[2], plain[1]
    if script in ("artisan", "console"):
        return command.startswith("make:")
    return script == "manage.py" and command in ("startapp", "startproject")


def scaffolds(seg: Segment) -> bool:
    """Whether ``seg`` generates a project, package, app or code from a template or a
    generator (the ``scaffold`` act)."""
    head, argv = seg.head, seg.argv
    not_generating = _NOT_GENERATING - {"--version"} if head in _VERSION_VALUED else (
        _NOT_GENERATING)
    if names_option(argv[1:], not_generating) or names_option(
            argv[1:], _TOOL_NOT_GENERATING.get(head, ())):
        return False
    if head == "behat":  # behat --init sets up a project's features and context class
        return names_option(argv[1:], ("--init",))
    words = after_global_options(head, argv)
    plain = [w for w in words if not w.startswith("-")]
    if _initializer(head):
        return True
    if head in _ALWAYS:
        return not set(plain[:1]) & set(_ALWAYS_NOT.get(head, ()))
    if head == "npm":  # npm init|create X: X names the initializer; alone, a manifest
        named = operands(tuple(words), _NPM_INIT_VALUES)
        return plain[:1] in (["init"], ["create"], ["innit"]) and len(named) > 0
    if head == "dotnet":
        if plain[:1] == ["new"]:
            return len(words) > 1 and words[1] not in _DOTNET_NEW_MANAGE
        return plain[:3] == ["ef", "dbcontext", "scaffold"] or plain[:1] == [
            "aspnet-codegenerator"]
    if head.startswith(("python", "php")):
        return _script_generates([w for w in argv[1:] if not w.startswith("-")])
    if head == "mix" and plain[:1] and plain[0].startswith("phx.gen."):
        return True
    if head in ("mvn", "mvnw"):  # the archetype plugin's generate goal, however named
        return any(g.startswith("archetype:generate")
                   or ("archetype-plugin:" in g and g.endswith(":generate")) for g in plain)
    nested = _NESTED.get((head, plain[0])) if plain else None
    if nested is not None:
        return bool(nested.intersection(plain[1:2]))
    if head in _NEEDS_GENERATOR and plain[:1] != ["new"] and len(plain) < 2:
        return False
    return bool(plain) and plain[0] in _VERBS.get(head, frozenset())
