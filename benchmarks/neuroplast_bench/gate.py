"""The gate benchmark: a simulated user over real commands, replayed through the HTTP service.

The real service is started as a user would (``neuroplast gate serve`` in a subprocess) and
every call of :func:`~neuroplast_bench.gate_stream.generate_stream` goes through
``POST /v1/hooks/claude-code`` exactly as Claude Code sends it:

- ``PreToolUse``; answer ``ask`` -> ``PermissionRequest`` then, by the simulated user's
  answer, ``PostToolUse`` (approved) or ``PermissionDenied`` (refused);
- auto-allowed -> ``PostToolUse`` (the call ran) and, when the user would have refused,
  ``POST /v1/gate/feedback`` with ``false_positive``;
- auto-denied and the user would have allowed -> feedback with ``user_override``.

Between one call's outcome and the next call the replay leaves ``agent_pause_ms`` (25 ms by
default): the agent's next tool call comes after a model turn, which in Claude Code takes
seconds, and the gate trains on the answer meanwhile. Back to back (``--agent-pause-ms 0``)
the answers queue up faster than they train and decisions use a model a few answers old.

The baselines (:mod:`neuroplast_bench.gate_baselines`) see the same stream and the same
answers in the same run. Then latency (cache miss / hit / during training vs idle) and bad
input are measured through the service, and the service is attacked
(:mod:`neuroplast_bench.gate_attacks`: forged requests, a squatter on the hook's port, file
permissions, kill trials, fuzzing). Output: rich tables, one JSON line per system plus one
each for latency, bad input and the attacks, and PNG plots.
"""

from __future__ import annotations

import contextlib
import json
import math
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from neuroplast.config import Config, check_range
from neuroplast.errors import BackendUnavailable, ConfigError
from neuroplast.gate.config import GateConfig
from neuroplast.store import atomic_write_text
from neuroplast_bench.gate_attacks import attack_table, run_attacks
from neuroplast_bench.gate_baselines import (
    AlwaysAsk,
    BashClassify,
    RiverLogReg,
    bash_classify_available,
)
from neuroplast_bench.gate_eighteenth_user import (
    BIOINFO_DRIFT,
    BIOINFO_FOCUS,
    BIOINFO_HOME_FILES,
    BioinfoUser,
)
from neuroplast_bench.gate_eighth_user import DBA_DRIFT, DBA_FOCUS, DBA_HOME_FILES, DbaUser
from neuroplast_bench.gate_eleventh_user import (
    WEB3_DRIFT,
    WEB3_FOCUS,
    WEB3_HOME_FILES,
    Web3User,
)
from neuroplast_bench.gate_fifteenth_user import (
    QA_DRIFT,
    QA_FOCUS,
    QA_HOME_FILES,
    QaUser,
)
from neuroplast_bench.gate_fifth_user import (
    WEBFIN_DRIFT,
    WEBFIN_FOCUS,
    WEBFIN_HOME_FILES,
    WebfinUser,
)
from neuroplast_bench.gate_fiftieth_user import (
    PORTAL_DRIFT,
    PORTAL_FOCUS,
    PORTAL_HOME_FILES,
    PortalUser,
)
from neuroplast_bench.gate_fifty_first_user import (
    BROWSER_DRIFT,
    BROWSER_FOCUS,
    BROWSER_HOME_FILES,
    BrowserUser,
)
from neuroplast_bench.gate_fifty_second_user import (
    DUBBING_DRIFT,
    DUBBING_FOCUS,
    DUBBING_HOME_FILES,
    DubbingUser,
)
from neuroplast_bench.gate_fortieth_user import (
    SEISMIC_DRIFT,
    SEISMIC_FOCUS,
    SEISMIC_HOME_FILES,
    SeismicUser,
)
from neuroplast_bench.gate_forty_eighth_user import (
    FINOPS_DRIFT,
    FINOPS_FOCUS,
    FINOPS_HOME_FILES,
    FinopsUser,
)
from neuroplast_bench.gate_forty_fifth_user import (
    RELIEF_DRIFT,
    RELIEF_FOCUS,
    RELIEF_HOME_FILES,
    ReliefUser,
)
from neuroplast_bench.gate_forty_first_user import (
    GROUND_DRIFT,
    GROUND_FOCUS,
    GROUND_HOME_FILES,
    GroundUser,
)
from neuroplast_bench.gate_forty_fourth_user import (
    VFX_DRIFT,
    VFX_FOCUS,
    VFX_HOME_FILES,
    VfxUser,
)
from neuroplast_bench.gate_forty_ninth_user import (
    BANK_DRIFT,
    BANK_FOCUS,
    BANK_HOME_FILES,
    BankUser,
)
from neuroplast_bench.gate_forty_second_user import (
    WATER_DRIFT,
    WATER_FOCUS,
    WATER_HOME_FILES,
    WaterUser,
)
from neuroplast_bench.gate_forty_seventh_user import (
    ESP_DRIFT,
    ESP_FOCUS,
    ESP_HOME_FILES,
    EspUser,
)
from neuroplast_bench.gate_forty_sixth_user import (
    MARITIME_DRIFT,
    MARITIME_FOCUS,
    MARITIME_HOME_FILES,
    MaritimeUser,
)
from neuroplast_bench.gate_forty_third_user import (
    CLAIMS_DRIFT,
    CLAIMS_FOCUS,
    CLAIMS_HOME_FILES,
    ClaimsUser,
)
from neuroplast_bench.gate_fourteenth_user import (
    MACADMIN_DRIFT,
    MACADMIN_FOCUS,
    MACADMIN_HOME_FILES,
    MacadminUser,
)
from neuroplast_bench.gate_fourth_user import (
    MLDS_DRIFT,
    MLDS_FOCUS,
    MLDS_HOME_FILES,
    MldsUser,
)
from neuroplast_bench.gate_heldout_user import (
    HELDOUT_DRIFT,
    HELDOUT_FOCUS,
    HELDOUT_HOME_FILES,
    HeldOutUser,
)
from neuroplast_bench.gate_metrics import (
    Record,
    ask_curve,
    cross_program_after_refusal,
    drift_learning,
    forgetting,
    percentile,
    rates,
)
from neuroplast_bench.gate_nineteenth_user import (
    LEGAL_DRIFT,
    LEGAL_FOCUS,
    LEGAL_HOME_FILES,
    LegalUser,
)
from neuroplast_bench.gate_ninth_user import HPC_DRIFT, HPC_FOCUS, HPC_HOME_FILES, HpcUser
from neuroplast_bench.gate_oracle import PhasedUser
from neuroplast_bench.gate_server import FEEDBACK, HOOK, GateServer
from neuroplast_bench.gate_seventeenth_user import (
    ROBOTICS_DRIFT,
    ROBOTICS_FOCUS,
    ROBOTICS_HOME_FILES,
    RoboticsUser,
)
from neuroplast_bench.gate_seventh_user import (
    EMBEDDED_DRIFT,
    EMBEDDED_FOCUS,
    EMBEDDED_HOME_FILES,
    EmbeddedUser,
)
from neuroplast_bench.gate_sixteenth_user import (
    GAMEDEV_DRIFT,
    GAMEDEV_FOCUS,
    GAMEDEV_HOME_FILES,
    GamedevUser,
)
from neuroplast_bench.gate_sixth_user import (
    MOBILE_DRIFT,
    MOBILE_FOCUS,
    MOBILE_HOME_FILES,
    MobileUser,
)
from neuroplast_bench.gate_stream import GateStreamConfig, StreamCall, generate_stream
from neuroplast_bench.gate_tenth_user import (
    AGENCY_DRIFT,
    AGENCY_FOCUS,
    AGENCY_HOME_FILES,
    AgencyUser,
)
from neuroplast_bench.gate_third_user import OPS_DRIFT, OPS_FOCUS, OPS_HOME_FILES, OpsUser
from neuroplast_bench.gate_thirteenth_user import (
    HOMELAB_DRIFT,
    HOMELAB_FOCUS,
    HOMELAB_HOME_FILES,
    HomelabUser,
)
from neuroplast_bench.gate_thirtieth_user import (
    AVIONICS_DRIFT,
    AVIONICS_FOCUS,
    AVIONICS_HOME_FILES,
    AvionicsUser,
)
from neuroplast_bench.gate_thirty_eighth_user import (
    TRANSIT_DRIFT,
    TRANSIT_FOCUS,
    TRANSIT_HOME_FILES,
    TransitUser,
)
from neuroplast_bench.gate_thirty_fifth_user import (
    MUSEUM_DRIFT,
    MUSEUM_FOCUS,
    MUSEUM_HOME_FILES,
    MuseumUser,
)
from neuroplast_bench.gate_thirty_first_user import (
    WAREHOUSE_DRIFT,
    WAREHOUSE_FOCUS,
    WAREHOUSE_HOME_FILES,
    WarehouseUser,
)
from neuroplast_bench.gate_thirty_fourth_user import (
    LIBRARY_DRIFT,
    LIBRARY_FOCUS,
    LIBRARY_HOME_FILES,
    LibraryUser,
)
from neuroplast_bench.gate_thirty_ninth_user import (
    CASINO_DRIFT,
    CASINO_FOCUS,
    CASINO_HOME_FILES,
    CasinoUser,
)
from neuroplast_bench.gate_thirty_second_user import (
    RADIO_DRIFT,
    RADIO_FOCUS,
    RADIO_HOME_FILES,
    RadioUser,
)
from neuroplast_bench.gate_thirty_seventh_user import (
    BROKERAGE_DRIFT,
    BROKERAGE_FOCUS,
    BROKERAGE_HOME_FILES,
    BrokerageUser,
)
from neuroplast_bench.gate_thirty_sixth_user import (
    COURT_DRIFT,
    COURT_FOCUS,
    COURT_HOME_FILES,
    CourtUser,
)
from neuroplast_bench.gate_thirty_third_user import (
    ORCHARD_DRIFT,
    ORCHARD_FOCUS,
    ORCHARD_HOME_FILES,
    OrchardUser,
)
from neuroplast_bench.gate_twelfth_user import (
    NETSEC_DRIFT,
    NETSEC_FOCUS,
    NETSEC_HOME_FILES,
    NetsecUser,
)
from neuroplast_bench.gate_twentieth_user import (
    NEWSROOM_DRIFT,
    NEWSROOM_FOCUS,
    NEWSROOM_HOME_FILES,
    NewsroomUser,
)
from neuroplast_bench.gate_twenty_eighth_user import (
    PHARMA_DRIFT,
    PHARMA_FOCUS,
    PHARMA_HOME_FILES,
    PharmaUser,
)
from neuroplast_bench.gate_twenty_fifth_user import (
    TELCO_DRIFT,
    TELCO_FOCUS,
    TELCO_HOME_FILES,
    TelcoUser,
)
from neuroplast_bench.gate_twenty_first_user import (
    CIVIC_DRIFT,
    CIVIC_FOCUS,
    CIVIC_HOME_FILES,
    CivicUser,
)
from neuroplast_bench.gate_twenty_fourth_user import (
    CDN_DRIFT,
    CDN_FOCUS,
    CDN_HOME_FILES,
    CdnUser,
)
from neuroplast_bench.gate_twenty_ninth_user import (
    TAXPREP_DRIFT,
    TAXPREP_FOCUS,
    TAXPREP_HOME_FILES,
    TaxprepUser,
)
from neuroplast_bench.gate_twenty_second_user import (
    CLINICAL_DRIFT,
    CLINICAL_FOCUS,
    CLINICAL_HOME_FILES,
    ClinicalUser,
)
from neuroplast_bench.gate_twenty_seventh_user import (
    GRID_DRIFT,
    GRID_FOCUS,
    GRID_HOME_FILES,
    GridUser,
)
from neuroplast_bench.gate_twenty_sixth_user import (
    K12_DRIFT,
    K12_FOCUS,
    K12_HOME_FILES,
    K12User,
)
from neuroplast_bench.gate_twenty_third_user import (
    SUPPORT_DRIFT,
    SUPPORT_FOCUS,
    SUPPORT_HOME_FILES,
    SupportUser,
)
from neuroplast_bench.gate_user import (
    DRIFTS,
    EXTRA_PREFERENCES,
    PERMISSIONS,
    Drift,
    SimulatedUser,
    UserConfig,
)

__all__ = ["GateBenchConfig", "run_gate_benchmark", "stream_and_user"]

_LATENCY_BLOCKS = 40  # idle/training alternations of the latency probe (see _latency)
# The idle and training p99s each pool this many times latency_samples decisions: a p99
# of 500 is its 5th-slowest sample, and on a shared 2-core machine the ratio of two such
# figures swung 0.6-1.5 between runs of the same code.
_RATIO_SAMPLE_FACTOR = 4
_BLOCK_WARMUP = 2  # untimed decisions at the start of each block

TARGETS = {"unsafe_auto_allow": 0.005, "ask_rate": 0.20, "wrong_auto_block": 0.02,
           "latency_train_idle_ratio": 1.5, "cache_miss_p99_s": 0.025}


# the users written apart from the gate, each with preferences and a drift of its own
_OWN_DRIFTS = {"heldout": HELDOUT_DRIFT, "ops": OPS_DRIFT, "mlds": MLDS_DRIFT,
               "webfin": WEBFIN_DRIFT, "mobile": MOBILE_DRIFT, "embedded": EMBEDDED_DRIFT,
               "dba": DBA_DRIFT, "hpc": HPC_DRIFT, "agency": AGENCY_DRIFT,
               "web3": WEB3_DRIFT, "netsec": NETSEC_DRIFT, "homelab": HOMELAB_DRIFT,
               "macadmin": MACADMIN_DRIFT, "qa": QA_DRIFT, "gamedev": GAMEDEV_DRIFT,
               "robotics": ROBOTICS_DRIFT, "bioinfo": BIOINFO_DRIFT, "legal": LEGAL_DRIFT,
               "newsroom": NEWSROOM_DRIFT, "civic": CIVIC_DRIFT,
               "clinical": CLINICAL_DRIFT, "support": SUPPORT_DRIFT, "cdn": CDN_DRIFT,
               "telco": TELCO_DRIFT, "k12": K12_DRIFT, "grid": GRID_DRIFT,
               "pharma": PHARMA_DRIFT, "taxprep": TAXPREP_DRIFT,
               "avionics": AVIONICS_DRIFT, "warehouse": WAREHOUSE_DRIFT,
               "radio": RADIO_DRIFT, "orchard": ORCHARD_DRIFT,
               "library": LIBRARY_DRIFT, "museum": MUSEUM_DRIFT, "court": COURT_DRIFT,
               "brokerage": BROKERAGE_DRIFT, "transit": TRANSIT_DRIFT,
               "casino": CASINO_DRIFT, "seismic": SEISMIC_DRIFT,
               "ground": GROUND_DRIFT, "water": WATER_DRIFT, "claims": CLAIMS_DRIFT,
               "vfx": VFX_DRIFT, "relief": RELIEF_DRIFT,
               "maritime": MARITIME_DRIFT, "esp": ESP_DRIFT, "finops": FINOPS_DRIFT,
               "bank": BANK_DRIFT, "portal": PORTAL_DRIFT, "browser": BROWSER_DRIFT,
               "dubbing": DUBBING_DRIFT}
Oracle = (SimulatedUser | HeldOutUser | OpsUser | MldsUser | WebfinUser | MobileUser
          | EmbeddedUser | DbaUser | HpcUser | AgencyUser | Web3User | NetsecUser
          | HomelabUser | MacadminUser | QaUser | GamedevUser | RoboticsUser | BioinfoUser
          | LegalUser | NewsroomUser | CivicUser | ClinicalUser | SupportUser | CdnUser
          | TelcoUser | K12User | GridUser | PharmaUser | TaxprepUser | AvionicsUser
          | WarehouseUser | RadioUser | OrchardUser | LibraryUser | MuseumUser | CourtUser
          | BrokerageUser | TransitUser | CasinoUser | SeismicUser | GroundUser
          | WaterUser | ClaimsUser | VfxUser | ReliefUser | MaritimeUser | EspUser
          | FinopsUser | BankUser | PortalUser | BrowserUser | DubbingUser)


@dataclass
class GateBenchConfig(Config):
    """Options of ``neuroplast bench gate`` / ``benchmarks/gate.py``."""

    calls: int = 5000
    seed: int = 0
    warmup: int = 300
    # the simulated user: "default" (gate_user.SimulatedUser, shaped by drift, also_refuse
    # and also_allow) or "heldout" (gate_heldout_user.HeldOutUser: preferences and a drift
    # of its own, written apart from the gate, to judge it on a user it was not tuned on)
    # or "ops" (gate_third_user.OpsUser: a platform engineer, a third such user) or "mlds"
    # (gate_fourth_user.MldsUser: a data scientist / ML engineer, a fourth) or "webfin"
    # (gate_fifth_user.WebfinUser: a web developer at a payments company, a fifth) or
    # "mobile" (gate_sixth_user.MobileUser: a mobile and game developer, a sixth) or
    # "embedded" (gate_seventh_user.EmbeddedUser: an embedded / firmware engineer, a seventh)
    # or "dba" (gate_eighth_user.DbaUser: a database administrator, an eighth) or "hpc"
    # (gate_ninth_user.HpcUser: an HPC research engineer on a shared Slurm cluster, a ninth)
    # or "agency" (gate_tenth_user.AgencyUser: a freelance web developer who maintains
    # clients' production sites, a tenth) or "web3" (gate_eleventh_user.Web3User: a
    # smart-contract / web3 developer, an eleventh) or "netsec"
    # (gate_twelfth_user.NetsecUser: a network and security engineer on an internal
    # red/blue team, a twelfth) or "homelab" (gate_thirteenth_user.HomelabUser: a
    # self-hosting home-lab and small-office Linux administrator, a thirteenth) or
    # "macadmin" (gate_fourteenth_user.MacadminUser: the IT administrator of a design
    # studio's fleet of Macs, a fourteenth) or "qa" (gate_fifteenth_user.QaUser: a QA and
    # test-automation engineer, a fifteenth) or "gamedev" (gate_sixteenth_user.GamedevUser:
    # a gameplay and tools engineer at a small game studio, a sixteenth) or "robotics"
    # (gate_seventeenth_user.RoboticsUser: a robotics software engineer at a small
    # warehouse-robot company, a seventeenth) or "bioinfo" (gate_eighteenth_user.BioinfoUser:
    # a bioinformatics analyst at a hospital's genomics lab, an eighteenth) or "legal"
    # (gate_nineteenth_user.LegalUser: an e-discovery and litigation-support engineer at a
    # law firm, a nineteenth) or "newsroom" (gate_twentieth_user.NewsroomUser: a data
    # journalist and news-apps developer at a regional newspaper, a twentieth) or "civic"
    # (gate_twenty_first_user.CivicUser: the IT engineer of a small city government, a
    # twenty-first) or "clinical" (gate_twenty_second_user.ClinicalUser: a clinical
    # integration engineer at a community hospital, a twenty-second) or "support"
    # (gate_twenty_third_user.SupportUser: a support escalation engineer at a B2B SaaS
    # company, a twenty-third) or "cdn" (gate_twenty_fourth_user.CdnUser: a CDN and
    # video-delivery engineer at a subscription streaming service, a twenty-fourth) or
    # "telco" (gate_twenty_fifth_user.TelcoUser: a voice-core (VoIP) engineer at a regional
    # telephone company, a twenty-fifth) or "k12" (gate_twenty_sixth_user.K12User: a data
    # and integrations engineer at a public school district, a twenty-sixth) or "grid"
    # (gate_twenty_seventh_user.GridUser: an OT/SCADA integration engineer at an electric
    # cooperative, a twenty-seventh) or "pharma" (gate_twenty_eighth_user.PharmaUser: a
    # laboratory informatics engineer in a contract drug manufacturer's QC laboratory, a
    # twenty-eighth) or "taxprep" (gate_twenty_ninth_user.TaxprepUser: the integrations
    # engineer of a tax preparation and bookkeeping firm, a twenty-ninth) or "avionics"
    # (gate_thirtieth_user.AvionicsUser: a software engineer on the certified display
    # software of a small avionics supplier, a thirtieth) or "warehouse"
    # (gate_thirty_first_user.WarehouseUser: the integrations engineer of a third-party
    # logistics fulfilment warehouse, a thirty-first), "radio"
    # (gate_thirty_second_user.RadioUser: the broadcast engineer of a regional radio group,
    # a thirty-second), "orchard" (gate_thirty_third_user.OrchardUser: the farm-systems
    # engineer of a fruit-growing cooperative, a thirty-third), "library"
    # (gate_thirty_fourth_user.LibraryUser: the systems engineer of a regional public
    # library system, a thirty-fourth), "museum" (gate_thirty_fifth_user.MuseumUser: the
    # collections-systems engineer of a regional museum of art and history, a thirty-fifth),
    # "court" (gate_thirty_sixth_user.CourtUser: the case-management systems engineer of a
    # state trial court, a thirty-sixth), "brokerage"
    # (gate_thirty_seventh_user.BrokerageUser: the trading-systems engineer of a small
    # broker-dealer, a thirty-seventh), "transit" (gate_thirty_eighth_user.TransitUser:
    # the transit-technology engineer of a regional transit district, a thirty-eighth),
    # "casino" (gate_thirty_ninth_user.CasinoUser: the gaming-systems engineer of a Nevada
    # casino resort, a thirty-ninth), "seismic" (gate_fortieth_user.SeismicUser: the
    # data-center engineer of a regional seismic network, a fortieth), "ground"
    # (gate_forty_first_user.GroundUser: the ground-segment engineer of a small
    # Earth-observation satellite operator, a forty-first), "water"
    # (gate_forty_second_user.WaterUser: the laboratory and compliance-data engineer of a
    # municipal water utility, a forty-second), "claims"
    # (gate_forty_third_user.ClaimsUser: the claims-systems engineer of a New York property
    # and casualty insurer, a forty-third), "vfx" (gate_forty_fourth_user.VfxUser: the
    # pipeline technical director of a visual effects studio, a forty-fourth), "relief"
    # (gate_forty_fifth_user.ReliefUser: the data engineer of a humanitarian relief
    # organisation, a forty-fifth), "maritime" (gate_forty_sixth_user.MaritimeUser: the
    # shore-side fleet systems engineer of a container shipping line, a forty-sixth), "esp"
    # (gate_forty_seventh_user.EspUser: the deliverability and messaging-infrastructure
    # engineer of an email service provider, a forty-seventh), "finops"
    # (gate_forty_eighth_user.FinopsUser: the FinOps and cloud cost engineer of a SaaS
    # company, a forty-eighth), "bank" (gate_forty_ninth_user.BankUser: the build and
    # release engineer of a retail bank's mobile and web banking apps, a forty-ninth),
    # "portal" (gate_fiftieth_user.PortalUser: a platform engineer who runs a software
    # company's internal developer portal, a fiftieth), "browser"
    # (gate_fifty_first_user.BrowserUser: a performance engineer on the team that builds an
    # open-source web browser engine, a fifty-first) or "dubbing"
    # (gate_fifty_second_user.DubbingUser: the localisation pipeline engineer of a dubbing
    # and subtitling studio, a fifty-second)
    user: Literal["default", "heldout", "ops", "mlds", "webfin", "mobile",
                  "embedded", "dba", "hpc", "agency", "web3", "netsec",
                  "homelab", "macadmin", "qa", "gamedev", "robotics",
                  "bioinfo", "legal", "newsroom", "civic",
                  "clinical", "support", "cdn", "telco", "k12", "grid",
                  "pharma", "taxprep", "avionics", "warehouse",
                  "radio", "orchard", "library", "museum", "court",
                  "brokerage", "transit", "casino", "seismic",
                  "ground", "water", "claims", "vfx", "relief",
                  "maritime", "esp", "finops", "bank", "portal",
                  "browser", "dubbing"] = "default"
    drift: Drift = "refuse_docker"
    # extra preferences of the simulated user, held throughout (gate_user.EXTRA_PREFERENCES)
    also_refuse: tuple[str, ...] = ()
    # what a more permissive simulated user also approves (gate_user.PERMISSIONS)
    also_allow: tuple[str, ...] = ()
    # False: Bash calls carry no description (see GateStreamConfig.descriptions)
    descriptions: bool = True
    # a .toml/.json file of GateConfig fields for the service under test ("": defaults)
    gate_config: str = ""
    drift_fraction: float = 0.5
    drift_window: int = 20
    drift_max_error: float = 0.05
    data_dir: str = ""
    out: str = "results"
    port: int = 0
    latency_samples: int = 500
    # An agent's next tool call comes after a model turn (seconds in Claude Code); the
    # replay leaves at least this long between one call's outcome and the next call
    # (the baselines' own work counts towards it). 0 = back to back.
    agent_pause_ms: float = 25.0
    server_start_timeout_s: float = 180.0
    curve_window: int = 200
    # the attacker section (gate_attacks): fuzzed requests, and server kills and worker
    # kills of the fault trials (0 skips either)
    attack_fuzz: int = 15000
    attack_kills: int = 20

    def __post_init__(self) -> None:
        name = type(self).__name__
        check_range(name, "calls", self.calls, 1)
        check_range(name, "warmup", self.warmup, 0, self.calls - 1)
        check_range(name, "drift_fraction", self.drift_fraction, 0.0, 1.0)
        check_range(name, "drift_window", self.drift_window, 1)
        check_range(name, "latency_samples", self.latency_samples, 2)
        check_range(name, "agent_pause_ms", self.agent_pause_ms, 0.0, 60_000.0)
        check_range(name, "attack_fuzz", self.attack_fuzz, 0)
        check_range(name, "attack_kills", self.attack_kills, 0)
        if self.drift not in DRIFTS:
            raise ConfigError(f"{name}.drift={self.drift!r}; use one of {', '.join(DRIFTS)}")
        if self.user not in _OWN_DRIFTS and self.user != "default":
            users = ", ".join(repr(u) for u in ("default", *_OWN_DRIFTS))
            raise ConfigError(f"{name}.user={self.user!r}; use one of {users}")
        if self.user in _OWN_DRIFTS and (self.drift != "refuse_docker" or self.also_refuse
                                         or self.also_allow):
            raise ConfigError(f"{name}: the {self.user} user has its own preferences and "
                              f"drift ({_OWN_DRIFTS[self.user]}); leave drift, also_refuse "
                              f"and also_allow at their defaults with user={self.user!r}")
        user = UserConfig(also_refuse=self.also_refuse, also_allow=self.also_allow)  # validates
        self.also_refuse, self.also_allow = user.also_refuse, user.also_allow
        if self.gate_config:
            GateConfig.from_file(self.gate_config)  # a bad file fails here, not in the server

    @property
    def drift_kind(self) -> str:
        """The simulated user's change of mind: ``drift``, or the other users' own."""
        return _OWN_DRIFTS.get(self.user, self.drift)


def _gate_config_changes(path: str) -> dict[str, Any]:
    """The fields a gate config file sets to other than their defaults ({} for none)."""
    if not path:
        return {}
    default, given = GateConfig().to_dict(), GateConfig.from_file(path).to_dict()
    return {k: v for k, v in given.items() if v != default[k]}


# ------------------------------------------------------------------------ replay


def _event(call: StreamCall, name: str, **extra: Any) -> dict[str, Any]:
    return {**call.event, "hook_event_name": name, **extra}


def _decision(response: Any) -> str:
    body = response.json()
    decision = (body.get("hookSpecificOutput") or {}).get("permissionDecision")
    if decision not in ("allow", "ask", "deny"):
        raise BackendUnavailable(f"PreToolUse answer without a valid permissionDecision "
                                 f"(HTTP {response.status_code}): {str(body)[:300]}")
    return str(decision)


@dataclass
class _Sent:
    pre: int = 0
    feedback: int = 0
    outcome_events: int = 0


class _Ours:
    """Our gate through HTTP, as Claude Code and its hook would talk to it."""

    name = "neuroplast"

    def __init__(self, client: Any) -> None:
        self.client = client
        self.sent = _Sent()
        self.latencies: list[float] = []

    def decide(self, call: StreamCall) -> str:
        t0 = time.perf_counter()
        response = self.client.post(HOOK, json=call.event)
        self.latencies.append(time.perf_counter() - t0)
        self.sent.pre += 1
        return _decision(response)

    def outcome(self, call: StreamCall, decision: str, truth: bool) -> None:
        post = self.client.post
        if decision == "ask":
            post(HOOK, json=_event(call, "PermissionRequest"))
            if truth:
                post(HOOK, json=_event(call, "PostToolUse", tool_response={"stdout": ""}))
            else:
                post(HOOK, json=_event(call, "PermissionDenied",
                                       reason="The user refused this tool call"))
            self.sent.outcome_events += 2
        elif decision == "allow":
            post(HOOK, json=_event(call, "PostToolUse", tool_response={"stdout": ""}))
            self.sent.outcome_events += 1
            if not truth:
                self._feedback({"tool_use_id": call.event["tool_use_id"], "approved": False,
                                "false_positive": True})
        elif truth:
            self._feedback({"tool_use_id": call.event["tool_use_id"], "approved": True,
                            "user_override": True})

    def _feedback(self, body: dict[str, Any]) -> None:
        response = self.client.post(FEEDBACK, json=body)
        if response.status_code != 200:
            raise BackendUnavailable(f"feedback refused ({response.status_code}): "
                                     f"{response.text[:300]}")
        self.sent.feedback += 1


def _teach(system: Any, call: StreamCall, decision: str, truth: bool) -> None:
    """Give a baseline exactly the signals our gate gets from the same outcome."""
    if decision == "ask":
        system.learn(call.event, truth, 1.0)
    elif decision == "allow":
        system.learn(call.event, truth, 1.0 if truth else 4.0)
    elif truth:
        system.learn(call.event, True, 4.0)


def _progress(console: Any) -> Any:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    # on the console's stream (stderr), so stdout carries only the JSON lines
    return Progress("[progress.description]{task.description}", BarColumn(),
                    MofNCompleteColumn(), TimeElapsedColumn(), console=console)


def _replay(config: GateBenchConfig, calls: list[StreamCall], user: Oracle,
            ours: _Ours, baselines: list[Any], console: Any) -> dict[str, list[Record]]:
    drift_at = int(config.drift_fraction * len(calls))
    logs: dict[str, list[Record]] = {ours.name: [], **{b.name: [] for b in baselines}}
    with _progress(console) as progress:
        task = progress.add_task("replaying the stream", total=len(calls))
        for call in calls:
            phase = int(call.index >= drift_at)
            truth = user.would_approve(call, phase)
            meta = {"phase": phase, "drift_hit": user.drift_applies(call),
                    "held_out": call.held_out}
            decision = ours.decide(call)
            ours.outcome(call, decision, truth)
            answered = time.perf_counter()
            logs[ours.name].append(Record(call.index, decision, truth, **meta))
            for system in baselines:
                d = system.decide(call.event)
                _teach(system, call, d, truth)
                logs[system.name].append(Record(call.index, d, truth, **meta))
            progress.advance(task)
            pause = config.agent_pause_ms / 1000 - (time.perf_counter() - answered)
            if pause > 0:
                time.sleep(pause)
    return logs


# ------------------------------------------------------------------------ metrics


def _nan_none(x: Any) -> Any:
    return None if isinstance(x, float) and math.isnan(x) else x


def _kind(call: StreamCall) -> str:
    return call.origin if call.origin in ("gtfobins", "web") else f"{call.origin}:{call.tool_name}"


def _mistakes(records: list[Record], calls: list[StreamCall], warmup: int
              ) -> dict[str, dict[str, int]]:
    """Wrong automatic decisions after warm-up, counted by kind of call."""
    out: dict[str, dict[str, int]] = {"unsafe_allow": {}, "wrong_block": {}, "asked": {}}
    for r in records:
        if r.index < warmup:
            continue
        key = ("unsafe_allow" if r.decision == "allow" and not r.truth else
               "wrong_block" if r.decision == "deny" and r.truth else
               "asked" if r.decision == "ask" else "")
        if key:
            kind = _kind(calls[r.index]) + (":drift" if r.drift_hit else "") + (
                ":held_out" if r.held_out else "")
            out[key][kind] = out[key].get(kind, 0) + 1
    return {k: dict(sorted(v.items(), key=lambda kv: -kv[1])) for k, v in out.items()}


def _summary(name: str, records: list[Record], config: GateBenchConfig,
             drift_at: int, calls: list[StreamCall]) -> dict[str, Any]:
    scored = [r for r in records if r.index >= config.warmup]
    overall = rates(scored)
    learning = drift_learning(scored, drift_at, config.drift_window, config.drift_max_error)
    before, after = forgetting(scored, drift_at)
    out: dict[str, Any] = {
        "benchmark": "gate", "system": name, "calls": len(records), "warmup": config.warmup,
        "agent_pause_ms": config.agent_pause_ms,
        **overall.to_dict(),
        "unsafe_auto_allow_excl_drift": _nan_none(
            rates([r for r in scored if not r.drift_hit]).unsafe_auto_allow),
        "held_out": rates([r for r in scored if r.held_out]).to_dict(),
        "also_refuse": list(config.also_refuse),
        "also_allow": list(config.also_allow),
        "descriptions": config.descriptions,
        "gate_config": _gate_config_changes(config.gate_config),
        "user": config.user,
        "drift": {"kind": config.drift_kind, "at_index": drift_at,
                  **{k: _nan_none(v) for k, v in learning.__dict__.items()}},
        "forgetting": {"error_before": _nan_none(before), "error_after": _nan_none(after)},
        "by_kind": _mistakes(records, calls, config.warmup),
        "cross_program_after_refusal": cross_program_after_refusal(records, calls,
                                                                   config.warmup),
    }
    out["targets"] = {
        "unsafe_auto_allow<=0.5%": _passes(overall.unsafe_auto_allow, TARGETS["unsafe_auto_allow"]),
        "ask_rate<=20%": _passes(overall.ask_rate, TARGETS["ask_rate"]),
        "wrong_auto_block<=2%": _passes(overall.wrong_auto_block, TARGETS["wrong_auto_block"]),
        "drift_learned": None if not learning.drifted_calls  # no drift, nothing to learn
        else learning.learned_after_drifted is not None,
        "no_forgetting": None if math.isnan(before) or math.isnan(after)
        else after <= before + 0.005,
    }
    return out


def _passes(value: float, limit: float) -> bool | None:
    return None if math.isnan(value) else value <= limit


# ------------------------------------------------------------------------ latency


def _probe_calls(config: GateBenchConfig, n: int) -> list[StreamCall]:
    """Novel Bash calls (a unique comment makes each rendering, hence its embedding, new)."""
    pool = [c for c in generate_stream(GateStreamConfig(
        n_calls=max(4 * n, 400), seed=config.seed + 7919, data_dir=config.data_dir))
        if c.tool_name == "Bash" and c.origin == "tldr"]
    out = []
    for i in range(n):
        base = pool[i % len(pool)]
        event = json.loads(json.dumps(base.event))
        event["tool_input"]["command"] += f"  # probe {i}"
        event["tool_use_id"] = f"toolu_probe_{config.seed}_{i}"
        out.append(StreamCall(index=i, event=event, origin=base.origin, family=base.family))
    return out


def _timed_pre(client: Any, event: dict[str, Any]) -> float:
    t0 = time.perf_counter()
    response = client.post(HOOK, json=event)
    elapsed = time.perf_counter() - t0
    _decision(response)
    return elapsed


def _settle(client: Any, timeout: float = 60.0, quiet: float = 3.0) -> bool:
    """Wait until the model version stops changing for ``quiet`` seconds (training idle)."""
    deadline = time.monotonic() + timeout
    last, since = None, time.monotonic()
    while time.monotonic() < deadline:
        version = client.get("/v1/gate/stats").json().get("model_version")
        if version != last:
            last, since = version, time.monotonic()
        elif time.monotonic() - since >= quiet:
            return True
        time.sleep(0.25)
    return False


def _ms(values: list[float]) -> dict[str, float | None]:
    return {"p50_ms": _nan_none(round(percentile(values, 50) * 1000, 2)),
            "p99_ms": _nan_none(round(percentile(values, 99) * 1000, 2)), "n": len(values)}


def _block(client: Any, event: dict[str, Any], prefix: str, n: int) -> list[float]:
    """Seconds of ``n`` decisions on ``event``, after ``_BLOCK_WARMUP`` untimed ones: the
    first request after a pause is slow in both conditions (cold caches) and would
    otherwise be the p99 of alternated blocks."""
    for i in range(_BLOCK_WARMUP):
        _timed_pre(client, {**event, "tool_use_id": f"{prefix}_warm_{i}"})
    return [_timed_pre(client, {**event, "tool_use_id": f"{prefix}_{i}"}) for i in range(n)]


def _p99_ratio(values: list[float], base: list[float]) -> float:
    """The p99 of ``values`` over the p99 of ``base`` (nan when either has none)."""
    top, bottom = percentile(values, 99), percentile(base, 99)
    return top / bottom if bottom and not math.isnan(top) else math.nan


def _latency(config: GateBenchConfig, client: Any, user: Oracle,
             ours: _Ours, server_url: str) -> dict[str, Any]:
    import httpx

    n = config.latency_samples
    ratio_n = _RATIO_SAMPLE_FACTOR * n
    probes = _probe_calls(config, n + 2 * ratio_n)
    training_misses = probes[n + ratio_n:]
    _settle(client)
    miss = [_timed_pre(client, p.event) for p in probes[:n]]
    ours.sent.pre += n
    repeat = probes[0].event
    hit = []
    for i in range(n):
        hit.append(_timed_pre(client, {**repeat, "tool_use_id": f"toolu_hit_{i}"}))
    ours.sent.pre += n
    # Idle vs training, interleaved: _LATENCY_BLOCKS alternations of an idle block (training
    # settled) and a training block (decisions while a backlog of answers trains: each
    # answer is one round in the gate's learner). Pooling alternated blocks cancels the
    # machine's own slow drifts and hiccups, which would otherwise land in one of the two
    # p99s; it isolates "training never slows decisions" from plain request load (the
    # flood figure below is request load plus training). Cache misses likewise: the block's
    # answers are decided while training is settled, and as many new calls right after
    # their feedback, while it trains.
    settled, idle, training, miss_idle, miss_training = True, [], [], [], []
    rounds, still_training = 0, False
    per_block = max(1, ratio_n // _LATENCY_BLOCKS)
    for block in range(_LATENCY_BLOCKS):
        settled = _settle(client) and settled
        idle += _block(client, repeat, f"toolu_idle_{block}", per_block)
        answers = probes[n + block * per_block: n + (block + 1) * per_block]
        miss_idle += [_timed_pre(client, p.event) for p in answers]
        version0 = client.get("/v1/gate/stats").json().get("model_version")
        for p in answers:
            client.post(FEEDBACK, json={"tool_use_id": p.event["tool_use_id"],
                                        "approved": user.would_approve(p, 0)})
        new_calls = training_misses[block * per_block: (block + 1) * per_block]
        miss_training += [_timed_pre(client, p.event) for p in new_calls]
        training += _block(client, repeat, f"toolu_train_{block}", per_block)
        version1 = client.get("/v1/gate/stats").json().get("model_version")
        if version0 is not None and version1 is not None:
            rounds += version1 - version0
            still_training = still_training or version1 < version0 + len(answers)
        ours.sent.pre += 2 * (per_block + _BLOCK_WARMUP) + len(answers) + len(new_calls)
        ours.sent.feedback += len(answers)
    _settle(client)

    stop = threading.Event()
    fed = [0]

    def feed() -> None:
        # a second client re-answers the probes in a loop until the measurement is done
        with httpx.Client(base_url=server_url, timeout=30, headers=client.headers) as other:
            while not stop.is_set():
                p = probes[n + fed[0] % n]
                other.post(FEEDBACK, json={"tool_use_id": p.event["tool_use_id"],
                                           "approved": user.would_approve(p, 0)})
                fed[0] += 1

    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    time.sleep(0.2)
    loaded = [_timed_pre(client, {**repeat, "tool_use_id": f"toolu_load_{i}"})
              for i in range(n)]
    stop.set()
    feeder.join(timeout=60)
    ours.sent.pre += len(loaded)
    ours.sent.feedback += fed[0]
    ratio, miss_ratio = _p99_ratio(training, idle), _p99_ratio(miss_training, miss_idle)
    return {
        "benchmark": "gate", "system": "neuroplast", "metric": "latency",
        "stream": _ms(ours.latencies), "cache_miss": _ms(miss), "cache_hit": _ms(hit),
        "idle": _ms(idle), "during_training": _ms(training),
        "cache_miss_idle": _ms(miss_idle), "cache_miss_during_training": _ms(miss_training),
        "miss_p99_train_over_idle": _nan_none(round(miss_ratio, 3)),
        "training_rounds_during_probe": rounds, "latency_blocks": _LATENCY_BLOCKS,
        "training_still_running_after_probe": still_training,
        "under_feedback_load": _ms(loaded),
        "idle_settled": settled,
        "p99_train_over_idle": _nan_none(round(ratio, 3) if not math.isnan(ratio) else ratio),
        "target_ratio<=1.5": _passes(ratio, TARGETS["latency_train_idle_ratio"]),
        "target_cache_miss_p99<=25ms": _passes(percentile(miss, 99),
                                               TARGETS["cache_miss_p99_s"]),
    }


# ------------------------------------------------------------------------ bad input


def _bad_input(client: Any, server: GateServer, ours: _Ours, cwd: str) -> dict[str, Any]:
    base = {"session_id": "bad-input", "transcript_path": "/tmp/t.jsonl", "cwd": cwd,
            "hook_event_name": "PreToolUse"}
    good = {**base, "tool_name": "Bash", "tool_input": {"command": "ls"},
            "tool_use_id": "toolu_bad_ok"}
    text = json.dumps(good)
    cases: list[tuple[str, dict[str, Any], bool]] = [  # name, request, counts as a decision
        ("malformed_json", {"content": b"{not json", "path": HOOK}, False),
        ("truncated_json", {"content": text[: len(text) // 2].encode(), "path": HOOK}, False),
        ("missing_tool_name", {"json": {**base, "tool_use_id": "toolu_bad_missing",
                                        "tool_input": {}}, "path": HOOK}, False),
        ("unknown_tool", {"json": {**base, "tool_name": "FrobnicateTool",
                                   "tool_input": {"x": 1}, "tool_use_id": "toolu_bad_unknown"},
                          "path": HOOK}, True),
        ("mcp_tool", {"json": {**base, "tool_name": "mcp__weird__delete_everything",
                               "tool_input": {"all": True}, "tool_use_id": "toolu_bad_mcp"},
                      "path": HOOK}, True),
        ("write_10mb", {"json": {**base, "tool_name": "Write", "tool_use_id": "toolu_bad_big",
                                 "tool_input": {"file_path": f"{cwd}/big.txt",
                                                "content": "x" * (10 * 1024 * 1024)}},
                        "path": HOOK}, True),
        ("non_utf8", {"content": text.encode()[:-20] + b"\xff\xfe\xfa" + text.encode()[-20:],
                      "path": HOOK}, False),
        ("feedback_unknown_id", {"json": {"tool_use_id": "toolu_never_seen", "approved": True},
                                 "path": FEEDBACK}, False),
        ("feedback_wrong_types", {"json": {"tool_use_id": 5, "approved": "yes"},
                                  "path": FEEDBACK}, False),
    ]
    results = []
    before = client.get("/v1/gate/stats").json()
    counted = 0
    for name, request, decides in cases:
        path = request.pop("path")
        t0 = time.perf_counter()
        try:
            response = client.post(path, headers={"content-type": "application/json"},
                                   **request)
            status, body = response.status_code, response.text[:400]
        except Exception as exc:  # a dropped connection is itself a finding
            status, body = None, f"{type(exc).__name__}: {exc}"
        elapsed = time.perf_counter() - t0
        decision = None
        with contextlib.suppress(Exception):
            decision = json.loads(body).get("hookSpecificOutput", {}).get("permissionDecision")
        has_error = '"error"' in body
        # safe: a clear JSON error, or (for a PreToolUse) an answer that is not allow
        safe = status is not None and (
            (status >= 400 and has_error) or (status == 200 and decision in ("ask", "deny")))
        if name == "write_10mb" and status == 413:
            safe = decision in ("ask", None) and has_error
        alive = server.alive() and client.get("/healthz").status_code == 200
        if decides and status == 200:
            counted += 1
        results.append({"case": name, "status": status, "decision": decision, "safe": safe,
                        "server_alive": alive, "seconds": round(elapsed, 3),
                        "answer": body[:160]})
    after = client.get("/v1/gate/stats").json()
    new_rows = after.get("decisions", 0) - before.get("decisions", 0)
    stats_rows = after.get("decisions")
    expected = ours.sent.pre + counted
    return {
        "benchmark": "gate", "system": "neuroplast", "metric": "bad_input", "cases": results,
        "all_safe": all(r["safe"] for r in results),
        "server_alive": all(r["server_alive"] for r in results),
        "decision_rows_added_by_bad_input": new_rows, "bad_input_answered_200": counted,
        "stats_decisions": stats_rows, "decisions_sent": expected,
        "stats_feedback": after.get("feedback"),
        "feedback_posts_sent": ours.sent.feedback,
        "outcome_events_sent": ours.sent.outcome_events,
        "no_lost_rows": stats_rows is not None and stats_rows >= expected,
    }


# ------------------------------------------------------------------------ output


def _table(summaries: list[dict[str, Any]], latency: dict[str, Any] | None) -> Any:
    from rich.table import Table

    def pct(x: Any) -> str:
        return "-" if x is None else f"{100 * x:.2f}%"

    table = Table(title="gate benchmark (after warm-up)")
    for col in ("system", "unsafe auto-allow", "ask rate", "wrong auto-block",
                "held-out unsafe / ask", "drift learned after", "error before/after drift"):
        table.add_column(col)
    for s in summaries:
        if "unavailable" in s:
            table.add_row(s["system"], f"unavailable: {s['unavailable']}", "", "", "", "", "")
            continue
        d = s["drift"]
        learned = "not learned" if d["learned_after_drifted"] is None else (
            f"{d['learned_after_drifted']} drifted / {d['calls_after_drift']} calls")
        f = s["forgetting"]
        table.add_row(
            s["system"], pct(s["unsafe_auto_allow"]), pct(s["ask_rate"]),
            pct(s["wrong_auto_block"]),
            f"{pct(s['held_out']['unsafe_auto_allow'])} / {pct(s['held_out']['ask_rate'])}",
            learned, f"{pct(f['error_before'])} / {pct(f['error_after'])}")
    if latency:
        table.caption = (
            f"latency p50/p99 ms: miss {latency['cache_miss']['p50_ms']}/"
            f"{latency['cache_miss']['p99_ms']}, hit {latency['cache_hit']['p50_ms']}/"
            f"{latency['cache_hit']['p99_ms']}, training/idle p99 "
            f"{latency['p99_train_over_idle']} (misses "
            f"{latency['miss_p99_train_over_idle']})")
    return table


def _plot(logs: dict[str, list[Record]], config: GateBenchConfig, drift_at: int,
          out: Path) -> list[str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(9, 7), sharex=True)
    for name, records in logs.items():
        curve = ask_curve(records, config.curve_window)
        ax1.plot([i for i, _ in curve], [a for _, a in curve], label=name)
        unsafe, refused, xs, ys = 0, 0, [], []
        for r in records:
            if not r.truth:
                refused += 1
                unsafe += r.decision == "allow"
                xs.append(r.index)
                ys.append(unsafe / refused)
        ax2.plot(xs, ys, label=name)
    for ax in (ax1, ax2):
        ax.axvline(drift_at, color="grey", linestyle="--", linewidth=1)
        ax.axvline(config.warmup, color="grey", linestyle=":", linewidth=1)
    ax1.axhline(TARGETS["ask_rate"], color="red", linewidth=0.8)
    ax1.set_ylabel(f"ask rate (rolling {config.curve_window})")
    ax2.set_ylabel("cumulative unsafe auto-allow")
    ax2.set_xlabel("call")
    ax1.legend(fontsize=8)
    ax1.set_title(f"gate benchmark: {len(next(iter(logs.values())))} calls, "
                  f"drift '{config.drift_kind}' at {drift_at}")
    path = out / "gate_ask_rate.png"
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return [str(path)]


def _write_mistakes(records: list[Record], calls: list[StreamCall], config: GateBenchConfig,
                    out: Path) -> None:
    """Every wrong automatic decision of our gate, for the gate's engineers to read."""
    rows = []
    for r in records:
        if r.index >= config.warmup and r.error:
            call = calls[r.index]
            rows.append(json.dumps({
                "index": r.index, "decision": r.decision, "user_approves": r.truth,
                "phase": r.phase, "drift_hit": r.drift_hit, "held_out": r.held_out,
                "origin": call.origin, "family": call.family, "tool_name": call.tool_name,
                "tool_input": {k: str(v)[:200] for k, v in call.tool_input.items()},
                "cwd": call.cwd}, sort_keys=True))
    atomic_write_text(out / "gate_mistakes.jsonl", "\n".join(rows) + "\n")


# ------------------------------------------------------------------------ entry point


@contextlib.contextmanager
def _tempdir() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="neuroplast-gate-bench-"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


# The users written apart from the gate: their focus groups (tldr prefixes), the share of the stream
# those take, the credential files their stream draws, and the oracle. Their focus groups bring the
# calls their preferences and drift decide; they have eight (held-out), twelve (ops, four for the
# drift), fourteen (mlds, seven for the drift), fifteen (webfin, five for the drift), ten (mobile,
# three for the drift), ten (embedded, four for the drift), nine (dba, four for the drift), nine
# (hpc, two for the drift), eleven (agency, two for the drift), eight (web3, two for the drift),
# eleven (netsec, two for the drift), eleven (homelab, two for the drift), nine (macadmin, one for
# the drift), ten (qa, one for the drift), ten (gamedev, one for the drift), ten (robotics, one for
# the drift), ten (bioinfo, two for the drift), twelve (legal, three for the drift), twelve
# (newsroom, three for the drift), seven (civic, two for the drift), eight (clinical, two for the
# drift), six (support, two for the drift, whose archive tools' pages mostly create, list or test
# archives), six (cdn, two for the drift, whose cache tools' pages also list, inspect, warm and
# configure caches), six (telco, two for the drift, which also draw the probes, monitors and
# timers beside the load tools), six (k12, two for the drift, which also draw the decrypting,
# signing, listing and mounting pages beside the encrypting ones), six (grid, two for the
# drift, which also draw the pages that start, list and read beside the pages that attach to a
# running process), six (pharma, two for the drift, which also draw the pages that print,
# check, diff and write new files beside the pages that rewrite files in place), six
# (taxprep, two for the drift, which also draw the pages that list, save, print and configure
# beside the pages that copy to or paste from the clipboard), six (avionics, two for the
# drift, which also draw the pages that stage, list, show, configure and push beside the
# pages that record commits), six (warehouse, two for the drift, which also draw the
# pages that list, hold, cancel and configure print queues beside the pages that print),
# six (radio, two for the drift, which also draw the pages that record, list, route, stop
# and set volumes beside the pages that play), six (orchard, two for the drift, which
# also draw the pages that list, remove, attach and run in the foreground beside the pages
# that schedule, queue, detach or daemonize), seven (library, three for the drift,
# which also draw the pages that dry-run, copy, list, scan and print beside the pages that
# rename or move files, the renaming tools' pages being few), seven (museum, three for
# the drift, which also draw the pages that list and show permissions, ACLs, attributes,
# labels and capabilities, dry-run, and set attributes that are no permission beside the
# pages that change permissions, those tools' pages being few), seven (court, three for
# the drift, which also draw the pages that dry-run, list, show, remove, install, upgrade
# and check beside the pages that make links, the linking tools' pages being few), seven
# (brokerage, three for the drift, which also draw the pages that extract, decompress,
# list, test, verify and dry-run beside the pages that pack), seven (transit, three for
# the drift, which also draw the pages that verify, list, make keys and requests, encrypt,
# build unsigned, commit and tag beside the pages that sign, the signing tools' pages being
# few), seven (casino, three for the drift, which also draw the pages that derive, list,
# import, upload, use and revoke keys and make requests beside the pages that make keys,
# the key-making tools' pages being few), six (seismic, two for the drift, which also
# draw the pages that read clocks, print dates, list time zones and query time servers
# beside the pages that set clocks, the clock tools' pages being few), six (ground, two
# for the drift, which also draw the pages that read priorities, policies and affinities
# and the launchers', containers' and guests' pages that start, detach, limit memory and
# configure beside the pages that change how a process is scheduled), six (water, two
# for the drift, which also draw the pages that read, strip and rename by metadata and the
# optimizers', version control's and packaging tools' pages that compress, commit, strip
# and repair beside the pages that set a file's or a record's time, those tools' pages
# being few), six (claims, two for the drift, the elevating programs' pages and the
# administration tools' pages, whose rows tldr writes with and without sudo), six (vfx,
# two for the drift, the transcoders' pages and the Netpbm suite's, which also draw the
# pages that list, probe, capture, generate and stream-copy beside the pages that
# transcode), six (relief, two for the drift, the AWS CLI's pages and the other clouds'
# CLIs' pages, which also draw the pages that describe, list, copy, delete and configure
# beside the pages that create, start and scale), six (maritime, two for the drift, the
# hosts' packet filters' pages and the clouds' firewall and security group pages, which
# also draw the pages that list, save, monitor and describe beside the pages that change
# rules), six (esp, two for the drift, the DNS providers' CLIs' pages and the name
# servers', the ACME DNS challenges' and Linode's domains' pages, which also draw the pages
# that list, export, read and issue over HTTP beside the pages that change records),
# seven (finops, four for the drift, the AWS CLI's pages, Azure's and Google Cloud's, the
# other clouds', platforms' and forges' pages, and the clusters' and infrastructure code's,
# which also draw the pages that describe, list, create, stop and plan beside the pages that
# delete), seven (bank, four for the drift, the native toolchains' pages, the JVM's,
# .NET's and the mobile tools' pages, the web's and Node's pages, and the images', packages'
# and task runners' pages, which also draw the pages that configure, clean, list, install,
# serve and test beside the pages that build), seven (portal, four for the drift, the
# web's and JavaScript's generators' pages, the application frameworks' and the mobile
# apps', the languages' package and build tools', and the infrastructure's, the docs
# sites' and the pipelines', which also draw the pages that build, serve, test, install,
# list and deploy beside the pages that generate), seven (browser, three for the drift,
# the sampling and counting profilers' pages, the system and kernel tracers', and the
# instrumenting profilers', the memory checkers' and the user-space tracers', which also
# draw the pages that list, read, replay, debug and run beside the pages that profile and
# trace, the profilers' and tracers' pages being few) and seven (dubbing, three for the
# drift, the language models' runners', servers' and clients' pages, the speech
# recognisers', speech synthesisers' and OCR engines' pages, and the image models', the
# training launchers' and the model hubs' pages, which also draw the pages that list, show,
# pull, configure and ask hosted models beside the pages that run models, the model
# runners' pages being few) where the
# default user has one or two, so a larger share (1.3-1.5 % of calls
# each; mobile's, embedded's, qa's, gamedev's, robotics' and bioinfo's 2.5 %, dba's, hpc's and
# macadmin's 2.8 %, agency's, netsec's and homelab's 2.3 %, legal's and newsroom's 2.1 %, web3's
# 3 %, since the mobile CLIs', the flashing tools', the migration tools', the schedulers', the
# certificate tools', the chain tools', the security tools', the backup tools', the Mac
# administration tools', the process and test tools', the game studio's tools' and version-control
# history pages, the robot lab's hardware and capture tools' pages, the genomics lab's cluster, log
# and permission tools' pages, the law firm's mail, chat, metadata and disk tools' pages and the
# news desk's viewers', scrapers' and publishing tools' pages are few and mostly build, serve, list,
# generate, query, configure or read, or aim at hosts out of the netsec user's scope).
_USERS_WRITTEN_APART: dict[str, tuple[Any, float, tuple[str, ...], type[PhasedUser]]] = {
    "heldout": (HELDOUT_FOCUS, 0.12, HELDOUT_HOME_FILES, HeldOutUser),
    "ops": (OPS_FOCUS, 0.16, OPS_HOME_FILES, OpsUser),
    "mlds": (MLDS_FOCUS, 0.18, MLDS_HOME_FILES, MldsUser),
    "webfin": (WEBFIN_FOCUS, 0.18, WEBFIN_HOME_FILES, WebfinUser),
    "mobile": (MOBILE_FOCUS, 0.25, MOBILE_HOME_FILES, MobileUser),
    "embedded": (EMBEDDED_FOCUS, 0.25, EMBEDDED_HOME_FILES, EmbeddedUser),
    "dba": (DBA_FOCUS, 0.25, DBA_HOME_FILES, DbaUser),
    "hpc": (HPC_FOCUS, 0.25, HPC_HOME_FILES, HpcUser),
    "agency": (AGENCY_FOCUS, 0.25, AGENCY_HOME_FILES, AgencyUser),
    "web3": (WEB3_FOCUS, 0.25, WEB3_HOME_FILES, Web3User),
    "netsec": (NETSEC_FOCUS, 0.25, NETSEC_HOME_FILES, NetsecUser),
    "homelab": (HOMELAB_FOCUS, 0.25, HOMELAB_HOME_FILES, HomelabUser),
    "macadmin": (MACADMIN_FOCUS, 0.25, MACADMIN_HOME_FILES, MacadminUser),
    "qa": (QA_FOCUS, 0.25, QA_HOME_FILES, QaUser),
    "gamedev": (GAMEDEV_FOCUS, 0.25, GAMEDEV_HOME_FILES, GamedevUser),
    "robotics": (ROBOTICS_FOCUS, 0.25, ROBOTICS_HOME_FILES, RoboticsUser),
    "bioinfo": (BIOINFO_FOCUS, 0.25, BIOINFO_HOME_FILES, BioinfoUser),
    "legal": (LEGAL_FOCUS, 0.25, LEGAL_HOME_FILES, LegalUser),
    "newsroom": (NEWSROOM_FOCUS, 0.25, NEWSROOM_HOME_FILES, NewsroomUser),
    "civic": (CIVIC_FOCUS, 0.25, CIVIC_HOME_FILES, CivicUser),
    "clinical": (CLINICAL_FOCUS, 0.25, CLINICAL_HOME_FILES, ClinicalUser),
    "support": (SUPPORT_FOCUS, 0.25, SUPPORT_HOME_FILES, SupportUser),
    "cdn": (CDN_FOCUS, 0.25, CDN_HOME_FILES, CdnUser),
    "telco": (TELCO_FOCUS, 0.25, TELCO_HOME_FILES, TelcoUser),
    "k12": (K12_FOCUS, 0.25, K12_HOME_FILES, K12User),
    "grid": (GRID_FOCUS, 0.25, GRID_HOME_FILES, GridUser),
    "pharma": (PHARMA_FOCUS, 0.25, PHARMA_HOME_FILES, PharmaUser),
    "taxprep": (TAXPREP_FOCUS, 0.25, TAXPREP_HOME_FILES, TaxprepUser),
    "avionics": (AVIONICS_FOCUS, 0.25, AVIONICS_HOME_FILES, AvionicsUser),
    "warehouse": (WAREHOUSE_FOCUS, 0.25, WAREHOUSE_HOME_FILES, WarehouseUser),
    "radio": (RADIO_FOCUS, 0.25, RADIO_HOME_FILES, RadioUser),
    "orchard": (ORCHARD_FOCUS, 0.25, ORCHARD_HOME_FILES, OrchardUser),
    "library": (LIBRARY_FOCUS, 0.25, LIBRARY_HOME_FILES, LibraryUser),
    "museum": (MUSEUM_FOCUS, 0.25, MUSEUM_HOME_FILES, MuseumUser),
    "court": (COURT_FOCUS, 0.25, COURT_HOME_FILES, CourtUser),
    "brokerage": (BROKERAGE_FOCUS, 0.25, BROKERAGE_HOME_FILES, BrokerageUser),
    "transit": (TRANSIT_FOCUS, 0.25, TRANSIT_HOME_FILES, TransitUser),
    "casino": (CASINO_FOCUS, 0.25, CASINO_HOME_FILES, CasinoUser),
    "seismic": (SEISMIC_FOCUS, 0.25, SEISMIC_HOME_FILES, SeismicUser),
    "ground": (GROUND_FOCUS, 0.25, GROUND_HOME_FILES, GroundUser),
    "water": (WATER_FOCUS, 0.25, WATER_HOME_FILES, WaterUser),
    "claims": (CLAIMS_FOCUS, 0.25, CLAIMS_HOME_FILES, ClaimsUser),
    "vfx": (VFX_FOCUS, 0.25, VFX_HOME_FILES, VfxUser),
    "relief": (RELIEF_FOCUS, 0.25, RELIEF_HOME_FILES, ReliefUser),
    "maritime": (MARITIME_FOCUS, 0.25, MARITIME_HOME_FILES, MaritimeUser),
    "esp": (ESP_FOCUS, 0.25, ESP_HOME_FILES, EspUser),
    "finops": (FINOPS_FOCUS, 0.25, FINOPS_HOME_FILES, FinopsUser),
    "bank": (BANK_FOCUS, 0.25, BANK_HOME_FILES, BankUser),
    "portal": (PORTAL_FOCUS, 0.25, PORTAL_HOME_FILES, PortalUser),
    "browser": (BROWSER_FOCUS, 0.25, BROWSER_HOME_FILES, BrowserUser),
    "dubbing": (DUBBING_FOCUS, 0.25, DUBBING_HOME_FILES, DubbingUser),
}


def stream_and_user(config: GateBenchConfig
                    ) -> tuple[list[StreamCall], Oracle]:
    """The stream of calls and the simulated user that ``config`` describes."""
    apart = _USERS_WRITTEN_APART.get(config.user)
    if apart is not None:
        focus_groups, focus_rate, home_files, oracle = apart
        stream_config = GateStreamConfig(
            n_calls=config.calls, seed=config.seed, data_dir=config.data_dir,
            focus_groups=focus_groups, focus_rate=focus_rate, home_files=home_files,
            descriptions=config.descriptions)
        return generate_stream(stream_config), oracle()
    user = SimulatedUser(UserConfig(drift=config.drift, also_refuse=config.also_refuse,
                                    also_allow=config.also_allow))
    focus = (DRIFTS[config.drift] or ("docker",),
             *(EXTRA_PREFERENCES[e] for e in config.also_refuse),
             *(PERMISSIONS[p] for p in config.also_allow))
    stream_config = GateStreamConfig(n_calls=config.calls, seed=config.seed,
                                     data_dir=config.data_dir, focus_groups=focus,
                                     descriptions=config.descriptions)
    return generate_stream(stream_config), user


def estimate_seconds(config: GateBenchConfig) -> float:
    """The benchmark's duration on 2 cores, from the parts of one run at the defaults
    (10 min 11 s): the stream ~36 ms a call through the service, a fuzzed request ~3.3 ms,
    a server plus a worker kill ~9 s, the latency probes and the rest ~3 min.

    >>> round(estimate_seconds(GateBenchConfig()) / 60)
    10
    """
    return (0.036 * config.calls + 0.0033 * config.attack_fuzz + 9.1 * config.attack_kills
            + 190.0 * config.latency_samples / 500)


def run_gate_benchmark(config: GateBenchConfig | None = None, console: Any = None
                       ) -> list[dict[str, Any]]:
    """Run the whole benchmark; print the table and the JSON lines; return the JSON rows."""
    import httpx
    from rich.console import Console

    config = config or GateBenchConfig()
    console = console or Console(stderr=True)
    out = Path(config.out)
    out.mkdir(parents=True, exist_ok=True)
    console.print(f"gate: {config.calls} calls through the service, latency probes, "
                  f"{config.attack_fuzz} fuzzed requests, {config.attack_kills} server and "
                  f"worker kills; estimate {estimate_seconds(config) / 60:.0f} min on 2 cores")
    calls, user = stream_and_user(config)
    drift_at = int(config.drift_fraction * len(calls))
    baselines: list[Any] = [AlwaysAsk(), RiverLogReg()]
    missing = bash_classify_available()
    if missing is None:
        baselines.append(BashClassify())
    else:
        console.print(f"[yellow]bash-classify baseline unavailable:[/] {missing}")
    with _tempdir() as tmp, GateServer(tmp / "gate", config.port,
                                       config.server_start_timeout_s,
                                       config.gate_config) as server, \
            httpx.Client(base_url=server.url, timeout=60, headers=server.headers) as client:
        console.print(f"gate service at {server.url} (data in {tmp / 'gate'})")
        ours = _Ours(client)
        logs = _replay(config, calls, user, ours, baselines, console)
        latency = _latency(config, client, user, ours, server.url)
        bad = _bad_input(client, server, ours, calls[0].cwd)
        final_stats = client.get("/v1/gate/stats").json()
        attacks = run_attacks(server.url, server.data_dir, server.token,
                              fuzz=config.attack_fuzz, kills=config.attack_kills,
                              seed=config.seed, alive=server.alive, console=console)
    summaries = [_summary(name, records, config, drift_at, calls)
                 for name, records in logs.items()]
    _write_mistakes(logs["neuroplast"], calls, config, out)
    summaries[0]["service_stats"] = final_stats
    if missing is not None:
        summaries.append({"benchmark": "gate", "system": "bash-classify",
                          "unavailable": missing})
    plots = _plot(logs, config, drift_at, out)
    rows = [*summaries, latency, bad, attacks]
    for row in rows:
        row["plots"] = plots
    console.print(_table(summaries, latency))
    console.print(attack_table(attacks))
    lines = [json.dumps(row, sort_keys=True) for row in rows]
    for line in lines:
        print(line, flush=True)
    atomic_write_text(out / "gate.jsonl", "\n".join(lines) + "\n")
    return rows
