"""The two task streams of the continual benchmark, built from scikit-learn's bundled digits.

Both streams share one fixed, stratified train/test split of the 1,797 8×8 digits (pixels
scaled to [0, 1]), so every method and both implementations see the very same tensors.

- **Permuted-Digits**: 10 tasks over all 10 classes; task ``k`` applies a fixed pixel
  permutation drawn from ``seed + k`` (task 0 is the identity). Domain-incremental.
- **Split-Digits**: 5 tasks of 2 classes each (0/1, 2/3, ...), class-incremental with one
  10-way head: at test time the model must tell all classes seen so far apart.
- **Rotated-Digits** (held out: no setting of the benchmark was chosen on it): 6 tasks over
  all 10 classes, task ``k`` the same digits rotated by ``k · 30`` degrees (bilinear, zero
  padding). Domain-incremental, with tasks that overlap more than permutations do.

>>> stream = permuted_digits(n_tasks=3)
>>> [len(t.y_test) for t in stream.tasks] == [len(stream.tasks[0].y_test)] * 3
True
>>> bool((stream.tasks[0].x_train == stream.tasks[1].x_train).all())
False
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from neuroplast.config import check_range

if TYPE_CHECKING:
    import torch

__all__ = ["Stream", "Task", "digits_split", "permutations", "permuted_digits", "rotate",
           "rotated_digits", "split_digits"]

N_PIXELS = 64
N_CLASSES = 10


@dataclass(frozen=True)
class Task:
    """One task of a stream: its train and test tensors and the classes it holds."""

    x_train: torch.Tensor
    y_train: torch.Tensor
    x_test: torch.Tensor
    y_test: torch.Tensor
    classes: tuple[int, ...]


@dataclass(frozen=True)
class Stream:
    """A named sequence of tasks sharing one input size and one output head."""

    name: str
    setting: str  # "domain-incremental" or "class-incremental"
    tasks: tuple[Task, ...]
    n_inputs: int = N_PIXELS
    n_classes: int = N_CLASSES


def digits_split(
    test_fraction: float = 0.3, seed: int = 0
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
    """The fixed stratified split of ``load_digits``: ``x_train, y_train, x_test, y_test``."""
    import torch
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    check_range("digits_split", "test_fraction", test_fraction, 0.0, 1.0,
                low_inclusive=False, high_inclusive=False)
    data = load_digits()
    x = data.data.astype("float32") / 16.0  # pixel intensities are 0..16
    y = data.target.astype("int64")
    x_tr, x_te, y_tr, y_te = train_test_split(
        x, y, test_size=test_fraction, random_state=seed, stratify=y
    )
    return (torch.from_numpy(x_tr), torch.from_numpy(y_tr),
            torch.from_numpy(x_te), torch.from_numpy(y_te))


def permutations(n_tasks: int, seed: int = 0) -> list[torch.Tensor]:
    """The pixel permutation of each task: identity first, then one per ``seed + k``."""
    import torch

    perms = [torch.arange(N_PIXELS)]
    for k in range(1, n_tasks):
        gen = torch.Generator().manual_seed(seed * 1000 + k)
        perms.append(torch.randperm(N_PIXELS, generator=gen))
    return perms


def permuted_digits(n_tasks: int = 10, seed: int = 0) -> Stream:
    """Permuted-Digits: ``n_tasks`` fixed pixel permutations of the same digits."""
    check_range("permuted_digits", "n_tasks", n_tasks, 1, 1000)
    x_tr, y_tr, x_te, y_te = digits_split()
    classes = tuple(range(N_CLASSES))
    tasks = tuple(
        Task(x_tr[:, p].contiguous(), y_tr, x_te[:, p].contiguous(), y_te, classes)
        for p in permutations(n_tasks, seed)
    )
    return Stream("permuted", "domain-incremental", tasks)


def split_digits(classes_per_task: int = 2) -> Stream:
    """Split-Digits: consecutive class pairs, one task each, class-incremental (one head)."""
    if classes_per_task < 1 or N_CLASSES % classes_per_task:
        from neuroplast.errors import ConfigError

        raise ConfigError(
            f"split_digits.classes_per_task={classes_per_task!r} must divide {N_CLASSES}; "
            "use 1, 2 or 5"
        )
    x_tr, y_tr, x_te, y_te = digits_split()
    tasks = []
    for start in range(0, N_CLASSES, classes_per_task):
        cls = tuple(range(start, start + classes_per_task))
        tr = (y_tr >= start) & (y_tr < start + classes_per_task)
        te = (y_te >= start) & (y_te < start + classes_per_task)
        tasks.append(Task(x_tr[tr], y_tr[tr], x_te[te], y_te[te], cls))
    return Stream("split", "class-incremental", tuple(tasks))


def rotate(x: torch.Tensor, degrees: float) -> torch.Tensor:
    """Rows of 64 pixels (8×8 images) rotated by ``degrees`` about the centre.

    >>> import torch
    >>> img = torch.zeros(1, 64); img[0, 3] = 1.0            # row 0, column 3
    >>> int(rotate(img, 180.0)[0].argmax())                  # row 7, column 4
    60
    """
    import math

    import torch

    side = math.isqrt(x.shape[1])
    rad = math.radians(degrees)
    cos, sin = math.cos(rad), math.sin(rad)
    theta = torch.tensor([[cos, -sin, 0.0], [sin, cos, 0.0]], dtype=x.dtype)
    images = x.reshape(-1, 1, side, side)
    grid = torch.nn.functional.affine_grid(theta.expand(len(images), 2, 3), list(images.shape),
                                           align_corners=False)
    out = torch.nn.functional.grid_sample(images, grid, mode="bilinear", padding_mode="zeros",
                                          align_corners=False)
    return out.reshape(len(x), -1).contiguous()


def rotated_digits(n_tasks: int = 6, step_degrees: float = 30.0) -> Stream:
    """Rotated-Digits: task ``k`` rotates every image by ``k · step_degrees``."""
    check_range("rotated_digits", "n_tasks", n_tasks, 1, 1000)
    x_tr, y_tr, x_te, y_te = digits_split()
    classes = tuple(range(N_CLASSES))
    tasks = tuple(
        Task(rotate(x_tr, k * step_degrees), y_tr, rotate(x_te, k * step_degrees), y_te, classes)
        for k in range(n_tasks)
    )
    return Stream("rotated", "domain-incremental", tasks)
