"""Shared behaviour of every config dataclass: JSON (and TOML file) round-trip with clear
errors.

Each primitive and application has one small ``@dataclass`` config that inherits
:class:`Config` and validates itself in ``__post_init__``.

>>> from dataclasses import dataclass
>>> @dataclass
... class Demo(Config):
...     rate: float = 0.1
>>> Demo.from_json(Demo(rate=0.5).to_json())
Demo(rate=0.5)
>>> @dataclass
... class Outer(Config):
...     demo: Demo = dataclasses.field(default_factory=lambda: Demo(rate=0.2))
>>> Outer.from_dict({"demo": {}})  # a nested table starts from the field's own default
Outer(demo=Demo(rate=0.2))
>>> Demo.from_dict({"rat": 1})
Traceback (most recent call last):
...
neuroplast.errors.ConfigError: Demo has no field 'rat'; valid fields: rate
"""

from __future__ import annotations

import dataclasses
import json
import tomllib
from pathlib import Path
from typing import Any, Self, TypeVar

from neuroplast.errors import ConfigError, InvalidInputError

__all__ = ["Config", "check_config", "check_range", "check_url"]

C = TypeVar("C", bound="Config")


class Config:
    """Mixin for dataclass configs: ``to_dict``/``from_dict``/``to_json``/``from_json``/
    ``from_file``."""

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)  # type: ignore[call-overload]

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), sort_keys=True)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        if not isinstance(data, dict):
            raise ConfigError(f"{cls.__name__} expects a table (TOML) or object (JSON), got "
                              f"{type(data).__name__}")
        fields = {f.name: f for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
        for key in data:
            if key not in fields:
                raise ConfigError(
                    f"{cls.__name__} has no field {key!r}; valid fields: {', '.join(fields)}"
                )
        values = dict(data)
        for key, value in data.items():
            # a nested config (a table in a file) is built by its own class
            factory = fields[key].default_factory
            if isinstance(value, dict) and factory is not dataclasses.MISSING:
                default = factory()
                if isinstance(default, Config):
                    values[key] = type(default).from_dict({**default.to_dict(), **value})
        return cls(**values)

    @classmethod
    def from_json(cls, text: str) -> Self:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ConfigError(f"{cls.__name__}: invalid JSON ({exc})") from exc
        return cls.from_dict(data)

    @classmethod
    def from_file(cls, path: str | Path) -> Self:
        """The config a ``.toml`` or ``.json`` file of its fields describes.

        >>> import tempfile
        >>> @dataclasses.dataclass
        ... class Demo(Config):
        ...     rate: float = 0.1
        >>> f = Path(tempfile.mkdtemp()) / "demo.toml"
        >>> _ = f.write_text("rate = 0.5")
        >>> Demo.from_file(f)
        Demo(rate=0.5)
        """
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read {cls.__name__} file {path}: {exc}") from exc
        if path.suffix.lower() == ".toml":
            try:
                return cls.from_dict(tomllib.loads(text))
            except tomllib.TOMLDecodeError as exc:
                raise ConfigError(f"{cls.__name__} file {path}: invalid TOML ({exc})") from exc
        if path.suffix.lower() == ".json":
            return cls.from_json(text)
        raise ConfigError(f"{cls.__name__} file {path}: use a .toml or .json file")


def check_config(value: Any, kind: type[C], owner: str) -> C:
    """``value`` if it is a ``kind`` config (None: the defaults), else :class:`ConfigError`.

    >>> from neuroplast.core.replay import ReplayConfig
    >>> check_config({"capacity": 3}, ReplayConfig, "ReplayBuffer")
    Traceback (most recent call last):
    ...
    neuroplast.errors.ConfigError: ReplayBuffer takes a ReplayConfig, got dict; build one, ...
    """
    if value is None:
        return kind()
    if not isinstance(value, kind):
        raise ConfigError(f"{owner} takes a {kind.__name__}, got {type(value).__name__}; "
                          f"build one, e.g. {kind.__name__}.from_dict(...)")
    return value


def check_range(
    owner: str,
    name: str,
    value: float,
    low: float | None = None,
    high: float | None = None,
    *,
    low_inclusive: bool = True,
    high_inclusive: bool = True,
    finite: bool = True,
    integer: bool = False,
) -> None:
    """Raise :class:`ConfigError` naming ``owner.name`` when ``value`` is out of range.

    Infinities are out of range unless ``finite=False``, for a setting where infinity
    means "never" (an infinite λ or learning rate only turns the arithmetic into NaN).
    ``integer``: a count, so a whole number (``int``, not ``bool``) as well.

    >>> check_range("Demo", "calls", -5, 1)
    Traceback (most recent call last):
    ...
    neuroplast.errors.ConfigError: Demo.calls=-5 is out of range; use a value in [1, inf)
    """
    ok = isinstance(value, int | float) and value == value  # rejects NaN
    if ok and finite:
        ok = value not in (float("inf"), float("-inf"))
    if ok and integer and (isinstance(value, bool) or not isinstance(value, int)):
        raise ConfigError(f"{owner}.{name}={value!r} is not a whole number; use an integer")
    if ok and low is not None:
        ok = value >= low if low_inclusive else value > low
    if ok and high is not None:
        ok = value <= high if high_inclusive else value < high
    if not ok:
        lo = "(-inf" if low is None else ("[" if low_inclusive else "(") + str(low)
        hi = "inf)" if high is None else str(high) + ("]" if high_inclusive else ")")
        raise ConfigError(f"{owner}.{name}={value!r} is out of range; use a value in {lo}, {hi}")


def check_url(url: str, what: str, schemes: tuple[str, ...] = ("http", "https")) -> str:
    """``url`` without a trailing slash, or :class:`InvalidInputError` saying what is wrong
    with it: a scheme in ``schemes``, a host, a port in 1-65535, no spaces or control
    characters. Checked where the URL is given, so that a typo fails at once instead of in
    a request later (or, baked into a hook, on every tool call).

    >>> check_url("http://127.0.0.1:8765/", "--url")
    'http://127.0.0.1:8765'
    >>> check_url("http://h:0", "--url")
    Traceback (most recent call last):
    ...
    neuroplast.errors.InvalidInputError: --url 'http://h:0': the port must be a number in 1-65535
    """
    from urllib.parse import urlsplit

    if not isinstance(url, str) or any(c.isspace() or ord(c) < 32 or ord(c) == 127
                                       for c in url):
        raise InvalidInputError(f"{what} {url!r} is not a URL (spaces or control characters)")
    try:
        parts = urlsplit(url)
    except ValueError as exc:  # an IPv6 literal left open: http://[::1
        raise InvalidInputError(f"{what} {url!r} is not a URL ({exc})") from exc
    try:
        port = parts.port
    except ValueError:
        port = 0
    if port == 0:
        raise InvalidInputError(f"{what} {url!r}: the port must be a number in 1-65535")
    if url.split("://", 1)[0] not in schemes:  # as written: urlsplit lowercases it
        raise InvalidInputError(f"{what} {url!r} must start with "
                                + " or ".join(f"{s}://" for s in schemes))
    if not parts.hostname:
        raise InvalidInputError(f"{what} {url!r} names no host; e.g. {schemes[0]}://127.0.0.1:8765")
    if parts.username is not None or parts.password is not None or parts.query or parts.fragment:
        raise InvalidInputError(f"{what} {url!r}: give scheme://host:port/path only (no "
                                "user, query or fragment; the token authenticates)")
    return url.rstrip("/")
