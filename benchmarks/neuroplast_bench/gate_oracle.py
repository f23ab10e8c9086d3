"""The frame the simulated users written apart from the gate share: fixed preferences, and
a drift that, after the change of mind (phase 1), refuses calls approved before it.

Each user (``gate_heldout_user.HeldOutUser``, ``gate_third_user.OpsUser``) gives only its
own preferences (``_fixed_reasons``) and what its drift covers (``_drifted``); how the two
make an answer is this class's, so the users cannot differ in it by accident.
"""

from __future__ import annotations

from neuroplast_bench.gate_stream import StreamCall

__all__ = ["PhasedUser"]


class PhasedUser:
    """An oracle: ``would_approve(call, phase)``, ``drift_applies(call)`` and
    ``refusal_reasons(call, phase)``; phase 0 is before the drift, 1 after it."""

    drift: str  # the drift's name, the reason a drifted refusal gives

    def _fixed_reasons(self, call: StreamCall) -> tuple[str, ...]:
        """The preferences that refuse ``call`` in every phase."""
        raise NotImplementedError

    def _drifted(self, call: StreamCall) -> bool:
        """Whether ``call`` (a Bash call no fixed preference refuses) is what the drift
        is about."""
        raise NotImplementedError

    def refusal_reasons(self, call: StreamCall, phase: int) -> tuple[str, ...]:
        """The preferences (or the drift's name) that refuse ``call`` in ``phase``."""
        reasons = self._fixed_reasons(call)
        if not reasons and phase >= 1 and self.drift_applies(call):
            return (self.drift,)
        return reasons

    def would_approve(self, call: StreamCall, phase: int) -> bool:
        """What this user answers when asked about ``call`` in ``phase``."""
        return not self.refusal_reasons(call, phase)

    def drift_applies(self, call: StreamCall) -> bool:
        """True when the drifted preference decides ``call`` (its answer differs by phase)."""
        if call.tool_name != "Bash" or call.origin == "gtfobins" or self._fixed_reasons(call):
            return False
        return self._drifted(call)
