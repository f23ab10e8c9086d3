"""The one service's config file: a ``[service]`` table and one table per subsystem.

.. code-block:: toml

    [service]
    port = 8765
    disabled = ["peers"]        # subsystems not to run
    tls_port = 0                # 8766 with tls_certfile/tls_keyfile: HTTPS for peers
    [gate]                      # GateConfig's fields
    deny_rules = ["Bash(rm -rf /:*)"]
    [gate.bands]
    allow = 0.9

Each subsystem's table is read by its own config class (``Config.from_dict``: unknown
fields are refused by name); a missing table is that class's defaults.

>>> from neuroplast.server.subsystems import available
>>> cfg = ServiceConfig.from_dict({"service": {"port": 9000}, "gate": {"mode": "shadow"}},
...                               available())
>>> cfg.service.port, cfg.section("gate").mode, cfg.enabled("gate")
(9000, 'shadow', True)
>>> ServiceConfig.from_dict({"gaet": {}}, available())  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
neuroplast.errors.ConfigError: the config file has a [gaet] table, which is no subsystem; ...
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from neuroplast.config import Config, check_range
from neuroplast.errors import ConfigError
from neuroplast.server.subsystem import Subsystem

__all__ = ["ServiceConfig", "ServiceSettings"]


@dataclass
class ServiceSettings(Config):
    """Where the service listens and which subsystems it leaves off."""

    host: str = field(default="127.0.0.1", metadata={"help": "loopback unless allow_remote"})
    port: int = 8765
    allow_remote: bool = field(default=False, metadata={
        "help": "listen on a host other machines can reach (they still need the token)"})
    allowed_hosts: list[str] = field(default_factory=list, metadata={
        "help": "Host names clients may use besides loopback (with allow_remote)"})
    disabled: list[str] = field(default_factory=list, metadata={
        "help": "subsystems not to run, e.g. ['peers', 'dashboard']"})
    tls_port: int = field(default=0, metadata={
        "help": "a second, HTTPS listener (for peers on other machines) on this port; 0: "
                "none. The hook and the CLI keep the plain loopback one"})
    tls_host: str = field(default="127.0.0.1", metadata={
        "help": "interface of the HTTPS listener (another than loopback needs "
                "allow_remote)"})
    tls_certfile: str = field(default="", metadata={
        "help": "PEM certificate (chain) of the HTTPS listener"})
    tls_keyfile: str = field(default="", metadata={
        "help": "PEM private key of the HTTPS listener"})

    def __post_init__(self) -> None:
        for name in ("port", "tls_port"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise ConfigError(f"ServiceSettings.{name}={value!r} must be an integer")
            check_range("ServiceSettings", name, value, 0, 65535)
        if self.tls_port and not (self.tls_certfile and self.tls_keyfile):
            raise ConfigError("ServiceSettings.tls_port needs tls_certfile and tls_keyfile "
                              "(--ssl-certfile, --ssl-keyfile): the HTTPS listener's "
                              "certificate and key")
        if self.tls_port and self.tls_port == self.port:
            raise ConfigError(f"ServiceSettings.tls_port={self.tls_port} is the plain port "
                              "too; give the HTTPS listener a port of its own")
        for name in ("allowed_hosts", "disabled"):
            value = getattr(self, name)
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"ServiceSettings.{name} must be a list of strings")


class ServiceConfig:
    """The whole file: ``service`` settings and each subsystem's config by name."""

    def __init__(self, service: ServiceSettings | None = None,
                 sections: dict[str, Config] | None = None,
                 subsystems: dict[str, Subsystem] | None = None,
                 path: Path | None = None, without: tuple[str, ...] = ()) -> None:
        self.service = service or ServiceSettings()
        self.sections = dict(sections or {})
        self.subsystems = dict(subsystems or {})
        self.path = path  # the file it was read from (or would be): status names it
        self.without = tuple(without)  # turned off for this run (`serve --without NAME`)
        for name in self.service.disabled:
            if name not in self.subsystems:
                raise ConfigError(
                    f"[service] disabled names {name!r}, which is no installed subsystem; "
                    f"subsystems: {', '.join(sorted(self.subsystems)) or 'none'}")

    def section(self, name: str) -> Any:
        """The config of subsystem ``name`` (its class's defaults if the file has none)."""
        if name not in self.sections:
            self.sections[name] = self.subsystems[name].config_cls()
        return self.sections[name]

    def enabled(self, name: str) -> bool:
        """Installed, not disabled, and so is every subsystem it needs."""
        return self.off_because(name) == ""

    def off_because(self, name: str) -> str:
        """Why subsystem ``name`` does not run ('' when it does)."""
        if name not in self.subsystems:
            return "not installed"
        if name in self.without:
            return f"turned off for this run (`neuroplast serve --without {name}`)"
        if name in self.service.disabled:
            return (f'disabled in [service] of {self.where()} (disabled = [..."{name}"...]; '
                    "take it out of that list to run it)")
        for need in self.subsystems[name].needs:
            if self.off_because(need):
                return f"needs {need}, which is off"
        return ""

    def where(self) -> str:
        """The config file, as status messages name it.

        >>> ServiceConfig().where(), ServiceConfig(path=Path("/no/config.toml")).where()
        ('the built-in defaults', '/no/config.toml (absent: the built-in defaults)')
        """
        if self.path is None:
            return "the built-in defaults"
        return str(self.path) if self.path.exists() else (
            f"{self.path} (absent: the built-in defaults)")

    def not_enabled(self, name: str) -> str:
        """Why subsystem ``name``, started, serves nothing: a section with ``enabled =
        false`` (sona's, memory's: off until configured); '' otherwise."""
        if getattr(self.section(name), "enabled", True) is not False:
            return ""
        return f"not enabled: set enabled = true in [{name}] of {self.where()}"

    @classmethod
    def from_dict(cls, data: dict[str, Any], subsystems: dict[str, Subsystem]) -> ServiceConfig:
        if not isinstance(data, dict):
            raise ConfigError(f"the service config must be a table, got {type(data).__name__}")
        unknown = set(data) - {"service"} - set(subsystems)
        if unknown:
            raise ConfigError(
                f"the config file has a [{sorted(unknown)[0]}] table, which is no subsystem; "
                f"tables: service, {', '.join(sorted(subsystems))}")
        sections: dict[str, Config] = {}
        for name, table in data.items():
            if name == "service":
                continue
            if not isinstance(table, dict):
                raise ConfigError(f"[{name}] must be a table of its fields, got {table!r}")
            sections[name] = subsystems[name].config_cls.from_dict(table)
        service = ServiceSettings.from_dict(data.get("service", {}))
        return cls(service, sections, subsystems)

    @classmethod
    def from_file(cls, path: str | Path, subsystems: dict[str, Subsystem]) -> ServiceConfig:
        """The config a TOML file describes; a missing file is the defaults."""
        path = Path(path)
        if not path.exists():
            return cls(subsystems=subsystems, path=path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read the config file {path}: {exc}") from exc
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"config file {path}: invalid TOML ({exc}); fix the line "
                              "it names") from exc
        try:
            config = cls.from_dict(data, subsystems)
        except ConfigError as exc:
            raise ConfigError(f"config file {path}: {exc}") from exc
        config.path = path
        return config
