"""How a worker process rebuilds a model, loss and regularizer without pickle.

A :class:`ModelSpec` names an importable factory (``"package.module:function"``) and its
JSON keyword arguments, plus the importable loss function. A regularizer travels as its
class path and config dict; its tensors travel separately as safetensors.

>>> spec = ModelSpec(factory="torch.nn:Linear", kwargs={"in_features": 2, "out_features": 1},
...                  loss="neuroplast.learn.losses:bce_loss")
>>> spec.build().weight.shape
torch.Size([1, 2])
>>> ModelSpec(factory="torch.nn.Linear", loss="neuroplast.learn.losses:bce_loss")
Traceback (most recent call last):
...
neuroplast.errors.ConfigError: ModelSpec.factory='torch.nn.Linear' is not an import path; \
write it as 'package.module:attribute'
"""

from __future__ import annotations

import importlib
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from neuroplast.config import Config
from neuroplast.errors import ConfigError

if TYPE_CHECKING:
    import torch

    from neuroplast.core.regularizer import Regularizer

__all__ = ["ModelSpec", "import_object", "object_path", "regularizer_from_spec"]


def import_object(path: str, what: str = "object") -> Any:
    """Import ``"package.module:attr.sub"``; :class:`ConfigError` saying why it failed."""
    module_name, _, attr = path.partition(":")
    try:
        found: Any = importlib.import_module(module_name)
        for part in attr.split("."):
            found = getattr(found, part)
    except (ImportError, AttributeError) as exc:
        raise ConfigError(
            f"cannot import the {what} {path!r} ({exc}); give a module-level name that "
            "`python -m neuroplast.learn.worker` can import"
        ) from exc
    return found


def object_path(obj: Any) -> str:
    """The import path of a module-level class or function; ConfigError if it has none."""
    module, name = getattr(obj, "__module__", None), getattr(obj, "__qualname__", "")
    if not module or module == "__main__" or "<locals>" in name or "<lambda>" in name:
        raise ConfigError(
            f"{obj!r} is not importable by another process (defined in {module!r} as "
            f"{name!r}); define it at module level in an importable module"
        )
    return f"{module}:{name}"


@dataclass
class ModelSpec(Config):
    """Importable builders of the model and loss, for the process backend."""

    factory: str = field(metadata={"help": "'module:function' returning the nn.Module"})
    loss: str = field(metadata={"help": "'module:function' (outputs, targets) -> losses"})
    kwargs: dict[str, Any] = field(
        default_factory=dict, metadata={"help": "JSON keyword arguments of the factory"}
    )

    def __post_init__(self) -> None:
        for name in ("factory", "loss"):
            value = getattr(self, name)
            if not isinstance(value, str) or value.count(":") != 1 or value.startswith(":") \
                    or value.endswith(":"):
                raise ConfigError(
                    f"ModelSpec.{name}={value!r} is not an import path; write it as "
                    "'package.module:attribute'"
                )
        if not isinstance(self.kwargs, dict):
            raise ConfigError(f"ModelSpec.kwargs={self.kwargs!r} must be a dict")
        try:
            json.dumps(self.kwargs)
        except (TypeError, ValueError) as exc:
            raise ConfigError(
                f"ModelSpec.kwargs must be JSON (numbers, strings, lists, dicts): {exc}"
            ) from exc

    def build(self) -> torch.nn.Module:
        """Call the factory with ``kwargs``."""
        return import_object(self.factory, "model factory")(**self.kwargs)

    def loss_fn(self) -> Any:
        """The loss function the path names."""
        return import_object(self.loss, "loss function")


def regularizer_from_spec(path: str, config: dict[str, Any]) -> Regularizer:
    """A fresh regularizer of class ``path`` with the config ``config`` (a to_dict())."""
    cls = import_object(path, "regularizer class")
    default = cls()  # its config class is what the default instance carries
    return cls(type(default.config).from_dict(config))  # type: ignore[no-any-return]
