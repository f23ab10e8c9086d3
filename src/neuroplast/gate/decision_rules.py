"""The gate's rules, in the order they are evaluated (``GATE_RULES``).

Each rule states, in its docstring, a principle that holds for any user. The user's own
word comes first (their mode, their written rules), then whether the model may decide at
all, then the model's band, and before an auto-allow every reason to ask the user instead:
a call the model would allow must also be one the user's own answers support.

>>> [r.name for r in GATE_RULES][:4]
['shadow_mode', 'user_rules', 'untrained', 'model_unfit']
"""

from __future__ import annotations

from neuroplast.gate.credentials import credential_kind, holds_credentials
from neuroplast.gate.facts import CallFacts
from neuroplast.gate.pipeline import Rule, Verdict
from neuroplast.gate.support import (
    SUPPORT_RULES,
    is_part_key,
    near_refused_repeat,
    nested_part_keys,
)

__all__ = ["GATE_RULES", "RULE_NAMES", "SUPPORT_RULE_NAMES"]

# the flags of a call that reads a secret (gate.inspect): credentials, shell histories
_SECRET_FLAGS = frozenset({"credential_path_read", "shell_history_read"})


def shadow_mode(f: CallFacts) -> Verdict | None:
    """In shadow mode the gate learns from every call but always asks."""
    if f.config.mode != "shadow":
        return None
    would = f"rule {f.match.rule} would {f.match.decision}" if f.match else f"model says {f.band}"
    return Verdict("ask", f"shadow mode (always asks); {would}, {f.ps}")


def user_rules(f: CallFacts) -> Verdict | None:
    """The user's own permission rules (Claude Code's syntax; deny > ask > allow) decide
    before anything learned."""
    if f.match is None:
        return None
    return Verdict(f.match.decision, f"{f.match.decision} rule {f.match.rule}")


def untrained(f: CallFacts) -> Verdict | None:
    """Too few answers to have learned anything about this user: ask."""
    need = f.config.min_labels_to_decide
    if f.labels >= need:
        return None
    return Verdict("ask", f"untrained: {f.labels} of {need} answers so far, {f.ps}")


def model_unfit(f: CallFacts) -> Verdict | None:
    """A model that does not fit the user's recent answers does not decide for them."""
    need = f.config.min_recent_accuracy
    if f.accuracy >= need:
        return None
    return Verdict("ask", f"model fits only {f.accuracy:.0%} of the recent answers "
                          f"(needs {need:.0%}), {f.ps}")


def refused_repeat(f: CallFacts) -> Verdict | None:
    """A call that nearly repeats one the user refused, closer to it than to anything they
    approved, with nothing like it approved since, is refused again: asking costs them a
    click and the answer is known (``SupportConfig.deny_repeat_similarity``)."""
    near = near_refused_repeat(f.evidence, f.memory.config)
    if near is None:
        return None
    return Verdict("deny", f"{f.ps}; a near repeat (sim={near:.2f}) of a call the user "
                           "refused, nothing like it approved since")


def model_deny(f: CallFacts) -> Verdict | None:
    """The model is confident the user refuses: deny (denying is safe; the user can
    overrule it). A model that has learned from peers denies only what the user's own
    answers refuse too (a key of the call whose latest own word is a refusal, or an own
    refused call this close): a peer may make the gate ask, never deny, so a deny the
    model owes to peers alone is left to ``model_unsure``, which asks."""
    if f.band != "deny":
        return None
    if f.peer_taught and not _own_refusal_behind(f):
        return None
    return Verdict("deny", f"{f.ps} <= {f.config.bands.block}")


def _own_refusal_behind(f: CallFacts) -> bool:
    ev = f.evidence
    return (ev.nearest_refused >= f.memory.config.similarity
            or any(st.own_latest_refused for st in ev.stats.values()))


def model_unsure(f: CallFacts) -> Verdict | None:
    """The model is not confident either way: ask."""
    if f.band == "allow":
        return None
    return Verdict("ask", f"{f.ps} in the ask band")


def risk_flags(f: CallFacts) -> Verdict | None:
    """A call that inspection flags (credentials, writes outside the project, sudo, a
    download run by a shell...) is never auto-allowed on the model's word alone: only
    once the user approved that very call ``risky_repeat_approvals`` times since last
    refusing it, or ``risky_trust_approvals`` calls with each of its flags since refusing
    one flagged with no more (a user who approves every sudo is not asked forever)."""
    flags = f.risk.flags
    if not flags:
        return None
    cfg = f.config
    what = ", ".join(flags)
    if cfg.risky_repeat_approvals:
        repeats = f.memory.approvals_since_refusal(f.identity)
        if repeats >= cfg.risky_repeat_approvals:
            return Verdict("", f"risky ({what}), but approved {repeats} times as is")
    if cfg.risky_trust_approvals:
        approvals = f.memory.risk_approvals(flags)
        secret = _secret_never_approved(f)
        if approvals >= cfg.risky_trust_approvals and not secret:
            return Verdict("", f"risky ({what}), but approved {approvals}+ calls flagged "
                               "so since the last refusal")
        if secret:
            what += f"; {secret} was never read with the user's approval"
    return Verdict("ask", f"{f.ps} would allow, but risky: {what}")


def _secret_never_approved(f: CallFacts) -> str:
    """The credential store a call reads (``gate.credentials``) that no approved call has
    read, or a folder holding such stores that a flagged call searches (``/etc``, ``~``);
    "" when there is none. A secret is its own file: a user who lets the agent read one
    key store (a debug keystore, ``~/.npmrc``) has said nothing about another, nor about
    a search of a folder that holds them, so trust earned by approving credential reads
    covers the stores and folders approved, not every store."""
    if not _SECRET_FLAGS.intersection(f.risk.flags):
        return ""
    stats = f.evidence.stats
    for key in f.keys:
        path = key[5:]
        if (key.startswith("file:") and (credential_kind(path) or holds_credentials(path))
                and not (key in stats and stats[key].approved)):
            return path
    return ""


def _support_rule(name: str, check: object) -> Rule:
    def evaluate(f: CallFacts) -> Verdict | None:
        reason = check(f.evidence, f.memory.config)  # type: ignore[operator]
        return Verdict("ask", f"{f.ps} would allow, but {reason}") if reason else None

    evaluate.__doc__ = check.__doc__
    return Rule(name, evaluate)


def new_part(f: CallFacts) -> Verdict | None:
    """A sub-command, a command nested under it or a flag of a program that no approved
    call used is asked while the gate asks less than the user's ``ask_budget``: the budget
    is the attention the user grants, and its spare asks go where a model is most likely
    wrong, to the part of a program nobody has said anything about (``gradle
    assembleRelease`` after a hundred approved ``gradle assembleDebug``, ``kubectl rollout
    undo`` after ``kubectl rollout status``), which a model judges by the program alone."""
    budget = f.config.ask_budget
    if f.ask_share >= budget:
        return None
    stats = f.evidence.stats
    parts = [*(k for k in f.evidence.keys if is_part_key(k)),
             *nested_part_keys(f.evidence.keys)]
    key = next((k for k in parts if not (k in stats and stats[k].approved)), "")
    if not key:
        return None
    return Verdict("ask", f"{f.ps} would allow, but no approved call used {key} yet (asks "
                          f"{f.ask_share:.0%} of calls, budget {budget:.0%})")


def model_allow(f: CallFacts) -> Verdict | None:
    """The model is confident the user approves and nothing above asks: allow."""
    return Verdict("allow", f"{f.ps} >= {f.config.bands.allow}, supported by the user's "
                            "answers")


GATE_RULES: tuple[Rule, ...] = (
    Rule("shadow_mode", shadow_mode),
    Rule("user_rules", user_rules),
    Rule("untrained", untrained),
    Rule("model_unfit", model_unfit),
    Rule("refused_repeat", refused_repeat),
    Rule("model_deny", model_deny),
    Rule("model_unsure", model_unsure),
    Rule("risk_flags", risk_flags),
    *(_support_rule(name, check) for name, check in SUPPORT_RULES),
    Rule("new_part", new_part),
    Rule("model_allow", model_allow),
)
RULE_NAMES: tuple[str, ...] = tuple(r.name for r in GATE_RULES)
# the rules that require the user's answers to support an auto-allow (gate.support)
SUPPORT_RULE_NAMES: tuple[str, ...] = tuple(name for name, _ in SUPPORT_RULES)
