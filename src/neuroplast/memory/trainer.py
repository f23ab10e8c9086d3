"""Teach a causal LM what it has not internalised: a LoRA fine-tune that keeps what it knew.

Samples are ``(context_ids, continuation_ids)``; the loss is the mean cross-entropy on the
continuation tokens only. Training goes through :class:`neuroplast.learn.OnlineLearner`
(a training copy, an atomic swap of the live model): one job is one round of
``steps`` optimizer steps over the job's samples mixed with replayed ones, so the live
model keeps serving while it trains. What the model knew is guarded two ways, both
optional: *replay* of samples of its ordinary behaviour (conversations it already
handled, memories included), and online *EWC* whose Fisher is measured on those samples
before training and whose reference is the untrained adapter (zero update).

The adapter is a LoRA on every ``nn.Linear`` but the output head, and each job publishes a
PEFT directory (``adapter_config.json`` + ``adapter_model.safetensors``).
"""

from __future__ import annotations

import copy
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import torch
from torch import nn

from neuroplast.config import Config, check_range
from neuroplast.core.ewc import OnlineEWC, OnlineEWCConfig
from neuroplast.core.lora import (
    LoRAConfig,
    inject_lora,
    linear_module_names,
    load_peft_adapter,
    merge_lora,
)
from neuroplast.core.lora import save_peft_adapter as _save_peft
from neuroplast.core.replay import Example, ReplayBuffer, ReplayConfig
from neuroplast.errors import InvalidInputError
from neuroplast.learn import LearnerConfig, OnlineLearner

__all__ = ["Sample", "TrainConfig", "Trainer", "continuation_loss"]

IGNORE = -100


@dataclass(frozen=True)
class Sample:
    """A context and the continuation to learn after it (token ids).

    >>> Sample((1, 2, 3), (4, 5)).length
    5
    """

    context_ids: tuple[int, ...]
    continuation_ids: tuple[int, ...]

    @property
    def length(self) -> int:
        return len(self.context_ids) + len(self.continuation_ids)


@dataclass
class TrainConfig(Config):
    """One fine-tuning job's settings.

    >>> TrainConfig().lora_rank, TrainConfig(ewc_lambda=0.0).ewc_lambda
    (8, 0.0)
    """

    lora_rank: int = field(default=8, metadata={"help": "rank of the LoRA (4-16)"})
    lora_alpha: float = field(default=16.0, metadata={"help": "LoRA scaling alpha"})
    lr: float = field(default=2e-3, metadata={"help": "Adam learning rate"})
    steps: int = field(default=60, metadata={"help": "optimizer steps per job"})
    max_length: int = field(default=256, metadata={"help": "tokens per sample (context cut "
                                                           "from the left)"})
    replay_batch: int = field(default=8, metadata={"help": "replayed samples per step; 0: off"})
    ewc_lambda: float = field(default=1000.0, metadata={"help": "EWC strength; 0: off"})
    seed: int = field(default=0, metadata={"help": "seed of shuffling and LoRA init"})

    def __post_init__(self) -> None:
        check_range("TrainConfig", "lora_rank", self.lora_rank, 4, 16)
        check_range("TrainConfig", "lora_alpha", self.lora_alpha, 0.0, low_inclusive=False)
        check_range("TrainConfig", "lr", self.lr, 0.0, low_inclusive=False)
        check_range("TrainConfig", "steps", self.steps, 1)
        check_range("TrainConfig", "max_length", self.max_length, 2)
        check_range("TrainConfig", "replay_batch", self.replay_batch, 0)
        check_range("TrainConfig", "ewc_lambda", self.ewc_lambda, 0.0)


class _Logits(nn.Module):
    """The LM as a module from ids to logits (what the learner's loss reads).

    Samples are right-padded: a causal model never attends forward, so the padding changes
    nothing before it, and its positions carry no loss.
    """

    def __init__(self, lm: nn.Module) -> None:
        super().__init__()
        self.lm = lm

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        return self.lm(input_ids=ids).logits  # type: ignore[no-any-return]


def continuation_loss(logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    """Per sample, the mean cross-entropy of the labelled (continuation) tokens.

    >>> logits = torch.zeros(1, 3, 4)  # uniform over 4 tokens
    >>> round(continuation_loss(logits, torch.tensor([[-100, 2, 1]])).item(), 4)  # log 4
    1.3863
    """
    predicted, wanted = logits[:, :-1].float(), labels[:, 1:]
    nll = nn.functional.cross_entropy(predicted.transpose(1, 2), wanted.clamp(min=0),
                                      reduction="none")
    mask = (wanted != IGNORE).float()
    return (nll * mask).sum(1) / mask.sum(1).clamp(min=1.0)


def encode(sample: Sample, max_length: int, pad_id: int) -> Example:
    """A sample as a fixed-width example: ids right-padded, labels on the continuation."""
    if not sample.continuation_ids:
        raise InvalidInputError("a training sample needs at least one continuation token")
    ids = list(sample.context_ids) + list(sample.continuation_ids)
    labels = [IGNORE] * len(sample.context_ids) + list(sample.continuation_ids)
    if len(ids) > max_length:  # keep the continuation; cut the oldest context
        if len(sample.continuation_ids) >= max_length:
            raise InvalidInputError(
                f"a continuation of {len(sample.continuation_ids)} tokens does not fit "
                f"TrainConfig.max_length={max_length}; raise max_length")
        ids, labels = ids[-max_length:], labels[-max_length:]
    pad = max_length - len(ids)
    return Example(torch.tensor(ids + [pad_id] * pad), torch.tensor(labels + [IGNORE] * pad))


def lora_targets(model: nn.Module) -> list[str]:
    """Every ``nn.Linear`` of ``model`` but its output head, as name suffixes."""
    head = model.get_output_embeddings() if hasattr(model, "get_output_embeddings") else None
    names = [n for n in linear_module_names(model) if model.get_submodule(n) is not head]
    return sorted({n.rpartition(".")[2] for n in names})


class Trainer:
    """LoRA fine-tuning of ``model`` (a ``transformers`` causal LM) on samples.

    ``anchors``: samples of what the model already does well; they feed replay and EWC's
    Fisher. ``pad_id``: the token padding is written with (never learned). ``adapter``: a
    PEFT directory to continue from (its rank must be ``config.lora_rank``).
    """

    def __init__(self, model: nn.Module, config: TrainConfig | None = None,
                 anchors: Sequence[Sample] = (), *, pad_id: int = 0,
                 adapter: str | os.PathLike[str] | None = None) -> None:
        self.config = config = config or TrainConfig()
        self.pad_id = pad_id
        torch.manual_seed(config.seed)
        lm = copy.deepcopy(model)
        lm.requires_grad_(False)
        inject_lora(lm, LoRAConfig(rank=config.lora_rank, alpha=config.lora_alpha,
                                   target_modules=lora_targets(lm)))
        if adapter is not None:  # continue from a published adapter
            load_peft_adapter(lm, adapter, "default")
        self.module = _Logits(lm)
        anchor_examples = [encode(s, config.max_length, pad_id) for s in anchors]
        regularizer = None
        if config.ewc_lambda > 0 and anchor_examples:
            regularizer = OnlineEWC(OnlineEWCConfig(lambda_=config.ewc_lambda))
            self._measure_fisher(regularizer, anchor_examples)
        replay = None
        if config.replay_batch > 0 and anchor_examples:
            replay = ReplayBuffer(ReplayConfig(capacity=max(len(anchor_examples), 1),
                                               seed=config.seed))
            replay.extend(anchor_examples)
        self.learner = OnlineLearner(
            self.module, continuation_loss,
            LearnerConfig(batch_size=10_000, max_pending=10_000, steps_per_round=config.steps,
                          lr=config.lr, replay_batch=max(config.replay_batch, 1),
                          seed=config.seed),
            regularizer, replay)

    def _measure_fisher(self, ewc: OnlineEWC, examples: list[Example]) -> None:
        """Fisher of the adapter on the anchors, reference = the untrained adapter."""
        self.module.train()
        for i in range(0, len(examples), 8):
            chunk = examples[i : i + 8]
            ids = torch.stack([e.inputs for e in chunk])
            labels = torch.stack([e.target for e in chunk])
            self.module.zero_grad(set_to_none=True)
            continuation_loss(self.module(ids), labels).mean().backward()
            ewc.accumulate(self.module)
        self.module.zero_grad(set_to_none=True)
        ewc.consolidate(self.module)

    def train(self, samples: Sequence[Sample]) -> int:
        """One job: ``steps`` steps on ``samples`` (+ replay); returns the live version."""
        if not samples:
            raise InvalidInputError("a training job needs at least one sample")
        examples = [encode(s, self.config.max_length, self.pad_id) for s in samples]
        return self.learner.learn_now(examples)

    @property
    def version(self) -> int:
        return self.learner.version

    def live_model(self) -> nn.Module:
        """A copy of the live LM with its adapter merged in (for scoring)."""
        lm = copy.deepcopy(self.learner.live_model.lm)  # type: ignore[union-attr]
        merge_lora(lm)
        return lm.eval()

    def save_adapter(self, directory: str | os.PathLike[str],
                     base_model: str | None = None) -> Path:
        """Write the live adapter in PEFT format (``PeftModel.from_pretrained`` loads it)."""
        lm = self.learner.live_model.lm  # type: ignore[union-attr]
        return _save_peft(lm, directory, "default", base_model, task_type="CAUSAL_LM")

    def close(self) -> None:
        self.learner.close()
