"""One training round on a training copy: the maths both learner backends share.

The thread backend calls :class:`TrainingCopy` in the learner's background thread; the
process backend calls it in the worker process (:mod:`neuroplast.learn.worker`). The copy
owns the replay sampling too (its own seeded generators, see :meth:`TrainingCopy.learn`),
so both backends train on exactly the same tensors for the same seed, and the process
backend ships only the round's new examples, never the replayed ones.

>>> import torch
>>> from neuroplast.learn.config import LearnerConfig
>>> _ = torch.manual_seed(0)
>>> mse = lambda out, y: (out.squeeze(-1) - y) ** 2
>>> trainer = TrainingCopy(torch.nn.Linear(1, 1), mse, LearnerConfig(lr=0.1, optimizer="sgd"))
>>> batch = (torch.ones(1, 1), torch.tensor([3.0]), torch.ones(1))
>>> for _ in range(20):
...     trainer.round([batch], restore=trainer.weights())
>>> round(trainer.model(torch.ones(1, 1)).item(), 2)
3.0
"""

from __future__ import annotations

import copy
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import torch

from neuroplast.errors import ConfigError, InvalidInputError, NumericalError
from neuroplast.learn.batch import collate, weighted_loss
from neuroplast.learn.config import LearnerConfig

if TYPE_CHECKING:
    from neuroplast.core.regularizer import Regularizer
    from neuroplast.core.replay import Example, ReplayBuffer

__all__ = ["Batch", "TrainingCopy", "remember", "shuffled_batch"]

Batch = tuple[torch.Tensor, torch.Tensor, torch.Tensor]
"""``(inputs, targets, weights)`` of one optimizer step, in training order."""


@dataclass
class DERStep:
    """One DER++ step: its batch (new and locked examples) and two independent draws of
    ordinary replayed examples, for the logit term and for the label term."""

    batch: Batch
    logit_examples: list[Example]
    label_examples: list[Example]


def shuffled_batch(examples: Sequence[Any], generator: torch.Generator) -> Batch:
    """Shuffle ``examples`` with ``generator`` and stack them into one step's tensors."""
    order = torch.randperm(len(examples), generator=generator).tolist()
    return collate([examples[i] for i in order])


def remember(replay: ReplayBuffer, new: Sequence[Example], *, store: bool = True) -> None:
    """Drop the stored examples that ``new`` contradicts (a keyed answer that changed),
    then, with ``store``, add ``new`` in order (each keyed one superseding again, so the
    newest answer about a key wins). The training copy forgets before its round samples
    and stores after it succeeds; the process backend's mirror does both at once, which
    leaves the same contents.
    """
    for example in new:
        replay.supersede(example.key, example.target)
    if store:
        replay.extend(new, supersede=True)


class TrainingCopy:
    """A trainable deep copy of a model, its optimizer, regularizer and replay buffer.

    ``learn`` mixes new examples with replayed ones into ``steps_per_round`` batches and
    runs ``round`` on them: one optimizer step per batch, a check that the weights are
    finite, and the regularizer's consolidation; on any failure it restores the given
    weights and a fresh optimizer, so the copy never drifts from the last published model.

    >>> import torch
    >>> trainer = TrainingCopy(torch.nn.Linear(2, 1), lambda o, y: (o.squeeze(-1) - y) ** 2)
    >>> sorted(trainer.weights())
    ['bias', 'weight']
    """

    def __init__(
        self,
        model: torch.nn.Module,
        loss_fn: Callable[[torch.Tensor, torch.Tensor], torch.Tensor],
        config: LearnerConfig | None = None,
        regularizer: Regularizer | None = None,
        replay: ReplayBuffer | None = None,
    ) -> None:
        self.config = config if config is not None else LearnerConfig()
        self.model = copy.deepcopy(model).train()
        self.loss_fn = loss_fn
        self.regularizer = regularizer
        self.replay = replay
        self.optimizer = self.new_optimizer()
        self.generator = torch.Generator()
        self.sample_rng = random.Random()
        self.reseed()

    def reseed(self) -> None:
        """Restart the shuffling and replay-draw generators from ``config.seed`` (what a
        fresh copy, such as a restarted worker, starts with). They are the copy's own, not
        the buffer's, so a mirror of the buffer that only receives the same examples stays
        identical however often this copy samples it."""
        self.generator.manual_seed(self.config.seed)
        self.sample_rng.seed(self.config.seed)

    def learn(
        self, new: Sequence[Example], restore: Mapping[str, torch.Tensor],
        between_steps: Callable[[], None] | None = None,
    ) -> None:
        """One round on ``new`` plus replay; on success ``new`` joins the replay buffer.

        A keyed example supersedes the replayed examples it contradicts (the user changed
        their mind), before its round samples and when it is stored. An example that
        breaks the round never joins the buffer, so it is not replayed forever.
        """
        if self.replay is not None:
            remember(self.replay, new, store=False)
        steps: list[Batch | DERStep]
        if self.config.der is not None and self.replay is not None:
            # DER++: ordinary replay goes to the two DER terms; locked examples stay in
            # every step's own batch, with their full weight, as with plain replay.
            steps = [DERStep(shuffled_batch(list(new) + self._locked(), self.generator),
                             self._ordinary(), self._ordinary())
                     for _ in range(self.config.steps_per_round)]
        else:
            steps = [shuffled_batch(list(new) + self._replayed(), self.generator)
                     for _ in range(self.config.steps_per_round)]
        self.round(steps, restore, between_steps)
        if self.replay is not None:  # nothing changed it since the forget above
            if self.config.der is not None:  # the logits of the model that learnt them
                from neuroplast.core.der import record_logits

                new = record_logits(self.model, new)
            self.replay.extend(new, supersede=True)

    def _locked(self) -> list[Example]:
        """The locked examples a step replays: all of them, or the capped draw."""
        if self.replay is None or not len(self.replay):
            return []
        return self.replay.sample(0, rng=self.sample_rng)

    def _ordinary(self) -> list[Example]:
        if self.replay is None or not self.replay.ordinary:
            return []
        return self.replay.sample(self.config.replay_batch, rng=self.sample_rng, locked=False)

    def _replayed(self) -> list[Example]:
        from neuroplast.errors import EmptyBufferError

        if self.replay is None:
            return []
        try:
            return self.replay.sample(self.config.replay_batch, rng=self.sample_rng)
        except EmptyBufferError:
            return []

    def round(
        self, batches: Sequence[Batch | DERStep], restore: Mapping[str, torch.Tensor],
        between_steps: Callable[[], None] | None = None,
    ) -> None:
        """One step per batch, then consolidate; on error reset to ``restore`` and raise.

        ``between_steps`` runs after each step (the thread backend yields the GIL there).
        """
        try:
            for batch in batches:
                if isinstance(batch, DERStep):
                    self.der_step(batch)
                else:
                    self.step(*batch)
                if between_steps is not None:
                    between_steps()
            self.check_finite_weights()
        except Exception:
            self.reset(restore)
            raise
        if self.regularizer is not None:
            self.regularizer.consolidate(self.model)

    def step(self, inputs: torch.Tensor, targets: torch.Tensor, weights: torch.Tensor) -> None:
        """One optimizer step on the weighted loss plus the regularizer's penalty."""
        device = next(self.model.parameters()).device
        inputs, targets, weights = inputs.to(device), targets.to(device), weights.to(device)
        self.optimizer.zero_grad(set_to_none=True)
        try:
            loss = weighted_loss(self.loss_fn(self.model(inputs), targets), weights)
        except RuntimeError as exc:  # torch's words for a shape or dtype the model refuses
            if isinstance(exc, torch.OutOfMemoryError):
                raise
            raise InvalidInputError(
                f"the model or loss_fn cannot take these examples ({exc}); give inputs and "
                "targets of the shapes and dtypes they take") from exc
        self._descend(loss)

    def der_step(self, step: DERStep) -> None:
        """One optimizer step on the DER++ loss (:func:`neuroplast.core.der.der_loss`)
        plus the regularizer's penalty."""
        from neuroplast.core.der import der_loss

        if self.config.der is None:
            raise ConfigError("a DER++ step needs LearnerConfig.der; set der=DERConfig()")
        device = next(self.model.parameters()).device
        inputs, targets, weights = (t.to(device) for t in step.batch)
        self.optimizer.zero_grad(set_to_none=True)
        self._descend(der_loss(self.model, self.loss_fn, (inputs, targets, weights),
                               step.logit_examples, step.label_examples, self.config.der))

    def _descend(self, data_loss: torch.Tensor) -> None:
        if not bool(torch.isfinite(data_loss)):
            raise NumericalError(
                f"training loss is {data_loss.item()}; round abandoned and the live model "
                "kept. Lower LearnerConfig.lr or check the examples' inputs and targets"
            )
        data_loss.backward()
        if self.regularizer is not None:
            # The regularizer reads the *data* gradient into its Fisher (the penalty's own
            # gradient would feed the Fisher back into itself without bound), then adds
            # the penalty's gradient λ·F·(θ − θ*) in closed form: no graph, no second
            # backward. Its value is not needed here: non-finite task gradients raise in
            # accumulate, and weights a bad penalty made non-finite fail the round's check.
            self.regularizer.add_penalty_grad(self.model, value=False)
        self.optimizer.step()

    def end_task(self) -> None:
        """Tell the regularizer a task ended (EWC++ ``end_task``, else ``consolidate``), and
        the replay buffer that an experience did (:meth:`ReplayBuffer.end_experience`: an
        experience-balanced buffer then keeps the task apart, and can replay the past only).
        """
        if self.replay is not None:
            self.replay.end_experience()
        if self.regularizer is None:
            return
        end = getattr(self.regularizer, "end_task", None)
        if callable(end):
            end(self.model)
        else:
            self.regularizer.consolidate(self.model)

    def check_finite_weights(self) -> None:
        """Raise :class:`NumericalError` if any parameter is NaN or infinite."""
        for name, param in self.model.named_parameters():
            if not bool(torch.isfinite(param).all()):
                raise NumericalError(
                    f"parameter {name!r} became NaN/inf during training; round abandoned and "
                    "the live model kept. Lower LearnerConfig.lr"
                )

    def reset(self, weights: Mapping[str, torch.Tensor]) -> None:
        """Load ``weights`` into the copy and start a fresh optimizer."""
        self.model.load_state_dict(dict(weights))
        self.optimizer = self.new_optimizer()

    def weights(self) -> dict[str, torch.Tensor]:
        """Detached, independent copies of the model's state (safe to ship or keep)."""
        return {k: v.detach().clone() for k, v in self.model.state_dict().items()}

    def frozen_copy(self) -> torch.nn.Module:
        """A deep copy in eval mode without gradients: what serving gets."""
        self.optimizer.zero_grad(set_to_none=True)  # grads need not travel into the copy
        live = copy.deepcopy(self.model).eval()
        live.requires_grad_(False)
        return live

    def new_optimizer(self) -> torch.optim.Optimizer:
        """A fresh optimizer over the trainable parameters (moments start at zero)."""
        params = [p for p in self.model.parameters() if p.requires_grad]
        kind = torch.optim.SGD if self.config.optimizer == "sgd" else torch.optim.Adam
        try:
            # One fused kernel per step instead of a Python loop over parameters: less
            # time holding the GIL, which is time prediction threads cannot run.
            return kind(params, lr=self.config.lr, fused=True)
        except (RuntimeError, ValueError):  # dtype/device without a fused kernel
            return kind(params, lr=self.config.lr)
