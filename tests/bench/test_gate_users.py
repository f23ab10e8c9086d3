"""What the ops, mlds, webfin, mobile, embedded, dba, hpc, agency, web3, netsec, homelab,
macadmin, qa, gamedev, robotics, bioinfo, legal, newsroom, civic, clinical, support, cdn, telco,
k12, grid, pharma, taxprep, avionics, warehouse, radio, orchard, library, museum, court,
brokerage, transit, casino, seismic, ground, water, claims, vfx, relief, maritime, esp,
finops, bank, portal, browser and dubbing users share: the harness selects each by name and
keeps its own preferences and drift, the CLI offers each, and each module's profile command
prints one JSON line per seed (``gate_oracle.profile_main``)."""

from __future__ import annotations

import json
from collections.abc import Callable
from types import ModuleType

import pytest
from typer.testing import CliRunner

from neuroplast.errors import ConfigError
from neuroplast_bench import (
    gate_eighteenth_user,
    gate_eighth_user,
    gate_eleventh_user,
    gate_fifteenth_user,
    gate_fifth_user,
    gate_fiftieth_user,
    gate_fifty_first_user,
    gate_fifty_second_user,
    gate_fortieth_user,
    gate_forty_eighth_user,
    gate_forty_fifth_user,
    gate_forty_first_user,
    gate_forty_fourth_user,
    gate_forty_ninth_user,
    gate_forty_second_user,
    gate_forty_seventh_user,
    gate_forty_sixth_user,
    gate_forty_third_user,
    gate_fourteenth_user,
    gate_fourth_user,
    gate_nineteenth_user,
    gate_ninth_user,
    gate_seventeenth_user,
    gate_seventh_user,
    gate_sixteenth_user,
    gate_sixth_user,
    gate_tenth_user,
    gate_third_user,
    gate_thirteenth_user,
    gate_thirtieth_user,
    gate_thirty_eighth_user,
    gate_thirty_fifth_user,
    gate_thirty_first_user,
    gate_thirty_fourth_user,
    gate_thirty_ninth_user,
    gate_thirty_second_user,
    gate_thirty_seventh_user,
    gate_thirty_sixth_user,
    gate_thirty_third_user,
    gate_twelfth_user,
    gate_twentieth_user,
    gate_twenty_eighth_user,
    gate_twenty_fifth_user,
    gate_twenty_first_user,
    gate_twenty_fourth_user,
    gate_twenty_ninth_user,
    gate_twenty_second_user,
    gate_twenty_seventh_user,
    gate_twenty_sixth_user,
    gate_twenty_third_user,
)
from neuroplast_bench.gate import GateBenchConfig

# user kind: (its module, its drift, the seeds its profile command is run on in a test)
USERS: dict[str, tuple[ModuleType, str, tuple[int, int]]] = {
    "ops": (gate_third_user, gate_third_user.OPS_DRIFT, (200, 201)),
    "mlds": (gate_fourth_user, gate_fourth_user.MLDS_DRIFT, (300, 301)),
    "webfin": (gate_fifth_user, gate_fifth_user.WEBFIN_DRIFT, (400, 401)),
    "mobile": (gate_sixth_user, gate_sixth_user.MOBILE_DRIFT, (500, 501)),
    "embedded": (gate_seventh_user, gate_seventh_user.EMBEDDED_DRIFT, (700, 701)),
    "dba": (gate_eighth_user, gate_eighth_user.DBA_DRIFT, (800, 801)),
    "hpc": (gate_ninth_user, gate_ninth_user.HPC_DRIFT, (900, 901)),
    "agency": (gate_tenth_user, gate_tenth_user.AGENCY_DRIFT, (1000, 1001)),
    "web3": (gate_eleventh_user, gate_eleventh_user.WEB3_DRIFT, (1100, 1101)),
    "netsec": (gate_twelfth_user, gate_twelfth_user.NETSEC_DRIFT, (1200, 1201)),
    "homelab": (gate_thirteenth_user, gate_thirteenth_user.HOMELAB_DRIFT, (1300, 1301)),
    "macadmin": (gate_fourteenth_user, gate_fourteenth_user.MACADMIN_DRIFT, (1400, 1401)),
    "qa": (gate_fifteenth_user, gate_fifteenth_user.QA_DRIFT, (1500, 1501)),
    "gamedev": (gate_sixteenth_user, gate_sixteenth_user.GAMEDEV_DRIFT, (1600, 1601)),
    "robotics": (gate_seventeenth_user, gate_seventeenth_user.ROBOTICS_DRIFT, (1700, 1701)),
    "bioinfo": (gate_eighteenth_user, gate_eighteenth_user.BIOINFO_DRIFT, (1800, 1801)),
    "legal": (gate_nineteenth_user, gate_nineteenth_user.LEGAL_DRIFT, (1900, 1901)),
    "newsroom": (gate_twentieth_user, gate_twentieth_user.NEWSROOM_DRIFT, (2000, 2001)),
    "civic": (gate_twenty_first_user, gate_twenty_first_user.CIVIC_DRIFT, (2100, 2101)),
    "clinical": (gate_twenty_second_user, gate_twenty_second_user.CLINICAL_DRIFT, (2200, 2201)),
    "support": (gate_twenty_third_user, gate_twenty_third_user.SUPPORT_DRIFT, (2300, 2301)),
    "cdn": (gate_twenty_fourth_user, gate_twenty_fourth_user.CDN_DRIFT, (2400, 2401)),
    "telco": (gate_twenty_fifth_user, gate_twenty_fifth_user.TELCO_DRIFT, (2500, 2501)),
    "k12": (gate_twenty_sixth_user, gate_twenty_sixth_user.K12_DRIFT, (2600, 2601)),
    "grid": (gate_twenty_seventh_user, gate_twenty_seventh_user.GRID_DRIFT, (2700, 2701)),
    "pharma": (gate_twenty_eighth_user, gate_twenty_eighth_user.PHARMA_DRIFT, (2800, 2801)),
    "taxprep": (gate_twenty_ninth_user, gate_twenty_ninth_user.TAXPREP_DRIFT, (2900, 2901)),
    "avionics": (gate_thirtieth_user, gate_thirtieth_user.AVIONICS_DRIFT, (3000, 3001)),
    "warehouse": (gate_thirty_first_user, gate_thirty_first_user.WAREHOUSE_DRIFT, (3100, 3101)),
    "radio": (gate_thirty_second_user, gate_thirty_second_user.RADIO_DRIFT, (3200, 3201)),
    "orchard": (gate_thirty_third_user, gate_thirty_third_user.ORCHARD_DRIFT, (3300, 3301)),
    "library": (gate_thirty_fourth_user, gate_thirty_fourth_user.LIBRARY_DRIFT, (3400, 3401)),
    "museum": (gate_thirty_fifth_user, gate_thirty_fifth_user.MUSEUM_DRIFT, (3500, 3501)),
    "court": (gate_thirty_sixth_user, gate_thirty_sixth_user.COURT_DRIFT, (3600, 3601)),
    "brokerage": (gate_thirty_seventh_user, gate_thirty_seventh_user.BROKERAGE_DRIFT,
                  (3700, 3701)),
    "transit": (gate_thirty_eighth_user, gate_thirty_eighth_user.TRANSIT_DRIFT, (3800, 3801)),
    "casino": (gate_thirty_ninth_user, gate_thirty_ninth_user.CASINO_DRIFT, (3900, 3901)),
    "seismic": (gate_fortieth_user, gate_fortieth_user.SEISMIC_DRIFT, (4000, 4001)),
    "ground": (gate_forty_first_user, gate_forty_first_user.GROUND_DRIFT, (4100, 4101)),
    "water": (gate_forty_second_user, gate_forty_second_user.WATER_DRIFT, (4200, 4201)),
    "claims": (gate_forty_third_user, gate_forty_third_user.CLAIMS_DRIFT, (4300, 4301)),
    "vfx": (gate_forty_fourth_user, gate_forty_fourth_user.VFX_DRIFT, (4400, 4401)),
    "relief": (gate_forty_fifth_user, gate_forty_fifth_user.RELIEF_DRIFT, (4500, 4501)),
    "maritime": (gate_forty_sixth_user, gate_forty_sixth_user.MARITIME_DRIFT, (4600, 4601)),
    "esp": (gate_forty_seventh_user, gate_forty_seventh_user.ESP_DRIFT, (4700, 4701)),
    "finops": (gate_forty_eighth_user, gate_forty_eighth_user.FINOPS_DRIFT, (4800, 4801)),
    "bank": (gate_forty_ninth_user, gate_forty_ninth_user.BANK_DRIFT, (4900, 4901)),
    "portal": (gate_fiftieth_user, gate_fiftieth_user.PORTAL_DRIFT, (5000, 5001)),
    "browser": (gate_fifty_first_user, gate_fifty_first_user.BROWSER_DRIFT, (5100, 5101)),
    "dubbing": (gate_fifty_second_user, gate_fifty_second_user.DUBBING_DRIFT, (5200, 5201)),
}


@pytest.mark.parametrize("kind", USERS)
def test_config_selects_and_checks_the_user(kind: str) -> None:
    assert GateBenchConfig(user=kind).drift_kind == USERS[kind][1]  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match=f"{kind} user has its own preferences and drift"):
        GateBenchConfig(user=kind, drift="refuse_publish")  # type: ignore[arg-type]
    for other in ({"also_refuse": ("rm",)}, {"also_allow": ("sudo",)}):
        with pytest.raises(ConfigError, match="own preferences and drift"):
            GateBenchConfig(user=kind, **other)  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="use one of 'default', 'heldout', " + ", ".join(
            repr(kind) for kind in USERS)):
        GateBenchConfig(user="nobody")  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", USERS)
def test_cli_offers_the_user(kind: str) -> None:
    from neuroplast_bench.cli import bench_app

    result = CliRunner().invoke(bench_app, ["gate", "--help"], terminal_width=200)
    assert result.exit_code == 0
    assert kind in result.output
    result = CliRunner().invoke(bench_app, ["gate", "--user", kind, "--drift", "none",
                                            "--calls", "10", "--warmup", "0"])
    assert result.exit_code != 0
    assert f"{kind} user has its own preferences" in str(result.exception)


@pytest.mark.parametrize("kind", USERS)
def test_the_profile_command_prints_one_line_per_seed(kind: str,
                                                      capsys: pytest.CaptureFixture[str]
                                                      ) -> None:
    module, _, seeds = USERS[kind]
    main: Callable[[list[str]], None] = module.main
    main(["400", *map(str, seeds)])
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["seed"] for line in lines] == list(seeds)
    assert all(line["calls"] == 400 and line["refused"] > 0 for line in lines)
    with pytest.raises(SystemExit, match=f"usage: python -m {module.__name__} CALLS"):
        main([])


def test_the_ops_profile_command_needs_a_seed() -> None:
    # the other users' commands fall back to their DEFAULT_SEEDS; ops has never had any
    with pytest.raises(SystemExit, match=r"CALLS SEED\.\.\.$"):
        gate_third_user.main(["400"])
